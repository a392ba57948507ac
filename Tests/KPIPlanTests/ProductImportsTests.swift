// The shipped code imports FoundationEssentials, not the whole of Foundation: full Foundation
// links ICU and CoreFoundation into `kpi` (80 MB instead of 30 MB) and slows every start.

import Foundation
import KPITestSupport
import Testing

@Suite struct ProductImportsTests {
    static let fallback = "#if canImport(FoundationEssentials)\nimport FoundationEssentials\n#else\nimport Foundation\n#endif\n"

    @Test func productCodeImportsFoundationOnlyAsAFallback() throws {
        let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path)
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("KPITestSupport/") }
        #expect(files.count > 40)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let imports = text.components(separatedBy: "\n").filter { $0.hasPrefix("import Foundation") }.count
            let fallbacks = text.components(separatedBy: Self.fallback).count - 1
            // Every `import Foundation` is the `#else` of the block above, which imports the essentials.
            #expect(imports == 2 * fallbacks, "\(file) imports Foundation outside the fallback block")
        }
    }
}

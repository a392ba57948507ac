// Every rule has a one-line summary (the SARIF rules' descriptions), and a section in
// docs/language.md that the SARIF rules link to.

import Foundation
import KPIPlan
import KPITestSupport
import Testing

@Suite struct DiagnosticSummaryTests {
    @Test(arguments: DiagnosticCode.allCases)
    func everyCodeHasASummaryAndASection(_ code: DiagnosticCode) throws {
        #expect(code.summary != code.rawValue, "no summary for \(code.rawValue)")
        #expect(code.summary.hasSuffix("."))
        let spec = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        #expect(spec.contains("\n### \(code.rawValue)\n"))
    }
}

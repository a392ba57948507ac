// Golden files: each `Golden/NAME.kpi` is parsed and its tree dump (`SyntaxTree.debugDescription()`)
// compared with `Golden/NAME.tree`. Run with `UPDATE_GOLDEN=1 swift test` to rewrite the `.tree`
// files after an intended change, then review the diff. The files are read from the source folder
// (found through `#filePath`), not from bundle resources.

import Foundation
import KPISyntax
import KPITestSupport
import Testing

enum Golden {
    static let folder: URL = {
        let here = URL(fileURLWithPath: #filePath)
        for candidate in [here, here.resolvingSymlinksInPath()] {
            let folder = candidate.deletingLastPathComponent().appendingPathComponent("Golden")
            if FileManager.default.fileExists(atPath: folder.path) { return folder }
        }
        return here.deletingLastPathComponent().appendingPathComponent("Golden")
    }()

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".kpi") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func input(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name + ".kpi")))
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }
}

@Suite struct GoldenTests {
    @Test func thereAreGoldenFiles() {
        // The inputs the suite promises: keep these when adding more.
        let expected: Set = [
            "acme", "blank-lines", "comments", "crlf", "field-without-value", "kpi-without-id",
            "list-items", "quarter-entries", "stray-indent", "tabs", "unicode", "unquoted-title", "unterminated",
        ]
        #expect(expected.isSubset(of: Set(Golden.names)), "missing golden inputs in \(Golden.folder.path)")
    }

    @Test(arguments: Golden.names)
    func treeMatchesGolden(_ name: String) throws {
        let bytes = try Golden.input(name)
        let tree = Parser.parse(bytes: bytes)
        let dump = tree.debugDescription()
        let treeURL = Golden.folder.appendingPathComponent(name + ".tree")
        if Golden.updating {
            try Data(dump.utf8).write(to: treeURL)
        }
        let golden = try #require(
            try? String(contentsOf: treeURL, encoding: .utf8),
            "no \(name).tree: run `UPDATE_GOLDEN=1 swift test` to create it")
        #expect(dump == golden, "the tree of \(name).kpi differs from \(name).tree: run `UPDATE_GOLDEN=1 swift test` and review the diff")
        #expect(tree.printed() == bytes)
    }

    @Test func acmeGoldenIsTheExample() throws {
        #expect(try Golden.input("acme") == Array(Fixtures.example("acme.kpi").utf8))
    }
}

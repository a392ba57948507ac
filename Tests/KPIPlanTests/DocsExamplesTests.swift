// Keeps docs/language.md true: every diagnostic code has a `### code` section whose example
// (a ```kpi block after `<!-- triggers: CODE -->`) reports that code, with the output lines the
// document shows for it; the complete example is examples/acme.kpi byte for byte; and the metric
// catalog table is `MetricCatalog.all`.
//
// Conventions in the document: a ```kpi block after `<!-- triggers: CODE -->` is checked as
// `doc.kpi`; ```kpi blocks after `<!-- file: NAME -->` in the same `###` section are the other
// files beside it; the first ```text block after a checked block lists output lines
// (`path:line:col: severity: message [code]`) that must be among its diagnostics. A `use` of a file
// that is not in the section is unreadable with "no such file", as `kpi check` reports it.

import Foundation
import KPIFiles
import KPIPlan
import Testing

struct DocsExamplesTests {
    /// A fenced block of the document, with the HTML comment right before it and its `###` section.
    struct Block {
        var info: String  // what follows the opening ```
        var tag: String?  // "triggers: split-mismatch", "file: team.kpi", …
        var section: String?  // the first word of the last `### ` heading above it
        var text: String
        var line: Int  // 1-based line of the opening fence
    }

    static let docURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/language.md")

    static let document: String = (try? String(contentsOf: docURL, encoding: .utf8)) ?? ""

    static let blocks: [Block] = {
        var result: [Block] = []
        var section: String?
        var previous: String?
        var lines = document.components(separatedBy: "\n")[...]
        var number = 0
        while let line = lines.popFirst() {
            number += 1
            if line.hasPrefix("### ") {
                section = line.dropFirst(4).split(separator: " ").first.map(String.init)
            }
            if line.hasPrefix("```") {
                let info = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                var body: [String] = []
                let start = number
                while let inner = lines.popFirst() {
                    number += 1
                    if inner.hasPrefix("```") { break }
                    body.append(inner)
                }
                var tag: String?
                if let previous, previous.hasPrefix("<!--"), previous.hasSuffix("-->") {
                    tag = previous.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
                }
                result.append(Block(info: info, tag: tag, section: section, text: body.joined(separator: "\n") + "\n", line: start))
                previous = nil
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { previous = line }
        }
        return result
    }()

    static func tagged(_ prefix: String) -> [(value: String, index: Int)] {
        blocks.indices.compactMap { index in
            guard blocks[index].info == "kpi", let tag = blocks[index].tag, tag.hasPrefix(prefix) else { return nil }
            return (tag.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces), index)
        }
    }

    /// The output lines shown for a block: the first ```text block after it, in the same section.
    static func expectedOutput(after index: Int) -> [String] {
        for next in blocks[(index + 1)...] {
            if next.section != blocks[index].section { return [] }
            if next.info == "kpi", next.tag?.hasPrefix("triggers:") == true { return [] }
            if next.info == "text" {
                return next.text.split(separator: "\n").map(String.init).filter { $0.hasSuffix("]") }
            }
        }
        return []
    }

    /// Diagnostics of `path` in a workspace of `files`, printed the way `kpi check` prints them.
    static func check(_ path: String, files: [String: String]) -> [String] {
        var workspace = Workspace(files: files.map { PlanFile(path: $0.key, text: $0.value) })
        for missing in workspace.missingUses { workspace.unreadable[missing] = PlanFiles.ReadError.notFound.description }
        let analysis = workspace.analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        let lines = workspace.files[path]!.tree.lines
        return analysis.diagnostics(for: path).map { d in
            let position = lines.position(of: d.range.lowerBound)
            return "\(path):\(position.line + 1):\(position.column + 1): \(d.severity.name): \(d.message) [\(d.code.rawValue)]"
        }
    }

    @Test func documentIsFound() {
        #expect(!Self.document.isEmpty, "cannot read \(Self.docURL.path)")
    }

    @Test func everyCodeHasAHeadingAndAnExample() {
        let headings = Set(Self.document.components(separatedBy: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) })
        let examples = Set(Self.tagged("triggers:").map(\.value))
        for code in DiagnosticCode.allCases {
            #expect(headings.contains(code.rawValue), "docs/language.md has no `### \(code.rawValue)` heading")
            #expect(examples.contains(code.rawValue), "docs/language.md has no `<!-- triggers: \(code.rawValue) -->` example")
        }
        for code in examples {
            #expect(DiagnosticCode(rawValue: code) != nil, "`<!-- triggers: \(code) -->` names no diagnostic code")
        }
    }

    @Test(arguments: DiagnosticCode.allCases)
    func exampleReportsItsCode(_ code: DiagnosticCode) {
        for (_, index) in Self.tagged("triggers:").filter({ $0.value == code.rawValue }) {
            let block = Self.blocks[index]
            var files = ["doc.kpi": block.text]
            for (name, other) in Self.tagged("file:") where Self.blocks[other].section == block.section {
                files[name] = Self.blocks[other].text
            }
            let output = Self.check("doc.kpi", files: files)
            #expect(
                output.contains { $0.hasSuffix("[\(code.rawValue)]") },
                "the example at docs/language.md:\(block.line) does not report \(code.rawValue); it reports:\n\(output.joined(separator: "\n"))"
            )
            for expected in Self.expectedOutput(after: index) {
                #expect(
                    output.contains(expected),
                    "docs/language.md shows a line the example at line \(block.line) does not print:\n\(expected)\nit prints:\n\(output.joined(separator: "\n"))"
                )
            }
        }
    }

    /// The complete example is the file it names, and reports what the document shows.
    @Test func completeExampleIsTheExampleFile() throws {
        let examples = Self.tagged("example:")
        #expect(!examples.isEmpty)
        for (path, index) in examples {
            let root = Self.docURL.deletingLastPathComponent().deletingLastPathComponent()
            let file = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            #expect(Self.blocks[index].text == file, "the block at docs/language.md:\(Self.blocks[index].line) is not \(path)")
            let output = Self.check(path, files: [path: file])
            for expected in Self.expectedOutput(after: index) {
                #expect(output.contains(expected), "\(path) does not print:\n\(expected)\nit prints:\n\(output.joined(separator: "\n"))")
            }
        }
    }

    /// The metric catalog table, as the document must show it.
    static func catalogTable() -> String {
        var out = "| Metric | Aliases | Category | Unit | Direction | Bounds |\n| :-- | :-- | :-- | :-- | :-- | :-- |\n"
        for metric in MetricCatalog.all {
            let aliases = metric.aliases.isEmpty ? "—" : metric.aliases.map { "`\($0)`" }.joined(separator: ", ")
            out +=
                "| \(metric.name) | \(aliases) | \(metric.kind.rawValue) | \(metric.unit.rawValue) | \(metric.direction.rawValue) | \(metric.bounds.described(metric.unit) ?? "none") |\n"
        }
        return out
    }

    @Test func metricCatalogTableMatchesTheCatalog() throws {
        let parts = Self.document.components(separatedBy: "<!-- metric-catalog -->\n")
        try #require(parts.count == 2, "docs/language.md needs one `<!-- metric-catalog -->` marker")
        let table = try #require(parts[1].components(separatedBy: "<!-- /metric-catalog -->").first)
        #expect(table == Self.catalogTable(), "regenerate the table from MetricCatalog.all:\n\(Self.catalogTable())")
    }
}

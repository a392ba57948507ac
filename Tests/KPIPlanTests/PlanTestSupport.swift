// Helpers shared by the plan tests: building workspaces from texts, and asserting diagnostics.

import Foundation
import KPIPlan
import KPITestSupport
import Testing

/// "Today" for every test that does not set its own: the as-of date of the examples.
let fixedToday = Day(year: 2027, month: 7, day: 15)!

/// Where test plans live; `use "other.kpi"` from `mainPath` names `plans/other.kpi`.
let mainPath = "plans/main.kpi"
func planPath(_ name: String) -> String { "plans/" + name }

func day(_ text: String) -> Day {
    let parts = text.split(separator: "-").map { Int($0)! }
    return Day(year: parts[0], month: parts[1], day: parts[2])!
}

/// A workspace of texts, keyed by path.
func workspace(_ files: [String: String], unreadable: [String: String] = [:]) -> Workspace {
    var workspace = Workspace(files: files.map { PlanFile(path: $0.key, text: $0.value) })
    workspace.unreadable = unreadable
    return workspace
}

func analysis(
    _ files: [String: String], unreadable: [String: String] = [:],
    options: AnalysisOptions = AnalysisOptions(today: fixedToday)
) -> Analysis {
    workspace(files, unreadable: unreadable).analysis(options)
}

/// The analysis of one example file (with the files it uses), by file name.
func exampleAnalysis(_ names: String..., options: AnalysisOptions = AnalysisOptions(today: fixedToday)) -> Analysis {
    analysis(Dictionary(uniqueKeysWithValues: names.map { ("examples/" + $0, Fixtures.example($0)) }), options: options)
}

extension Analysis {
    /// The KPI with an id (the first, when several files define it).
    func ref(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> KPIRef {
        try #require(kpis(withID: id).first, "no KPI `\(id)`", sourceLocation: sourceLocation)
    }
}

/// Asserts that `plan` (with the offending text marked `⟦…⟧`), as `plans/main.kpi` beside `others`
/// (file name → text), reports `code` on exactly the marked range with a message containing `message`.
/// Returns that diagnostic.
@discardableResult
func check(
    _ plan: String, _ code: DiagnosticCode, message: String, others: [String: String] = [:],
    unreadable: [String: String] = [:], options: AnalysisOptions = AnalysisOptions(today: fixedToday),
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Diagnostic {
    let marked = try Markers.extract(plan)
    var files = [mainPath: marked.text]
    for (name, text) in others { files[planPath(name)] = text }
    let diagnostics = analysis(
        files, unreadable: Dictionary(uniqueKeysWithValues: unreadable.map { (planPath($0.key), $0.value) }),
        options: options
    ).diagnostics(for: mainPath)
    let ofCode = diagnostics.filter { $0.code == code }
    let describe = { (d: Diagnostic) in
        "\(d.code.rawValue) @\(d.range) `\(marked.text(of: d.range.clamped(to: 0..<marked.bytes.count)))`: \(d.message)"
    }
    let found = try #require(
        ofCode.first { $0.range == marked.range },
        "no \(code.rawValue) on `\(marked.text(of: marked.range))` \(marked.range); found:\n\(diagnostics.map(describe).joined(separator: "\n"))",
        sourceLocation: sourceLocation)
    #expect(found.message.contains(message), "message: \(found.message)", sourceLocation: sourceLocation)
    #expect(found.severity == (options.severities[code] ?? code.defaultSeverity), sourceLocation: sourceLocation)
    #expect(found.path == mainPath, sourceLocation: sourceLocation)
    return found
}

/// Asserts that `plan` as `plans/main.kpi` reports no `code`.
func checkSilent(
    _ plan: String, _ code: DiagnosticCode, others: [String: String] = [:], unreadable: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let marked = try Markers.extract(plan)
    var files = [mainPath: marked.text]
    for (name, text) in others { files[planPath(name)] = text }
    let diagnostics = analysis(files, unreadable: Dictionary(uniqueKeysWithValues: unreadable.map { (planPath($0.key), $0.value) }))
        .diagnostics(for: mainPath)
    #expect(
        !diagnostics.contains { $0.code == code },
        "\(code.rawValue) reported: \(diagnostics.filter { $0.code == code }.map(\.message))", sourceLocation: sourceLocation)
}

/// A fresh temporary folder with `files` (name → text) in it.
func temporaryFolder(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-plan-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    return folder
}

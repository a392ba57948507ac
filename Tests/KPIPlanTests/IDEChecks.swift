// One check per editor feature: ask the model in process at the fixture's cursor, render the whole
// answer as readable text and compare it with the expectation written beside the call
// (`UPDATE_EXPECT=1` rewrites it; see `Expect.swift` in KPITestSupport).

import KPIPlan
import KPITestSupport
import Testing

/// The hover at `1️⃣`: its range, then its markdown.
func checkHover(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let cursor = try plan.cursor()
    let actual = plan.analysis.hover(at: cursor.offset, in: cursor.path).map {
        "hover " + plan.location(cursor.path, $0.range) + "\n" + visibleTrailingSpaces(withoutFinalNewline($0.markdown))
    }
    expected.assert(actual ?? "no hover", sourceLocation: sourceLocation)
}

/// The completion list at `1️⃣` in the order an editor shows it (by sort text, then label): the text
/// the entries replace, then one entry a line, `kind label — detail ⇒ "inserted text"` (the
/// inserted text only when it is not the label; `⏎` for a line break).
func checkCompletion(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let cursor = try plan.cursor()
    let entries = plan.analysis.completions(at: cursor.offset, in: cursor.path)
    guard let first = entries.first else { return expected.assert("no completions", sourceLocation: sourceLocation) }
    let shown = entries.enumerated().sorted {
        ($0.element.sortText ?? $0.element.label, $0.offset) < ($1.element.sortText ?? $1.element.label, $1.offset)
    }
    var lines = ["replacing " + plan.location(cursor.path, first.replaceRange) + (first.isPartOfIncompleteList ? " (incomplete list)" : "")]
    for entry in shown.map(\.element) {
        var line = "\(entry.kind) \(entry.label)"
        if let detail = entry.detail { line += " — " + detail }
        if entry.insertText != entry.label { line += " ⇒ \"" + entry.insertText.replacing("\n", with: "⏎") + "\"" }
        if entry.replaceRange != first.replaceRange { line += " replacing " + plan.location(cursor.path, entry.replaceRange) }
        lines.append(line)
    }
    expected.assert(lines.joined(separator: "\n"), sourceLocation: sourceLocation)
}

/// Where go-to-definition at `1️⃣` leads, one location a line.
func checkDefinition(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let cursor = try plan.cursor()
    let targets = plan.analysis.definition(at: cursor.offset, in: cursor.path).map { plan.location($0.path, $0.range) }
    expected.assert(targets.isEmpty ? "no definition" : targets.joined(separator: "\n"), sourceLocation: sourceLocation)
}

/// Every mention of the KPI at `1️⃣` across files (references with the declaration), then the
/// highlights of its file, definitions marked.
func checkReferences(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let cursor = try plan.cursor()
    let references = plan.analysis.references(at: cursor.offset, in: cursor.path, includeDeclaration: true)
    let highlights = plan.analysis.highlights(at: cursor.offset, in: cursor.path)
    let lines =
        ["references:"] + references.map { "  " + plan.location($0.path, $0.range) } + ["highlights:"]
        + highlights.map { "  " + plan.location(cursor.path, $0.range) + ($0.isDefinition ? " (definition)" : "") }
    expected.assert(lines.joined(separator: "\n"), sourceLocation: sourceLocation)
}

/// Renaming the KPI at `1️⃣` to `newID`: the range a rename would change (or why none), then every
/// file the rename edits, after the edits (or why it is refused).
func checkRename(_ fixture: String, to newID: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let cursor = try plan.cursor()
    let range =
        switch plan.analysis.renameRange(at: cursor.offset, in: cursor.path) {
        case .success(let found): "renames " + plan.location(cursor.path, found.range) + " (`\(found.id)`)"
        case .failure(let error): "no rename here: \(error)"
        }
    let result =
        switch plan.analysis.rename(at: cursor.offset, in: cursor.path, to: newID) {
        case .success(let edits): plan.edited(edits)
        case .failure(let error): "refused: \(error)"
        }
    expected.assert(range + "\n" + result, sourceLocation: sourceLocation)
}

/// The code actions for the selection `⟦…⟧` (or the line of `1️⃣`): each as `[kind] title`
/// (`preferred` when it is the one to apply), the diagnostic it fixes, and the files after its edits.
func checkCodeActions(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let selection = try plan.selection()
    let actions = plan.analysis.codeActions(in: selection.path, range: selection.range)
    let rendered = actions.map { action in
        var head = "[\(action.kind.rawValue)\(action.isPreferred ? ", preferred" : "")] \(action.title)"
        if let diagnostic = action.diagnostic {
            head += "\n  fixes \(diagnostic.code.rawValue) at " + plan.location(diagnostic.path, diagnostic.range)
        }
        return head + "\n" + plan.edited(action.edits)
    }
    expected.assert(rendered.isEmpty ? "no code actions" : rendered.joined(separator: "\n\n"), sourceLocation: sourceLocation)
}

/// The inlay hints of the first file, inlined as `⟨label⟩` where the editor shows them, then their
/// tooltips, one a line.
func checkInlayHints(_ fixture: String, _ expected: ExpectedText, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let plan = try IDEFixture(fixture)
    let path = planPath(plan.files[0].name)
    var bytes = Array(plan.text(path).utf8)
    let notes = plan.analysis.inlayNotes(of: path, in: 0..<bytes.count)
    for note in notes.sorted(by: { $0.offset > $1.offset }) { bytes.insert(contentsOf: Array("⟨\(note.label)⟩".utf8), at: note.offset) }
    let tooltips = notes.compactMap { note in note.tooltip.map { "⟨\(note.label)⟩ " + $0 } }
    let actual =
        withoutFinalNewline(String(decoding: bytes, as: UTF8.self)) + (tooltips.isEmpty ? "" : "\n---\n" + tooltips.joined(separator: "\n"))
    expected.assert(actual, sourceLocation: sourceLocation)
}

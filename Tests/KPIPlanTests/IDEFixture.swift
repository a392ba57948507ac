// Plans for the editor-feature tests, written inline: one or more files, each after a
// `//- /name.kpi` header (a single file needs none and is `main.kpi`), with the cursor marked `1️⃣`
// (and more positions `2️⃣`…, or a selection `⟦…⟧`) as `Markers` reads them. The files are analysed
// in process as `plans/<name>`, and answers are rendered as plain text a reader can check:
// locations as `main.kpi:3:5-3:12 "text"` (1-based lines and columns, columns in characters).

import KPIPlan
import KPITestSupport
import Testing

struct IDEFixture {
    /// The files in the order written: name (as in the header) and marked text.
    let files: [(name: String, marked: MarkedText)]
    let analysis: Analysis

    init(_ fixture: String, options: AnalysisOptions = AnalysisOptions(today: fixedToday)) throws {
        var sections: [(name: String, lines: [Substring])] = []
        for line in fixture.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("//- /") {
                sections.append((String(line.dropFirst(5)), []))
            } else if sections.isEmpty {
                sections.append(("main.kpi", [line]))
            } else {
                sections[sections.count - 1].lines.append(line)
            }
        }
        // Each file ends with one line break, as saved files do.
        files = try sections.map { section in
            let text = section.lines.joined(separator: "\n")
            return (section.name, try Markers.extract(text.hasSuffix("\n") ? text : text + "\n"))
        }
        let numbers = files.flatMap { $0.marked.positions.keys }
        #expect(Set(numbers).count == numbers.count, "a position marker is used in two files")
        analysis = KPIPlanTests.analysis(
            Dictionary(uniqueKeysWithValues: files.map { (planPath($0.name), $0.marked.text) }), options: options)
    }

    /// The path and offset of position marker `n` (1 for `1️⃣`).
    func cursor(_ n: Int = 1) throws -> (path: String, offset: Int) {
        let file = try #require(files.first { $0.marked.positions[n] != nil }, "no position marker \(n)")
        return (planPath(file.name), file.marked[n])
    }

    /// The `⟦…⟧` range, or the cursor as an empty range.
    func selection() throws -> (path: String, range: Range<Int>) {
        if let file = files.first(where: { !$0.marked.ranges.isEmpty }) { return (planPath(file.name), file.marked.range) }
        let cursor = try cursor()
        return (cursor.path, cursor.offset..<cursor.offset)
    }

    /// The text of a file by its path.
    func text(_ path: String) -> String {
        files.first { planPath($0.name) == path }?.marked.text ?? ""
    }

    /// `main.kpi:3:5-3:12 "text"`.
    func location(_ path: String, _ range: Range<Int>) -> String {
        let bytes = Array(text(path).utf8)
        func lineColumn(_ offset: Int) -> String {
            let before = bytes[..<min(offset, bytes.count)]
            let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            return "\(line):\(String(decoding: before[lineStart...], as: UTF8.self).count + 1)"
        }
        let clamped = range.clamped(to: 0..<bytes.count)
        return
            "\(shortName(path)):\(lineColumn(range.lowerBound))-\(lineColumn(range.upperBound)) \"\(String(decoding: bytes[clamped], as: UTF8.self))\""
    }

    func shortName(_ path: String) -> String { path.hasPrefix("plans/") ? String(path.dropFirst(6)) : path }

    /// The files the edits touch, each after a `//- /name` header, with the edits applied.
    func edited(_ edits: [PlanEdit]) -> String {
        var paths: [String] = []
        for edit in edits where !paths.contains(edit.path) { paths.append(edit.path) }
        return paths.map { path in
            var bytes = Array(text(path).utf8)
            for edit in edits.filter({ $0.path == path }).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
            }
            return "//- /\(shortName(path))\n" + withoutFinalNewline(String(decoding: bytes, as: UTF8.self))
        }.joined(separator: "\n")
    }
}

/// A text without its last newline, so that an expectation does not end with an empty line.
func withoutFinalNewline(_ text: String) -> String {
    text.hasSuffix("\n") ? String(text.dropLast()) : text
}

/// Trailing spaces shown as `·` (markdown's hard line break is two of them), so that an
/// expectation holds no invisible text an editor would strip.
func visibleTrailingSpaces(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        let kept = line.reversed().drop { $0 == " " }.count
        return line.prefix(kept) + String(repeating: "·", count: line.count - kept)
    }.joined(separator: "\n")
}

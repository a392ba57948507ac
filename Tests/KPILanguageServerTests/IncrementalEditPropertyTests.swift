// Property: whatever incremental edits a client sends, the server ends up with the same text as
// the client, and what it publishes for that text is what a fresh server publishes for it.
// Drives the real `kpi lsp`: opens the acme example (plus a line with `€`, `—` and emoji), sends
// a seeded stream of random `didChange`s — ranges at any character boundary in UTF-16 positions,
// single- and multi-line, some past the end of a line or of the file (which clamp), several
// changes per notification, hovers interleaved — all pipelined without waiting; then compares
// the last diagnostics it published, its document symbols and its semantic tokens with those of a
// fresh server that opens the final text. Deterministic: the same seed gives the same edits.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct IncrementalEditPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3]
    static let editsPerSeed = 120

    /// A second file that uses the edited one: children of its KPIs (a split's parts, a deadline after
    /// the parent's), so its findings point into the edited file and must follow every edit there.
    static let teamURI = "file:///kpi-incremental-property/team.kpi"
    static let team = """
        use "plan.kpi"

        kpi team-upsell "Upsell — €"
          parent: extra-revenue
          contributes: +$250
          owner: Zoë
          deadline: 2028-06-30

        kpi team-leads "More leads 🚀"
          parent: inbound-leads
          owner: Ana
          baseline: 200/month at 2026-12-31
          target: +30% by 2027-12-31

        kpi team-orphan
          parent: mrrr
          owner: Bo

        """

    @Test("incremental edits give what a fresh analysis of the final text gives", arguments: seeds)
    func incrementalEditsMatchFreshAnalysis(seed: UInt64) throws {
        let uri = "file:///kpi-incremental-property/plan.kpi"
        let initial =
            Fixtures.example("acme.kpi") + "\nkpi unicode \"Grow € — 🚀 revenue\"\n  parent: mrr\n  owner: Zoë 👩‍💼\n  contributes: +€5\n"
        var model = TextModel(initial)
        var random = SplitMix64(seed: seed)

        let edited = try LSPTestClient(timeout: 30)
        try edited.initialize()
        edited.open(uri: uri, text: initial, version: 1)
        edited.open(uri: Self.teamURI, text: Self.team, version: 1)
        var version = 1
        var burst: [UInt8] = []
        var log: [String] = []  // the edits, to reproduce a failure
        for step in 0..<Self.editsPerSeed {
            version += 1
            var changes: [TextDocumentContentChangeEvent] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let (range, text) = model.randomEdit(using: &random)
                model.replace(range, with: text)
                changes.append(TextDocumentContentChangeEvent(range: range, text: text))
                log.append(
                    "v\(version) \(range.start.line):\(range.start.character)-\(range.end.line):\(range.end.character) \(text.debugDescription)"
                )
            }
            burst += try edited.notificationMessage(
                DidChangeTextDocumentNotification.self,
                DidChangeTextDocumentParams(
                    textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version), contentChanges: changes))
            if step % 20 == 19 {  // a request now and then, so some edits are handled between answers
                let position = model.randomPosition(using: &random)
                burst += try edited.requestMessage(
                    id: edited.makeID(), method: HoverRequest.method,
                    params: TextDocumentPositionParams(
                        textDocument: TextDocumentIdentifier(uri: uri), position: position))
            }
        }
        edited.write(burst)
        // Every message sent so far is handled before this is answered; diagnostics follow right after.
        _ = try edited.workspaceSymbols("")
        let incremental = try settledDiagnostics(edited, uri)
        let incrementalTeam = try settledDiagnostics(edited, Self.teamURI)
        let incrementalSymbols = try edited.documentSymbols(uri)
        let incrementalTokens = try edited.semanticTokens(uri)?.data

        let fresh = try LSPTestClient(timeout: 30)
        try fresh.initialize()
        fresh.open(uri: uri, text: model.text, version: 1)
        fresh.open(uri: Self.teamURI, text: Self.team, version: 1)
        _ = try fresh.workspaceSymbols("")
        let expected = try settledDiagnostics(fresh, uri)
        let expectedTeam = try settledDiagnostics(fresh, Self.teamURI)
        let freshSymbols = try fresh.documentSymbols(uri)
        let freshTokens = try fresh.semanticTokens(uri)?.data

        let context =
            "seed \(seed), \(log.count) changes in \(version - 1) notifications; last changes:\n"
            + log.suffix(8).joined(separator: "\n") + "\nfinal text:\n" + model.text
        #expect(
            incremental == expected, "published diagnostics differ from a fresh server's: \(describe(incremental, expected))\n\(context)")
        #expect(
            incrementalTeam == expectedTeam,
            "the other file's diagnostics differ from a fresh server's: \(describe(incrementalTeam, expectedTeam))\n\(context)")
        #expect(incrementalSymbols == freshSymbols, "document symbols differ from a fresh server's\n\(context)")
        #expect(incrementalTokens == freshTokens, "semantic tokens differ from a fresh server's\n\(context)")
        for client in [edited, fresh] {
            try client.shutdown()
            client.exit()
            #expect(try client.waitForExit() == 0)
        }
    }

    /// Keystrokes (one character typed or deleted, or a comment line added), each handled on its
    /// own as an editor sends them: the edits that re-read one KPI block and move every other
    /// finding, in the edited file and in the file whose findings point into it. Every 8 keystrokes
    /// both files' diagnostics are compared with a fresh server's.
    @Test("keystrokes give what a fresh analysis gives, at every checkpoint", arguments: [UInt64(11), 12])
    func keystrokesMatchFreshAnalysis(seed: UInt64) throws {
        let uri = "file:///kpi-incremental-property/plan.kpi"
        var model = TextModel(Fixtures.example("acme.kpi"))
        var random = SplitMix64(seed: seed)
        let edited = try LSPTestClient(timeout: 30)
        try edited.initialize()
        edited.open(uri: uri, text: model.text, version: 1)
        edited.open(uri: Self.teamURI, text: Self.team, version: 1)
        var log: [String] = []
        for version in 2...41 {
            let roll = Int.random(in: 0..<10, using: &random)
            let position = model.randomPosition(using: &random)
            let range: LSPRange
            let text: String
            if roll < 5 {
                range = LSPRange(at: position)
                text = ["x", "€", "—", "🚀", "1", " "][Int.random(in: 0..<6, using: &random)]
            } else if roll < 8 {
                range = LSPRange(start: position, end: Position(line: position.line, character: position.character + 1))
                text = ""
            } else {
                range = LSPRange(at: Position(line: position.line, character: 0))
                text = "  # note — 🚀\n"
            }
            model.replace(range, with: text)
            log.append(
                "v\(version) \(range.start.line):\(range.start.character)-\(range.end.line):\(range.end.character) \(text.debugDescription)"
            )
            edited.change(uri: uri, version: version, range: range, text: text)
            _ = try edited.workspaceSymbols("")  // handled, and its diagnostics pass run, before the next keystroke
            guard version % 8 == 1 else { continue }
            let fresh = try LSPTestClient(timeout: 30)
            try fresh.initialize()
            fresh.open(uri: uri, text: model.text, version: 1)
            fresh.open(uri: Self.teamURI, text: Self.team, version: 1)
            _ = try fresh.workspaceSymbols("")
            let context = "seed \(seed), after:\n" + log.suffix(8).joined(separator: "\n") + "\nfinal text:\n" + model.text
            for document in [uri, Self.teamURI] {
                let got = try settledDiagnostics(edited, document)
                let expected = try settledDiagnostics(fresh, document)
                #expect(got == expected, "\(document): \(describe(got, expected))\n\(context)")
            }
            try fresh.shutdown()
            fresh.exit()
            _ = try fresh.waitForExit()
        }
        try edited.shutdown()
        edited.exit()
        #expect(try edited.waitForExit() == 0)
    }

    /// The last diagnostics published for `uri` once the server is idle: after the last request was
    /// answered, the server publishes (when its queue is empty) and then stays quiet.
    private func settledDiagnostics(_ client: LSPTestClient, _ uri: DocumentURI) throws -> [Diagnostic] {
        var count = -1
        var quiet = 0
        let deadline = Date().addingTimeInterval(10)
        while quiet < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let now = client.publishedDiagnostics(uri).count
            quiet = now == count ? quiet + 1 : 0
            count = now
        }
        guard let latest = client.latestDiagnostics(uri) else {
            throw LSPTestClient.Failure("no diagnostics were published for \(uri)")
        }
        return latest.diagnostics
    }

    private func describe(_ got: [Diagnostic], _ expected: [Diagnostic]) -> String {
        let missing = expected.filter { !got.contains($0) }.prefix(3).map { "\($0.range) \($0.code ?? "") \($0.message)" }
        let extra = got.filter { !expected.contains($0) }.prefix(3).map { "\($0.range) \($0.code ?? "") \($0.message)" }
        return "\(got.count) vs \(expected.count); missing \(missing); unexpected \(extra)"
    }
}

/// The client's copy of the document, in UTF-16 code units, with the server's position rules:
/// lines end at "\n" (a "\r" before it is not part of the line), a column past the end of a line
/// is its end, a line past the end is the end of the file, a column inside a surrogate pair is
/// the pair's start.
private struct TextModel {
    var units: [UInt16]

    init(_ text: String) { units = Array(text.utf16) }

    var text: String { String(decoding: units, as: UTF16.self) }

    var lineStarts: [Int] {
        var starts = [0]
        for (index, unit) in units.enumerated() where unit == 0x0A { starts.append(index + 1) }
        return starts
    }

    func lineEnd(_ line: Int, _ starts: [Int]) -> Int {
        guard line + 1 < starts.count else { return units.count }
        var end = starts[line + 1] - 1
        if end > starts[line] && units[end - 1] == 0x0D { end -= 1 }
        return end
    }

    func offset(_ position: Position) -> Int {
        let starts = lineStarts
        guard position.line >= 0 else { return 0 }
        guard position.line < starts.count else { return units.count }
        let start = starts[position.line]
        var offset = min(start + max(0, position.character), lineEnd(position.line, starts))
        if offset > start, offset < units.count, UTF16.isTrailSurrogate(units[offset]), UTF16.isLeadSurrogate(units[offset - 1]) {
            offset -= 1
        }
        return offset
    }

    mutating func replace(_ range: LSPRange, with text: String) {
        let a = offset(range.start)
        let b = offset(range.end)
        units.replaceSubrange(min(a, b)..<max(a, b), with: Array(text.utf16))
    }

    /// A position at a character boundary (on `line` when given); now and then one past the end of
    /// its line or of the file.
    func randomPosition(on chosenLine: Int? = nil, using random: inout SplitMix64) -> Position {
        let starts = lineStarts
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 2 && chosenLine == nil {
            return Position(line: starts.count + Int.random(in: 0...5, using: &random), character: Int.random(in: 0...9, using: &random))
        }
        let line = chosenLine.map { min($0, starts.count - 1) } ?? Int.random(in: 0..<starts.count, using: &random)
        let start = starts[line]
        let end = lineEnd(line, starts)
        if roll < 7 { return Position(line: line, character: end - start + Int.random(in: 1...20, using: &random)) }
        var boundaries: [Int] = []
        var index = start
        while index <= end {
            boundaries.append(index - start)
            if index == end { break }
            index += UTF16.isLeadSurrogate(units[index]) && index + 1 < end ? 2 : 1
        }
        return Position(line: line, character: boundaries[Int.random(in: 0..<boundaries.count, using: &random)])
    }

    static let snippets = [
        "€", "—", "🚀", "👩‍💼", "é", "x", "1", " ", "  ", "\n", "\r\n", ":", "\"", "- ", "#", "# note — 🚀",
        "kpi new-id \"New € goal\"\n  top-level\n", "parent: mrr", "  owner: Zoë\n", "$1,500", "+20% by FY2027",
        "target: ", "\n  contributes: +$100\n", "€1.5M/month", "2027-Q3", "",
        "\nkpi more \"More — 🚀\"\n  parent: extra-revenue\n  owner: Ana\n  baseline: 40/month at 2026-12-31\n  target: +25% by 2027-Q3\n",
        "\n  actuals:\n    2027-03-31: $131K\n    2027-Q2: €1,100\n",
    ]

    /// A range (empty for an insertion, on one line or across lines) and the text to put there.
    func randomEdit(using random: inout SplitMix64) -> (LSPRange, String) {
        let start = randomPosition(using: &random)
        var end = start
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5: break  // an insertion
        case 5..<9:  // a range on the same line
            let other = randomPosition(on: start.line, using: &random)
            end = offset(other) >= offset(start) ? other : start
        default:  // a range over a line or two
            let other = randomPosition(on: start.line + Int.random(in: 1...2, using: &random), using: &random)
            end = offset(other) >= offset(start) ? other : start
        }
        let text = Self.snippets[Int.random(in: 0..<Self.snippets.count, using: &random)]
        return (LSPRange(start: start, end: end), text)
    }
}

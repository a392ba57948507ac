// Positions in both encodings: UTF-16 by default, UTF-8 when the client offers it. The plan has
// lines with `€`, `—` and an emoji (two UTF-16 units, four UTF-8 bytes) before the tokens that
// hovers, definitions, diagnostics and an incremental edit talk about.

import KPISyntax
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct PositionEncodingTests {
    static let plan = """
        plan "Prix € — 🚀"
          as-of: 2027-07-15

        kpi größe-été "Grow € — 🚀 revenue" ⟦junk⟧
          top-level
          metric: MRR
          owner: € — 🚀 Sales ⟦te1️⃣am⟧
          baseline: $125K at 2026-12-31
          target: +20% by 2027-Q3
          actions:
            - Go € — 🚀 now

        kpi child "€ — 🚀"
          parent: ⟦größe-été2️⃣⟧
          owner: X
          metric: MRR
          baseline: $1K at 2026-12-31
          target: +5% by 2027-Q3
          actions:
            - 🚀

        """

    static let definitionTarget = try! Markers.extract(plan.replacingOccurrences(of: "kpi größe-été", with: "kpi ⟦größe-été⟧"))

    struct Encoding: NamedCase {
        var name: String
        var offered: [PositionEncodingKind]?
        var expected: PositionEncodingKind
        var columns: ColumnEncoding
    }

    static let encodings = [
        Encoding(name: "UTF-16 by default", offered: nil, expected: .utf16, columns: .utf16),
        Encoding(name: "UTF-16 when offered only that", offered: [.utf16], expected: .utf16, columns: .utf16),
        Encoding(name: "UTF-8 when offered", offered: [.utf8], expected: .utf8, columns: .utf8),
        Encoding(name: "UTF-8 when offered first of several", offered: [.utf8, .utf16], expected: .utf8, columns: .utf8),
    ]

    func start(_ e: Encoding) throws -> (Session, MarkedText, DocumentURI) {
        let session = try Session(capabilities: ClientCapabilities(positionEncodings: e.offered))
        #expect(session.initializeResult.capabilities.positionEncoding == e.expected)
        let marked = try Markers.extract(Self.plan)
        let uri = session.open("plan.kpi", marked.text)
        return (session, marked, uri)
    }

    @Test(arguments: encodings)
    func diagnosticRangesAfterTheEmoji(_ e: Encoding) throws {
        let (session, marked, uri) = try start(e)
        let published = try session.client.waitForDiagnostics(uri)
        let syntax = try #require(published.diagnostics.first { $0.code == "syntax-error" }, "\(describe(published.diagnostics))")
        #expect(syntax.range == marked.lspRange(index: 0, encoding: e.columns))
        // The UTF-16 and UTF-8 columns really differ on that line.
        #expect(marked.lspRange(index: 0, encoding: .utf8) != marked.lspRange(index: 0, encoding: .utf16))
    }

    @Test(arguments: encodings)
    func hoverAfterTheEmoji(_ e: Encoding) throws {
        let (session, marked, uri) = try start(e)
        let hover = try #require(try session.client.hover(uri, at: marked.position(marker: 1, encoding: e.columns)))
        #expect(hover.range == marked.lspRange(index: 1, encoding: e.columns))
        #expect(hover.contents.value.contains("`größe-été` — Grow € — 🚀 revenue"))
    }

    @Test(arguments: encodings)
    func definitionAfterNonASCIILetters(_ e: Encoding) throws {
        let (session, marked, uri) = try start(e)
        let locations = try #require(try session.client.definition(uri, at: marked.position(marker: 2, encoding: e.columns)))
        #expect(locations == [Location(uri: uri, range: Self.definitionTarget.lspRange(index: 0, encoding: e.columns))])
        let highlights = try #require(try session.client.highlights(uri, at: marked.position(marker: 2, encoding: e.columns)))
        #expect(highlights.map(\.range).contains(marked.lspRange(index: 2, encoding: e.columns)))
    }

    @Test(arguments: encodings)
    func anIncrementalEditAfterTheEmoji(_ e: Encoding) throws {
        let (session, marked, uri) = try start(e)
        let client = session.client
        try client.waitForDiagnostics(uri)
        // Replace `team` (after the emoji) with `crew`, and remove `junk` (after the emoji in the title line).
        let since = client.notificationCount
        client.notify(
            DidChangeTextDocumentNotification.self,
            DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: uri, version: 2),
                contentChanges: [
                    TextDocumentContentChangeEvent(range: marked.lspRange(index: 1, encoding: e.columns), text: "crew"),
                    TextDocumentContentChangeEvent(
                        range: LSPRange(
                            start: Position(line: 3, character: marked.lspRange(index: 0, encoding: e.columns).start.character - 1),
                            end: marked.lspRange(index: 0, encoding: e.columns).end), text: ""),
                ]))
        let after = try client.waitForDiagnostics(uri, since: since)
        #expect(after.version == 2)
        #expect(!after.diagnostics.contains { $0.code == "syntax-error" }, "\(describe(after.diagnostics))")
        // The owner is now exactly `€ — 🚀 Sales crew`, and the title line ends after its string.
        let symbols = try #require(try client.documentSymbols(uri))
        let kpi = try #require(symbols.first?.children?.first)
        #expect(kpi.children?.first { $0.name == "owner" }?.detail == "€ — 🚀 Sales crew")
        // Formatting has nothing to do: the edit left no stray space or broken character.
        #expect(try client.formatting(uri) == [])
        // A hover on the new word has its exact range.
        let crewStart = marked.lspRange(index: 1, encoding: e.columns).start
        let hover = try #require(try client.hover(uri, at: Position(line: crewStart.line, character: crewStart.character + 1)))
        #expect(hover.range == LSPRange(start: crewStart, end: Position(line: crewStart.line, character: crewStart.character + 4)))
    }

    @Test(arguments: encodings)
    func semanticTokensCountInTheEncoding(_ e: Encoding) throws {
        let (session, marked, uri) = try start(e)
        let tokens = try #require(try session.client.semanticTokens(uri))
        let legend = try #require(session.initializeResult.capabilities.semanticTokensProvider?.legend)
        let decoded = decodeTokens(tokens.data, legend: legend)
        let parent = marked.lspRange(index: 2, encoding: e.columns)
        #expect(
            decoded.contains(
                Token(
                    line: parent.start.line, start: parent.start.character, length: parent.end.character - parent.start.character,
                    type: "class", declaration: false)), "\(decoded.filter { $0.line == parent.start.line })")
    }
}

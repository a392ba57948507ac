// What the editor draws over the text: semantic tokens (full, delta after an edit, range),
// inlay hints, code lenses and the `kpi/cascadeTree` tree.

import KPILanguageServer
import KPITestSupport
import LanguageServerProtocol
import Testing

/// One decoded semantic token: absolute line and start, length, type name and whether it is a declaration.
struct Token: Hashable, CustomStringConvertible {
    var line: Int
    var start: Int
    var length: Int
    var type: String
    var declaration: Bool
    var description: String { "\(line):\(start)+\(length) \(type)\(declaration ? " (declaration)" : "")" }
}

/// Decodes LSP's five-integer relative encoding.
func decodeTokens(_ data: [UInt32], legend: SemanticTokensLegend) -> [Token] {
    var tokens: [Token] = []
    var line = 0
    var start = 0
    var index = 0
    while index + 4 < data.count {
        let deltaLine = Int(data[index])
        let deltaStart = Int(data[index + 1])
        line += deltaLine
        start = deltaLine == 0 ? start + deltaStart : deltaStart
        let type = Int(data[index + 3])
        tokens.append(
            Token(
                line: line, start: start, length: Int(data[index + 2]),
                type: type < legend.tokenTypes.count ? legend.tokenTypes[type] : "?\(type)",
                declaration: data[index + 4] & 1 != 0))
        index += 5
    }
    return tokens
}

/// Applies semantic token edits to the previous data.
func applyTokenEdits(_ edits: [SemanticTokensEdit], to data: [UInt32]) -> [UInt32] {
    var result = data
    for edit in edits.sorted(by: { $0.start > $1.start }) {
        result.replaceSubrange(edit.start..<(edit.start + edit.deleteCount), with: edit.data ?? [])
    }
    return result
}

@Suite struct SemanticTokenTests {
    static let plan = """
        plan "P"
          as-of: 2027-07-15

        kpi mrr "Grow MRR" # the goal
          top-level
          perspective: financial
          metric: MRR
          baseline: $125K at 2026-12-31
          target: +20% by 2027-Q3
          actions:
            - Raise prices

        kpi child
          parent: mrr

        """

    func legend(_ session: Session) throws -> SemanticTokensLegend {
        try #require(session.initializeResult.capabilities.semanticTokensProvider?.legend)
    }

    @Test func fullTokensClassifyKeywordsIdsDatesAndValues() throws {
        let session = try Session()
        let uri = session.open("plan.kpi", Self.plan)
        let result = try #require(try session.client.semanticTokens(uri))
        #expect(result.resultId != nil)
        #expect(result.data.count % 5 == 0)
        let tokens = Set(decodeTokens(result.data, legend: try legend(session)))
        let expected = [
            Token(line: 0, start: 0, length: 4, type: "keyword", declaration: false),  // plan
            Token(line: 0, start: 5, length: 3, type: "string", declaration: false),  // "P"
            Token(line: 1, start: 2, length: 5, type: "property", declaration: false),  // as-of
            Token(line: 1, start: 9, length: 10, type: "macro", declaration: false),  // 2027-07-15
            Token(line: 3, start: 0, length: 3, type: "keyword", declaration: false),  // kpi
            Token(line: 3, start: 4, length: 3, type: "class", declaration: true),  // mrr
            Token(line: 3, start: 19, length: 10, type: "comment", declaration: false),  // # the goal
            Token(line: 5, start: 15, length: 9, type: "enumMember", declaration: false),  // financial
            Token(line: 6, start: 10, length: 3, type: "type", declaration: false),  // MRR
            Token(line: 7, start: 12, length: 5, type: "number", declaration: false),  // $125K
            Token(line: 7, start: 21, length: 10, type: "macro", declaration: false),  // 2026-12-31
            Token(line: 8, start: 10, length: 4, type: "number", declaration: false),  // +20%
            Token(line: 8, start: 15, length: 2, type: "operator", declaration: false),  // by
            Token(line: 8, start: 18, length: 7, type: "macro", declaration: false),  // 2027-Q3
            Token(line: 10, start: 4, length: 1, type: "operator", declaration: false),  // -
            Token(line: 13, start: 10, length: 3, type: "class", declaration: false),  // parent: mrr
        ]
        for token in expected {
            #expect(tokens.contains(token), "missing \(token) in \(tokens.sorted { ($0.line, $0.start) < ($1.line, $1.start) })")
        }
        // Tokens never overlap and come in order.
        let ordered = decodeTokens(result.data, legend: try legend(session))
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(a.line < b.line || (a.line == b.line && a.start + a.length <= b.start), "\(a) then \(b)")
        }
    }

    @Test func deltaAfterAnEditGivesTheNewTokens() throws {
        let session = try Session()
        let client = session.client
        let uri = session.open("plan.kpi", Self.plan)
        let first = try #require(try client.semanticTokens(uri))
        // Rename `child` to `a-longer-child`: one token changes length.
        client.change(
            uri: uri, version: 2, range: LSPRange(start: Position(line: 12, character: 4), end: Position(line: 12, character: 9)),
            text: "a-longer-child")
        let firstID = try #require(first.resultId)
        let delta = try #require(try client.semanticTokensDelta(uri, previousResultId: firstID))
        guard case .delta(let edits) = delta else {
            Issue.record("expected edits, got \(delta)")
            return
        }
        #expect(edits.resultId != nil && edits.resultId != first.resultId)
        #expect(edits.edits.count == 1)
        let updated = applyTokenEdits(edits.edits, to: first.data)
        // The same as asking for everything again.
        let full = try #require(try client.semanticTokens(uri))
        #expect(updated == full.data)
        #expect(
            decodeTokens(updated, legend: try legend(session)).contains(
                Token(line: 12, start: 4, length: 14, type: "class", declaration: true)))
        // Nothing changed since: no edits.
        let fullID = try #require(full.resultId)
        let none = try #require(try client.semanticTokensDelta(uri, previousResultId: fullID))
        guard case .delta(let empty) = none else {
            Issue.record("expected edits, got \(none)")
            return
        }
        #expect(empty.edits.isEmpty)
    }

    @Test func deltaForAnUnknownResultGivesAllTokens() throws {
        let session = try Session()
        let uri = session.open("plan.kpi", Self.plan)
        let answer = try #require(try session.client.semanticTokensDelta(uri, previousResultId: "no-such-result"))
        guard case .tokens(let tokens) = answer else {
            Issue.record("expected full tokens, got \(answer)")
            return
        }
        #expect(tokens.data == (try session.client.semanticTokens(uri))?.data)
    }

    @Test func rangeGivesTheTokensOfTheRangeOnly() throws {
        let session = try Session()
        let uri = session.open("plan.kpi", Self.plan)
        let range = try #require(
            try session.client.semanticTokens(
                uri, range: LSPRange(start: Position(line: 6, character: 0), end: Position(line: 8, character: 0))))
        let tokens = decodeTokens(range.data, legend: try legend(session))
        expect(
            """
            6:2+6 property
            6:10+3 type
            7:2+8 property
            7:12+5 number
            7:18+2 operator
            7:21+10 macro
            """
        ).assert(tokens.map { "\($0)" }.joined(separator: "\n"))
    }
}

@Suite struct InlayHintAndLensTests {
    struct HintCase: NamedCase {
        var name: String
        /// A plan with `1️⃣` where the hint goes.
        var plan: String
        var label: String
    }

    @Test(arguments: [
        HintCase(
            name: "a relative target's level", plan: mark(Plans.acme, "target: +20% by FY2027", "target: +20%1️⃣ by FY2027"), label: "= $150K"
        ),
        HintCase(
            name: "a contribution's share", plan: mark(Plans.acme, "contributes: +$300", "contributes: +$3001️⃣"),
            label: "= 20% of extra-revenue"),
        HintCase(name: "a quarter deadline's day", plan: mark(Plans.acme, "by 2027-Q3", "by 2027-Q31️⃣"), label: "= 2027-09-30"),
    ])
    func inlayHint(_ c: HintCase) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session()
        let uri = session.open("acme.kpi", marked.text)
        let hints = try #require(try session.client.inlayHints(uri, range: wholeRange(marked.text)))
        let at = hints.filter { $0.position == marked.position(marker: 1) }
        #expect(at.map(\.label).contains(c.label), "hints there: \(at.map(\.label)); all: \(hints.map { "\($0.position) \($0.label)" })")
    }

    @Test func inlayHintsKeepToTheRequestedRange() throws {
        let session = try Session()
        let text = Plans.acme
        let uri = session.open("acme.kpi", text)
        let all = try #require(try session.client.inlayHints(uri, range: wholeRange(text)))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let contributions = lines.firstIndex { $0.contains("contributes: +$100") }!
        let some = try #require(
            try session.client.inlayHints(
                uri,
                range: LSPRange(start: Position(line: contributions, character: 0), end: Position(line: contributions + 1, character: 0))))
        #expect(some.map(\.label) == ["= 6.7% of extra-revenue"])
        #expect(all.count > some.count)
    }

    @Test func codeLensSummarisesTheSplit() throws {
        let marked = try Markers.extract(
            mark(
                Plans.acme,
                [
                    (
                        "kpi mrr \"Grow monthly recurring revenue 20% this fiscal year\"",
                        "⟦kpi mrr \"Grow monthly recurring revenue 20% this fiscal year\"⟧"
                    ),
                    ("kpi extra-revenue \"Add $1,500 of monthly revenue\"", "⟦kpi extra-revenue \"Add $1,500 of monthly revenue\"⟧"),
                ]))
        let session = try Session()
        let uri = session.open("acme.kpi", marked.text)
        let lenses = try #require(try session.client.codeLenses(uri))
        #expect(lenses.map { $0.command?.title } == ["2 sub-KPIs", "3 sub-KPIs · 100% allocated"])
        #expect(lenses.map(\.range) == [marked.lspRange(index: 0), marked.lspRange(index: 1)])
        let command = try #require(lenses.last?.command)
        #expect(command.command == "editor.action.showReferences")
        #expect(command.arguments?.first == .string(uri))
        let children = try #require(command.arguments?.last?.arrayValue)
        #expect(children.count == 3)
    }

    @Test func codeLensOfAnUnbalancedSplit() throws {
        let text = CodeActionTests.header + CodeActionTests.root + CodeActionTests.split
        let session = try Session()
        let uri = session.open("plan.kpi", text)
        let lenses = try #require(try session.client.codeLenses(uri))
        let titles = lenses.compactMap { $0.command?.title }
        #expect(titles == ["1 sub-KPI", "2 sub-KPIs · 87% allocated"])
    }

    @Test func cascadeTreeHasRootsAndChildrenWithAllocation() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        session.open("acme.kpi", Plans.acme)
        let tree = try session.client.request(CascadeTreeRequest.self, CascadeTreeParams())
        #expect(tree.roots.map(\.id) == ["mrr", "revenue-2031", "revenue", "profit"])
        let mrr = try #require(tree.roots.first)
        #expect(mrr.uri == session.uri("acme.kpi"))
        #expect(mrr.title == "Grow monthly recurring revenue 20% this fiscal year")
        #expect(mrr.allocation == "2 sub-KPIs")
        let lines = Plans.acme.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("kpi mrr ") })
        #expect(
            mrr.range
                == LSPRange(start: Position(line: header, character: 0), end: Position(line: header, character: lines[header].utf16.count)))
        #expect(mrr.children.map(\.id) == ["inbound-leads", "extra-revenue"])
        let extra = try #require(mrr.children.last)
        #expect(extra.allocation == "3 sub-KPIs · 100% allocated")
        #expect(extra.children.map(\.id) == ["price-increase", "repeat-customers", "new-customers"])
        #expect(extra.children.allSatisfy { $0.children.isEmpty && $0.allocation == nil })
        // Across files: the company's revenue has the team's new-logos below it.
        let revenue = try #require(tree.roots.first { $0.id == "revenue" })
        #expect(revenue.uri == session.uri("company.kpi"))
        #expect(revenue.children.map(\.id) == ["new-logos"])
        #expect(revenue.children.first?.uri == session.uri("team.kpi"))
        #expect(revenue.children.first?.children.map(\.id) == ["demos"])
    }

    @Test func cascadeTreeOfOneFile() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        let acme = session.open("acme.kpi", Plans.acme)
        let tree = try session.client.request(CascadeTreeRequest.self, CascadeTreeParams(uri: acme))
        #expect(tree.roots.map(\.id) == ["mrr", "revenue-2031"])
        // A team file whose goals hang from the company plan still shows its own tree.
        let team = try session.client.request(CascadeTreeRequest.self, CascadeTreeParams(uri: session.uri("team.kpi")))
        #expect(team.roots.map(\.id) == ["new-logos"])
        #expect(team.roots.first?.children.map(\.id) == ["demos"])
    }
}

// The features that answer with edits: rename (prepare, across files, invalid ids), code actions
// (did-you-mean, `top-level`, rebalancing a split, missing fields) and formatting (document and
// range). The server never writes files: every answer is checked as edits applied to the text.

import Foundation
import KPIPlan
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct RenameTests {
    @Test func prepareRenameGivesTheIdRangeAndPlaceholder() throws {
        let marked = try Markers.extract(
            mark(Plans.team, [("kpi new-logos", "kpi ⟦new-lo1️⃣gos⟧"), ("  parent: revenue", "  parent: ⟦rev2️⃣enue⟧")]))
        let session = try Session(files: ["company.kpi": Plans.company])
        let uri = session.open("team.kpi", marked.text)
        #expect(
            try session.client.prepareRename(uri, at: marked.position(marker: 1))
                == PrepareRenameResult(range: marked.lspRange(index: 0), placeholder: "new-logos"))
        #expect(
            try session.client.prepareRename(uri, at: marked.position(marker: 2))
                == PrepareRenameResult(range: marked.lspRange(index: 1), placeholder: "revenue"))
    }

    @Test(arguments: [
        ("a field key", mark(Plans.team, "  owner: Head of Sales", "  own1️⃣er: Head of Sales")),
        ("an action", mark(Plans.team, "- Run a partner", "- Run a part1️⃣ner")),
        ("an unknown parent", mark(Plans.team, "  parent: revenue", "  parent: nowh1️⃣ere")),
    ])
    func prepareRenameElsewhereIsNull(_ name: String, _ plan: String) throws {
        let marked = try Markers.extract(plan)
        let session = try Session(files: ["company.kpi": Plans.company])
        let uri = session.open("team.kpi", marked.text)
        #expect(try session.client.prepareRename(uri, at: marked.position(marker: 1)) == nil, "\(name)")
    }

    @Test func renameAcrossTwoFiles() throws {
        let company = try Markers.extract(mark(Plans.company, "kpi revenue ", "kpi rev1️⃣enue "))
        let team = try Markers.extract(Plans.team)
        let session = try Session(files: ["company.kpi": company.text, "team.kpi": team.text], root: true)
        let companyURI = session.open("company.kpi", company.text)
        let edit = try #require(try session.client.rename(companyURI, at: company.position(marker: 1), to: "sales"))
        #expect(Set(edit.changes.keys) == [companyURI, session.uri("team.kpi")])
        #expect(
            edit.changes[companyURI] == [
                TextEdit(range: LSPRange(start: Position(line: 5, character: 4), end: Position(line: 5, character: 11)), newText: "sales")
            ])
        #expect(
            edit.changes[session.uri("team.kpi")] == [
                TextEdit(range: LSPRange(start: Position(line: 8, character: 10), end: Position(line: 8, character: 17)), newText: "sales")
            ])
        // Applied, the texts say `sales` in both places and nothing else changed.
        #expect(
            TextEdits.apply(edit.changes[companyURI]!, to: company.text)
                == company.text.replacingOccurrences(of: "kpi revenue ", with: "kpi sales "))
        #expect(
            TextEdits.apply(edit.changes[session.uri("team.kpi")]!, to: team.text)
                == team.text.replacingOccurrences(of: "parent: revenue", with: "parent: sales"))
    }

    @Test func renameFromAReferenceRenamesTheDeclarationAndEveryChild() throws {
        let acme = Plans.acme
        let marked = try Markers.extract(
            mark(acme, "kpi price-increase\n  parent: extra-revenue", "kpi price-increase\n  parent: extra-reven1️⃣ue"))
        let session = try Session()
        let uri = session.open("acme.kpi", marked.text)
        let edit = try #require(try session.client.rename(uri, at: marked.position(marker: 1), to: "more-revenue"))
        let edits = try #require(edit.changes[uri])
        #expect(edits.count == 4)
        #expect(TextEdits.apply(edits, to: acme) == acme.replacingOccurrences(of: "extra-revenue", with: "more-revenue"))
    }

    @Test(arguments: [
        ("not an id", "9 lives", "is not a valid KPI id"),
        ("a space", "new logos", "is not a valid KPI id"),
        ("taken", "profit", "a KPI `profit` already exists"),
    ])
    func renameToAnInvalidIdIsAnError(_ name: String, _ newName: String, _ message: String) throws {
        let company = try Markers.extract(mark(Plans.company, "kpi revenue ", "kpi rev1️⃣enue "))
        let session = try Session(files: ["team.kpi": Plans.team], root: true)
        let uri = session.open("company.kpi", company.text)
        let error = try session.client.requestError(
            RenameRequest.self,
            RenameParams(
                textDocument: TextDocumentIdentifier(uri: uri), position: company.position(marker: 1), newName: newName))
        #expect(error.code == .requestFailed, "\(name)")
        #expect(error.message.contains(message), "\(name): \(error.message)")
    }
}

@Suite struct CodeActionTests {
    struct Case: NamedCase {
        var name: String
        /// The plan; the request's range is `⟦…⟧` (range 0).
        var plan: String
        var title: String
        var kind: CodeActionKind
        /// The plan after the action's edits, or nil to only check the title.
        var after: String?
        var diagnosticCode: String?
    }

    static let header = "plan \"P\"\n  as-of: 2027-07-15\n\n"
    static let root =
        "kpi mrr \"MRR\"\n  top-level\n  metric: MRR\n  owner: CFO\n  baseline: $125K at 2026-12-31\n  target: +20% by FY2027\n  actions:\n    - Raise prices\n\n"
    static let split = """
        kpi extra "Extra"
          parent: mrr
          metric: revenue
          owner: VP Sales
          baseline: $10,000/month at 2026-12-31
          target: +$1,500 by FY2027
          split: sum
          actions:
            - Review

        kpi a
          parent: extra
          contributes: +$100
          owner: X
          actions:
            - A
        kpi b
          parent: extra
          contributes: +$1,200
          owner: Y
          actions:
            - B

        """

    static let cases: [Case] = [
        Case(
            name: "did you mean, for a misspelt parent",
            plan: header + root + "kpi upsell \"Upsell\"\n  parent: ⟦mr⟧rr\n  owner: CS\n",
            title: "Change to `mrr`", kind: .quickFix,
            after: header + root + "kpi upsell \"Upsell\"\n  parent: mrr\n  owner: CS\n", diagnosticCode: "unknown-parent"),
        Case(
            name: "did you mean, for a misspelt field",
            plan: header + root + "kpi upsell \"Upsell\"\n  parent: mrr\n  ⟦ownr⟧: CS\n",
            title: "Change to `owner`", kind: .quickFix,
            after: header + root + "kpi upsell \"Upsell\"\n  parent: mrr\n  owner: CS\n", diagnosticCode: "unknown-field"),
        Case(
            name: "mark an unaligned KPI top-level",
            plan: header + "kpi ⟦plants⟧ \"Plants\"\n  owner: X\n",
            title: "Mark `plants` as `top-level`", kind: .quickFix,
            after: header + "kpi plants \"Plants\"\n  top-level\n  owner: X\n", diagnosticCode: "unaligned-kpi"),
        Case(
            name: "put the split's remainder on a child",
            plan: header + root + split.replacingOccurrences(of: "  target: +$1,500", with: "  target: ⟦+$1,500⟧"),
            title: "Put the +$200/month remainder on `a` (+$100/month → +$300/month)", kind: .quickFix,
            after: header + root + split.replacingOccurrences(of: "contributes: +$100", with: "contributes: +$300"),
            diagnosticCode: "split-mismatch"),
        Case(
            name: "put the split's remainder on the other child",
            plan: header + root + split.replacingOccurrences(of: "  target: +$1,500", with: "  target: ⟦+$1,500⟧"),
            title: "Put the +$200/month remainder on `b` (+$1,200/month → +$1,400/month)", kind: .quickFix,
            after: header + root + split.replacingOccurrences(of: "contributes: +$1,200", with: "contributes: +$1,400"),
            diagnosticCode: "split-mismatch"),
        Case(
            name: "add the missing fields",
            plan: header + root + "kpi ⟦bare⟧\n  parent: mrr\n",
            title: "Add the missing fields of `bare`", kind: .refactorRewrite,
            after: header + root
                + "kpi bare\n  parent: mrr\n  metric: TODO\n  owner: TODO\n  baseline: TODO at 2027-07-15\n  target: TODO by FY2028\n  actions:\n    - TODO\n"
        ),
    ]

    @Test(arguments: cases)
    func codeAction(_ c: Case) throws {
        try checkCodeAction(c)
    }

    func checkCodeAction(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let published = try session.client.waitForDiagnostics(uri)
        let range = marked.lspRange(index: 0)
        let actions = try #require(
            try session.client.codeActions(uri, range: range, diagnostics: published.diagnostics.filter { $0.range == range }),
            sourceLocation: sourceLocation)
        let action = try #require(
            actions.first { $0.title == c.title }, "no `\(c.title)` in \(actions.map(\.title))", sourceLocation: sourceLocation)
        #expect(action.kind == c.kind, sourceLocation: sourceLocation)
        if let code = c.diagnosticCode {
            #expect(action.diagnostics?.map(\.code) == [code], sourceLocation: sourceLocation)
        }
        let edit = try #require(action.edit, sourceLocation: sourceLocation)
        #expect(Array(edit.changes.keys) == [uri], sourceLocation: sourceLocation)
        if let after = c.after {
            #expect(TextEdits.apply(edit.changes[uri] ?? [], to: marked.text) == after, sourceLocation: sourceLocation)
        }
    }

    /// The children add up to $1,400 of $1,500: the $100 remainder on `a` makes its +$100 +$200.
    @Test func theRebalanceEditIsTheNewContribution() throws {
        let marked = try Markers.extract(
            Self.header + Self.root
                + Self.split
                .replacingOccurrences(of: "  target: +$1,500", with: "  target: ⟦+$1,500⟧")
                .replacingOccurrences(of: "contributes: +$100", with: "contributes: ⟦+$100⟧")
                .replacingOccurrences(of: "contributes: +$1,200", with: "contributes: ⟦+$1,300⟧"))
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let published = try session.client.waitForDiagnostics(uri)
        let mismatch = try #require(published.diagnostics.first { $0.code == "split-mismatch" })
        #expect(mismatch.range == marked.lspRange(index: 0))
        let actions = try #require(try session.client.codeActions(uri, range: marked.lspRange(index: 0), diagnostics: [mismatch]))
        #expect(
            actions.map(\.title) == [
                "Put the +$100/month remainder on `a` (+$100/month → +$200/month)",
                "Put the +$100/month remainder on `b` (+$1,300/month → +$1,400/month)",
            ])
        let onA = try #require(actions.first)
        #expect(onA.edit?.changes[uri] == [TextEdit(range: marked.lspRange(index: 1), newText: "+$200")])
        let onB = try #require(actions.last)
        #expect(onB.edit?.changes[uri] == [TextEdit(range: marked.lspRange(index: 2), newText: "+$1,400")])
        // Applied, the split adds up.
        let fixed = TextEdits.apply(onA.edit?.changes[uri] ?? [], to: marked.text)
        let since = session.client.notificationCount
        session.client.change(uri: uri, version: 2, text: fixed)
        try session.client.waitForDiagnostics(uri, since: since) {
            $0.version == 2 && !$0.diagnostics.contains { $0.code == "split-mismatch" }
        }
    }

    @Test func theDidYouMeanEditReplacesTheMisspeltId() throws {
        let marked = try Markers.extract(Self.header + Self.root + "kpi upsell \"Upsell\"\n  parent: ⟦mrrr⟧\n  owner: CS\n")
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let actions = try #require(try session.client.codeActions(uri, range: LSPRange(at: marked.lspRange(index: 0).start)))
        let fix = try #require(actions.first { $0.title == "Change to `mrr`" })
        #expect(fix.isPreferred == true)
        #expect(fix.edit?.changes[uri] == [TextEdit(range: marked.lspRange(index: 0), newText: "mrr")])
    }

    @Test func onlyFiltersByKind() throws {
        let marked = try Markers.extract(Self.header + "kpi ⟦plants⟧ \"Plants\"\n  owner: X\n")
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let quickFixes = try #require(try session.client.codeActions(uri, range: marked.lspRange(index: 0), only: [.quickFix]))
        #expect(quickFixes.map(\.title) == ["Mark `plants` as `top-level`"])
        #expect(quickFixes.allSatisfy { $0.kind == .quickFix })
        let refactors = try #require(try session.client.codeActions(uri, range: marked.lspRange(index: 0), only: [.refactor]))
        #expect(refactors.map(\.title) == ["Add the missing fields of `plants`"])
    }

    @Test func aUseForAParentDefinedInAnotherFile() throws {
        let marked = try Markers.extract("plan \"Team\"\n  as-of: 2027-07-15\n\nkpi logos\n  parent: ⟦revenue⟧\n  owner: X\n")
        let session = try Session(files: ["company.kpi": Plans.company], root: true)
        let uri = session.open("team.kpi", marked.text)
        let actions = try #require(try session.client.codeActions(uri, range: marked.lspRange(index: 0)))
        let add = try #require(actions.first { $0.title == "Add `use \"company.kpi\"`" }, "\(actions.map(\.title))")
        #expect(
            TextEdits.apply(add.edit?.changes[uri] ?? [], to: marked.text)
                == "plan \"Team\"\n  as-of: 2027-07-15\nuse \"company.kpi\"\n\nkpi logos\n  parent: revenue\n  owner: X\n")
    }
}

@Suite struct FormattingTests {
    static let messy = """
        plan   "Messy"
            currency:   USD
          as-of: 2027-07-15
        kpi  mrr   "Grow"
              top-level
           metric:   MRR
          owner:    CFO     # the CFO
          baseline: $125K   at 2026-12-31
          target: +20%  by FY2027
          actions:
                - Raise   prices
        kpi b
           parent:   mrr
          owner: X

        """

    static func canonical(_ text: String) -> String {
        Formatter.format(PlanFile(path: "plan.kpi", bytes: Array(text.utf8)).tree)
    }

    @Test(arguments: [
        ("a messy plan", messy),
        ("the acme example", Plans.acme),
        ("tabs and CRLF", "plan \"T\"\r\n\tas-of: 2027-07-15\r\nkpi a\r\n\t\ttop-level\r\n"),
        ("non-ASCII before the changes", "plan \"€ — 🚀\"\n    currency:   EUR\nkpi été \"Été — 🚀\"\n      top-level\n"),
        ("an empty file", ""),
    ])
    func formattingGivesTheCanonicalText(_ name: String, _ text: String) throws {
        let session = try Session()
        let uri = session.open("plan.kpi", text)
        let edits = try #require(try session.client.formatting(uri))
        let expected = Self.canonical(text)
        #expect(TextEdits.apply(edits, to: text) == expected, "\(name)")
        if expected == text { #expect(edits.isEmpty, "\(name): edits for an already canonical text") }
        // Formatting the result changes nothing.
        let again = session.open("again.kpi", expected)
        #expect(try session.client.formatting(again) == [])
    }

    @Test func theMessyPlanBecomesExactlyTheCanonicalForm() throws {
        // What `kpi fmt` prints for it, spelled out: the library and the server agree with this.
        let session = try Session()
        let uri = session.open("plan.kpi", Self.messy)
        let formatted = TextEdits.apply(try #require(try session.client.formatting(uri)), to: Self.messy)
        #expect(formatted == Self.canonical(Self.messy))
        let run = try KPIExecutable.run(["fmt", "-"], input: Array(Self.messy.utf8))
        #expect(run.status == 0)
        #expect(run.stdout == formatted)
        expect(
            """
            plan "Messy"
              currency: USD
              as-of: 2027-07-15
            kpi mrr "Grow"
              top-level
              metric: MRR
              owner: CFO     # the CFO
              baseline: $125K at 2026-12-31
              target: +20% by FY2027
              actions:
                - Raise prices
            kpi b
              parent: mrr
              owner: X

            """
        ).assert(formatted)
    }

    @Test func rangeFormattingTouchesOnlyTheSelectedLines() throws {
        let lines = Self.messy.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let canonicalLines = Self.canonical(Self.messy).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == canonicalLines.count, "the canonical form of the messy plan keeps its lines")
        let session = try Session()
        let uri = session.open("plan.kpi", Self.messy)
        // Select lines 12–13 (`   parent:   mrr` and `  owner: X`).
        let edits = try #require(
            try session.client.rangeFormatting(
                uri, range: LSPRange(start: Position(line: 12, character: 0), end: Position(line: 14, character: 0))))
        let result = TextEdits.apply(edits, to: Self.messy).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in result.enumerated() {
            #expect(line == ((12...13).contains(index) ? canonicalLines[index] : lines[index]), "line \(index)")
        }
        for edit in edits {
            #expect(edit.range.start.line >= 12 && edit.range.end.line <= 13, "\(edit.range)")
        }
    }

    @Test func rangeFormattingOfAPartialLineFormatsThatLine() throws {
        let session = try Session()
        let uri = session.open("plan.kpi", Self.messy)
        let edits = try #require(
            try session.client.rangeFormatting(
                uri, range: LSPRange(start: Position(line: 5, character: 4), end: Position(line: 5, character: 6))))
        let canonicalLines = Self.canonical(Self.messy).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = Self.messy.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[5] = canonicalLines[5]
        #expect(TextEdits.apply(edits, to: Self.messy) == lines.joined(separator: "\n"))
    }
}

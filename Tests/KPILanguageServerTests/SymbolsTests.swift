// The outline (plan → KPIs → fields), workspace symbol search and folding ranges.

import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct SymbolsTests {
    @Test func documentSymbolsNestPlanKPIsAndFields() throws {
        let marked = try Markers.extract(
            """
            ⟦plan ⟦"Sales FY2027"⟧
              as-of: 2027-07-15

            ⟦kpi ⟦new-logos⟧ "Win 40 more customers"
              top-level
              ⟦⟦owner⟧: Head of Sales⟧
              ⟦⟦target⟧: +40% by 2027-12-31⟧
            ⟧
            kpi demos
              parent: new-logos
            ⟧
            """)
        let session = try Session()
        let uri = session.open("team.kpi", marked.text)
        let symbols = try #require(try session.client.documentSymbols(uri))
        let plan = try #require(symbols.first)
        #expect(symbols.count == 1)
        #expect(plan.name == "Sales FY2027" && plan.kind == .namespace && plan.detail == "plan")
        #expect(plan.range == marked.lspRange(index: 0))
        #expect(plan.selectionRange == marked.lspRange(index: 1))
        #expect(plan.children?.map(\.name) == ["new-logos", "demos"])
        let kpi = try #require(plan.children?.first)
        #expect(kpi.kind == .class && kpi.detail == "Win 40 more customers")
        #expect(kpi.range == marked.lspRange(index: 2))
        #expect(kpi.selectionRange == marked.lspRange(index: 3))
        #expect(kpi.children?.map(\.name) == ["top-level", "owner", "target"])
        let owner = try #require(kpi.children?.dropFirst().first)
        #expect(owner.kind == .property && owner.detail == "Head of Sales")
        #expect(owner.range == marked.lspRange(index: 4) && owner.selectionRange == marked.lspRange(index: 5))
        let target = try #require(kpi.children?.last)
        #expect(target.detail == "+40% by 2027-12-31")
        #expect(target.range == marked.lspRange(index: 6) && target.selectionRange == marked.lspRange(index: 7))
        #expect(plan.children?.last?.children?.map(\.detail) == ["new-logos"])
    }

    @Test func aFileWithoutAPlanHeaderListsItsKPIs() throws {
        let session = try Session()
        let uri = session.open("bare.kpi", "kpi a\n  top-level\n\nkpi b\n  parent: a\n")
        let symbols = try #require(try session.client.documentSymbols(uri))
        #expect(symbols.map(\.name) == ["a", "b"])
        #expect(symbols.allSatisfy { $0.kind == .class })
    }

    struct SearchCase: NamedCase {
        var name: String
        var query: String
        var ids: [String]
    }

    @Test(arguments: [
        SearchCase(name: "by id", query: "logos", ids: ["new-logos"]),
        SearchCase(name: "letters in order", query: "nwlg", ids: ["new-logos"]),
        SearchCase(name: "by title", query: "operating profit", ids: ["profit"]),
        SearchCase(name: "case-insensitive", query: "DEMOS", ids: ["demos"]),
        SearchCase(name: "across both files", query: "e", ids: ["revenue", "profit", "new-logos", "demos"]),
        SearchCase(name: "no match", query: "zzz", ids: []),
    ])
    func workspaceSymbols(_ c: SearchCase) throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        let symbols = try #require(try session.client.workspaceSymbols(c.query))
        #expect(Set(symbols.map(\.name)) == Set(c.ids))
        #expect(symbols.count == c.ids.count)
        for symbol in symbols {
            #expect(symbol.kind == .class)
            #expect(symbol.location.uri == session.uri(["revenue", "profit"].contains(symbol.name) ? "company.kpi" : "team.kpi"))
        }
        if let newLogos = symbols.first(where: { $0.name == "new-logos" }) {
            #expect(newLogos.containerName == "Win 40 more customers")
            #expect(newLogos.location.range == LSPRange(start: Position(line: 7, character: 4), end: Position(line: 7, character: 13)))
        }
    }

    @Test func foldingRangesCoverBlocksListsAndCommentRuns() throws {
        let text = """
            # A plan
            # with a header comment
            plan "P"
              as-of: 2027-07-15

            kpi a "A"
              top-level
              actions:
                - one
                - two
              owner: X

            kpi b
              parent: a
            """
        let session = try Session()
        let uri = session.open("plan.kpi", text)
        let ranges = try #require(try session.client.foldingRanges(uri))
        #expect(
            ranges == [
                FoldingRange(startLine: 0, endLine: 1, kind: .comment),
                FoldingRange(startLine: 2, endLine: 3, kind: .region),
                FoldingRange(startLine: 5, endLine: 10, kind: .region),
                FoldingRange(startLine: 7, endLine: 9, kind: .region),
                FoldingRange(startLine: 12, endLine: 13, kind: .region),
            ])
    }
}

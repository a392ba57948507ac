// Go to definition, references, highlights and the type hierarchy, within a file and across the
// company and team plans.

import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct NavigationTests {
    /// The two-file workspace with markers: the company plan's `revenue` id is range 0 there.
    static let company = mark(Plans.company, [("kpi revenue ", "kpi ⟦rev2️⃣enue⟧ "), ("kpi profit", "kpi ⟦profit⟧")])

    struct DefinitionCase: NamedCase {
        var name: String
        var plan: String
        var file = "plan.kpi"
        /// The expected target: a file name and the index of a `⟦…⟧` range in `targetPlan`
        /// (nil: the target is the start of the file).
        var targetFile: String
        var targetPlan: String?
        var targetRange: Int?
    }

    static let definitionCases: [DefinitionCase] = [
        DefinitionCase(
            name: "parent in the team file → the company KPI",
            plan: mark(Plans.team, "  parent: revenue", "  parent: rev1️⃣enue"), file: "team.kpi",
            targetFile: "company.kpi", targetPlan: company, targetRange: 0),
        DefinitionCase(
            name: "parent at the end of the id",
            plan: mark(Plans.team, "  parent: revenue", "  parent: revenue1️⃣"), file: "team.kpi",
            targetFile: "company.kpi", targetPlan: company, targetRange: 0),
        DefinitionCase(
            name: "parent in the same file",
            plan: mark(Plans.team, [("kpi new-logos", "kpi ⟦new-logos⟧"), ("  parent: new-logos", "  parent: 1️⃣new-logos")]),
            file: "team.kpi",
            targetFile: "team.kpi", targetPlan: nil, targetRange: 0),
        DefinitionCase(
            name: "use opens the file",
            plan: mark(Plans.team, "use \"company.kpi\"", "use \"comp1️⃣any.kpi\""), file: "team.kpi",
            targetFile: "company.kpi", targetPlan: nil, targetRange: nil),
    ]

    @Test(arguments: definitionCases)
    func definition(_ c: DefinitionCase) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session(files: ["company.kpi": try Markers.extract(Self.company).text])
        let uri = session.open(c.file, marked.text)
        let locations = try #require(try session.client.definition(uri, at: marked.position(marker: 1)))
        var expectedRange = LSPRange(at: Position(line: 0, character: 0))
        if let index = c.targetRange {
            let target = try c.targetPlan.map(Markers.extract) ?? marked
            expectedRange = target.lspRange(index: index)
        }
        #expect(locations == [Location(uri: session.uri(c.targetFile), range: expectedRange)])
    }

    @Test func definitionOfAnUnknownParentIsEmpty() throws {
        let marked = try Markers.extract(mark(Plans.team, "  parent: revenue", "  parent: reven1️⃣ue-x"))
        let session = try Session(files: ["company.kpi": Plans.company])
        let uri = session.open("team.kpi", marked.text)
        #expect(try session.client.definition(uri, at: marked.position(marker: 1)) == [])
    }

    /// References of the company's `revenue`: the team's `parent: revenue`, plus the declaration when asked.
    @Test(arguments: [false, true])
    func referencesAcrossFiles(includeDeclaration: Bool) throws {
        let company = try Markers.extract(Self.company)
        let team = try Markers.extract(mark(Plans.team, "  parent: revenue", "  parent: ⟦revenue⟧"))
        let session = try Session(files: ["company.kpi": company.text, "team.kpi": team.text], root: true)
        let companyURI = session.open("company.kpi", company.text)
        let locations = try #require(
            try session.client.references(companyURI, at: company.position(marker: 2), includeDeclaration: includeDeclaration))
        let child = Location(uri: session.uri("team.kpi"), range: team.lspRange(index: 0))
        let declaration = Location(uri: companyURI, range: company.lspRange(index: 0))
        #expect(locations == (includeDeclaration ? [declaration, child] : [child]))
    }

    @Test func referencesFromAParentReference() throws {
        let marked = try Markers.extract(
            mark(
                Plans.acme,
                [
                    ("kpi extra-revenue", "kpi ⟦extra-revenue⟧"),
                    ("kpi price-increase\n  parent: extra-revenue", "kpi price-increase\n  parent: ⟦extra-1️⃣revenue⟧"),
                    ("kpi repeat-customers\n  parent: extra-revenue", "kpi repeat-customers\n  parent: ⟦extra-revenue⟧"),
                    ("kpi new-customers\n  parent: extra-revenue", "kpi new-customers\n  parent: ⟦extra-revenue⟧"),
                ]))
        let session = try Session()
        let uri = session.open("acme.kpi", marked.text)
        let locations = try #require(try session.client.references(uri, at: marked.position(marker: 1), includeDeclaration: true))
        #expect(locations == (0..<4).map { Location(uri: uri, range: marked.lspRange(index: $0)) })
        let highlights = try #require(try session.client.highlights(uri, at: marked.position(marker: 1)))
        #expect(
            highlights == [DocumentHighlight(range: marked.lspRange(index: 0), kind: .write)]
                + (1..<4).map { DocumentHighlight(range: marked.lspRange(index: $0), kind: .read) })
    }

    @Test func highlightsStayInTheFile() throws {
        let team = try Markers.extract(
            mark(Plans.team, [("kpi new-logos", "kpi ⟦new-1️⃣logos⟧"), ("  parent: new-logos", "  parent: ⟦new-logos⟧")]))
        let session = try Session(files: ["company.kpi": Plans.company])
        let uri = session.open("team.kpi", team.text)
        let highlights = try #require(try session.client.highlights(uri, at: team.position(marker: 1)))
        #expect(
            highlights == [
                DocumentHighlight(range: team.lspRange(index: 0), kind: .write),
                DocumentHighlight(range: team.lspRange(index: 1), kind: .read),
            ])
        // On the company KPI's reference: only the reference in this file.
        let onParent = try Markers.extract(mark(Plans.team, "  parent: revenue", "  parent: ⟦reve1️⃣nue⟧"))
        let uri2 = session.open("team2.kpi", onParent.text)
        let parentHighlights = try #require(try session.client.highlights(uri2, at: onParent.position(marker: 1)))
        #expect(parentHighlights == [DocumentHighlight(range: onParent.lspRange(index: 0), kind: .read)])
    }

    @Test func typeHierarchyWalksUpAndDownAcrossFiles() throws {
        let company = try Markers.extract(mark(Plans.company, "kpi revenue ", "kpi ⟦revenue⟧ "))
        let team = try Markers.extract(
            mark(
                Plans.team,
                [("kpi new-logos", "kpi ⟦new-logos⟧"), ("  owner: Head of Sales", "  owner: Head 1️⃣of Sales"), ("kpi demos", "kpi ⟦demos⟧")])
        )
        let session = try Session(files: ["company.kpi": company.text, "team.kpi": team.text], root: true)
        let teamURI = session.open("team.kpi", team.text)
        let client = session.client
        // Prepared from inside the block (the owner line), not only on the id.
        let items = try #require(try client.prepareTypeHierarchy(teamURI, at: team.position(marker: 1)))
        let item = try #require(items.first)
        #expect(items.count == 1)
        #expect(item.name == "new-logos")
        #expect(item.uri == teamURI)
        #expect(item.selectionRange == team.lspRange(index: 0))
        #expect(item.detail == "Win 40 more customers · 1 sub-KPI")

        let supertypes = try #require(try client.supertypes(item))
        #expect(supertypes.map(\.name) == ["revenue"])
        #expect(supertypes.first?.uri == session.uri("company.kpi"))
        #expect(supertypes.first?.selectionRange == company.lspRange(index: 0))

        let subtypes = try #require(try client.subtypes(item))
        #expect(subtypes.map(\.name) == ["demos"])
        #expect(subtypes.first?.selectionRange == team.lspRange(index: 1))

        // From the company KPI down into the team file.
        let revenue = try #require(supertypes.first)
        let below = try #require(try client.subtypes(revenue))
        #expect(below.map(\.name) == ["new-logos"])
        #expect(below.first?.uri == teamURI)
        // A root goal has no supertypes.
        #expect(try client.supertypes(revenue) == [])
    }

    /// On the `parent:` line, on the id it names too, the item is the KPI whose block it is: its
    /// supertype is that parent (go to parent goal), not the parent's own parent.
    @Test(arguments: ["  parent: new-1️⃣logos", "  par1️⃣ent: new-logos", "  parent: new-logos1️⃣"])
    func typeHierarchyOnTheParentLineIsTheBlocksKPI(_ line: String) throws {
        let team = try Markers.extract(
            mark(Plans.team, [("kpi new-logos", "kpi ⟦new-logos⟧"), ("kpi demos", "kpi ⟦demos⟧"), ("  parent: new-logos", line)]))
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": team.text], root: true)
        let uri = session.open("team.kpi", team.text)
        let items = try #require(try session.client.prepareTypeHierarchy(uri, at: team.position(marker: 1)))
        #expect(items.map(\.name) == ["demos"])
        #expect(items.first?.selectionRange == team.lspRange(index: 1))
        let item = try #require(items.first)
        let supertypes = try #require(try session.client.supertypes(item))
        #expect(supertypes.map(\.name) == ["new-logos"])
        #expect(supertypes.first?.uri == uri)
        #expect(supertypes.first?.selectionRange == team.lspRange(index: 0))
    }

    @Test func typeHierarchyOutsideAnyKPIIsEmpty() throws {
        let marked = try Markers.extract(mark(Plans.acme, "  currency: USD", "  currency: U1️⃣SD"))
        let session = try Session()
        let uri = session.open("acme.kpi", marked.text)
        #expect(try session.client.prepareTypeHierarchy(uri, at: marked.position(marker: 1)) == nil)
    }
}

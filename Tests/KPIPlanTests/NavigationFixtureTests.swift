// Go to definition, references and highlights, in process: where each leads from the cursor `1️⃣`,
// within a file, across files through `use`, and nowhere for what is not a KPI.

import KPITestSupport
import Testing

@Suite struct NavigationFixtureTests {
    static let company = """
        //- /team.kpi
        use "company.kpi"

        kpi new-logos "Win 40 more customers — 🚀"
          parent: revenue
          owner: Head of Sales
        kpi demos
          parent: new-logos
          owner: SDR lead
        //- /company.kpi
        plan "Company €"
        kpi revenue "Grow revenue to $12M"
          top-level
          owner: CEO
        kpi profit
          top-level
          owner: CFO
        """

    @Test func aParentInAnotherFile() throws {
        try checkDefinition(
            Self.company.replacing("parent: revenue", with: "parent: rev1️⃣enue"),
            expect(
                """
                company.kpi:2:5-2:12 "revenue"
                """))
    }

    @Test func aParentAtTheEndOfItsID() throws {
        try checkDefinition(
            Self.company.replacing("parent: revenue", with: "parent: revenue1️⃣"),
            expect(
                """
                company.kpi:2:5-2:12 "revenue"
                """))
    }

    @Test func aParentInTheSameFileAfterNonASCIIText() throws {
        try checkDefinition(
            Self.company.replacing("parent: new-logos", with: "parent: 1️⃣new-logos"),
            expect(
                """
                team.kpi:3:5-3:14 "new-logos"
                """))
    }

    @Test func aKPIsOwnID() throws {
        try checkDefinition(
            Self.company.replacing("kpi profit", with: "kpi pro1️⃣fit"),
            expect(
                """
                company.kpi:5:5-5:11 "profit"
                """))
    }

    @Test func aUseLineOpensTheFile() throws {
        try checkDefinition(
            Self.company.replacing("use \"company.kpi\"", with: "use \"comp1️⃣any.kpi\""),
            expect(
                """
                company.kpi:1:1-1:1 ""
                """))
    }

    @Test func aUseOfAMissingFileLeadsNowhere() throws {
        try checkDefinition(
            "use \"go1️⃣ne.kpi\"\nkpi a\n  top-level\n",
            expect(
                """
                no definition
                """))
    }

    @Test func aParentNoFileDefinesLeadsNowhere() throws {
        try checkDefinition(
            Self.company.replacing("parent: revenue", with: "parent: reven1️⃣ue-x"),
            expect(
                """
                no definition
                """))
    }

    @Test func aKPIOfAFileNotUsedIsNotSeen() throws {
        try checkDefinition(
            Self.company.replacing("use \"company.kpi\"\n", with: "").replacing("parent: revenue", with: "parent: rev1️⃣enue"),
            expect(
                """
                no definition
                """))
    }

    @Test func anOwnerLeadsNowhere() throws {
        try checkDefinition(
            Self.company.replacing("owner: SDR lead", with: "owner: SDR 1️⃣lead"),
            expect(
                """
                no definition
                """))
    }

    @Test func theReferencesOfAKPIAcrossFiles() throws {
        try checkReferences(
            Self.company.replacing("kpi revenue", with: "kpi 1️⃣revenue"),
            expect(
                """
                references:
                  company.kpi:2:5-2:12 "revenue"
                  team.kpi:4:11-4:18 "revenue"
                highlights:
                  company.kpi:2:5-2:12 "revenue" (definition)
                """))
    }

    @Test func theReferencesFromAParentReference() throws {
        try checkReferences(
            Self.company.replacing("parent: new-logos", with: "parent: new-lo1️⃣gos"),
            expect(
                """
                references:
                  team.kpi:3:5-3:14 "new-logos"
                  team.kpi:7:11-7:20 "new-logos"
                highlights:
                  team.kpi:3:5-3:14 "new-logos" (definition)
                  team.kpi:7:11-7:20 "new-logos"
                """))
    }

    @Test func noReferencesOfAField() throws {
        try checkReferences(
            Self.company.replacing("  owner: CFO", with: "  own1️⃣er: CFO"),
            expect(
                """
                references:
                highlights:
                """))
    }
}

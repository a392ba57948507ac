// Rename, in process: the id range a rename at the cursor `1️⃣` changes, then every file it edits
// after the edits — across files, from a declaration or a reference — or why it is refused.

import KPITestSupport
import Testing

@Suite struct RenameFixtureTests {
    static let company = """
        //- /company.kpi
        plan "Company — €"
        kpi revenue "Grow revenue to $12M 🚀"
          top-level
          owner: CEO
          split: sum
        kpi profit
          top-level
          owner: CFO
        //- /team.kpi
        use "company.kpi"

        kpi new-logos "Win 40 more customers — 🚀"
          parent: revenue
          owner: Head of Sales
        kpi demos
          parent: new-logos
          owner: SDR lead
        kpi partners
          parent: new-logos
          owner: Partner lead
        """

    @Test func aDeclarationAndItsChildInAnotherFile() throws {
        try checkRename(
            Self.company.replacing("kpi revenue", with: "kpi rev1️⃣enue"), to: "sales",
            expect(
                """
                renames company.kpi:2:5-2:12 "revenue" (`revenue`)
                //- /company.kpi
                plan "Company — €"
                kpi sales "Grow revenue to $12M 🚀"
                  top-level
                  owner: CEO
                  split: sum
                kpi profit
                  top-level
                  owner: CFO
                //- /team.kpi
                use "company.kpi"

                kpi new-logos "Win 40 more customers — 🚀"
                  parent: sales
                  owner: Head of Sales
                kpi demos
                  parent: new-logos
                  owner: SDR lead
                kpi partners
                  parent: new-logos
                  owner: Partner lead
                """))
    }

    @Test func aNonASCIIIDIsRefused() throws {
        try checkRename(
            Self.company.replacing("kpi demos\n  parent: new-logos", with: "kpi demos\n  parent: new-lo1️⃣gos"), to: "logos-€",
            expect(
                """
                renames team.kpi:7:11-7:20 "new-logos" (`new-logos`)
                refused: `logos-€` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter
                """))
    }

    @Test func fromAReferenceTheDeclarationAndEveryChild() throws {
        try checkRename(
            Self.company.replacing("kpi demos\n  parent: new-logos", with: "kpi demos\n  parent: new-lo1️⃣gos"), to: "logos.q3",
            expect(
                """
                renames team.kpi:7:11-7:20 "new-logos" (`new-logos`)
                //- /team.kpi
                use "company.kpi"

                kpi logos.q3 "Win 40 more customers — 🚀"
                  parent: revenue
                  owner: Head of Sales
                kpi demos
                  parent: logos.q3
                  owner: SDR lead
                kpi partners
                  parent: logos.q3
                  owner: Partner lead
                """))
    }

    @Test func anIDStartingWithADigitIsRefused() throws {
        try checkRename(
            Self.company.replacing("kpi revenue", with: "kpi rev1️⃣enue"), to: "9-lives",
            expect(
                """
                renames company.kpi:2:5-2:12 "revenue" (`revenue`)
                refused: `9-lives` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter
                """))
    }

    @Test func anIDWithASpaceIsRefused() throws {
        try checkRename(
            Self.company.replacing("kpi revenue", with: "kpi rev1️⃣enue"), to: "new logos",
            expect(
                """
                renames company.kpi:2:5-2:12 "revenue" (`revenue`)
                refused: `new logos` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter
                """))
    }

    @Test func anIDTakenInTheFileIsRefused() throws {
        try checkRename(
            Self.company.replacing("kpi revenue", with: "kpi rev1️⃣enue"), to: "profit",
            expect(
                """
                renames company.kpi:2:5-2:12 "revenue" (`revenue`)
                refused: a KPI `profit` already exists
                """))
    }

    @Test func anIDAThirdFileWouldSeeTwiceIsRefused() throws {
        try checkRename(
            """
            //- /a.kpi
            kpi sales1️⃣
              top-level
            //- /b.kpi
            kpi margin
              top-level
            //- /both.kpi
            use "a.kpi"
            use "b.kpi"
            kpi c
              parent: sales
            """,
            to: "margin",
            expect(
                """
                renames a.kpi:1:5-1:10 "sales" (`sales`)
                refused: cannot rename to `margin`: both.kpi sees this KPI and the `margin` in b.kpi both, so a `parent: margin` there could change which KPI it names
                """))
    }

    @Test func aFieldIsNotAKPI() throws {
        try checkRename(
            Self.company.replacing("  owner: CFO", with: "  own1️⃣er: CFO"), to: "x",
            expect(
                """
                no rename here: only a KPI id can be renamed here
                refused: only a KPI id can be renamed here
                """))
    }

    @Test func aParentNoFileDefinesIsNotAKPI() throws {
        try checkRename(
            Self.company.replacing("parent: revenue", with: "parent: nowh1️⃣ere"), to: "x",
            expect(
                """
                no rename here: only a KPI id can be renamed here
                refused: only a KPI id can be renamed here
                """))
    }
}

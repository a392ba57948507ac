// Completion, in process: the whole list at the cursor `1️⃣` in the order an editor shows it —
// metrics after `metric:`, KPI ids after `parent:` (across files, never the KPI itself or what is
// below it), the fields a block lacks, the values of enumerated fields, files in `use "…"`, snippets.

import KPITestSupport
import Testing

@Suite struct CompletionFixtureTests {
    static let twoBlocks = """
        plan "P"
          as-of: 2027-07-15

        kpi mrr "Grow MRR"
          top-level
          metric: MRR
          owner: CFO
          baseline: $125K at 2026-12-31
          target: +20% by FY2027

        kpi upsell "Upsell the add-on — €"
          parent: mrr
          metric: add-on revenue
          owner: CS
        """

    static let company = """
        //- /team.kpi
        use "company.kpi"

        kpi new-logos "Win 40 more customers 🚀"
          parent: revenue
          owner: Head of Sales
        kpi demos
          parent: new-logos
          owner: SDR lead
        //- /company.kpi
        kpi revenue "Grow revenue to $12M"
          top-level
          owner: CEO
        kpi profit
          top-level
          owner: CFO
        """

    @Test func metricsMatchingWhatWasTyped() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  metric: Chu1️⃣"),
            expect(
                """
                replacing main.kpi:15:11-15:14 "Chu"
                metric Churn Rate — customer · percentage ↓
                """))
    }

    @Test func metricsOfTheCatalogAndOfTheWorkspace() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  metric: reven1️⃣"),
            expect(
                """
                replacing main.kpi:15:11-15:16 "reven"
                metric Revenue — sales · currency ↑
                metric Revenue per Employee — people · currency ↑
                metric Net Revenue Retention — customer · percentage ↑
                metric Average Revenue per User — customer · currency ↑
                metric add-on revenue — used in this workspace
                """))
    }

    @Test func parentsAcrossFilesWithTheirTitles() throws {
        try checkCompletion(
            Self.company.replacing("parent: new-logos", with: "parent: 1️⃣"),
            expect(
                """
                replacing team.kpi:7:11-7:11 ""
                kpi new-logos — Win 40 more customers 🚀
                kpi profit — KPI (company.kpi)
                kpi revenue — Grow revenue to $12M (company.kpi)
                """))
    }

    @Test func aParentIsNeitherTheKPIItselfNorBelowIt() throws {
        try checkCompletion(
            Self.company.replacing("parent: revenue", with: "parent: 1️⃣"),
            expect(
                """
                replacing team.kpi:4:11-4:11 ""
                kpi profit — KPI (company.kpi)
                kpi revenue — Grow revenue to $12M (company.kpi)
                """))
    }

    @Test func aParentAfterAPartialID() throws {
        try checkCompletion(
            Self.company.replacing("parent: new-logos", with: "parent: pr1️⃣"),
            expect(
                """
                replacing team.kpi:7:11-7:13 "pr"
                kpi profit — KPI (company.kpi)
                """))
    }

    @Test func theFieldsTheBlockLacks() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  1️⃣"),
            expect(
                """
                replacing main.kpi:15:3-15:3 ""
                field perspective — field ⇒ "perspective: "
                field category — field ⇒ "category: "
                field baseline — field ⇒ "baseline: "
                field target — field ⇒ "target: "
                field deadline — field ⇒ "deadline: "
                field split — field ⇒ "split: "
                field weight — field ⇒ "weight: "
                field contributes — field ⇒ "contributes: "
                field growth — field ⇒ "growth: "
                field better — field ⇒ "better: "
                field actions — field ⇒ "actions:⏎    - ${1:action}"
                field actuals — field ⇒ "actuals:⏎    ${1:2027-03-31}: ${2:value}"
                field milestones — field ⇒ "milestones:⏎    ${1:2027-03-31}: ${2:value}"
                field role — field ⇒ "role: "
                """))
    }

    @Test func aFieldAfterAPartialKey() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  tar1️⃣"),
            expect(
                """
                replacing main.kpi:15:3-15:6 "tar"
                field target — field ⇒ "target: "
                """))
    }

    @Test func theSettingsOfThePlanBlock() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("as-of: 2027-07-15", with: "as-of: 2027-07-15\n  1️⃣"),
            expect(
                """
                replacing main.kpi:3:3-3:3 ""
                field fiscal-year-start — field ⇒ "fiscal-year-start: "
                field fiscal-year-name — field ⇒ "fiscal-year-name: "
                field currency — field ⇒ "currency: "
                field max-annual-growth — field ⇒ "max-annual-growth: "
                field max-annual-reduction — field ⇒ "max-annual-reduction: "
                """))
    }

    @Test func perspectiveValues() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  perspective: 1️⃣"),
            expect(
                """
                replacing main.kpi:15:16-15:16 ""
                value customer — balanced-scorecard perspective
                value financial — balanced-scorecard perspective
                value internal — balanced-scorecard perspective
                value learning — balanced-scorecard perspective
                """))
    }

    @Test func splitValues() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  split: 1️⃣"),
            expect(
                """
                replacing main.kpi:15:10-15:10 ""
                value sum — how children add up
                value weighted — how children add up
                """))
    }

    @Test func growthValuesAfterAPartialValue() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS\n  growth: li1️⃣"),
            expect(
                """
                replacing main.kpi:15:11-15:13 "li"
                value linear — path model
                """))
    }

    @Test func filesInAUseLine() throws {
        try checkCompletion(
            """
            //- /team.kpi
            use "1️⃣
            //- /company.kpi
            kpi revenue
              top-level
            //- /sub/other.kpi
            kpi other
              top-level
            """,
            expect(
                """
                replacing team.kpi:1:6-1:6 ""
                file company.kpi — plan file
                file sub/other.kpi — plan file
                """))
    }

    @Test func snippetsAtTheStartOfALine() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("\nkpi upsell", with: "\nk1️⃣\n\nkpi upsell"),
            expect(
                #"""
                replacing main.kpi:11:1-11:2 "k"
                snippet kpi — a KPI that supports a parent goal ⇒ "kpi ${1:id} "${2:Title}"⏎  parent: ${3:parent}⏎  metric: ${4:metric}⏎  owner: ${5:owner}⏎  baseline: ${6:value} at ${7:2026-12-31}⏎  target: ${8:+20%} by ${9:FY2027}⏎  actions:⏎    - ${10:action}⏎"
                snippet kpi (top-level) — a root goal ⇒ "kpi ${1:id} "${2:Title}"⏎  top-level⏎  metric: ${3:metric}⏎  owner: ${4:owner}⏎  baseline: ${5:value} at ${6:2026-12-31}⏎  target: ${7:value} by ${8:FY2027}⏎  actions:⏎    - ${9:action}⏎"
                snippet kpi (split) — a goal whose children add up ⇒ "kpi ${1:id} "${2:Title}"⏎  parent: ${3:parent}⏎  metric: ${4:revenue}⏎  baseline: ${5:\$10,000/month} at ${6:2026-12-31}⏎  target: ${7:+\$1,500} by ${8:FY2027}⏎  split: sum⏎⏎kpi ${9:child}⏎  parent: ${1:id}⏎  contributes: ${10:+\$500}⏎"
                """#))
    }

    @Test func nothingInAComment() throws {
        try checkCompletion(
            Self.twoBlocks.replacing("owner: CS", with: "owner: CS # who1️⃣"),
            expect(
                """
                no completions
                """))
    }
}

// Inlay hints, in process: the plan with each hint inlined `⟨…⟩` where the editor shows it — the
// level a target resolves to, a contribution's share of its parent's change, the day a deadline
// written as a period means — and the tooltips below.

import KPITestSupport
import Testing

@Suite struct InlayHintFixtureTests {
    @Test func aRelativeTargetShowsItsLevel() throws {
        try checkInlayHints(
            """
            kpi mrr
              top-level
              baseline: $125K at 2026-12-31
              target: +20% by FY2027
            """,
            expect(
                """
                kpi mrr
                  top-level
                  baseline: $125K at 2026-12-31
                  target: +20%⟨= $150K⟩ by FY2027⟨= 2027-12-31⟩
                ---
                ⟨= $150K⟩ mrr: $125K → $150K
                ⟨= 2027-12-31⟩ 31 December 2027
                """))
    }

    @Test func anAbsoluteChangeAndAQuarter() throws {
        try checkInlayHints(
            """
            kpi leads
              top-level
              baseline: 400/month at 2026-12-31
              target: +200 by 2027-Q3
            """,
            expect(
                """
                kpi leads
                  top-level
                  baseline: 400/month at 2026-12-31
                  target: +200⟨= 600/month⟩ by 2027-Q3⟨= 2027-09-30⟩
                ---
                ⟨= 600/month⟩ leads: 400/month → 600/month
                ⟨= 2027-09-30⟩ 30 September 2027
                """))
    }

    @Test func pointsOfARate() throws {
        try checkInlayHints(
            """
            kpi churn
              top-level
              metric: churn rate
              baseline: 5% at 2026-12-31
              target: -1.5pp by 2027-12-31
            """,
            expect(
                """
                kpi churn
                  top-level
                  metric: churn rate
                  baseline: 5% at 2026-12-31
                  target: -1.5pp⟨= 3.5%⟩ by 2027-12-31
                ---
                ⟨= 3.5%⟩ churn: 5% → 3.5%
                """))
    }

    @Test func aFullLevelWithAnISODayNeedsNoHint() throws {
        try checkInlayHints(
            """
            kpi arr
              top-level
              baseline: $4M at 2026-12-31
              target: $10M by 2031-12-31
            """,
            expect(
                """
                kpi arr
                  top-level
                  baseline: $4M at 2026-12-31
                  target: $10M by 2031-12-31
                """))
    }

    @Test func eachContributionsShareOfTheSplit() throws {
        try checkInlayHints(
            """
            kpi extra "Extra — €"
              top-level
              baseline: $10,000/month at 2026-12-31
              target: +$1,500 by FY2027
              split: sum
            kpi price
              parent: extra
              contributes: +$100
            kpi renewals
              parent: extra
              contributes: +$300
            kpi logos 🚀
              parent: extra
              contributes: +$1,100
            """,
            expect(
                """
                kpi extra "Extra — €"
                  top-level
                  baseline: $10,000/month at 2026-12-31
                  target: +$1,500⟨= $11,500/month⟩ by FY2027⟨= 2027-12-31⟩
                  split: sum
                kpi price
                  parent: extra
                  contributes: +$100⟨= 6.7% of extra⟩
                kpi renewals
                  parent: extra
                  contributes: +$300⟨= 20% of extra⟩
                kpi logos 🚀
                  parent: extra
                  contributes: +$1,100⟨= 73.3% of extra⟩
                ---
                ⟨= $11,500/month⟩ extra: $10,000/month → $11,500/month
                ⟨= 2027-12-31⟩ 31 December 2027
                """))
    }

    @Test func aFiscalYearStartingInApril() throws {
        try checkInlayHints(
            """
            plan "P"
              fiscal-year-start: April

            kpi sales "Umsatz — €"
              top-level
              baseline: €2M at 2026-03-31
              target: +10%
              deadline: FY2027-H1
            """,
            expect(
                """
                plan "P"
                  fiscal-year-start: April

                kpi sales "Umsatz — €"
                  top-level
                  baseline: €2M at 2026-03-31
                  target: +10%⟨= €2.2M⟩
                  deadline: FY2027-H1⟨= 2026-09-30⟩
                ---
                ⟨= €2.2M⟩ sales: €2M → €2.2M
                ⟨= 2026-09-30⟩ 30 September 2026
                """))
    }

    @Test func aContributionUnderAChildInAnotherFile() throws {
        try checkInlayHints(
            """
            //- /team.kpi
            use "company.kpi"

            kpi logos
              parent: revenue
              contributes: +$500K
            //- /company.kpi
            kpi revenue
              top-level
              baseline: $10M at 2026-12-31
              target: $12M by FY2027
              split: sum
            """,
            expect(
                """
                use "company.kpi"

                kpi logos
                  parent: revenue
                  contributes: +$500K⟨= 25% of revenue⟩
                """))
    }

    @Test func noHintsWithoutABaseline() throws {
        try checkInlayHints(
            "kpi a\n  top-level\n  target: +20% by 2027-12-31\n",
            expect(
                """
                kpi a
                  top-level
                  target: +20% by 2027-12-31
                """))
    }
}

// Hover, in process: the whole answer at the cursor `1️⃣` — the cascade math with its worked
// numbers on a KPI, a metric's catalog entry, the day a date resolves to, a `use` line, a field.

import KPITestSupport
import Testing

@Suite struct HoverFixtureTests {
    static let acme = """
        plan "Acme FY2027"
          fiscal-year-start: January
          currency: USD

        kpi mrr "Grow monthly recurring revenue 20% this fiscal year"
          metric: MRR
          owner: CFO
          baseline: $125K at 2026-12-31
          target: +20% by FY2027
          actuals:
            2027-03-31: $131K
            2027-06-30: $133K

        kpi extra-revenue "Add $1,500 of monthly revenue"
          parent: mrr
          metric: revenue
          owner: VP Sales
          baseline: $10,000/month at 2026-12-31
          target: +$1,500 by FY2027
          split: sum

        kpi price-increase
          parent: extra-revenue
          contributes: +$100
          owner: Head of Product
        kpi repeat-customers
          parent: extra-revenue
          contributes: +$300
          owner: Head of Customer Success
        kpi new-customers
          parent: extra-revenue
          contributes: +$1,100
          owner: VP Sales
        """

    @Test func aKPIHeaderShowsTheTargetLevelAndTheChange() throws {
        try checkHover(
            Self.acme.replacing("kpi mrr", with: "kpi m1️⃣rr"),
            expect(
                """
                hover main.kpi:5:5-5:8 "mrr"
                `mrr` — Grow monthly recurring revenue 20% this fiscal year

                **Metric:** MRR — Recurring revenue billed per month from subscriptions.··
                **Baseline:** `$125K` at 2026-12-31··
                **Target:** `$150K`, a change of `+$25K` (+20%)··
                **Deadline:** 2027-12-31, 169 days left (today is 2027-07-15)··
                **Growth needed:** 20%/year compound · 4.66%/quarter · 1.53%/month··
                **Trend:** +13.3%/year since 2026-12-31; reaches `$150K` by 2028-06-15··
                **Progress:** `$133K` on 2027-06-30: 32% of the way; the path expects `$136.8K` (47%) — behind; `$137.9K` expected today··
                **Drivers:** extra-revenue··

                **Quarter-by-quarter path (compound)**

                | Quarter end |    Path |     Plan |
                | :---------- | ------: | -------: |
                | 2026-12-31  |   `$125K` | baseline |
                | 2027-03-31  | `$130.7K` |          |
                | 2027-06-30  | `$136.8K` |          |
                | 2027-09-30  | `$143.3K` |          |
                | 2027-12-31  |   `$150K` |          |

                1 sub-KPI
                """))
    }

    @Test func aParentReferenceShowsTheParentsSplit() throws {
        try checkHover(
            Self.acme.replacing("  parent: extra-revenue\n  contributes: +$300", with: "  parent: extra-rev1️⃣enue\n  contributes: +$300"),
            expect(
                """
                hover main.kpi:27:11-27:24 "extra-revenue"
                `extra-revenue` — Add `$1,500` of monthly revenue

                **Metric:** revenue — Income from selling goods and services before any costs are deducted.··
                **Baseline:** `$10,000/month` at 2026-12-31··
                **Target:** `$11,500/month`, a change of `+$1,500/month` (+15%)··
                **Deadline:** 2027-12-31, 169 days left (today is 2027-07-15)··
                **Growth needed:** 15%/year compound · 3.56%/quarter · 1.17%/month··
                **Supports:** extra-revenue → mrr··
                **Remainder:** none: the split adds up··

                **Quarter-by-quarter path (compound)**

                | Quarter end |             Path |     Plan |
                | :---------- | ---------------: | -------: |
                | 2026-12-31  |    `$10,000/month` | baseline |
                | 2027-03-31  | `$10,350.63/month` |          |
                | 2027-06-30  | `$10,717.65/month` |          |
                | 2027-09-30  | `$11,101.93/month` |          |
                | 2027-12-31  |    `$11,500/month` |          |

                **Split (sum) of +$1,500/month**

                | Child            |  Contribution | Share |
                | :--------------- | ------------: | ----: |
                | price-increase   |   `+$100/month` |  6.7% |
                | repeat-customers |   `+$300/month` |   20% |
                | new-customers    | `+$1,100/month` | 73.3% |
                | Sum              | `+$1,500/month` |  100% |

                3 sub-KPIs · 100% allocated
                """))
    }

    @Test func aContributionShowsItsShareOfTheSplit() throws {
        try checkHover(
            Self.acme.replacing("contributes: +$300", with: "contributes: +$31️⃣00"),
            expect(
                """
                hover main.kpi:28:16-28:21 "+$300"
                `repeat-customers`

                **Contributes:** `+$300`··
                **Deadline:** 2027-12-31 (its parent's), 169 days left (today is 2027-07-15)··
                **Supports:** repeat-customers → extra-revenue → mrr··
                **Role:** component of `extra-revenue`: counted in its split··
                """))
    }

    @Test func aFiveYearGoalShowsItsYearByYearPath() throws {
        try checkHover(
            """
            kpi revenue-20311️⃣ "Reach $10M ARR in five years"
              top-level
              metric: ARR
              owner: CEO
              baseline: $4M at 2026-12-31
              target: $10M by 2031-12-31
              growth: compound
              milestones:
                2027: $4.6M
                2029: $5.5M
            """,
            expect(
                """
                hover main.kpi:1:5-1:17 "revenue-2031"
                `revenue-2031` — Reach `$10M` ARR in five years

                **Metric:** ARR — Recurring subscription revenue normalized to one year (MRR × 12).··
                **Baseline:** `$4M` at 2026-12-31··
                **Target:** `$10M`, a change of `+$6M` (+150%)··
                **Deadline:** 2031-12-31, 1630 days left (today is 2027-07-15)··
                **Growth needed:** 20.1%/year compound · 4.69%/quarter · 1.54%/month··

                **Year-by-year path (compound)**

                | Year end   |   Path |            Plan |
                | :--------- | -----: | --------------: |
                | 2026-12-31 |    `$4M` |        baseline |
                | 2027-12-31 |  `$4.8M` | milestone `$4.6M` |
                | 2028-12-31 | `$5.77M` |                 |
                | 2029-12-31 | `$6.93M` | milestone `$5.5M` |
                | 2030-12-31 | `$8.33M` |                 |
                | 2031-12-31 |   `$10M` |                 |
                """))
    }

    @Test func aLinearPathInEuros() throws {
        try checkHover(
            """
            plan "Europa — 2027 🚀"
              currency: EUR

            kpi 1️⃣umsatz "Umsatz €2M → €2.6M"
              top-level
              metric: revenue
              owner: Geschäftsführung
              baseline: €2M at 2026-12-31
              target: €2.6M by 2029-12-31
              growth: linear
            """,
            expect(
                """
                hover main.kpi:4:5-4:11 "umsatz"
                `umsatz` — Umsatz €2M → €2.6M

                **Metric:** revenue — Income from selling goods and services before any costs are deducted.··
                **Baseline:** €2M at 2026-12-31··
                **Target:** €2.6M, a change of +€600K (+30%)··
                **Deadline:** 2029-12-31, 900 days left (today is 2027-07-15)··
                **Growth needed:** 9.1%/year compound · 2.21%/quarter · 0.73%/month··
                **Linear pace:** +€200K a year··

                **Year-by-year path (linear)**

                | Year end   |  Path |     Plan |
                | :--------- | ----: | -------: |
                | 2026-12-31 |   €2M | baseline |
                | 2027-12-31 | €2.2M |          |
                | 2028-12-31 | €2.4M |          |
                | 2029-12-31 | €2.6M |          |
                """))
    }

    @Test func aCatalogMetric() throws {
        try checkHover(
            Self.acme.replacing("metric: MRR", with: "metric: M1️⃣RR"),
            expect(
                """
                hover main.kpi:6:11-6:14 "MRR"
                **MRR** — Recurring revenue billed per month from subscriptions.

                Unit: currency · higher is better · at least 0 · sales metric··
                Also called: monthly recurring revenue
                """))
    }

    @Test func aMetricOnlyThisWorkspaceUses() throws {
        try checkHover(
            """
            kpi coverage
              top-level
              metric: pipeline cov1️⃣erage
              owner: CRO
            """,
            expect(
                """
                hover main.kpi:3:11-3:28 "pipeline coverage"
                **pipeline coverage** — a metric of this workspace (not in the built-in catalog), used by 1 KPI.
                """))
    }

    @Test func aQuarterResolvesToItsLastDay() throws {
        try checkHover(
            Self.acme.replacing("target: +20% by FY2027", with: "target: +20% by 2027-1️⃣Q3"),
            expect(
                """
                hover main.kpi:9:19-9:26 "2027-Q3"
                **30 September 2027** (`2027-09-30`), in 77 days — today is 2027-07-15

                The end of the period 2027-07-01 – 2027-09-30.
                """))
    }

    @Test func aFiscalYearStartingInApril() throws {
        try checkHover(
            Self.acme.replacing("fiscal-year-start: January", with: "fiscal-year-start: April").replacing(
                "target: +20% by FY2027", with: "target: +20% by FY20271️⃣"),
            expect(
                """
                hover main.kpi:9:19-9:25 "FY2027"
                **31 March 2027** (`2027-03-31`), 106 days ago — today is 2027-07-15

                Fiscal year from 2026-04-01 to 2027-03-31; the fiscal year starts in April and is named by the year it ends.
                """))
    }

    @Test func aUseLineCountsTheKPIsOfTheFile() throws {
        try checkHover(
            """
            //- /team.kpi
            use "company1️⃣.kpi"

            kpi new-logos
              parent: revenue
              owner: Head of Sales
            //- /company.kpi
            kpi revenue
              top-level
              owner: CEO
            kpi costs
              top-level
              owner: CFO
            """,
            expect(
                """
                hover team.kpi:1:5-1:18 ""company.kpi""
                `plans/company.kpi`: 2 KPIs
                """))
    }

    @Test func aFieldKeyShowsItsDocumentation() throws {
        try checkHover(
            Self.acme.replacing("  owner: CFO", with: "  own1️⃣er: CFO"),
            expect(
                """
                hover main.kpi:7:3-7:8 "owner"
                `owner:` — who is accountable for the KPI.
                """))
    }

    @Test func aParentNoFileDefines() throws {
        try checkHover(
            """
            kpi churn
              parent: retent1️⃣ion
              owner: Head of Success
            """,
            expect(
                """
                hover main.kpi:2:11-2:20 "retention"
                No KPI `retention` is visible from this file.
                """))
    }

    @Test func aCommentHasNoHover() throws {
        try checkHover(
            "# Acme 1️⃣— the plan\nkpi a\n  top-level\n",
            expect(
                """
                no hover
                """))
    }
}

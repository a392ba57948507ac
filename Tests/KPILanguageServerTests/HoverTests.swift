// Hover: the cascade math on a KPI or a reference to it, a metric's catalog entry, the day a
// date resolves to, a `use` line, a field. Each case: a plan with the cursor `1️⃣` and the
// expected hover range `⟦…⟧`, and the whole markdown the client gets (`UPDATE_EXPECT=1` rewrites it).

import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct HoverTests {
    struct Case: NamedCase {
        var name: String
        /// Opened as `file`; the cursor is `1️⃣`, the expected range `⟦…⟧`.
        var plan: String
        /// The whole hover markdown (trailing spaces shown `·`), the session's folder written `<folder>`.
        var expected: ExpectedText
        var file = "plan.kpi"
        /// Files written to disk beside it.
        var others: [String: String] = [:]
    }

    static let cases: [Case] = [
        Case(
            name: "a KPI header: target level and change",
            plan: mark(Plans.acme, "kpi mrr \"", "kpi ⟦m1️⃣rr⟧ \""),
            expected: expect(
                """
                `mrr` — Grow monthly recurring revenue 20% this fiscal year

                **Metric:** MRR — Recurring revenue billed per month from subscriptions.··
                **Baseline:** `$125K` at 2026-12-31··
                **Target:** `$150K`, a change of `+$25K` (+20%)··
                **Deadline:** 2027-12-31, 169 days left (today is 2027-07-15)··
                **Growth needed:** 20%/year compound · 4.66%/quarter · 1.53%/month··
                **Trend:** +13.3%/year since 2026-12-31; reaches `$150K` by 2028-06-15··
                **Progress:** `$133K` on 2027-06-30: 32% of the way; the path expects `$136.8K` (47%) — behind; `$137.9K` expected today··
                **Drivers:** inbound-leads, extra-revenue··

                **Quarter-by-quarter path (compound)**

                | Quarter end |    Path |     Plan |
                | :---------- | ------: | -------: |
                | 2026-12-31  |   `$125K` | baseline |
                | 2027-03-31  | `$130.7K` |          |
                | 2027-06-30  | `$136.8K` |          |
                | 2027-09-30  | `$143.3K` |          |
                | 2027-12-31  |   `$150K` |          |

                2 sub-KPIs

                """)),
        Case(
            name: "a five-year goal: growth per year and the year-by-year path",
            plan: mark(Plans.acme, "kpi revenue-2031", "kpi ⟦revenue-20311️⃣⟧"),
            expected: expect(
                """
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

                """)),
        Case(
            name: "a split: each child's contribution and the sum",
            plan: mark(Plans.acme, "kpi extra-revenue", "kpi ⟦1️⃣extra-revenue⟧"),
            expected: expect(
                """
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

                """)),
        Case(
            name: "a parent reference in the team file hovers the company KPI",
            plan: mark(Plans.team, "parent: revenue", "parent: ⟦rev1️⃣enue⟧"),
            expected: expect(
                """
                `revenue` — Grow revenue to `$12M`

                **Metric:** revenue — Income from selling goods and services before any costs are deducted.··
                **Baseline:** `$10M` at 2026-12-31··
                **Target:** `$12M`, a change of `+$2M` (+20%)··
                **Deadline:** 2027-12-31, 169 days left (today is 2027-07-15)··
                **Growth needed:** 20%/year compound · 4.66%/quarter · 1.53%/month··
                **Drivers:** new-logos··

                **Quarter-by-quarter path (compound)**

                | Quarter end |    Path |     Plan |
                | :---------- | ------: | -------: |
                | 2026-12-31  |    `$10M` | baseline |
                | 2027-03-31  | `$10.46M` |          |
                | 2027-06-30  | `$10.95M` |          |
                | 2027-09-30  | `$11.46M` |          |
                | 2027-12-31  |    `$12M` |          |

                1 sub-KPI

                """),
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "the kpi keyword of a block right after another",
            plan: mark(Plans.acme, "kpi repeat-customers", "1️⃣kpi ⟦repeat-customers⟧"),
            expected: expect(
                """
                `repeat-customers`

                **Contributes:** `+$300`··
                **Deadline:** 2027-12-31 (its parent's), 169 days left (today is 2027-07-15)··
                **Supports:** repeat-customers → extra-revenue → mrr··
                **Role:** component of `extra-revenue`: counted in its split··

                """)),
        Case(
            name: "a metric shows its catalog definition",
            plan: mark(Plans.acme, "metric: MRR", "metric: ⟦M1️⃣RR⟧"),
            expected: expect(
                """
                **MRR** — Recurring revenue billed per month from subscriptions.

                Unit: currency · higher is better · at least 0 · sales metric··
                Also called: monthly recurring revenue
                """)),
        Case(
            name: "a metric of several words",
            plan: mark(Plans.acme, "metric: inbound leads", "metric: ⟦inbound 1️⃣leads⟧"),
            expected: expect(
                """
                **Inbound Leads** — Prospects who contacted the company or signed up on their own in a period.

                Unit: count · higher is better · at least 0 · sales metric··
                Also called: leads, new leads, inbound lead volume, lead volume
                """)),
        Case(
            name: "a workspace-only metric",
            plan: mark(Plans.team, "metric: pipeline coverage", "metric: ⟦pipeline cov1️⃣erage⟧"),
            expected: expect(
                """
                **pipeline coverage** — a metric of this workspace (not in the built-in catalog), used by 1 KPI.
                """),
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "a quarter resolves to its last day",
            plan: mark(Plans.acme, "by 2027-Q3", "by ⟦2027-1️⃣Q3⟧"),
            expected: expect(
                """
                **30 September 2027** (`2027-09-30`), in 77 days — today is 2027-07-15

                The end of the period 2027-07-01 – 2027-09-30.
                """)),
        Case(
            name: "a fiscal year in a target",
            plan: mark(Plans.acme, "target: +20% by FY2027", "target: +20% by ⟦FY20271️⃣⟧"),
            expected: expect(
                """
                **31 December 2027** (`2027-12-31`), in 169 days — today is 2027-07-15

                Fiscal year from 2027-01-01 to 2027-12-31; the fiscal year starts in January.
                """)),
        Case(
            name: "a date in actuals",
            plan: mark(Plans.acme, "    2027-03-31: $131K", "    ⟦2027-031️⃣-31⟧: $131K"),
            expected: expect(
                """
                **31 March 2027** (`2027-03-31`), 106 days ago — today is 2027-07-15
                """)),
        Case(
            name: "a baseline value hovers its KPI",
            plan: mark(Plans.acme, "baseline: $125K", "baseline: ⟦$1251️⃣K⟧"),
            expected: expect(
                """
                `mrr` — Grow monthly recurring revenue 20% this fiscal year

                **Metric:** MRR — Recurring revenue billed per month from subscriptions.··
                **Baseline:** `$125K` at 2026-12-31··
                **Target:** `$150K`, a change of `+$25K` (+20%)··
                **Deadline:** 2027-12-31, 169 days left (today is 2027-07-15)··
                **Growth needed:** 20%/year compound · 4.66%/quarter · 1.53%/month··
                **Trend:** +13.3%/year since 2026-12-31; reaches `$150K` by 2028-06-15··
                **Progress:** `$133K` on 2027-06-30: 32% of the way; the path expects `$136.8K` (47%) — behind; `$137.9K` expected today··
                **Drivers:** inbound-leads, extra-revenue··

                **Quarter-by-quarter path (compound)**

                | Quarter end |    Path |     Plan |
                | :---------- | ------: | -------: |
                | 2026-12-31  |   `$125K` | baseline |
                | 2027-03-31  | `$130.7K` |          |
                | 2027-06-30  | `$136.8K` |          |
                | 2027-09-30  | `$143.3K` |          |
                | 2027-12-31  |   `$150K` |          |

                2 sub-KPIs

                """)),
        Case(
            name: "a field key",
            plan: mark(Plans.acme, "  owner: CFO", "  ⟦own1️⃣er⟧: CFO"),
            expected: expect(
                """
                `owner:` — who is accountable for the KPI.
                """)),
        Case(
            name: "a use line",
            plan: mark(Plans.team, "use \"company.kpi\"", "use ⟦\"company1️⃣.kpi\"⟧"),
            expected: expect(
                """
                `<folder>/company.kpi`: 2 KPIs
                """),
            file: "team.kpi", others: ["company.kpi": Plans.company]),
    ]

    @Test(arguments: cases)
    func hover(_ c: Case) throws {
        try checkHover(c)
    }

    func checkHover(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session(files: c.others)
        let uri = session.open(c.file, marked.text)
        let hover = try #require(try session.client.hover(uri, at: marked.position(marker: 1)), "no hover", sourceLocation: sourceLocation)
        #expect(hover.contents.kind == .markdown, sourceLocation: sourceLocation)
        c.expected.assert(
            visibleTrailingSpaces(hover.contents.value.replacing(session.folder.url.path, with: "<folder>")), sourceLocation: sourceLocation
        )
        #expect(hover.range == marked.lspRange(index: 0), sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("a blank line", mark(Plans.acme, "currency: USD\n", "currency: USD\n1️⃣")),
        ("a comment", mark(Plans.acme, "# Acme — KPI plan", "# Acme 1️⃣— KPI plan")),
        ("an action", mark(Plans.acme, "- Raise prices", "- Raise 1️⃣prices")),
    ])
    func nothingToHover(_ name: String, _ plan: String) throws {
        let marked = try Markers.extract(plan)
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        #expect(try session.client.hover(uri, at: marked.position(marker: 1)) == nil, "\(name)")
    }

    @Test func aPlainTextClientGetsPlainText() throws {
        let marked = try Markers.extract(mark(Plans.acme, "kpi mrr", "kpi m1️⃣rr"))
        let session = try Session(capabilities: ClientCapabilities(hoverContentFormat: [.plaintext]))
        let uri = session.open("plan.kpi", marked.text)
        let hover = try #require(try session.client.hover(uri, at: marked.position(marker: 1)))
        #expect(hover.contents.kind == .plaintext)
        expect(
            """
            `mrr` — Grow monthly recurring revenue 20% this fiscal year
              Metric:        MRR — Recurring revenue billed per month from subscriptions.
              Baseline:      $125K at 2026-12-31
              Target:        $150K, a change of +$25K (+20%)
              Deadline:      2027-12-31, 169 days left (today is 2027-07-15)
              Growth needed: 20%/year compound · 4.66%/quarter · 1.53%/month
              Trend:         +13.3%/year since 2026-12-31; reaches $150K by 2028-06-15
              Progress:      $133K on 2027-06-30: 32% of the way; the path expects $136.8K (47%) — behind; $137.9K expected today
              Drivers:       inbound-leads, extra-revenue
              Quarter-by-quarter path (compound):
                Quarter end     Path      Plan
                -----------  -------  --------
                2026-12-31     $125K  baseline
                2027-03-31   $130.7K
                2027-06-30   $136.8K
                2027-09-30   $143.3K
                2027-12-31     $150K
            2 sub-KPIs

            """
        ).assert(hover.contents.value)
        // A metric's entry, its markdown stripped (made only for such clients).
        let metric = try Markers.extract(mark(Plans.acme, "metric: MRR", "metric: M1️⃣RR"))
        let metricHover = try #require(try session.client.hover(session.open("metric.kpi", metric.text), at: metric.position(marker: 1)))
        #expect(metricHover.contents.kind == .plaintext)
        expect(
            """
            MRR — Recurring revenue billed per month from subscriptions.

            Unit: currency · higher is better · at least 0 · sales metric
            Also called: monthly recurring revenue
            """
        ).assert(metricHover.contents.value)
    }
}

// Hover: the cascade math on a KPI or a reference to it, a metric's catalog entry, the day a
// date resolves to, a `use` line, a field. Each case: a plan with the cursor `1️⃣` and the
// expected hover range `⟦…⟧`, and texts the hover must contain.

import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct HoverTests {
    struct Case: NamedCase {
        var name: String
        /// Opened as `file`; the cursor is `1️⃣`, the expected range `⟦…⟧`.
        var plan: String
        var contains: [String]
        var file = "plan.kpi"
        /// Files written to disk beside it.
        var others: [String: String] = [:]
    }

    static let cases: [Case] = [
        Case(
            name: "a KPI header: target level and change",
            plan: mark(Plans.acme, "kpi mrr \"", "kpi ⟦m1️⃣rr⟧ \""),
            contains: ["`mrr` — Grow monthly recurring revenue", "$150K", "+20%", "$125K", "2026-12-31", "2 sub-KPIs"]),
        Case(
            name: "a five-year goal: growth per year and the year-by-year path",
            plan: mark(Plans.acme, "kpi revenue-2031", "kpi ⟦revenue-20311️⃣⟧"),
            contains: ["20.1%/year", "$4M", "$4.8M", "$5.77M", "$6.93M", "$8.33M", "$10M", "$5.5M", "milestone"]),
        Case(
            name: "a split: each child's contribution and the sum",
            plan: mark(Plans.acme, "kpi extra-revenue", "kpi ⟦1️⃣extra-revenue⟧"),
            contains: [
                "+$100", "+$300", "+$1,100", "+$1,500", "price-increase", "repeat-customers", "new-customers", "none: the split adds up",
            ]),
        Case(
            name: "a parent reference hovers its parent",
            plan: mark(Plans.acme, "kpi price-increase\n  parent: extra-revenue", "kpi price-increase\n  parent: ⟦extra-rev1️⃣enue⟧"),
            contains: ["`extra-revenue` — Add", "of monthly revenue", "3 sub-KPIs · 100% allocated"]),
        Case(
            name: "a parent reference in the team file hovers the company KPI",
            plan: mark(Plans.team, "parent: revenue", "parent: ⟦rev1️⃣enue⟧"),
            contains: ["`revenue` — Grow revenue to", "$12M", "+$2M", "(+20%)", "new-logos"],
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "the kpi keyword of a block right after another",
            plan: mark(Plans.acme, "kpi repeat-customers", "1️⃣kpi ⟦repeat-customers⟧"),
            contains: ["`repeat-customers`", "+$300"]),
        Case(
            name: "a metric shows its catalog definition",
            plan: mark(Plans.acme, "metric: MRR", "metric: ⟦M1️⃣RR⟧"),
            contains: ["**MRR** — Recurring revenue billed per month from subscriptions.", "higher is better"]),
        Case(
            name: "a metric of several words",
            plan: mark(Plans.acme, "metric: inbound leads", "metric: ⟦inbound 1️⃣leads⟧"),
            contains: ["**Inbound Leads**"]),
        Case(
            name: "a workspace-only metric",
            plan: mark(Plans.team, "metric: pipeline coverage", "metric: ⟦pipeline cov1️⃣erage⟧"),
            contains: ["**pipeline coverage** — a metric of this workspace", "used by 1 KPI"],
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "a quarter resolves to its last day",
            plan: mark(Plans.acme, "by 2027-Q3", "by ⟦2027-1️⃣Q3⟧"),
            contains: ["2027-09-30", "30 September 2027", "in 77 days"]),
        Case(
            name: "a fiscal year in a target",
            plan: mark(Plans.acme, "target: +20% by FY2027", "target: +20% by ⟦FY20271️⃣⟧"),
            contains: ["2027-12-31", "Fiscal year from 2027-01-01"]),
        Case(
            name: "a date in actuals",
            plan: mark(Plans.acme, "    2027-03-31: $131K", "    ⟦2027-031️⃣-31⟧: $131K"),
            contains: ["31 March 2027", "106 days ago"]),
        Case(
            name: "a baseline value hovers its KPI",
            plan: mark(Plans.acme, "baseline: $125K", "baseline: ⟦$1251️⃣K⟧"),
            contains: ["`mrr`"]),
        Case(
            name: "a field key",
            plan: mark(Plans.acme, "  owner: CFO", "  ⟦own1️⃣er⟧: CFO"),
            contains: ["`owner:` — who is accountable for the KPI."]),
        Case(
            name: "a use line",
            plan: mark(Plans.team, "use \"company.kpi\"", "use ⟦\"company1️⃣.kpi\"⟧"),
            contains: ["company.kpi", "2 KPIs"],
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
        for text in c.contains {
            #expect(hover.contents.value.contains(text), "missing `\(text)` in:\n\(hover.contents.value)", sourceLocation: sourceLocation)
        }
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
        #expect(hover.contents.value.contains("$150K"))
        // A metric's entry, its markdown stripped (made only for such clients).
        let metric = try Markers.extract(mark(Plans.acme, "metric: MRR", "metric: M1️⃣RR"))
        let metricHover = try #require(try session.client.hover(session.open("metric.kpi", metric.text), at: metric.position(marker: 1)))
        #expect(metricHover.contents.kind == .plaintext)
        #expect(metricHover.contents.value.hasPrefix("MRR"), "\(metricHover.contents.value)")
        #expect(!metricHover.contents.value.contains("**") && !metricHover.contents.value.contains("`"))
    }
}

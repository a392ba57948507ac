// Completion lists filtered and ranked by what was typed: labels starting with it first, then
// those containing it, then those holding its letters in order, so an editor that inserts the
// first item (Neovim's omnifunc) inserts what the user meant. Each case is a plan with the cursor
// `1️⃣` and the whole list expected, in order.

import KPITestSupport
import Testing

@testable import KPIPlan

@Suite struct CompletionRankingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var plan: String
        var expected: [String]
        var others: [String: String] = [:]
        var testDescription: String { name }
    }

    static let acme = Fixtures.example("acme.kpi")
    static let twoKPIs = """
        kpi mrr "Grow MRR"
          top-level
          metric: add-on revenue
          owner: CFO

        kpi upsell "Upsell"
          parent: mrr

        """

    static let cases: [Case] = [
        Case(
            name: "parent: rep offers repeat-customers alone (the issue's example)",
            plan: acme + "\nkpi loyalty\n  parent: rep1️⃣\n", expected: ["repeat-customers"]),
        Case(
            name: "parent: re: ids starting with it, then ids containing it, in file order",
            plan: acme + "\nkpi loyalty\n  parent: re1️⃣\n",
            expected: ["repeat-customers", "revenue-2031", "extra-revenue", "price-increase"]),
        Case(
            name: "parent: letters in order, in file order",
            plan: acme + "\nkpi loyalty\n  parent: ncs1️⃣\n", expected: ["price-increase", "new-customers"]),
        Case(
            name: "parent: upper case typed matches lower case ids",
            plan: acme + "\nkpi loyalty\n  parent: MR1️⃣\n", expected: ["mrr", "repeat-customers", "new-customers"]),
        Case(
            name: "metric: Chu is Churn Rate, and the word typed is no workspace metric",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  metric: Chu1️⃣\n"),
            expected: ["Churn Rate"]),
        Case(
            name: "metric: a workspace metric another KPI uses is offered",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  metric: add-on r1️⃣\n"),
            expected: ["add-on revenue"]),
        Case(
            name: "metric: two words typed",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  metric: net r1️⃣\n"),
            expected: ["Net Revenue Retention", "Net Profit Margin", "Inventory Turnover"]),
        Case(
            name: "fields: a partial key",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  own1️⃣\n"), expected: ["owner"]),
        Case(
            name: "fields: nothing typed gives every field the block lacks, in the usual order",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  1️⃣\n"),
            expected: [
                "perspective", "category", "metric", "owner", "baseline", "target", "deadline", "split",
                "weight", "contributes", "growth", "better", "actions", "actuals", "milestones", "role",
            ]),
        Case(
            name: "values: perspective c",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  perspective: c1️⃣\n"),
            expected: ["customer", "financial"]),
        Case(
            name: "values: nothing matching gives nothing",
            plan: twoKPIs.replacing("  parent: mrr\n", with: "  parent: mrr\n  growth: q1️⃣\n"), expected: []),
        Case(
            name: "snippets at the start of a line",
            plan: twoKPIs + "p1️⃣\n", expected: ["plan", "kpi", "kpi (top-level)", "kpi (split)"]),
        Case(
            name: "use: the files matching what was typed",
            plan: "use \"sa1️⃣\n", expected: ["sales.kpi", "teams/ops/a.kpi"],
            others: ["sales.kpi": "kpi s\n  top-level\n", "teams/ops/a.kpi": "kpi a\n  top-level\n", "company.kpi": "kpi c\n  top-level\n"]),
    ]

    @Test(arguments: cases)
    func rankedList(_ c: Case) throws {
        let marked = try Markers.extract(c.plan)
        var files = c.others.map { PlanFile(path: $0.key, text: $0.value) }
        files.append(PlanFile(path: "plan.kpi", text: marked.text))
        let analysis = Workspace(files: files).analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        let entries = analysis.completions(at: marked[1], in: "plan.kpi")
        #expect(entries.map(\.label) == c.expected)
        // The rank is the sort text, so clients that sort by it keep this order.
        #expect(entries.map(\.sortText) == entries.indices.map { String(repeating: "0", count: 4 - String($0).count) + String($0) })
        #expect(!entries.contains { $0.isPartOfIncompleteList })
    }

    /// The tiers by their definition, one case each.
    @Test func tiers() {
        let typed = TypedText("Rev")
        #expect(typed.tier(of: "revenue-2031") == .prefix)
        #expect(typed.tier(of: "extra-REVENUE") == .substring)
        #expect(typed.tier(of: "repeat-customers-v2") == .subsequence)
        #expect(typed.tier(of: "mrr") == nil)
        #expect(TypedText("").tier(of: "anything") == .prefix)
        #expect(TypedText("é").tier(of: "Café") == .substring)
    }
}

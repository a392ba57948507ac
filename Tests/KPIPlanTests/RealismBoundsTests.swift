// Which percentage targets are impossible depends on the metric; a passed deadline shows without a baseline.

import KPIPlan
import Testing

@Suite struct RealismBoundsTests {
    func codes(_ body: String) -> [DiagnosticCode] {
        let text = "plan \"P\"\n  as-of: 2027-07-15\n\nkpi k \"K\"\n  top-level\n  owner: X\n  actions:\n    - Act\n" + body
        let analysis = Workspace(files: [PlanFile(path: "p.kpi", text: text)]).analysis(
            AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        return analysis.diagnostics(for: "p.kpi").map(\.code)
    }

    @Test(arguments: [
        ("customer retention rate", "88%", "120%", true),  // a rate cannot pass 100%
        ("net revenue retention", "105%", "120%", false),  // NRR can
        ("ROI", "-10%", "150%", false),  // returns can go either way
        ("quota attainment", "90%", "110%", false),
        ("operating margin", "-8%", "-2%", false),  // margins can be negative
        ("churn rate", "5%", "-6pp", true),  // a rate cannot go under 0%: 5% − 6pp
        ("sales growth", "10%", "-15pp", false),
        ("repeat rate of the shop", "30%", "130%", true),  // a workspace metric named a rate
        ("yoy expansion", "30%", "130%", false),  // a workspace metric not named a rate
    ])
    func percentageBounds(metric: String, baseline: String, target: String, impossible: Bool) {
        let found = codes("  metric: \(metric)\n  baseline: \(baseline) at 2026-12-31\n  target: \(target) by 2027-12-31\n")
        #expect(found.contains(.impossibleTarget) == impossible, "\(metric) \(target): \(found)")
    }

    @Test func aPassedDeadlineShowsWithoutABaseline() {
        let found = codes("  metric: revenue\n  target: $5M by 2027-03-31\n")
        #expect(found.contains(.deadlinePassed))
        #expect(!codes("  metric: revenue\n  target: $5M by 2027-12-31\n").contains(.deadlinePassed))
    }
}

// Completion in a large workspace: past the limit, the best matches of what was typed, marked incomplete;
// metrics of the workspace counted per file version.

import Testing

@testable import KPIPlan

@Suite struct CompletionLimitTests {
    func analysis(kpis count: Int, child: String) -> (Analysis, offset: Int) {
        var text = "kpi root \"Root\"\n  top-level\n"
        for i in 0..<count { text += "kpi goal-\(i)\n  parent: root\n" }
        text += child
        let file = PlanFile(path: "big.kpi", text: text)
        let analysis = Workspace(files: [file]).analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        return (analysis, text.utf8.count)
    }

    @Test func aSmallWorkspaceGetsEveryMatchingIdComplete() {
        let (analysis, offset) = analysis(kpis: 10, child: "kpi leaf\n  parent: goal-1")
        let entries = analysis.completions(at: offset, in: "big.kpi")
        #expect(entries.map(\.label) == ["goal-1"])
        #expect(!entries.contains { $0.isPartOfIncompleteList })
        let (all, end) = self.analysis(kpis: 10, child: "kpi leaf\n  parent: ")
        #expect(all.completions(at: end, in: "big.kpi").map(\.label) == ["root"] + (0..<10).map { "goal-\($0)" })
    }

    /// Past the limit the list is cut, marked incomplete, with the best matches kept: ids that
    /// start with what was typed (in file order), then ids holding its letters in order.
    @Test func pastTheLimitTheBestMatchesAndIncomplete() {
        // 542 of the 2,000 ids hold a 9 after `goal-`; 111 start with `goal-9`.
        let (analysis, offset) = analysis(kpis: 2_000, child: "kpi leaf\n  parent: goal-9")
        let entries = analysis.completions(at: offset, in: "big.kpi")
        let prefixed = ["goal-9"] + (90...99).map { "goal-\($0)" } + (900...999).map { "goal-\($0)" }
        #expect(entries.count == Analysis.completionLimit)
        #expect(entries.allSatisfy { $0.isPartOfIncompleteList })
        #expect(Array(entries.map(\.label).prefix(111)) == prefixed)
        #expect(Array(entries.map(\.label)[111..<114]) == ["goal-19", "goal-29", "goal-39"])
        // Nothing typed: the first ids of the workspace, cut too.
        let (all, end) = self.analysis(kpis: 500, child: "kpi leaf\n  parent: ")
        let first = all.completions(at: end, in: "big.kpi")
        #expect(first.map(\.label) == ["root"] + (0..<199).map { "goal-\($0)" })
        #expect(first.allSatisfy { $0.isPartOfIncompleteList })
    }

    /// Past the limit too, the KPI itself and what is below it are never offered (a cycle).
    @Test func pastTheLimitNeitherItselfNorWhatIsBelowIt() {
        let (analysis, offset) = analysis(kpis: 500, child: "kpi below-12\n  parent: leaf-12\nkpi leaf-12\n  parent: 12")
        let labels = analysis.completions(at: offset, in: "big.kpi").map(\.label)
        #expect(labels.contains("goal-12") && labels.contains("goal-412"))
        #expect(!labels.contains("leaf-12") && !labels.contains("below-12"))
    }

    @Test func pastTheLimitTheTypedFilterIgnoresCase() {
        let (lower, offset) = analysis(kpis: 500, child: "kpi leaf\n  parent: goal-12")
        let (upper, _) = analysis(kpis: 500, child: "kpi leaf\n  parent: GOAL-12")
        let labels = lower.completions(at: offset, in: "big.kpi").map(\.label)
        #expect(upper.completions(at: offset, in: "big.kpi").map(\.label) == labels)
        #expect(labels.first == "goal-12")
    }

    /// Metrics outside the catalog are counted per file version: a file read again counts anew.
    @Test func workspaceMetricCountsFollowTheFilesText() {
        func usersText(_ uses: Int) -> String? {
            var text = "kpi root \"Root\"\n  top-level\n  metric: add-on revenue\n"
            for i in 1..<uses { text += "kpi k\(i)\n  parent: root\n  metric: add-on revenue\n" }
            text += "kpi leaf\n  parent: root\n  metric: "
            let analysis = Workspace(files: [PlanFile(path: "m.kpi", text: text)])
                .analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
            return analysis.completions(at: text.utf8.count, in: "m.kpi").first { $0.label == "add-on revenue" }?.documentation
        }
        #expect(usersText(3)?.contains("used by 3 KPIs") == true)
        #expect(usersText(1)?.contains("used by 1 KPI.") == true)
        #expect(usersText(2)?.contains("used by 2 KPIs") == true)
    }

    /// A metric written in several letter cases across files is one entry, shown as its smallest
    /// spelling whatever the order of files, with the KPIs of every spelling counted; asking twice
    /// gives the same list (it is worked out once per analysis).
    @Test(arguments: [["a.kpi", "b.kpi", "c.kpi"], ["c.kpi", "b.kpi", "a.kpi"]])
    func workspaceMetricsInSeveralLetterCasesAreOneEntry(_ order: [String]) {
        let texts = [
            "a.kpi": "kpi a1 \"A\"\n  top-level\n  metric: widget yield\nkpi a2 \"A\"\n  top-level\n  metric: widget yield\n",
            "b.kpi": "kpi b1 \"B\"\n  top-level\n  metric: Widget Yield\n",
            "c.kpi": "kpi c1 \"C\"\n  top-level\n  metric: WIDGET yield\nkpi leaf\n  top-level\n  metric: ",
        ]
        let analysis = Workspace(files: order.map { PlanFile(path: $0, text: texts[$0]!) })
            .analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        let offset = texts["c.kpi"]!.utf8.count
        let first = analysis.completions(at: offset, in: "c.kpi").filter { $0.label.lowercased() == "widget yield" }
        #expect(first.map(\.label) == ["WIDGET yield"])
        #expect(first.first?.documentation?.contains("used by 4 KPIs") == true)
        #expect(analysis.completions(at: offset, in: "c.kpi").map(\.label) == analysis.completions(at: offset, in: "c.kpi").map(\.label))
    }
}

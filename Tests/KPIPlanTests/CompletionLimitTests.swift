// Completion in a large workspace: past the limit, only ids matching what was typed, marked incomplete.

@testable import KPIPlan
import Testing

@Suite struct CompletionLimitTests {
    func analysis(kpis count: Int, child: String) -> (Analysis, offset: Int) {
        var text = "kpi root \"Root\"\n  top-level\n"
        for i in 0..<count { text += "kpi goal-\(i)\n  parent: root\n" }
        text += child
        let file = PlanFile(path: "big.kpi", text: text)
        let analysis = Workspace(files: [file]).analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        return (analysis, text.utf8.count)
    }

    @Test func aSmallWorkspaceGetsEveryIdUnfiltered() {
        let (analysis, offset) = analysis(kpis: 10, child: "kpi leaf\n  parent: goal-1")
        let entries = analysis.completions(at: offset, in: "big.kpi")
        #expect(entries.count == 11)          // root and the ten goals; the editor filters
        #expect(!entries.contains { $0.isPartOfIncompleteList })
    }

    @Test func pastTheLimitOnlyMatchingIdsAndIncomplete() {
        let (analysis, offset) = analysis(kpis: 500, child: "kpi leaf\n  parent: goal-12")
        let entries = analysis.completions(at: offset, in: "big.kpi")
        // goal-12 and goal-120…goal-129 match "goal-12" as a subsequence, and so do goal-1x2 etc.
        #expect(entries.count <= Analysis.completionLimit)
        #expect(entries.allSatisfy { $0.isPartOfIncompleteList })
        #expect(entries.contains { $0.label == "goal-12" })
        #expect(entries.contains { $0.label == "goal-129" })
        #expect(!entries.contains { $0.label == "goal-3" })
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
        #expect(labels.contains("goal-12"))
    }

    /// The typed filter answers as matching the lowercased id does, on its fast byte path (ASCII
    /// on both sides) and off it (accents, `€`, emoji, control characters, upper case).
    @Test func theTypedFilterMatchesAsTheLowercasedIdDoes() {
        let typed = ["", "mrr", "MRR", "rev-2", "é", "€", "🚀", "x\ty", "gr", "GROW", "ëx", "k", "q3.x", "a_b", "27", "q3+", "Z"]
        let ids = ["mrr", "MRR-emea", "revenue-2027", "Revenue-2", "café-growth", "€-budget", "launch-🚀", "x\ty", "growth", "GRÖW", "ËXTRA", "",
                   "\u{212A}pi", "Q3.xyz", "q3-x", "a_b", "a-b", "q3+x", "q3!", "zeta"]   // a Kelvin sign lowercases to "k"
        var matched = 0
        let list = Analysis.IDList(ids)   // the ids end to end, as parent completion reads them
        for t in typed {
            let filter = Analysis.TypedFilter(Array(t.utf8))
            let expected = ids.indices.filter { Analysis.fuzzyMatch(Array(t.lowercased()), ids[$0].lowercased()) }
            #expect(list.indices(matching: filter) == expected, "\(t)")
            for (index, id) in ids.enumerated() {   // each id on its own too
                #expect(Analysis.IDList([id]).indices(matching: filter) == (expected.contains(index) ? [0] : []), "\(t) in \(id)")
            }
            matched += expected.count
        }
        #expect(matched > 30)
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
        let texts = ["a.kpi": "kpi a1 \"A\"\n  top-level\n  metric: widget yield\nkpi a2 \"A\"\n  top-level\n  metric: widget yield\n",
                     "b.kpi": "kpi b1 \"B\"\n  top-level\n  metric: Widget Yield\n",
                     "c.kpi": "kpi c1 \"C\"\n  top-level\n  metric: WIDGET yield\nkpi leaf\n  top-level\n  metric: "]
        let analysis = Workspace(files: order.map { PlanFile(path: $0, text: texts[$0]!) })
            .analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        let offset = texts["c.kpi"]!.utf8.count
        let first = analysis.completions(at: offset, in: "c.kpi").filter { $0.label.lowercased() == "widget yield" }
        #expect(first.map(\.label) == ["WIDGET yield"])
        #expect(first.first?.documentation?.contains("used by 4 KPIs") == true)
        #expect(analysis.completions(at: offset, in: "c.kpi").map(\.label) == analysis.completions(at: offset, in: "c.kpi").map(\.label))
    }
}

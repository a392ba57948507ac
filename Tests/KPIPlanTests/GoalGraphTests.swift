// The goal graph's numbering of KPIs, and parent cycles found across files with it.

import Testing

@testable import KPIPlan

@Suite struct GoalGraphTests {
    /// Files without KPIs (first, between, last) take no numbers; every KPI gets its place in `KPIRef` order.
    @Test func numberingFollowsKPIRefOrder() {
        let workspace = Workspace(files: [
            PlanFile(path: "a.kpi", text: "plan \"A\"\n"),
            PlanFile(path: "b.kpi", text: "kpi b1 \"B1\"\n  top-level\nkpi b2 \"B2\"\n  top-level\n"),
            PlanFile(path: "c.kpi", text: ""),
            PlanFile(path: "d.kpi", text: "kpi d1 \"D1\"\n  top-level\n"),
            PlanFile(path: "e.kpi", text: "# nothing\n"),
        ])
        let paths = workspace.files.keys.sorted()
        let numbering = KPINumbering(paths: paths, workspace: workspace)
        let refs = paths.flatMap { path in workspace.files[path]!.kpis.indices.map { KPIRef(path: path, index: $0) } }
        #expect(numbering.count == 3)
        #expect(refs.indices.map { numbering.ref($0) } == refs)
        #expect(refs.map { numbering.number(of: $0) } == Array(refs.indices))
        #expect(numbering.number(file: 3, index: 0) == 2)
    }

    /// A loop through two files is found once, whichever member it is asked of, starting at its
    /// smallest member; KPIs that only lead into it are not in it.
    @Test func cyclesAcrossFiles() {
        let workspace = Workspace(files: [
            PlanFile(path: "x.kpi", text: "use \"y.kpi\"\nkpi x1 \"X1\"\n  parent: y1\nkpi x2 \"X2\"\n  parent: x1\n"),
            PlanFile(
                path: "y.kpi",
                text: "use \"x.kpi\"\nkpi y1 \"Y1\"\n  parent: y2\nkpi y2 \"Y2\"\n  parent: x1\nkpi y3 \"Y3\"\n  parent: y3\n"),
            PlanFile(path: "w.kpi", text: ""),
        ])
        let analysis = workspace.analysis(AnalysisOptions(today: Day(year: 2027, month: 1, day: 1)!))
        let x1 = KPIRef(path: "x.kpi", index: 0)
        let x2 = KPIRef(path: "x.kpi", index: 1)
        let y1 = KPIRef(path: "y.kpi", index: 0)
        let y2 = KPIRef(path: "y.kpi", index: 1)
        let y3 = KPIRef(path: "y.kpi", index: 2)
        #expect(analysis.cycles[x1] == [x1, y1, y2])
        #expect(analysis.cycles[y2] == [x1, y1, y2])
        #expect(analysis.cycle(of: y1) == [y1, y2, x1])
        #expect(analysis.cycles[y3] == [y3])
        #expect(!analysis.isInCycle(x2))
        #expect(analysis.cycles.count == 4)
    }
}

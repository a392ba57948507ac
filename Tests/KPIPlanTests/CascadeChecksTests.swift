// The cascade's findings, each triggered at its exact range and silent when the plan is sound:
// a sign left out of a reduction split, short horizons and reductions against their ceilings,
// targets the actuals' trend passes early, and the fixes the model computes for them.

import KPIPlan
import KPITestSupport
import Testing

@Suite struct CascadeChecksTests {
    static let cut = """
        kpi costs "Cut costs by $20K"
          top-level
          baseline: $200K at 2026-12-31
          target: ⟦-$20K⟧ by FY2027
          split: sum
        kpi hosting
          parent: costs
          contributes: -$15K
        kpi travel
          parent: costs
          contributes: $5K
        """

    @Test func aSignLeftOutIsNamed() throws {
        let found = try check(
            Self.cut, .splitMismatch,
            message: "`travel` contributes +$5,000 to a -$20,000 change: the opposite sign; as -$5,000 the split adds up")
        let a = analysis([mainPath: try Markers.extract(Self.cut).text])
        let fixes = a.codeActions(in: mainPath, range: found.range)
        let turn = try #require(fixes.first { $0.title.hasPrefix("Write") })
        #expect(turn.title == "Write `-$5,000` for `travel`: the sign of the change")
        #expect(turn.isPreferred)
        let travel = a.kpi(try a.ref("travel"))
        #expect(turn.edits == [PlanEdit(path: mainPath, range: travel.contributes!.range, newText: "-$5,000")])
        // With the minus, the split adds up.
        try checkSilent(Self.cut.replacingOccurrences(of: "contributes: $5K", with: "contributes: -$5K"), .splitMismatch)
    }

    @Test func aSignThatDoesNotExplainTheGapIsNamedBesideIt() throws {
        try check(
            Self.cut.replacingOccurrences(of: "contributes: $5K", with: "contributes: $1K"), .splitMismatch,
            message:
                "children add up to -$14,000 of the -$20,000 target: $6,000 unallocated (`travel` contributes +$1,000 against the sign of the change)"
        )
    }

    @Test func aSplitOfDriversOnlySaysSo() throws {
        try check(
            """
            kpi mrr
              top-level
              baseline: $500K at 2026-12-31
              target: +$90K by FY2027
              split: ⟦sum⟧
            kpi win-rate
              parent: mrr
              baseline: 22% at 2026-12-31
              target: +4pp by 2027-Q3
            """, .splitMismatch,
            message:
                "`split: sum` but every child of `mrr` is a driver (`win-rate`): give the parts that add up `contributes:` or `role: component`"
        )
    }

    @Test func aShortTargetIsJudgedByItsPeriod() throws {
        try check(
            """
            kpi mrr
              top-level
              baseline: $125K at 2026-12-31
              target: ⟦$500K⟧ by 2027-03-31
            """, .unrealisticTarget,
            message: "$125K → $500K is +300% in 3 months (25,500%/year if sustained), more than the 100% the ceiling allows in a whole year"
        )
        // The seeds' good KPI: +$25K this month on $125K.
        try checkSilent(
            """
            kpi mrr
              top-level
              baseline: $125K at 2027-06-30
              target: +$25K by 2027-07-31
            """, .unrealisticTarget)
    }

    @Test func aDeepCutIsUnrealistic() throws {
        try check(
            """
            kpi first-response
              top-level
              baseline: 24h at 2027-06-30
              target: ⟦0.5h⟧ by 2027-07-31
            """, .unrealisticTarget,
            message: "is -97.9% in 1 month, a deeper cut than the 80% the reduction ceiling allows in a whole year")
        try checkSilent(
            """
            kpi first-response
              top-level
              baseline: 8h at 2026-12-31
              target: 3h by 2027-09-30
            kpi backlog
              top-level
              baseline: 900 at 2026-12-31
              target: 300 by 2027-09-30
            """, .unrealisticTarget)
    }

    @Test func theCeilingFixesComeFromTheModel() throws {
        let plan = """
            kpi enterprise
              top-level
              baseline: $2M at 2026-12-31
              target: ⟦+400%⟧ by FY2027
            """
        let found = try check(
            plan, .unrealisticTarget, message: "$2M → $10M needs 400% compound growth a year over 1 year; the ceiling is 100%/year")
        let marked = try Markers.extract(plan)
        let a = analysis([mainPath: marked.text])
        let fixes = a.codeActions(in: mainPath, range: found.range).filter { $0.diagnostic == found }
        #expect(
            fixes.map(\.title) == [
                "Lower the target to $4M by 2027-12-31, what the ceiling allows",
                "Move the deadline to 2029-04-28, the first day the ceiling allows the target",
            ])
        let deadline = try #require(a.kpi(try a.ref("enterprise")).deadline)
        #expect(
            fixes.map(\.edits) == [
                [PlanEdit(path: mainPath, range: marked.range, newText: "$4M")],
                [PlanEdit(path: mainPath, range: deadline.range, newText: "2029-04-28")],
            ])
        // Either fix makes the target realistic.
        for fix in fixes {
            var bytes = Array(marked.text.utf8)
            bytes.replaceSubrange(fix.edits[0].range, with: Array(fix.edits[0].newText.utf8))
            try checkSilent(String(decoding: bytes, as: UTF8.self), .unrealisticTarget)
        }
    }

    @Test func aDeadlineAfterTheParentsOffersTheParents() throws {
        let plan = """
            kpi mrr
              top-level
              baseline: $125K at 2026-12-31
              target: +20% by FY2027
            kpi leads
              parent: mrr
              baseline: 400 at 2026-12-31
              target: 500 by ⟦2028-03-31⟧
            """
        let found = try check(plan, .deadlineAfterParent, message: "deadline 2028-03-31 is 91 days after")
        let a = analysis([mainPath: try Markers.extract(plan).text])
        let fix = try #require(a.codeActions(in: mainPath, range: found.range).first { $0.diagnostic == found })
        #expect(fix.title == "Move the deadline to 2027-12-31, its parent's")
        #expect(fix.edits == [PlanEdit(path: mainPath, range: found.range, newText: "2027-12-31")])
    }

    static let sandbagged = """
        kpi mrr
          top-level
          baseline: $100K at 2026-12-31
          target: ⟦$150K⟧ by FY2027
          actuals:
            2027-03-31: $125K
        """

    @Test func aTargetTheTrendPassesEarlyIsHinted() throws {
        let found = try check(
            Self.sandbagged, .targetBelowTrend,
            message:
                "the trend of the actuals, +147.3%/year, reaches $150K by 2027-06-13, 7 months before the 2027-12-31 deadline: the target may ask too little (the trend gives $247.2K by then)"
        )
        #expect(found.severity == .hint)
        let a = analysis([mainPath: try Markers.extract(Self.sandbagged).text])
        let fix = try #require(a.codeActions(in: mainPath, range: found.range).first { $0.diagnostic == found })
        #expect(fix.title == "Set the target to $247.2K, where the trend is by 2027-12-31")
        #expect(fix.edits == [PlanEdit(path: mainPath, range: found.range, newText: "$247.2K")])
    }

    @Test func aTargetAheadOfItsTrendIsNotHinted() throws {
        // Acme's MRR is behind its path: its trend reaches $150K only in 2028.
        try checkSilent(Fixtures.example("acme.kpi"), .targetBelowTrend)
        // Reached a month early is not "well before" a year's deadline.
        try checkSilent(Self.sandbagged.replacingOccurrences(of: "2027-03-31: $125K", with: "2027-06-30: $125K"), .targetBelowTrend)
    }
}

// Components and drivers under a split, contributes-only KPIs passing their unit and deadline
// down, and progress rolling up through nested splits, with the issue's own plans.

import KPIPlan
import KPITestSupport
import Testing

@Suite struct DriversAndRollUpsTests {
    /// The plan: a win-rate driver beside the mid-market component of a sum split.
    static let newBusiness = """
        kpi mrr "Grow MRR"
          top-level
          baseline: $500K at 2026-12-31
          target: +$90K by FY2027
          split: sum
        kpi new-biz "New business"
          parent: mrr
          contributes: +$90K
          split: sum
        kpi mid-market
          parent: new-biz
          contributes: +$85K
        kpi win-rate "Win more deals"
          parent: new-biz
          baseline: 22% at 2026-12-31
          target: +4pp by 2027-Q3
        """

    @Test func onlyTheComponentAddsUp() throws {
        let a = analysis([mainPath: Self.newBusiness])
        let split = try #require(a.math(try a.ref("new-biz")).split)
        #expect(split.parts.map { a.kpi($0.child).id } == ["mid-market"])
        #expect(split.drivers.map { a.kpi($0).id } == ["win-rate"])
        #expect(split.whole == 90_000)
        #expect(split.total == 85_000)
        #expect(split.remainder == 5_000)
        #expect(a.role(of: try a.ref("win-rate")) == .driver)
        #expect(a.role(of: try a.ref("mid-market")) == .component)
        #expect(a.role(of: try a.ref("mrr")) == nil)
        #expect(a.summary(try a.ref("new-biz")) == "2 sub-KPIs (1 driver) · 94% allocated")
        let diagnostics = a.diagnostics(for: mainPath)
        let split100 = diagnostics.filter { $0.code == .splitMismatch }
        #expect(split100.map(\.message) == ["children add up to $85,000 of the $90,000 target: $5,000 unallocated"])
        #expect(
            !diagnostics.contains { $0.code == .unitMismatch || $0.code == .weightsNot100 || $0.code == .missingDeadline },
            "\(diagnostics.map(\.message))")
    }

    @Test func aContributesOnlyKPIPassesItsUnitAndDeadlineDown() throws {
        let a = analysis([mainPath: Self.newBusiness])
        let newBiz = a.math(try a.ref("new-biz"))
        #expect(newBiz.unit == a.math(try a.ref("mrr")).unit)
        #expect(newBiz.deadline == day("2027-12-31"))
        let midMarket = a.math(try a.ref("mid-market"))
        #expect(midMarket.deadline == day("2027-12-31"))
        #expect(midMarket.deadlineFromParent)
        let text = a.explanation(try a.ref("mid-market")).text()
        #expect(text.contains("Deadline:    2027-12-31 (its parent's), 169 days left (today is 2027-07-15)"), "\(text)")
        #expect(text.contains("Role:        component of `new-biz`: counted in its split"), "\(text)")
        let driver = a.explanation(try a.ref("new-biz")).text()
        #expect(driver.contains("Drivers:     win-rate (aligned, not added up)"), "\(driver)")
    }

    @Test func aPipelineInDollarsIsADriverWhenItSaysSo() throws {
        let plan = Self.newBusiness.replacingOccurrences(
            of: "kpi win-rate",
            with: """
                kpi pipeline "Grow the pipeline"
                  parent: new-biz
                  role: driver
                  baseline: $6M at 2026-12-31
                  target: $9M by 2027-Q3
                kpi win-rate
                """)
        let a = analysis([mainPath: plan])
        let split = try #require(a.math(try a.ref("new-biz")).split)
        #expect(split.total == 85_000)
        #expect(split.drivers.map { a.kpi($0).id } == ["pipeline", "win-rate"])
        // Without `role: driver` its $3M change counts: the split is over-allocated.
        let counted = analysis([mainPath: plan.replacingOccurrences(of: "  role: driver\n", with: "")])
        #expect(try #require(counted.math(try counted.ref("new-biz")).split).total == 3_085_000)
    }

    @Test func anExplicitComponentInAnotherUnitIsAMismatch() throws {
        try check(
            """
            kpi mrr
              top-level
              baseline: $500K at 2026-12-31
              target: +$90K by FY2027
              split: sum
            kpi win-rate
              parent: mrr
              role: component
              baseline: ⟦22%⟧ at 2026-12-31
              target: +4pp by 2027-Q3
            """, .unitMismatch, message: "`win-rate` is measured in % but its parent `mrr` splits USD: add `contributes:` in USD")
    }

    @Test func aWeightedSplitCountsOnlyWeightedChildren() throws {
        let plan = """
            kpi score
              top-level
              split: weighted
            kpi a
              parent: score
              weight: 60%
            kpi b
              parent: score
              weight: 40%
            kpi nps-driver
              parent: score
            """
        let a = analysis([mainPath: plan])
        let split = try #require(a.math(try a.ref("score")).split)
        #expect(split.total == 1)
        #expect(split.drivers.map { a.kpi($0).id } == ["nps-driver"])
        #expect(!a.diagnostics(for: mainPath).contains { $0.code == .weightsNot100 })
    }

    @Test func invalidRoleIsReported() throws {
        try check(
            """
            kpi a
              top-level
              role: ⟦helper⟧
            """, .invalidValue, message: "`helper` is not a role: write `component` or `driver`")
    }

    /// A weighted scorecard over weighted perspectives: each perspective's progress is its
    /// children's, and the scorecard's is the perspectives'.
    static let scorecard = """
        kpi scorecard
          top-level
          split: weighted
        kpi fin
          parent: scorecard
          weight: 50%
          split: weighted
        kpi cust
          parent: scorecard
          weight: 50%
          split: weighted
        kpi revenue
          parent: fin
          weight: 100%
          baseline: $100K at 2026-12-31
          target: $200K by 2027-12-31
          actuals:
            2027-06-30: $150K
        kpi nps
          parent: cust
          weight: 50%
          baseline: 20 at 2026-12-31
          target: 40 by 2027-12-31
          actuals:
            2027-06-30: 30
        kpi csat
          parent: cust
          weight: 50%
          baseline: 80% at 2026-12-31
          target: 90% by 2027-12-31
          actuals:
            2027-06-30: 85%
        """

    @Test func weightedRollUpsNest() throws {
        let a = analysis([mainPath: Self.scorecard])
        let split = try #require(a.math(try a.ref("scorecard")).split)
        #expect(split.parts.map(\.progress) == [0.5, 0.5])
        #expect(split.rolledUpProgress == 0.5)
        let text = a.explanation(try a.ref("scorecard")).text()
        #expect(text.contains("    cust      50%       50%\n"), "\(text)")
        #expect(text.contains("    Total    100%       50%\n"), "\(text)")
        // The perspectives and the scorecard are groupings: their progress is their children's.
        #expect(!a.diagnostics(for: mainPath).contains { $0.code == .vagueTarget }, "\(a.diagnostics(for: mainPath).map(\.message))")
    }

    @Test func summedRollUpsNest() throws {
        let plan = """
            kpi mrr
              top-level
              baseline: $500K at 2026-12-31
              target: +$100K by FY2027
              split: sum
            kpi sales
              parent: mrr
              contributes: +$100K
              split: sum
            kpi emea
              parent: sales
              baseline: $200K at 2026-12-31
              target: +$60K by FY2027
              actuals:
                2027-06-30: $230K
            kpi apac
              parent: sales
              contributes: +$40K
            """
        let a = analysis([mainPath: plan])
        // emea has made $30K of its $60K; apac has nothing to show: sales is at 30%, and mrr too.
        #expect(try #require(a.math(try a.ref("sales")).split).rolledUpProgress == 0.3)
        let top = try #require(a.math(try a.ref("mrr")).split)
        #expect(top.parts.map(\.progress) == [0.3])
        #expect(top.rolledUpProgress == 0.3)
    }

    @Test func aGroupingWithoutChildrenIsStillVague() throws {
        try check(
            """
            kpi ⟦alone⟧
              top-level
              split: weighted
            """, .vagueTarget, message: "`alone` has no target")
    }
}

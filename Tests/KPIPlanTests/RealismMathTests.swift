// The realism math with worked numbers: short horizons judged against a whole year's ceiling,
// reductions against their own ceiling, what the ceiling allows, and the trend of the actuals.

import Foundation
import KPIPlan
import KPITestSupport
import Testing

@Suite struct RealismMathTests {
    func math(_ plan: String, _ id: String, options: AnalysisOptions = AnalysisOptions(today: fixedToday)) throws -> KPIMath {
        let a = analysis([mainPath: plan], options: options)
        return a.math(try a.ref(id))
    }

    /// The seeds' good KPI: +$25K this month on $125K.
    static let thisMonth = """
        kpi mrr
          top-level
          baseline: $125K at 2027-06-30
          target: +$25K by 2027-07-31
        """

    @Test func aMonthIsJudgedByItsOwnChange() throws {
        let m = try math(Self.thisMonth, "mrr")
        let r = try #require(m.realism)
        #expect(r.direction == .growth)
        #expect(approx(r.periodChange, 0.2))
        #expect(r.isUnderAYear)
        #expect(approx(r.judgedRate, 0.2))  // held to a whole year's ceiling, not annualized
        #expect(!r.exceedsCeiling)
        #expect(Quantity.formatPercent(m.perYear ?? 0) == "791.6%")
        #expect(r.periodFigure == "+20% in 1 month")
    }

    @Test func explainSaysThePeriodFirst() throws {
        let a = analysis([mainPath: Self.thisMonth])
        let text = a.explanation(try a.ref("mrr")).text()
        #expect(text.contains("  Growth needed: +20% in 1 month (791.6%/year if sustained)\n"), "\(text)")
    }

    @Test func reductionsHaveTheirOwnCeiling() throws {
        // 24h → 0.5h in one month: −97.9%, beyond the 80% a year allows.
        let fast = try #require(
            try math(
                """
                kpi first-response
                  top-level
                  baseline: 24h at 2027-06-30
                  target: 0.5h by 2027-07-31
                """, "first-response"
            ).realism)
        #expect(fast.direction == .reduction)
        #expect(Quantity.formatPercent(fast.periodChange) == "-97.9%")
        #expect(approx(fast.judgedRate, 1 - 0.5 / 24))
        #expect(fast.exceedsCeiling)
        #expect(approx(fast.ceilingLevel, 1 * 0.2))  // 24h is one day: the ceiling allows a cut to 4.8h (0.2 days) in a year
        // 8h → 3h over nine months, and a backlog of 900 → 300 in three quarters: normal plans.
        let nine = try #require(
            try math(
                """
                kpi first-response
                  top-level
                  baseline: 8h at 2026-12-31
                  target: 3h by 2027-09-30
                """, "first-response"
            ).realism)
        #expect(approx(nine.judgedRate, 0.625))
        #expect(!nine.exceedsCeiling)
        let backlog = try #require(
            try math(
                """
                kpi backlog
                  top-level
                  baseline: 900 at 2026-12-31
                  target: 300 by 2027-09-30
                """, "backlog"
            ).realism)
        #expect(approx(backlog.judgedRate, 2.0 / 3))
        #expect(!backlog.exceedsCeiling)
        // Over three years, 100 → 1 is a 78.5% cut a year: within 80%, beyond 70%.
        let plan = """
            kpi defects
              top-level
              baseline: 100 at 2026-12-31
              target: 1 by 2029-12-31
            """
        let long = try #require(try math(plan, "defects").realism)
        #expect(Quantity.formatPercent(long.judgedRate) == "78.5%")
        #expect(!long.exceedsCeiling)
        let strict = try #require(try math(plan, "defects", options: AnalysisOptions(maxAnnualReduction: 0.7, today: fixedToday)).realism)
        #expect(strict.exceedsCeiling)
        #expect(approx(strict.ceilingLevel, 100 * pow(0.3, 3), tolerance: 1e-9))
        #expect(strict.writableCeilingLevel == 2.7)
    }

    @Test func whatTheCeilingAllows() throws {
        let m = try math(
            """
            kpi enterprise
              top-level
              baseline: $2M at 2026-12-31
              target: +400% by FY2027
            """, "enterprise")
        let r = try #require(m.realism)
        #expect(r.exceedsCeiling)
        #expect(r.ceilingLevel == 4_000_000)
        #expect(r.writableCeilingLevel == 4_000_000)
        // ln 5 / ln 2 = 2.32 years after 2026-12-31.
        #expect(r.earliestDeadline == day("2029-04-28"))
        let text = analysis([
            mainPath: """
            kpi enterprise
              top-level
              baseline: $2M at 2026-12-31
              target: +400% by FY2027
            """
        ]).explanation(
            try analysis([mainPath: "kpi enterprise\n  top-level\n  baseline: $2M at 2026-12-31\n  target: +400% by FY2027\n"]).ref(
                "enterprise")
        ).text()
        #expect(text.contains("Ceiling:       100%/year growth: it allows $4M by 2027-12-31, and this target by 2029-04-28\n"), "\(text)")
    }

    @Test func aPlanSetsItsReductionCeiling() throws {
        let r = try #require(
            try math(
                """
                plan "Support"
                  max-annual-reduction: 99%
                kpi first-response
                  top-level
                  baseline: 24h at 2027-06-30
                  target: 0.5h by 2027-07-31
                """, "first-response"
            ).realism)
        #expect(r.ceiling == 0.99)
        #expect(!r.exceedsCeiling)
    }

    @Test func kpiTomlSetsTheReductionCeiling() {
        let file = SettingsFile(bytes: Array("[realism]\nmaxAnnualReduction = 70\n".utf8))
        #expect(file.problems.isEmpty)
        #expect(file.settings.maxAnnualReduction == 0.7)
        #expect(file.settings.options(today: fixedToday).maxAnnualReduction == 0.7)
        #expect(KPISettings().options(today: fixedToday).maxAnnualReduction == 0.8)
        let wrong = SettingsFile(bytes: Array("[realism]\nmaxAnnualReduction = 100\n".utf8))
        #expect(wrong.problems.map(\.message) == ["`maxAnnualReduction` takes a number of percent between 0 and 100, like 80"])
    }

    @Test func theTrendOfTheActuals() throws {
        let m = try math(
            """
            kpi mrr
              top-level
              baseline: $100K at 2026-12-31
              target: $150K by 2027-12-31
              actuals:
                2027-06-30: $120K
            """, "mrr")
        let trend = try #require(m.trend)
        #expect(trend.first.date == day("2026-12-31"))
        #expect(approx(trend.perYear, pow(1.2, 365.25 / 181) - 1))
        #expect(Quantity.formatPercent(trend.perYear) == "44.5%")
        // ln 1.5 / ln 1.4447 = 1.10 years on.
        let years = log(1.5) / log(1 + trend.perYear)
        #expect(trend.day(reaching: 150_000) == day("2026-12-31").adding(days: Int((years * 365.25).rounded(.up))))
        #expect(trend.day(reaching: 150_000) == day("2028-02-07"))  // 1.10 years on: after the deadline
        #expect(trend.day(reaching: 50_000) == nil)
    }
}

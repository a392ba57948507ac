// The cascade math with worked numbers: splits, relative targets, compound and linear paths,
// progress and status, roll-ups, and fiscal-year paths.

import Foundation
import KPIPlan
import KPITestSupport
import Testing

func approx(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

@Suite struct CascadeTests {
    let acme = exampleAnalysis("acme.kpi")

    @Test func sumSplitAddsUp() throws {
        let m = acme.math(try acme.ref("extra-revenue"))
        let split = try #require(m.split)
        #expect(split.kind == .sum)
        #expect(split.whole == 1_500)
        #expect(split.total == 1_500)
        #expect(split.remainder == 0)
        #expect(split.isBalanced)
        #expect(split.parts.map { acme.kpi($0.child).id } == ["price-increase", "repeat-customers", "new-customers"])
        #expect(split.parts.map(\.contribution) == [100, 300, 1_100])
        #expect(split.parts.map { Quantity.formatPercent($0.share ?? -1) } == ["6.7%", "20%", "73.3%"])
        #expect(approx(split.parts[0].share, 1.0 / 15))
        #expect(split.allocatedFraction == 1)
        #expect(m.format(split.total, signed: true) == "+$1,500/month")
        #expect(acme.summary(try acme.ref("extra-revenue")) == "3 sub-KPIs · 100% allocated")
    }

    @Test func relativeTarget() throws {
        let m = acme.math(try acme.ref("mrr"))
        #expect(m.baseline == 125_000)
        #expect(approx(m.target, 150_000))
        #expect(m.format(m.target!) == "$150K")
        #expect(approx(m.change, 25_000))
        #expect(approx(m.relativeChange, 0.2))
        #expect(m.baselineDate == day("2026-12-31"))
        #expect(m.deadline == day("2027-12-31"))
        #expect(m.years == 1)
        #expect(approx(m.perYear, 0.2))
        #expect(approx(m.perQuarter, pow(1.2, 0.25) - 1))
        #expect(approx(m.perMonth, pow(1.2, 1.0 / 12) - 1))
        #expect(!m.isMultiYear)
        // A one-year target's path is shown by fiscal quarter: 125K × 1.2^(days / 365).
        #expect(m.pathStep == .quarter)
        #expect(m.path.map(\.date) == [day("2027-03-31"), day("2027-06-30"), day("2027-09-30"), day("2027-12-31")])
        #expect(approx(m.path.first?.value, 125_000 * pow(1.2, 90.0 / 365)))
        #expect(m.daysLeft == 169)
        #expect(m.today == day("2027-07-15"))  // the plan's as-of
    }

    @Test func compoundFiveYearPath() throws {
        let m = acme.math(try acme.ref("revenue-2031"))
        #expect(m.years == 5)
        #expect(m.isMultiYear)
        #expect(m.growth == .compound)
        let perYear = try #require(m.perYear)
        #expect(Quantity.formatPercent(perYear) == "20.1%")
        #expect(approx(perYear, pow(2.5, 0.2) - 1))
        #expect(m.path.map(\.date.description) == ["2027-12-31", "2028-12-31", "2029-12-31", "2030-12-31", "2031-12-31"])
        let expected = [4.80, 5.77, 6.93, 8.33, 10.0]
        for (point, millions) in zip(m.path, expected) {
            #expect(abs(point.value / 1_000_000 - millions) <= 0.005, "\(point.date): \(point.value)")
        }
        #expect(m.path.map { m.format($0.value) } == ["$4.8M", "$5.77M", "$6.93M", "$8.33M", "$10M"])
        #expect(m.pathValue(at: day("2026-06-30")) == 4_000_000)  // before the start: the baseline
        #expect(approx(m.pathValue(at: day("2035-01-01")), 10_000_000, tolerance: 1e-6))  // after the end: the target
    }

    @Test func linearPath() throws {
        let text = """
            kpi headcount "Grow the team"
              top-level
              owner: COO
              baseline: 180 at 2026-12-31
              target: 330 by 2031-12-31
              growth: linear
              actions:
                - Hire

            """
        let analysis = analysis([mainPath: text])
        let m = analysis.math(try analysis.ref("headcount"))
        #expect(m.growth == .linear)
        #expect(m.linearPerYear == 30)
        // Each year end is exactly one year further along the line, leap years or not.
        #expect(zip(m.path.map(\.value), [210.0, 240, 270, 300, 330]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(m.path)")
        #expect(m.path.map { m.format($0.value) } == ["210", "240", "270", "300", "330"])
        #expect(analysis.explanation(try analysis.ref("headcount")).text().contains("Linear pace:   +30 a year"))
        // The compound rate is still reported, for comparison.
        #expect(approx(m.perYear, pow(330.0 / 180, 0.2) - 1))
    }

    @Test func progressAndStatusOfAcmeMRR() throws {
        let m = acme.math(try acme.ref("mrr"))
        let p = try #require(m.progress)
        #expect(p.actual.date == day("2027-06-30"))
        #expect(p.actual.value.value == 133_000)
        #expect(approx(p.progress, 0.32))
        #expect(abs(p.expectedProgress - 0.473) < 0.001)
        #expect(abs(p.expectedValue - 136_830) < 10)
        #expect(p.status == .behind)
        #expect(abs((p.expectedToday ?? 0) - 137_900) < 100)
    }

    @Test(arguments: [
        (0.50, 0.50, ProgressStatus.onTrack), (0.46, 0.50, .onTrack), (0.60, 0.50, .onTrack),
        (0.44, 0.50, .behind), (0.31, 0.50, .behind), (0.29, 0.50, .atRisk), (1.0, 0.2, .met), (1.2, 1.0, .met),
    ])
    func statusThresholds(_ progress: Double, _ expected: Double, _ status: ProgressStatus) {
        #expect(ProgressThresholds.status(progress: progress, expected: expected) == status)
    }

    @Test func decreasingTargetProgress() throws {
        let text = """
            kpi churn "Cut churn"
              top-level
              metric: churn rate
              owner: CS
              baseline: 2% at 2026-12-31
              target: 1.5% by 2027-12-31
              actions:
                - Call every account
              actuals:
                2027-06-30: 1.75%

            """
        let analysis = analysis([mainPath: text])
        let m = analysis.math(try analysis.ref("churn"))
        #expect(approx(m.change, -0.5))
        #expect(approx(m.progress?.progress, 0.5))
        #expect(m.progress?.status == .onTrack)
        #expect(analysis.explanation(try analysis.ref("churn")).text().contains("Target:        1.5%, a change of -0.5pp"))
    }

    @Test func weightedRollUp() throws {
        let text = """
            kpi profit "Profit"
              top-level
              owner: CFO
              baseline: $3M at 2026-12-31
              target: $4M by 2027-12-31
              split: weighted
              actions:
                - Review
            kpi margin
              parent: profit
              weight: 60%
              owner: A
              baseline: 50% at 2026-12-31
              target: 60% by 2027-12-31
              actions:
                - Cut costs
              actuals:
                2027-06-30: 55%
            kpi cac
              parent: profit
              weight: 40%
              owner: B
              baseline: $100 at 2026-12-31
              target: $80 by 2027-12-31
              actions:
                - Better ads
              actuals:
                2027-06-30: $95

            """
        let analysis = analysis([mainPath: text])
        let split = try #require(analysis.math(try analysis.ref("profit")).split)
        #expect(split.kind == .weighted)
        #expect(split.whole == 1)
        #expect(approx(split.total, 1))
        #expect(split.parts.map(\.share) == [0.6, 0.4])
        #expect(approx(split.parts[0].progress, 0.5))
        #expect(approx(split.parts[1].progress, 0.25))
        #expect(approx(split.rolledUpProgress, 0.6 * 0.5 + 0.4 * 0.25))
        #expect(analysis.summary(try analysis.ref("profit")) == "2 sub-KPIs · 100% weighted")
        let table = try #require(analysis.explanation(try analysis.ref("profit")).tables.first { $0.title.hasPrefix("Split") })
        #expect(table.title == "Split (weighted)")
        #expect(table.rows == [["margin", "60%", "50%"], ["cac", "40%", "25%"]])
        #expect(table.footer == ["Total", "100%", "40%"])
    }

    @Test func sumRollUpFromChildActuals() throws {
        let text = """
            kpi revenue
              top-level
              owner: CEO
              baseline: $40M at 2027-03-31
              target: +$6M by 2028-03-31
              split: sum
              actions:
                - Sell
            kpi new-business
              parent: revenue
              owner: A
              baseline: $10M at 2027-03-31
              target: +$4M by 2028-03-31
              actions:
                - Sell more
              actuals:
                2027-09-30: $12M
            kpi pricing
              parent: revenue
              owner: B
              contributes: +$2M

            """
        let analysis = analysis([mainPath: text])
        let m = analysis.math(try analysis.ref("revenue"))
        let split = try #require(m.split)
        #expect(split.parts.map(\.contribution) == [4_000_000, 2_000_000])
        #expect(split.isBalanced)
        #expect(approx(split.rolledUpProgress, 2.0 / 6))
        // A contribution without its own deadline takes its parent's.
        let pricing = analysis.math(try analysis.ref("pricing"))
        #expect(pricing.deadline == day("2028-03-31"))
        #expect(pricing.deadlineFromParent)
        #expect(pricing.change == 2_000_000)
    }

    @Test func fiscalYearPathWithAnAprilYear() throws {
        let text = """
            plan "Lumen"
              fiscal-year-start: April
              currency: EUR
              as-of: 2027-09-01
            kpi arr "ARR"
              top-level
              metric: ARR
              owner: CEO
              baseline: €20M at 2027-03-31
              target: €50M by FY2031
              actions:
                - Grow
              milestones:
                FY2028: €24M

            """
        let analysis = analysis([mainPath: text])
        let m = analysis.math(try analysis.ref("arr"))
        #expect(m.deadline == day("2031-03-31"))
        #expect(m.years == 4)
        #expect(m.path.map(\.date.description) == ["2028-03-31", "2029-03-31", "2030-03-31", "2031-03-31"])
        let g = pow(2.5, 0.25) - 1
        for (index, point) in m.path.enumerated() {
            #expect(abs(point.value - 20_000_000 * pow(1 + g, Double(index + 1))) < 0.01, "\(point.date)")
        }
        #expect(m.format(m.path[0].value) == "€25.15M")
        #expect(Quantity.formatPercent(g) == "25.7%")
    }

    @Test func baselineWithoutDateStartsAtAsOf() throws {
        let text =
            "plan \"P\"\n  as-of: 2027-07-01\nkpi a\n  top-level\n  owner: X\n  baseline: 100\n  target: 200 by 2028-07-01\n  actions:\n    - Go\n"
        let analysis = analysis([mainPath: text])
        let m = analysis.math(try analysis.ref("a"))
        #expect(m.baselineDate == day("2027-07-01"))
        #expect(m.baselineDateIsAsOf)
        #expect(m.years == 1)
        #expect(analysis.explanation(try analysis.ref("a")).text().contains("Baseline:      100 as of 2027-07-01 (the plan's as-of date)"))
    }
}

// How far a target asks a KPI to move, held against what is believable: a ceiling on growth a
// year, a ceiling on reduction a year (a cut cannot compound like growth), a target under a year
// held to a whole year's ceiling, and the trend of the actuals. The checks, `kpi explain`, hovers
// and the fixes that lower a target or move its deadline all read these numbers from here.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The realism of one target: its change for its own period, the rate a year it means, the
/// ceiling it is held to, and what the ceiling allows.
public struct RealismMath: Sendable {
    public enum Direction: Sendable { case growth, reduction }
    public let direction: Direction
    /// The change over the target's own period: +0.2 for +20%, −0.98 for −98%.
    public let periodChange: Double
    /// Years from the baseline to the deadline.
    public let years: Double
    /// The rate a year the target is judged by: compound growth (0.2 = +20%/year) or compound
    /// reduction (0.73 = a 73% cut a year), over the target's years, or over one year for a
    /// target under a year (its period's change).
    public let judgedRate: Double
    /// The ceiling a year for this direction (`max-annual-growth` or `max-annual-reduction`).
    public let ceiling: Double
    /// The level the ceiling allows by the deadline, and the first day the ceiling allows the target.
    public let ceilingLevel: Double
    public let earliestDeadline: Day?
    public var exceedsCeiling: Bool { judgedRate > ceiling * (1 + 1e-9) }

    /// The ceiling's level as a plan would write it: three significant digits, rounded toward the
    /// baseline so that the written level is within the ceiling (what the fix offers).
    public var writableCeilingLevel: Double {
        Self.threeDigits(ceilingLevel, roundingUp: direction == .reduction)
    }

    static func threeDigits(_ value: Double, roundingUp: Bool) -> Double {
        guard value > 0, value.isFinite else { return value }
        var step = 1.0
        while step * 1000 <= value { step *= 10 }
        while step * 100 > value { step /= 10 }
        let scaled = (value / step * 1e6).rounded() / 1e6  // no 4.8M → 4.79M from a last-bit error
        return (roundingUp ? scaled.rounded(.up) : scaled.rounded(.down)) * step
    }

    public var isUnderAYear: Bool { years < 1 - 1e-9 }

    /// The period's change as a planner says it: "+20% in 1 month", "-62.5% in 9 months".
    public var periodFigure: String { "\(Quantity.formatPercent(periodChange, signed: true)) in \(Quantity.describe(years: years))" }
}

extension Analysis {
    /// The maximum cut a year before a reduction target is unrealistic (0.8: to a fifth in a year).
    public func maxAnnualReduction(for path: String) -> Double {
        workspace.files[path]?.settings.maxAnnualReduction ?? options.maxAnnualReduction
    }

    /// The realism of a KPI's target: nil without a positive baseline and target, a change, and a
    /// deadline after the baseline date.
    public func realism(_ path: String, _ m: KPIMath) -> RealismMath? {
        guard let b = m.baseline, let t = m.target, let years = m.years, let start = m.baselineDate,
            years > 0, b > 0, t > 0, t != b
        else { return nil }
        let judgedYears = max(years, 1)
        let ratio = t / b
        if t > b {
            let ceiling = maxAnnualGrowth(for: path)
            let rate = power(ratio, 1 / judgedYears) - 1
            let earliest = Self.firstDay(from: start, years: naturalLog(ratio) / naturalLog(1 + ceiling))
            return RealismMath(
                direction: .growth, periodChange: ratio - 1, years: years, judgedRate: rate, ceiling: ceiling,
                ceilingLevel: b * power(1 + ceiling, judgedYears), earliestDeadline: earliest)
        }
        let ceiling = min(maxAnnualReduction(for: path), 0.999_999)
        let rate = 1 - power(ratio, 1 / judgedYears)
        let earliest = Self.firstDay(from: start, years: naturalLog(ratio) / naturalLog(1 - ceiling))
        return RealismMath(
            direction: .reduction, periodChange: ratio - 1, years: years, judgedRate: rate, ceiling: ceiling,
            ceilingLevel: b * power(1 - ceiling, judgedYears), earliestDeadline: earliest)
    }

    /// The first day at least `years` years after `start` (as `years(from:to:)` counts them), and at
    /// least a year on, since a target under a year is held to a whole year's ceiling.
    static func firstDay(from start: Day, years: Double) -> Day? {
        guard years.isFinite, years > 0, years < 200 else { return nil }
        var day = start.adding(days: max(Int((years * 365.25).rounded(.up)), 365))
        while Analysis.years(from: start, to: day) < max(years, 1) - 1e-12 { day = day.adding(days: 1) }
        return day
    }
}

/// The trend of a KPI's actuals: from its first dated point (the baseline, or the first actual)
/// to its latest actual, when they are at least 90 days apart: the compound growth a year, and,
/// for a KPI on a linear path, the change a year it is extended by.
public struct TrendMath: Sendable {
    public let first: (date: Day, value: Double)
    /// Compound growth a year (0.2 = +20%/year).
    public let perYear: Double
    /// The change a year in the KPI's unit, and whether the trend is extended linearly (a KPI with `growth: linear`).
    public let amountPerYear: Double
    public let isLinear: Bool

    /// The value the trend reaches on a day.
    public func value(at day: Day) -> Double {
        let years = Double(first.date.days(until: day)) / 365.25
        return isLinear ? first.value + amountPerYear * years : first.value * power(1 + perYear, years)
    }

    /// The first day the trend reaches `level`: nil when it runs the other way or never gets there.
    public func day(reaching level: Double) -> Day? {
        let years: Double
        if isLinear {
            guard amountPerYear != 0 else { return nil }
            years = (level - first.value) / amountPerYear
        } else {
            guard level > 0, perYear != 0, perYear > -1 else { return nil }
            years = naturalLog(level / first.value) / naturalLog(1 + perYear)
        }
        guard years.isFinite, years >= 0, years < 200 else { return nil }
        return first.date.adding(days: Int((years * 365.25).rounded(.up)))
    }

    init?(_ kpi: KPI, _ m: KPIMath) {
        var first: (Day, Double)?
        if let b = m.baseline, let d = kpi.baselineDate?.value { first = (d, b) }
        if first == nil, let actual = kpi.actuals.first { first = (actual.date, actual.value.value) }
        guard let first, let last = kpi.actuals.last, first.0.days(until: last.date) >= 90, first.1 > 0, last.value.value > 0 else {
            return nil
        }
        self.first = first
        let years = Double(first.0.days(until: last.date)) / 365.25
        perYear = Analysis.compoundGrowthPerYear(from: first.1, to: last.value.value, years: years)
        amountPerYear = (last.value.value - first.1) / years
        isLinear = m.growth == .linear
    }
}

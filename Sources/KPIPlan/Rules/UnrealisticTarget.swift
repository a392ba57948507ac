// `unrealistic-target`: a target asks for more change than is believable — growth above the
// growth ceiling, a cut above the reduction ceiling (a target under a year held to a whole
// year's ceiling), or growth over three times the trend of its actuals. The numbers come from
// `Realism.swift`, with what the ceiling allows for the fixes.

extension DiagnosticCode { public static let unrealisticTarget = DiagnosticCode(declaring: "unrealistic-target") }

public enum UnrealisticTargetRule: KPIRule {
    public static let code = DiagnosticCode.unrealisticTarget
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "unrealistic-target"
    public static let summary = "The target needs more annual growth than the maximum."

    /// What the ceiling allows: a level by the deadline (written to three digits), and the first
    /// day it allows the target itself. The fixes offer both.
    public struct Allowance: Sendable, Hashable {
        public let level: Double
        public let deadline: Day
        public let earliestDeadline: Day?
    }

    public enum Finding: RuleFinding {
        public typealias Owner = UnrealisticTargetRule
        /// Growth over a year or more: `growth` and `ceiling` per year (1 is 100%).
        case aboveCeiling(
            baseline: Double, target: Double, unit: QuantityUnit, growth: Double, years: Double, ceiling: Double, allowed: Allowance)
        /// Growth under a year: the period's `change` is more than the ceiling allows in a whole year.
        case periodAboveCeiling(
            baseline: Double, target: Double, unit: QuantityUnit, change: Double, years: Double, annualized: Double, ceiling: Double,
            allowed: Allowance)
        /// A cut: `cut` is the share cut a year (over a year or more) or in the period (under a year).
        case reductionAboveCeiling(
            baseline: Double, target: Double, unit: QuantityUnit, cut: Double, years: Double, ceiling: Double, allowed: Allowance)
        case aboveTrend(baseline: Double, target: Double, unit: QuantityUnit, growth: Double, trend: Double)
        /// Under a year: the period's `change` is over three times what the trend gives in the same time.
        case periodAboveTrend(
            baseline: Double, target: Double, unit: QuantityUnit, change: Double, years: Double, trendChange: Double, trend: Double)

        public var allowance: Allowance? {
            switch self {
            case .aboveCeiling(_, _, _, _, _, _, let allowed), .periodAboveCeiling(_, _, _, _, _, _, _, let allowed),
                .reductionAboveCeiling(_, _, _, _, _, _, let allowed):
                allowed
            case .aboveTrend, .periodAboveTrend: nil
            }
        }

        public var message: String {
            switch self {
            case .aboveCeiling(let b, let t, let unit, let growth, let years, let ceiling, _):
                return
                    "\(Self.move(b, t, unit)) needs \(Quantity.growthInWords(growth) ?? Quantity.formatPercent(growth) + " compound growth") a year over \(Quantity.describe(years: years)); the ceiling is \(Quantity.formatGrowthRate(ceiling, per: "year"))"
            case .periodAboveCeiling(let b, let t, let unit, let change, let years, let annualized, let ceiling, _):
                return
                    "\(Self.move(b, t, unit)) is \(Quantity.formatPercent(change, signed: true)) in \(Quantity.describe(years: years)) (\(Quantity.formatGrowthRate(annualized, per: "year")) if sustained), more than the \(Quantity.formatPercent(ceiling)) the ceiling allows in a whole year"
            case .reductionAboveCeiling(let b, let t, let unit, let cut, let years, let ceiling, _):
                if years < 1 - 1e-9 {
                    return
                        "\(Self.move(b, t, unit)) is \(Quantity.formatPercent(-cut)) in \(Quantity.describe(years: years)), a deeper cut than the \(Quantity.formatPercent(ceiling)) the reduction ceiling allows in a whole year"
                }
                return
                    "\(Self.move(b, t, unit)) needs a \(Quantity.formatPercent(cut)) cut a year over \(Quantity.describe(years: years)); the reduction ceiling is \(Quantity.formatPercent(ceiling))/year"
            case .aboveTrend(let b, let t, let unit, let growth, let trend):
                return
                    "\(Self.move(b, t, unit)) needs \(Quantity.formatGrowthRate(growth, per: "year")), over 3× the \(Quantity.formatGrowthRate(trend, per: "year")) trend of its actuals"
            case .periodAboveTrend(let b, let t, let unit, let change, let years, let trendChange, let trend):
                let span = Quantity.describe(years: years)
                return
                    "\(Self.move(b, t, unit)) is \(Quantity.formatPercent(change, signed: true)) in \(span), over 3× the \(Quantity.formatPercent(trendChange, signed: true)) the \(Quantity.formatPercent(trend))/year trend of its actuals gives in \(span)"
            }
        }

        static func move(_ b: Double, _ t: Double, _ unit: QuantityUnit) -> String {
            "\(Quantity.format(b, unit)) → \(Quantity.format(t, unit))"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard let target = check.kpi.target, let b = math.baseline, let t = math.target, let realism = math.realism,
            let deadline = math.deadline
        else { return }
        let unit = math.unit ?? .count
        if realism.exceedsCeiling {
            let allowed = Allowance(level: realism.writableCeilingLevel, deadline: deadline, earliestDeadline: realism.earliestDeadline)
            let finding: Finding
            switch (realism.direction, realism.isUnderAYear) {
            case (.growth, false):
                finding = .aboveCeiling(
                    baseline: b, target: t, unit: unit, growth: realism.judgedRate, years: realism.years,
                    ceiling: realism.ceiling, allowed: allowed)
            case (.growth, true):
                finding = .periodAboveCeiling(
                    baseline: b, target: t, unit: unit, change: realism.periodChange, years: realism.years,
                    annualized: math.perYear ?? realism.judgedRate, ceiling: realism.ceiling, allowed: allowed)
            case (.reduction, _):
                finding = .reductionAboveCeiling(
                    baseline: b, target: t, unit: unit, cut: realism.judgedRate, years: realism.years,
                    ceiling: realism.ceiling, allowed: allowed)
            }
            findings.report(finding, at: target.range)
            return
        }
        guard realism.direction == .growth, let trend = math.trend?.perYear, trend > 0 else { return }
        if realism.isUnderAYear {
            // Against its own history over the same span, not an annualized step.
            let trendChange = power(1 + trend, realism.years) - 1
            if realism.periodChange > 3 * trendChange {
                findings.report(
                    Finding.periodAboveTrend(
                        baseline: b, target: t, unit: unit, change: realism.periodChange, years: realism.years,
                        trendChange: trendChange, trend: trend), at: target.range)
            }
        } else if let g = math.perYear, g > 3 * trend {
            findings.report(Finding.aboveTrend(baseline: b, target: t, unit: unit, growth: g, trend: trend), at: target.range)
        }
    }
}

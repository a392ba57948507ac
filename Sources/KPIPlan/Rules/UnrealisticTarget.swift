// `unrealistic-target`: the compound growth a target needs is above the plan's ceiling, or over
// three times the trend of the actuals so far.

extension DiagnosticCode { public static let unrealisticTarget = DiagnosticCode(declaring: "unrealistic-target") }

public enum UnrealisticTargetRule: KPIRule {
    public static let code = DiagnosticCode.unrealisticTarget
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "unrealistic-target"

    public enum Finding: RuleFinding {
        public typealias Owner = UnrealisticTargetRule
        /// `growth` and `ceiling` are per year (1 is 100%); `years` is the span from baseline to deadline.
        case aboveCeiling(baseline: Double, target: Double, unit: QuantityUnit, growth: Double, years: Double, ceiling: Double)
        case aboveTrend(baseline: Double, target: Double, unit: QuantityUnit, growth: Double, trend: Double)

        public var message: String {
            switch self {
            case .aboveCeiling(let b, let t, let unit, let growth, let years, let ceiling):
                let span = years < 1 ? "a year (annualized over \(RuleWording.describe(years: years)))" : "a year over \(RuleWording.describe(years: years))"
                return "\(Quantity.format(b, unit)) → \(Quantity.format(t, unit)) needs \(Quantity.formatPercent(growth)) compound growth \(span); the ceiling is \(Quantity.formatPercent(ceiling))/year"
            case .aboveTrend(let b, let t, let unit, let growth, let trend):
                return "\(Quantity.format(b, unit)) → \(Quantity.format(t, unit)) needs \(Quantity.formatPercent(growth))/year, over 3× the \(Quantity.formatPercent(trend))/year trend of its actuals"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard let target = check.kpi.target, let b = math.baseline, let t = math.target,
              let g = math.perYear, let years = math.years, t > b else { return }
        let ceiling = check.analysis.maxAnnualGrowth(for: check.path)
        let unit = math.unit ?? .count
        if g > ceiling {
            findings.report(Finding.aboveCeiling(baseline: b, target: t, unit: unit, growth: g, years: years, ceiling: ceiling), at: target.range)
        } else if let trend = trend(check.kpi, math), trend > 0, g > 3 * trend {
            findings.report(Finding.aboveTrend(baseline: b, target: t, unit: unit, growth: g, trend: trend), at: target.range)
        }
    }

    /// The compound growth per year of the actuals so far: from the first dated point (the baseline
    /// or the first actual) to the latest actual, when they span at least 90 days.
    static func trend(_ kpi: KPI, _ math: KPIMath) -> Double? {
        var points: [(Day, Double)] = []
        if let b = math.baseline, let d = kpi.baselineDate?.value { points.append((d, b)) }
        points += kpi.actuals.map { ($0.date, $0.value.value) }
        guard points.count >= 2, let first = points.first, let last = points.last, first.0.days(until: last.0) >= 90,
              first.1 > 0, last.1 > 0 else { return nil }
        let years = Double(first.0.days(until: last.0)) / 365.25
        return Analysis.compoundGrowthPerYear(from: first.1, to: last.1, years: years)
    }
}

// `target-below-trend`: the actuals' own trend reaches the target well before its deadline, so
// the target may ask too little — a sandbagged target is shown as early as an unrealistic one.

extension DiagnosticCode { public static let targetBelowTrend = DiagnosticCode(declaring: "target-below-trend") }

public enum TargetBelowTrendRule: KPIRule {
    public static let code = DiagnosticCode.targetBelowTrend
    public static let defaultSeverity = Severity.hint
    public static let documentationSection = "target-below-trend"
    public static let summary = "The trend of the actuals reaches the target well before its deadline: it may ask too little."

    /// "Well before": at least a third of the span from baseline to deadline, and at least 30 days.
    /// A trend extended from a few actuals is uncertain: only a clear margin is worth a hint.
    static let earlyShare = 1.0 / 3
    static let minimumDaysEarly = 30

    public struct Finding: RuleFinding {
        public typealias Owner = TargetBelowTrendRule
        /// The trend a year: compound growth (0.31 = +31%/year), or, for a linear KPI, a change in its unit.
        public let trend: Double
        public let isLinear: Bool
        public let target: Double
        public let unit: QuantityUnit
        public let reached: Day
        public let deadline: Day
        /// Where the trend is by the deadline: the level a fix offers.
        public let trendAtDeadline: Double

        public var message: String {
            let early = Quantity.describe(years: Double(reached.days(until: deadline)) / 365.25)
            let pace = isLinear ? Quantity.format(trend, unit, signed: true) : Quantity.formatPercent(trend, signed: true)
            return
                "the trend of the actuals, \(pace)/year, reaches \(Quantity.format(target, unit)) by \(reached), \(early) before the \(deadline) deadline: the target may ask too little (the trend gives \(Quantity.format(trendAtDeadline, unit)) by then)"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard let target = check.kpi.target, let b = math.baseline, let t = math.target, t != b,
            let start = math.baselineDate, let deadline = math.deadline, let trend = math.trend,
            (math.progress?.progress ?? 0) < 1
        else { return }
        switch target.kind {
        case .atLeast, .atMost: return  // a level to keep, not a change to make
        default: break
        }
        guard (t > b) == (trend.amountPerYear > 0), let reached = trend.day(reaching: t) else { return }
        let needed = max(minimumDaysEarly, Int((Double(start.days(until: deadline)) * earlyShare).rounded(.up)))
        guard reached.days(until: deadline) >= needed else { return }
        findings.report(
            Finding(
                trend: trend.isLinear ? trend.amountPerYear : trend.perYear, isLinear: trend.isLinear, target: t, unit: math.unit ?? .count,
                reached: reached, deadline: deadline,
                trendAtDeadline: trend.value(at: deadline)),
            at: target.range)
    }
}

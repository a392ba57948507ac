// `percent-of-rate`: a small relative change (`+1%`) of a KPI measured in percentages, which
// moves a 2% conversion rate to 2.02%, when the planner most likely meant percentage points
// (`+1pp`, to 3%). A hint: the relative reading is valid, and kept.

extension DiagnosticCode { public static let percentOfRate = DiagnosticCode(declaring: "percent-of-rate") }

public enum PercentOfRateRule: KPIRule {
    public static let code = DiagnosticCode.percentOfRate
    public static let defaultSeverity = Severity.hint
    public static let documentationSection = "percent-of-rate"
    public static let summary = "A small relative change of a rate that may have meant percentage points."

    /// The largest relative change (in percent) that is read as possibly meaning points: planners
    /// write `+2%` for two points; `+20%` on a 40% rate is a relative change on purpose.
    static let largestAmbiguousPercent = 10.0

    public struct Finding: RuleFinding {
        public typealias Owner = PercentOfRateRule
        /// The relative change as written, in percent (`+1%` → 1).
        public let percent: Double
        public let baseline: Double
        public let target: Double
        /// The target level if the change were points: baseline + percent.
        public let pointsTarget: Double
        /// The replacement text for the target's quantity: `+1pp`.
        public let suggestion: String

        public var message: String {
            "`\(Quantity.formatPercent(percent / 100, signed: true, decimals: 2))` of \(Quantity.format(baseline, .percentage)) is \(Quantity.format(target, .percentage)): a relative change; did you mean `\(suggestion)` (\(Quantity.format(pointsTarget, .percentage)))?"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        let math = check.math
        guard let target = kpi.target, case .relative(let fraction) = target.kind, math.unit?.kind == .percentage,
            let b = math.baseline, let t = math.target, fraction != 0
        else { return }
        let percent = fraction * 100
        guard abs(percent) <= largestAmbiguousPercent else { return }
        let pointsTarget = b + percent
        // Only when the points reading is a level the metric can take.
        let bounds = kpi.catalogMetric?.bounds ?? MetricBounds.implied(name: kpi.metric?.value ?? "", unit: .percentage, inCatalog: false)
        if let low = bounds.lower, pointsTarget < low { return }
        if let high = bounds.upper, pointsTarget > high { return }
        findings.report(
            Finding(
                percent: percent, baseline: b, target: t, pointsTarget: pointsTarget,
                suggestion: Quantity.formatPoints(percent)), at: target.range)
    }
}

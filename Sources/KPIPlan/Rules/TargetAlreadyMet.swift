// `target-already-met`: a target that asks for no change, or that the latest actual has reached.

extension DiagnosticCode { public static let targetAlreadyMet = DiagnosticCode(declaring: "target-already-met") }

public enum TargetAlreadyMetRule: KPIRule {
    public static let code = DiagnosticCode.targetAlreadyMet
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "target-already-met"
    public static let summary = "The target equals the baseline, or the latest actual has already reached it."

    public enum Finding: RuleFinding {
        public typealias Owner = TargetAlreadyMetRule
        case equalsBaseline(baseline: Double, unit: QuantityUnit)
        case reached(date: Day, actual: Quantity, target: Double, unit: QuantityUnit)

        public var message: String {
            switch self {
            case .equalsBaseline(let baseline, let unit):
                "the target equals the baseline (\(Quantity.format(baseline, unit))): it asks for no change"
            case .reached(let date, let actual, let target, let unit):
                "already met: the actual of \(date), \(actual.formatted), has reached the \(Quantity.format(target, unit)) target"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard let target = check.kpi.target, let b = math.baseline, let t = math.target else { return }
        let unit = math.unit ?? .count
        // A target to keep a level (`at least`, `at most`) may equal the baseline.
        let keeps =
            switch target.kind {
            case .atLeast, .atMost: true
            default: false
            }
        if t == b {
            if !keeps { findings.report(Finding.equalsBaseline(baseline: b, unit: unit), at: target.range) }
        } else if let progress = math.progress, progress.progress >= 1, !keeps {
            findings.report(
                Finding.reached(date: progress.actual.date, actual: progress.actual.value, target: t, unit: unit),
                at: progress.actual.valueRange)
        }
    }
}

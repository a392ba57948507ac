// `wrong-direction`: a target that moves the KPI the way that is worse: churn from 3% up to 3.5%
// on a metric where lower is better, or revenue down on one where higher is better.

extension DiagnosticCode { public static let wrongDirection = DiagnosticCode(declaring: "wrong-direction") }

public enum WrongDirectionRule: KPIRule {
    public static let code = DiagnosticCode.wrongDirection
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "wrong-direction"
    public static let summary = "The target moves the KPI the way that is worse."

    /// Where the KPI's direction comes from, for the message.
    public enum Source: Sendable, Hashable {
        case stated  // `better: lower`
        case metric(String)  // the catalog metric's name
        case title  // the title's first word, "Reduce …"
    }

    public struct Finding: RuleFinding {
        public typealias Owner = WrongDirectionRule
        public let baseline: Double
        public let target: Double
        public let unit: QuantityUnit
        public let direction: Direction
        public let source: Source

        public var message: String {
            let levels = Quantity.format(together: [baseline, target], unit)
            let change =
                unit.kind == .percentage
                ? Quantity.formatPoints(target - baseline)
                : Quantity.format(together: [target, target - baseline], unit, signed: [false, true])[1]
            let why =
                switch source {
                case .stated: "`better: \(direction.keyword)` says \(direction.rawValue)"
                case .metric(let name): "for \(name), \(direction.rawValue)"
                case .title: "the title says \(direction == .lowerIsBetter ? "lower" : "higher") is better"
                }
            return "\(levels[0]) → \(levels[1]) (\(change)) moves the wrong way: \(why)"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        let math = check.math
        guard let target = kpi.target, let b = math.baseline, let t = math.target, let direction = kpi.direction else { return }
        // A target to keep a level (`at least`, `at most`) holds a bound, it does not move.
        switch target.kind {
        case .atLeast, .atMost: return
        default: break
        }
        let wrong = (direction == .higherIsBetter && t < b) || (direction == .lowerIsBetter && t > b)
        guard wrong else { return }
        let source: Source = kpi.better != nil ? .stated : kpi.catalogMetric.map { .metric($0.name) } ?? .title
        findings.report(Finding(baseline: b, target: t, unit: math.unit ?? .count, direction: direction, source: source), at: target.range)
    }
}

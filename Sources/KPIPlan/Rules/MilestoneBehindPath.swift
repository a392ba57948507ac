// `milestone-behind-path`: a milestone asks for less than the growth path to the target expects
// by its date.

extension DiagnosticCode { public static let milestoneBehindPath = DiagnosticCode(declaring: "milestone-behind-path") }

public enum MilestoneBehindPathRule: KPIRule {
    public static let code = DiagnosticCode.milestoneBehindPath
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "milestone-behind-path"
    public static let summary = "A milestone is below the path to the target."

    public struct Finding: RuleFinding {
        public typealias Owner = MilestoneBehindPathRule
        public let date: Day
        public let milestone: Quantity
        public let growth: Growth
        public let target: Double
        /// The path's value on `date`.
        public let expected: Double
        public let unit: QuantityUnit

        public var message: String {
            "the \(date) milestone, \(milestone.formatted), is behind the \(growth.rawValue) path to \(Quantity.format(target, unit)), which is at \(Quantity.format(expected, unit)) by then"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard check.kpi.target != nil, math.baseline != nil, let t = math.target else { return }
        for milestone in check.kpi.milestones {
            guard let expected = math.pathValue(at: milestone.date), let p = math.progress(of: milestone.value.value),
                let e = math.progress(of: expected), e - p > ProgressThresholds.onTrack
            else { continue }
            findings.report(
                Finding(
                    date: milestone.date, milestone: milestone.value, growth: math.growth, target: t,
                    expected: expected, unit: math.unit ?? .count),
                at: milestone.valueRange)
        }
    }
}

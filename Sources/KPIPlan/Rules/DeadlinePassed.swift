// `deadline-passed`: the deadline is behind us and the target is not reached.

extension DiagnosticCode { public static let deadlinePassed = DiagnosticCode(declaring: "deadline-passed") }

public enum DeadlinePassedRule: KPIRule {
    public static let code = DiagnosticCode.deadlinePassed
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "deadline-passed"
    public static let summary = "The deadline has passed and the target is not met."

    public struct Finding: RuleFinding {
        public typealias Owner = DeadlinePassedRule
        public let deadline: Day
        public let today: Day
        public var message: String {
            "the deadline \(deadline) passed \(Quantity.counted(deadline.days(until: today), "day")) ago (today is \(today))"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        // A passed deadline needs no baseline to be seen.
        guard check.kpi.target != nil, let deadline = check.kpi.deadline, math.deadlinePassed else { return }
        findings.report(Finding(deadline: deadline.value, today: math.today), at: deadline.range)
    }
}

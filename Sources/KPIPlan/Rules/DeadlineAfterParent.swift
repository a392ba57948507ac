// `deadline-after-parent`: a supporting goal is due after the goal it supports.

extension DiagnosticCode { public static let deadlineAfterParent = DiagnosticCode(declaring: "deadline-after-parent") }

public enum DeadlineAfterParentRule: KPIRule {
    public static let code = DiagnosticCode.deadlineAfterParent
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "deadline-after-parent"
    public static let summary = "A KPI's deadline is later than its parent's."

    public struct Finding: RuleFinding {
        public typealias Owner = DeadlineAfterParentRule
        public let deadline: Day
        public let parent: KPIName
        public let parentDeadline: Day

        public var message: String {
            "deadline \(deadline) is \(Quantity.counted(parentDeadline.days(until: deadline), "day")) after the deadline of its parent \(parent), \(parentDeadline): a supporting goal must land first"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        guard let parent = check.parent, let deadline = check.kpi.deadline, let parentDeadline = parent.deadline,
            deadline.value > parentDeadline.value
        else { return }
        findings.report(
            Finding(deadline: deadline.value, parent: check.name(parent.ref), parentDeadline: parentDeadline.value),
            at: deadline.range,
            related: [RelatedLocation(path: parent.ref.path, range: parentDeadline.range, message: "parent's deadline")])
    }
}

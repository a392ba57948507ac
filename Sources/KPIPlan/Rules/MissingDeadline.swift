// `missing-deadline`: a target without `by DATE`, or a contribution whose parent has no deadline
// to share.

extension DiagnosticCode { public static let missingDeadline = DiagnosticCode(declaring: "missing-deadline") }

public enum MissingDeadlineRule: KPIRule {
    public static let code = DiagnosticCode.missingDeadline
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "missing-deadline"
    public static let summary = "A target has no deadline."

    public enum Finding: RuleFinding {
        public typealias Owner = MissingDeadlineRule
        case target
        case contribution

        public var message: String {
            switch self {
            case .target: "the target has no deadline: add `by DATE`, like `by FY2027` or `by 2027-Q3`"
            case .contribution: "the contribution has no deadline, and its parent has none to share"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        if let target = kpi.target {
            if kpi.deadline == nil { findings.report(Finding.target, at: target.range) }
        } else if let contributes = kpi.contributes, check.math.deadline == nil && kpi.deadline == nil {
            findings.report(Finding.contribution, at: contributes.range)
        }
    }
}

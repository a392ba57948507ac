// `vague-target`: a KPI without a target, or a target without a number to measure against. A
// grouping (a split with components, like a perspective of a scorecard) takes its progress from
// its children and needs no target of its own.

extension DiagnosticCode { public static let vagueTarget = DiagnosticCode(declaring: "vague-target") }

public enum VagueTargetRule: KPIRule {
    public static let code = DiagnosticCode.vagueTarget
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "vague-target"
    public static let summary = "A target has no number."

    public enum Finding: RuleFinding {
        public typealias Owner = VagueTargetRule
        case noTarget(id: String)
        /// `target:` with nothing after it (found by the reader).
        case emptyTarget
        /// A target written in words (found by the reader).
        case noNumber(written: String)

        public var message: String {
            switch self {
            case .noTarget(let id):
                "`\(id)` has no target: add `target:` with a number and a deadline, like `target: +20% by FY2027`"
            case .emptyTarget:
                "`target:` has no number: write a level (`$150K`), a change (`+20%`, `+$25K`) or `at least 95%`"
            case .noNumber(let written):
                "`\(written)` has no number: write a level (`$150K`), a change (`+20%`, `+$25K`) or `at least 95%`"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        // A KPI that only contributes to its parent's split needs no target of its own.
        let isGrouping = !(check.math.split?.parts.isEmpty ?? true)
        if kpi.target == nil && kpi.contributes == nil && kpi.fieldRange("target") == nil && !isGrouping {
            findings.report(Finding.noTarget(id: kpi.id), at: kpi.idRange)
        }
    }
}

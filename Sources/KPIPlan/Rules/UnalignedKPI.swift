// `unaligned-kpi`: a KPI that supports no goal and is not marked as a root goal.

extension DiagnosticCode { public static let unalignedKPI = DiagnosticCode(declaring: "unaligned-kpi") }

public enum UnalignedKPIRule: KPIRule {
    public static let code = DiagnosticCode.unalignedKPI
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "unaligned-kpi"
    public static let summary = "A KPI supports no goal: no parent, no `top-level`, no children."

    public struct Finding: RuleFinding {
        public typealias Owner = UnalignedKPIRule
        public let id: String
        public var message: String {
            "`\(id)` supports no goal: add `parent: <id>` for the goal it drives, or `top-level` if it is a root goal"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        if kpi.parent == nil && kpi.topLevel == nil && check.analysis.children(of: check.ref).isEmpty {
            findings.report(Finding(id: kpi.id), at: kpi.idRange)
        }
    }
}

// `no-actions`: a goal with a target but no `actions:` (and no children that carry it).

extension DiagnosticCode { public static let noActions = DiagnosticCode(declaring: "no-actions") }

public enum NoActionsRule: KPIRule {
    public static let code = DiagnosticCode.noActions
    public static let defaultSeverity = Severity.information
    public static let documentationSection = "no-actions"
    public static let summary = "A KPI with a target lists no actions."

    public struct Finding: RuleFinding {
        public typealias Owner = NoActionsRule
        public let id: String
        public var message: String { "`\(id)` lists no actions: add `actions:` with what the team will do" }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        if kpi.target != nil && kpi.actions.isEmpty && check.analysis.children(of: check.ref).isEmpty {
            findings.report(Finding(id: kpi.id), at: kpi.idRange)
        }
    }
}

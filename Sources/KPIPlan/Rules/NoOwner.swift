// `no-owner`: a KPI nobody is accountable for. A KPI that only contributes to its parent's split
// is owned with it.

extension DiagnosticCode { public static let noOwner = DiagnosticCode(declaring: "no-owner") }

public enum NoOwnerRule: KPIRule {
    public static let code = DiagnosticCode.noOwner
    public static let defaultSeverity = Severity.information
    public static let documentationSection = "no-owner"
    public static let summary = "A KPI has no owner."

    public struct Finding: RuleFinding {
        public typealias Owner = NoOwnerRule
        public let id: String
        public var message: String { "`\(id)` has no owner: add `owner:` so someone is accountable" }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        let contributesOnly = kpi.contributes != nil && kpi.target == nil
        if !contributesOnly && kpi.owner == nil { findings.report(Finding(id: kpi.id), at: kpi.idRange) }
    }
}

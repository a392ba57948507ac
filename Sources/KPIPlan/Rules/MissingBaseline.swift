// `missing-baseline`: a relative target (`+20%`, `+$25K`, `+3pp`) with no baseline to start from.

extension DiagnosticCode { public static let missingBaseline = DiagnosticCode(declaring: "missing-baseline") }

public enum MissingBaselineRule: KPIRule {
    public static let code = DiagnosticCode.missingBaseline
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "missing-baseline"
    public static let summary = "A target has no baseline to start from."

    public struct Finding: RuleFinding {
        public typealias Owner = MissingBaselineRule
        public var message: String { "a relative target needs a baseline to start from: add `baseline: VALUE at DATE`" }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        guard let target = check.kpi.target, check.kpi.baseline == nil else { return }
        switch target.kind {
        case .relative, .absolute, .points: findings.report(Finding(), at: target.range)
        default: break
        }
    }
}

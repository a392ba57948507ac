// `perspective-order`: a KPI supports a goal earlier in the balanced-scorecard chain
// (learning → internal → customer → financial) than its own perspective.

extension DiagnosticCode { public static let perspectiveOrder = DiagnosticCode(declaring: "perspective-order") }

public enum PerspectiveOrderRule: KPIRule {
    public static let code = DiagnosticCode.perspectiveOrder
    public static let defaultSeverity = Severity.hint
    public static let documentationSection = "perspective-order"
    public static let summary = "A KPI's perspective comes later in the chain than its parent's."

    public struct Finding: RuleFinding {
        public typealias Owner = PerspectiveOrderRule
        public let perspective: Perspective
        public let parent: KPIName
        public let parentPerspective: Perspective

        public var message: String {
            "a \(perspective.rawValue) KPI supports a \(parentPerspective.rawValue) goal \(parent): the balanced-scorecard chain runs learning → internal → customer → financial"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        guard let parent = check.parent, let own = check.kpi.perspective, let theirs = parent.perspective,
            own.value.rank > theirs.value.rank
        else { return }
        findings.report(
            Finding(perspective: own.value, parent: check.name(parent.ref), parentPerspective: theirs.value), at: own.range,
            related: [RelatedLocation(path: parent.ref.path, range: theirs.range, message: "parent's perspective")])
    }
}

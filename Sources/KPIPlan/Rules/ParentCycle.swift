// `parent-cycle`: following `parent:` from a KPI comes back to it, so no goal is at the root.

extension DiagnosticCode { public static let parentCycle = DiagnosticCode(declaring: "parent-cycle") }

public enum ParentCycleRule: KPIRule {
    public static let code = DiagnosticCode.parentCycle
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "parent-cycle"
    public static let summary = "The chain of parents loops back to the KPI."

    /// How many KPIs of the loop a message names.
    static let shown = 6

    public struct Finding: RuleFinding {
        public typealias Owner = ParentCycleRule
        public let id: String
        /// The first KPIs of the loop from this one, in parent order (at most `shown`).
        public let loop: [String]
        public let loopLength: Int

        public var message: String {
            let chain = loopLength > shown ? loop.joined(separator: " → ") + " → …" : (loop + [id]).joined(separator: " → ")
            let more = loopLength > shown ? " (\(loopLength) KPIs in the loop)" : ""
            return "the parent chain loops back to `\(id)`: \(chain)\(more)"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let analysis = check.analysis
        guard let parentName = check.kpi.parent, let parentRef = analysis.parent(of: check.ref),
            let cycle = analysis.cycles[check.ref]
        else { return }
        // The first KPIs of the loop from this one: its parents (not a rotation of the whole
        // cycle, which for every member of a 10,000-long loop would be quadratic).
        var names: [String] = []
        var member: KPIRef? = check.ref
        while names.count < min(shown, cycle.count), let current = member {
            names.append(analysis.kpi(current).id)
            member = analysis.parent(of: current)
        }
        findings.report(
            Finding(id: check.kpi.id, loop: names, loopLength: cycle.count), at: parentName.range,
            related: cycle.count > 1 ? [check.related(parentRef, "parent in the loop")] : [])
    }
}

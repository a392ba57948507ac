// `unknown-parent`: `parent:` names no KPI visible from this file; says where it is defined when
// another file has it, else suggests the closest visible id.

extension DiagnosticCode { public static let unknownParent = DiagnosticCode(declaring: "unknown-parent") }

public enum UnknownParentRule: KPIRule {
    public static let code = DiagnosticCode.unknownParent
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "unknown-parent"
    public static let summary = "`parent:` names no KPI visible from this file."

    public struct Finding: RuleFinding {
        public typealias Owner = UnknownParentRule
        public let parent: String
        /// A file that defines it but that this file does not `use`.
        public let definedIn: String?
        /// The visible id closest to the name (did you mean).
        public let suggestion: String?

        public var message: String {
            var message = "no KPI `\(parent)` is visible here"
            if let definedIn {
                message += ": it is defined in \(definedIn), which this file does not `use`"
            } else if let suggestion {
                message += ": did you mean `\(suggestion)`?"
            }
            return message
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        guard let parentName = check.kpi.parent, check.analysis.parent(of: check.ref) == nil else { return }
        let analysis = check.analysis
        let name = parentName.value
        if let elsewhere = analysis.kpis(withID: name).first {
            findings.report(Finding(parent: name, definedIn: elsewhere.path, suggestion: nil), at: parentName.range)
            return
        }
        // The ids visible here, from indexes built once per file and analysis: listing and
        // lowercasing them for every unknown parent made a plan of 10,000 such KPIs take a minute.
        let indexes = analysis.visible(from: check.path).map { visiblePath in
            check.caches.suggestionIndexes.value(for: visiblePath) {
                SuggestionIndex(analysis.workspace.files[visiblePath]?.kpis.map(\.id) ?? [])
            }
        }
        findings.report(
            Finding(parent: name, definedIn: nil, suggestion: SuggestionIndex.closest(to: name, in: indexes)),
            at: parentName.range)
    }
}

// `unresolved-use`: a `use` line names a file that does not exist or cannot be read, so the KPIs
// it would bring in are missing.

extension DiagnosticCode { public static let unresolvedUse = DiagnosticCode(declaring: "unresolved-use") }

public enum UnresolvedUseRule: FileRule {
    public static let code = DiagnosticCode.unresolvedUse
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "unresolved-use"
    public static let summary = "A `use` names a file that cannot be read."

    public enum Finding: RuleFinding {
        public typealias Owner = UnresolvedUseRule
        /// The file exists but could not be read, for `reason`.
        case unreadable(written: String, reason: String)
        case notFound(written: String, lookedFor: String)

        public var message: String {
            switch self {
            case .unreadable(let written, let reason): "cannot use `\(written)`: \(reason)"
            case .notFound(let written, let lookedFor): "cannot find `\(written)` (looked for \(lookedFor))"
            }
        }
    }

    static func check(_ file: FileCheck, _ findings: inout Findings) {
        for use in file.file.uses {
            if let reason = file.analysis.workspace.unreadable[use.resolvedPath] {
                findings.report(Finding.unreadable(written: use.written, reason: reason), at: use.range)
            } else if file.analysis.file(use.resolvedPath) == nil {
                findings.report(Finding.notFound(written: use.written, lookedFor: use.resolvedPath), at: use.range)
            }
        }
    }
}

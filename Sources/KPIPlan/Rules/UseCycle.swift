// `use-cycle`: files that `use` each other in a loop.

extension DiagnosticCode { public static let useCycle = DiagnosticCode(declaring: "use-cycle") }

public enum UseCycleRule: FileRule {
    public static let code = DiagnosticCode.useCycle
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "use-cycle"
    public static let summary = "A `use` leads back to this file."

    public struct Finding: RuleFinding {
        public typealias Owner = UseCycleRule
        public let written: String
        public var message: String { "`use \"\(written)\"` leads back to this file: the files use each other in a loop" }
    }

    static func check(_ file: FileCheck, _ findings: inout Findings) {
        let analysis = file.analysis
        for use in file.file.uses where analysis.workspace.unreadable[use.resolvedPath] == nil && analysis.file(use.resolvedPath) != nil {
            if use.resolvedPath == file.path || analysis.sees(use.resolvedPath, file.path) {
                findings.report(Finding(written: use.written), at: use.range)
            }
        }
    }
}

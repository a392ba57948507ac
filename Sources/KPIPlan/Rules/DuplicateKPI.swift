// `duplicate-kpi`: two KPIs with the same id where one file can see both, so `parent:` could not
// say which it means.

extension DiagnosticCode { public static let duplicateKPI = DiagnosticCode(declaring: "duplicate-kpi") }

public enum DuplicateKPIRule: FileRule {
    public static let code = DiagnosticCode.duplicateKPI
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "duplicate-kpi"
    public static let summary = "A KPI id is already used by a KPI visible from this file."

    public struct Finding: RuleFinding {
        public typealias Owner = DuplicateKPIRule
        public let id: String
        /// The file of the first definition; nil when it is above in the same file.
        public let firstPath: String?
        public var message: String {
            "`\(id)` is already defined \(firstPath.map { "in \($0)" } ?? "above"); KPI ids must be unique across the files that `use` connects"
        }
    }

    static func check(_ check: FileCheck, _ findings: inout Findings) {
        let analysis = check.analysis
        let path = check.path
        let file = check.file
        // By index (a KPI copied out of the file retains every field), and only the first earlier definition.
        for index in file.kpis.indices {
            let id = file.kpis[index].id
            guard !id.isEmpty else { continue }
            let first = analysis.kpis(withID: id).first { other in
                other.path == path ? other.index < index : analysis.sees(path, other.path)
            }
            guard let first else { continue }
            findings.report(
                Finding(id: id, firstPath: first.path == path ? nil : first.path), at: file.kpis[index].idRange,
                related: [RelatedLocation(path: first.path, range: analysis.kpi(first).idRange, message: "first `\(id)`")])
        }
    }
}

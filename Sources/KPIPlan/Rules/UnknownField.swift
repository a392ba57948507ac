// `unknown-field`: a key that is not a field of a plan or a KPI, with the closest field name as a
// suggestion. Found while reading a file.

extension DiagnosticCode { public static let unknownField = DiagnosticCode(declaring: "unknown-field") }

public enum UnknownFieldRule: Rule {
    public static let code = DiagnosticCode.unknownField
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "unknown-field"
    public static let summary = "A key is not a field of a plan or a KPI."

    public struct Finding: RuleFinding {
        public typealias Owner = UnknownFieldRule
        public let key: String
        /// What the field would belong to: "a plan" or "a KPI".
        public let context: String
        /// The known field closest to `key` (did you mean).
        public let suggestion: String?

        public var message: String {
            "`\(key)` is not a field of \(context)" + (suggestion.map { ": did you mean `\($0)`?" } ?? "")
        }
    }
}

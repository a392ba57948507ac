// `duplicate-field`: a field, a deadline, a checkpoint's date or the `plan` header given twice,
// where only the first counts. Found while reading a file.

extension DiagnosticCode { public static let duplicateField = DiagnosticCode(declaring: "duplicate-field") }

public enum DuplicateFieldRule: Rule {
    public static let code = DiagnosticCode.duplicateField
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "duplicate-field"
    public static let summary = "A field, the plan header, a deadline or a dated entry is given twice."

    public enum Finding: RuleFinding {
        public typealias Owner = DuplicateFieldRule
        case planHeader
        case field(key: String)
        /// A deadline both in `target: … by` and in `deadline:`.
        case deadline
        /// Two actuals or milestones on one day.
        case day(Day)

        public var message: String {
            switch self {
            case .planHeader: "a file has one `plan` header; this one repeats it"
            case .field(let key): "`\(key)` is given twice; the first one counts"
            case .deadline: "the deadline is given twice: in `target: … by` and in `deadline:`"
            case .day(let day): "\(day) is given twice"
            }
        }
    }
}

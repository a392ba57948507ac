// `invalid-date`: a date that cannot be read, or `at`/`by` with no date after it. Found while
// reading a file.

extension DiagnosticCode { public static let invalidDate = DiagnosticCode(declaring: "invalid-date") }

public enum InvalidDateRule: Rule {
    public static let code = DiagnosticCode.invalidDate
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "invalid-date"
    public static let summary = "A date cannot be read."

    public enum Finding: RuleFinding {
        public typealias Owner = InvalidDateRule
        /// `keyword` (`at`, `by`) with nothing after it.
        case missing(after: String)
        case notADate(written: String)
        case notACheckpointDate(written: String)
        case notAnAsOfDate(written: String)

        public var message: String {
            switch self {
            case .missing(let keyword): "`\(keyword)` needs a date after it, like `2027-12-31` or `FY2027`"
            case .notADate(let written):
                "`\(written)` is not a date: write `2027-12-31`, `2027-06`, `2027-Q3`, `Q3 2027`, `FY2027`, `FY2027-Q3` or `2027`"
            case .notACheckpointDate(let written): "`\(written)` is not a date: write `2027-03-31`, `2027-Q1`, `FY2028` or `2029`"
            case .notAnAsOfDate(let written): "`\(written)` is not a date: write `2027-07-15`"
            }
        }
    }
}

// `invalid-value`: a field whose value is not one it takes (a perspective, a category, a split, a
// growth model, a role, a month, a currency code), or is missing. Found while reading a file.

extension DiagnosticCode { public static let invalidValue = DiagnosticCode(declaring: "invalid-value") }

public enum InvalidValueRule: Rule {
    public static let code = DiagnosticCode.invalidValue
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "invalid-value"
    public static let summary = "A field's value is not one the field allows."

    public enum Finding: RuleFinding {
        public typealias Owner = InvalidValueRule
        case needsValue(key: String)
        /// The value was read as a comment: `metric: # of customers`.
        case needsValueNotAComment(key: String, comment: String)
        case notADirection(written: String)
        case notAFiscalYearNaming(written: String)
        case notAPerspective(written: String)
        case notACategory(written: String)
        case notASplit(written: String)
        case notAGrowthModel(written: String)
        case notARole(written: String)
        case notAMonth(written: String)
        case notACurrency(written: String)
        case parentTakesOneID
        /// A flag (`top-level`) written as a field with a value.
        case flagWithValue(key: String)

        public var message: String {
            switch self {
            case .needsValue(let key): "`\(key):` needs a value"
            case .needsValueNotAComment(let key, let comment):
                "`\(key):` needs a value: `\(comment)` is a comment (a `#` after a blank starts one); quote it to keep it: `\(key): \"\(comment)\"`"
            case .notADirection(let written): "`\(written)` is not a direction: write `higher` or `lower`"
            case .notAFiscalYearNaming(let written):
                "`\(written)` is not a fiscal year naming: write `start` (FY2027 starts in 2027) or `end` (FY2027 ends in 2027)"
            case .notAPerspective(let written): "`\(written)` is not a perspective: write learning, internal, customer or financial"
            case .notACategory(let written):
                "`\(written)` is not a category: write \(MetricKind.allCases.map(\.rawValue).joined(separator: ", "))"
            case .notASplit(let written): "`\(written)` is not a split: write `sum` or `weighted`"
            case .notAGrowthModel(let written): "`\(written)` is not a growth model: write `compound` or `linear`"
            case .notARole(let written): "`\(written)` is not a role: write `component` or `driver`"
            case .notAMonth(let written): "`\(written)` is not a month: write `January` … `December`"
            case .notACurrency(let written): "`\(written)` is not a currency code: write a three-letter code such as `USD` or `EUR`"
            case .parentTakesOneID: "`parent:` takes one KPI id"
            case .flagWithValue(let key): "`\(key)` is a flag: write it alone on its line"
            }
        }
    }
}

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
            case .notAPerspective(let written): "`\(written)` is not a perspective: write learning, internal, customer or financial"
            case .notACategory(let written): "`\(written)` is not a category: write \(MetricKind.allCases.map(\.rawValue).joined(separator: ", "))"
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

// `invalid-quantity`: a value that is not an amount (or not the kind of amount its field takes:
// a weight, a growth rate). Found while reading a file.

extension DiagnosticCode { public static let invalidQuantity = DiagnosticCode(declaring: "invalid-quantity") }

public enum InvalidQuantityRule: Rule {
    public static let code = DiagnosticCode.invalidQuantity
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "invalid-quantity"
    public static let summary = "A value that must be a quantity is not one."

    public enum Finding: RuleFinding {
        public typealias Owner = InvalidQuantityRule
        case notAQuantity(written: String)
        /// A quantity in words (`8 hours`), with what to write instead ("write `8h`").
        case spelledOut(written: String, advice: String)
        case notAWeight(written: String)
        case notAGrowthRate(written: String)
        case notAReductionRate(written: String)
        case baselineWithoutValue
        /// A `DATE:` entry with nothing after it.
        case entryWithoutValue(key: String)

        public var message: String {
            switch self {
            case .notAQuantity(let written): "`\(written)` is not a quantity: write an amount like `$125K`, `400/month`, `95%` or `+20%`"
            case .spelledOut(let written, let advice): "`\(written)` is not a quantity: \(advice)"
            case .notAWeight(let written): "`\(written)` is not a weight: write a percentage such as `40%`"
            case .notAGrowthRate(let written): "`\(written)` is not a growth rate: write a percentage such as `150%`"
            case .notAReductionRate(let written):
                "`\(written)` is not a reduction rate: write a percentage between 0% and 100%, such as `80%`"
            case .baselineWithoutValue: "`baseline:` needs a value before `at`, like `$125K at 2026-12-31`"
            case .entryWithoutValue(let key): "`\(key):` needs a value, like `$131K`"
            }
        }
    }
}

// `syntax-error`: a line the parser cannot read, or a line in the wrong place (a list item
// outside `actions:`, a field key without its value). Found while reading a file.

extension DiagnosticCode { public static let syntaxError = DiagnosticCode(declaring: "syntax-error") }

public enum SyntaxErrorRule: Rule {
    public static let code = DiagnosticCode.syntaxError
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "syntax-error"
    public static let summary = "A line cannot be read."

    public enum Finding: RuleFinding {
        public typealias Owner = SyntaxErrorRule
        /// What the parser says about a line it could not read.
        case parser(String)
        case listItemOutsideActions
        /// A field key alone on its line.
        case keyWithoutValue(key: String)
        case actionNotAListItem
        /// `actuals:` or `milestones:` with a value on their own line.
        case entriesOnTheKeyLine(key: String)
        case notAnEntry

        public var message: String {
            switch self {
            case .parser(let message): message
            case .listItemOutsideActions: "a list item belongs under `actions:`"
            case .keyWithoutValue(let key): "`\(key)` needs a value: write `\(key): …`"
            case .actionNotAListItem: "write each action as a list item: `- Raise prices on the Pro tier`"
            case .entriesOnTheKeyLine(let key): "list the \(key) on the lines below, one `DATE: value` a line"
            case .notAnEntry: "write each entry as `DATE: value`, like `2027-03-31: $131K`"
            }
        }
    }
}

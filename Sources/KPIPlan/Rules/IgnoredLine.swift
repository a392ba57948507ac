// `ignored-line`: a line indented under one that takes no lines below it (a field other than
// `actions:`, `actuals:` and `milestones:`, a flag, a list item or a dated entry), which the model
// does not read. The formatter keeps it. Found while reading a file.

extension DiagnosticCode { public static let ignoredLine = DiagnosticCode(declaring: "ignored-line") }

public enum IgnoredLineRule: Rule {
    public static let code = DiagnosticCode.ignoredLine
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "ignored-line"
    public static let summary = "A line is indented under one that takes no lines below it, so it is ignored."

    public struct Finding: RuleFinding {
        public typealias Owner = IgnoredLineRule

        /// What the line is indented under.
        public enum Parent: Sendable, Hashable {
            /// A `key: value` line (its key) or a flag (its word).
            case field(key: String)
            case flag(word: String)
            case listItem
            /// A dated entry of `actuals:` or `milestones:` (its date as written).
            case entry(date: String)
            /// A `use "file"` line.
            case useLine
        }

        /// Which of the two lines is indented with a tab while the other is not.
        public enum Tab: Sendable, Hashable { case lineAbove, thisLine }

        public let parent: Parent
        /// The indentation of the line it is under, as written: unindenting to it lines the two up.
        public let parentIndentation: String
        public let tab: Tab?

        var parentName: String {
            switch parent {
            case .field(let key): "`\(key):`"
            case .flag(let word): "`\(word)`"
            case .listItem: "a list item"
            case .entry(let date): "the entry `\(date):`"
            case .useLine: "a `use` line"
            }
        }

        var lineUp: String {
            switch parent {
            case .field, .flag: parentName
            case .listItem: "the list item"
            case .entry: "the entry"
            case .useLine: "the `use` line"
            }
        }

        public var message: String {
            var text =
                "this line is indented under \(parentName), which takes no lines below it, so it is ignored: unindent it to line up with \(lineUp)"
            switch tab {
            case .lineAbove: text += " (the line above is indented with a tab, which counts as one space: indent both with spaces)"
            case .thisLine: text += " (this line is indented with a tab, which counts as one space: indent both with spaces)"
            case nil: break
            }
            return text
        }
    }
}

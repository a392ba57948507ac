// The checks' findings: a stable code, a severity, a message that states the numbers, the exact
// range of the offending token, and related places (the parent, the siblings).

public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case error = 1
    case warning = 2
    case information = 3
    case hint = 4

    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .information: "info"
        case .hint: "hint"
        }
    }

    public init?(name: String) {
        switch name.lowercased() {
        case "error": self = .error
        case "warning": self = .warning
        case "info", "information": self = .information
        case "hint": self = .hint
        default: return nil
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// A diagnostic's stable name, as written in `# kpi-ignore:` comments and severity settings.
/// Each rule declares its own (`extension DiagnosticCode { static let … }` in its file); the
/// known codes are those of `RuleRegistry.all`.
public struct DiagnosticCode: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    /// A code a rule declares.
    init(declaring rawValue: String) { self.rawValue = rawValue }

    /// The code of that name, if a rule has it.
    public init?(rawValue: String) {
        guard RuleRegistry.rule(for: DiagnosticCode(declaring: rawValue)) != nil else { return nil }
        self.rawValue = rawValue
    }

    public static var allCases: [DiagnosticCode] { RuleRegistry.all.map { $0.code } }

    public var description: String { rawValue }

    public var defaultSeverity: Severity { RuleRegistry.rule(for: self)?.defaultSeverity ?? .error }

    /// Where the code is documented, for `codeDescription` links.
    public var documentationAnchor: String { RuleRegistry.rule(for: self)?.documentationAnchor ?? "docs/language.md#\(rawValue)" }
}

/// A place elsewhere that explains a diagnostic.
public struct RelatedLocation: Sendable, Hashable {
    public let path: String
    public let range: Range<Int>
    public let message: String
    public init(path: String, range: Range<Int>, message: String) {
        self.path = path
        self.range = range
        self.message = message
    }
}

public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    /// Rendered once from `finding`.
    public private(set) var message: String
    public var path: String
    public var range: Range<Int>
    public var related: [RelatedLocation]
    /// What the rule found: its numbers, ids and suggestions (the rule's `Finding` type).
    public let finding: any RuleFinding

    public init<F: RuleFinding>(_ finding: F, path: String, range: Range<Int>, related: [RelatedLocation] = []) {
        self.code = F.Owner.code
        self.severity = F.Owner.defaultSeverity
        self.message = finding.message
        self.path = path
        self.range = range
        self.related = related
        self.finding = finding
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.severity == b.severity && a.message == b.message && a.path == b.path && a.range == b.range
            && a.related == b.related && a.finding.isEqual(to: b.finding)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(path)
        hasher.combine(range)
    }
}

/// The knobs of the checks, from the command line or the editor's settings.
public struct AnalysisOptions: Sendable, Hashable {
    /// The compound growth per year above which a target is `unrealistic-target` (1.0 = 100%).
    public var maxAnnualGrowth: Double
    /// The compound cut per year above which a reduction target is `unrealistic-target` (0.8 = 80%).
    public var maxAnnualReduction: Double
    /// Severity overrides per code; `nil` turns a code off.
    public var severities: [DiagnosticCode: Severity?]
    /// "Today" for date checks when a plan has no `as-of:`.
    public var today: Day

    public init(maxAnnualGrowth: Double = 1.0, maxAnnualReduction: Double = 0.8, severities: [DiagnosticCode: Severity?] = [:], today: Day)
    {
        self.maxAnnualGrowth = maxAnnualGrowth
        self.maxAnnualReduction = maxAnnualReduction
        self.severities = severities
        self.today = today
    }
}

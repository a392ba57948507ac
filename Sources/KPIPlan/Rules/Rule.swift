// What a rule is: a diagnostic code with its default severity and its section of
// `docs/language.md`, and the typed findings it reports (the numbers, ids and suggestions it
// found). A finding renders its own message; quick fixes and other features read its fields.

/// A check of the language, one per diagnostic code. Each lives in a file of its own under
/// `Rules/` and is listed once in `RuleRegistry.all`.
public protocol Rule: SendableMetatype {
    /// The code its diagnostics carry.
    static var code: DiagnosticCode { get }
    static var defaultSeverity: Severity { get }
    /// The anchor of its section in `docs/language.md`.
    static var documentationSection: String { get }
    /// What it finds, in one sentence: the rule's description in `kpi check --format sarif`.
    static var summary: String { get }
}

extension Rule {
    /// Where the rule is documented, for `codeDescription` links.
    public static var documentationAnchor: String { "docs/language.md#\(documentationSection)" }
}

/// What a rule found. `message` is the one place its text is written.
public protocol RuleFinding: Sendable, Hashable {
    associatedtype Owner: Rule
    var message: String { get }
}

extension DiagnosticCode {
    /// What the code's rule finds, in one sentence.
    public var summary: String { RuleRegistry.rule(for: self)?.summary ?? rawValue }
}

extension RuleFinding {
    func isEqual(to other: any RuleFinding) -> Bool { (other as? Self) == self }
}

/// The findings of a run of checks over one file, as diagnostics.
struct Findings {
    let path: String
    var found: [Diagnostic] = []

    init(path: String) { self.path = path }

    mutating func report<F: RuleFinding>(_ finding: F, at range: Range<Int>, related: [RelatedLocation] = []) {
        found.append(Diagnostic(finding, path: path, range: range, related: related))
    }
}

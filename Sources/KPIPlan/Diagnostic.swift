// The checks' findings: a stable code, a severity, a message that states the numbers, the exact
// range of the offending token, and related places (the parent, the siblings).

public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case error = 1, warning = 2, information = 3, hint = 4

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

public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Syntax and structure
    case syntaxError = "syntax-error"
    case unknownField = "unknown-field"
    case duplicateField = "duplicate-field"
    case duplicateKPI = "duplicate-kpi"
    case invalidQuantity = "invalid-quantity"
    case invalidDate = "invalid-date"
    case invalidValue = "invalid-value"
    case unresolvedUse = "unresolved-use"
    case useCycle = "use-cycle"
    // Alignment
    case unknownParent = "unknown-parent"
    case parentCycle = "parent-cycle"
    case unalignedKPI = "unaligned-kpi"
    case deadlineAfterParent = "deadline-after-parent"
    case splitMismatch = "split-mismatch"
    case unitMismatch = "unit-mismatch"
    case weightsNot100 = "weights-not-100"
    case perspectiveOrder = "perspective-order"
    // Realism
    case unrealisticTarget = "unrealistic-target"
    case impossibleTarget = "impossible-target"
    case targetAlreadyMet = "target-already-met"
    case deadlinePassed = "deadline-passed"
    case milestoneBehindPath = "milestone-behind-path"
    case lateFirstCheckpoint = "late-first-checkpoint"
    case offTrack = "off-track"
    // Measurability
    case vagueTarget = "vague-target"
    case missingDeadline = "missing-deadline"
    case missingBaseline = "missing-baseline"
    case noActions = "no-actions"
    case noOwner = "no-owner"

    public var defaultSeverity: Severity {
        switch self {
        case .syntaxError, .duplicateKPI, .invalidQuantity, .invalidDate, .invalidValue, .unresolvedUse, .useCycle,
             .unknownParent, .parentCycle, .impossibleTarget:
            .error
        case .unknownField, .duplicateField, .unalignedKPI, .deadlineAfterParent, .splitMismatch, .unitMismatch,
             .weightsNot100, .unrealisticTarget, .targetAlreadyMet, .deadlinePassed, .milestoneBehindPath, .offTrack,
             .vagueTarget, .missingDeadline, .missingBaseline:
            .warning
        case .lateFirstCheckpoint, .noActions, .noOwner:
            .information
        case .perspectiveOrder:
            .hint
        }
    }

    /// Where the code is documented, for `codeDescription` links.
    public var documentationAnchor: String { "docs/language.md#\(rawValue)" }
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
    public var message: String
    public var path: String
    public var range: Range<Int>
    public var related: [RelatedLocation]

    public init(_ code: DiagnosticCode, _ message: String, path: String, range: Range<Int>,
                severity: Severity? = nil, related: [RelatedLocation] = []) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.path = path
        self.range = range
        self.related = related
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

    public init(maxAnnualGrowth: Double = 1.0, maxAnnualReduction: Double = 0.8, severities: [DiagnosticCode: Severity?] = [:], today: Day) {
        self.maxAnnualGrowth = maxAnnualGrowth
        self.maxAnnualReduction = maxAnnualReduction
        self.severities = severities
        self.today = today
    }
}

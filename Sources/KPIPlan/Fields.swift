// Every field of a `plan` header and of a `kpi` block, declared once: its name, the kind of value
// it takes, what it means (hovers, completion documentation), what completion inserts and what
// the "add missing fields" refactoring writes. The readers, completion, fixes, hovers, semantic
// classes and the docs check all read these declarations.

/// The kind of value a field takes.
public enum FieldValueKind: Sendable, Equatable {
    case text
    /// A metric name, from the catalog or the workspace's own.
    case metric
    /// One of a few words (a perspective, a split, a month, a currency code).
    case choice
    /// A KPI id.
    case kpiID
    case quantity
    /// `QUANTITY [at DATE]`.
    case quantityAt
    /// `[at least | at most] QUANTITY [by DATE]`.
    case target
    case date
    /// A word alone on its line.
    case flag
    /// `- item` lines below the key.
    case list
    /// `DATE: QUANTITY` lines below the key.
    case entries
}

public struct FieldSpec: Sendable {
    public let name: String
    public let value: FieldValueKind
    /// One line on what the field means, for hovers and completion.
    public let documentation: String
    /// What completion inserts: a snippet when it holds `${`.
    public let insertText: String
    /// The line "add missing fields" writes for it, given today; nil: the refactoring does not add it.
    let placeholder: (@Sendable (_ today: Day) -> String)?

    init(
        _ name: String, _ value: FieldValueKind, _ documentation: String, insert: String? = nil,
        placeholder: (@Sendable (_ today: Day) -> String)? = nil
    ) {
        self.name = name
        self.value = value
        self.documentation = documentation
        self.insertText = insert ?? name + ": "
        self.placeholder = placeholder
    }

    public var isSnippet: Bool { insertText.contains("${") }

    /// Whether the key alone on its line (`key:`) is missing something: not for a flag, the lines
    /// below a list or entries key, or a target (a missing target number is a `vague-target`).
    var needsValue: Bool {
        switch value {
        case .flag, .list, .entries, .target: false
        default: true
        }
    }

    /// The declaration of a field, plan or KPI, by name.
    public static func named(_ name: String) -> FieldSpec? { byName[name] }

    private static let byName: [String: FieldSpec] = Dictionary(
        (PlanField.allCases.map(\.spec) + KPIField.allCases.map(\.spec)).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}

/// A field of a KPI block, in the order completion lists them.
public enum KPIField: Int, CaseIterable, Sendable {
    case perspective, category, metric, owner, baseline, target, deadline, parent, topLevel,
        split, weight, contributes, growth, better, actions, actuals, milestones, role

    private var declaration: FieldSpec {
        switch self {
        case .perspective:
            FieldSpec("perspective", .choice, "the balanced-scorecard perspective: learning → internal → customer → financial.")
        case .category: FieldSpec("category", .choice, "the kind of KPI: sales, financial, operational, customer or people.")
        case .metric:
            FieldSpec("metric", .metric, "what is measured, e.g. MRR, inbound leads, churn rate.", placeholder: { _ in "metric: TODO" })
        case .owner: FieldSpec("owner", .text, "who is accountable for the KPI.", placeholder: { _ in "owner: TODO" })
        case .baseline:
            FieldSpec(
                "baseline", .quantityAt, "where the metric starts: `VALUE at DATE` (without `at`, as of the plan's as-of date).",
                placeholder: { today in "baseline: TODO at \(today)" })
        case .target:
            FieldSpec(
                "target", .target,
                "where it must get to: a level (`$150K`), a change (`+20%`, `+$25K`, `+3pp`) or `at least 95%`, then `by DATE`.",
                placeholder: { today in "target: TODO by FY\(today.year + 1)" })
        case .deadline: FieldSpec("deadline", .date, "when the target is due, if the target has no `by DATE`.")
        case .parent:
            FieldSpec(
                "parent", .kpiID, "the id of the goal this KPI supports; it may live in a `use`d file.",
                placeholder: { _ in "parent: TODO" })
        case .topLevel: FieldSpec("top-level", .flag, "marks a root goal: it needs no parent.", insert: "top-level")
        case .split:
            FieldSpec(
                "split", .choice,
                "`sum`: the children's contributions add up to this KPI's change; `weighted`: children carry weights that add up to 100%.")
        case .weight: FieldSpec("weight", .quantity, "this KPI's weight in its parent's weighted split, e.g. `40%`.")
        case .contributes: FieldSpec("contributes", .quantity, "this KPI's part of its parent's `split: sum`, e.g. `+$300`.")
        case .growth: FieldSpec("growth", .choice, "how the year-by-year path is worked backwards: `compound` (default) or `linear`.")
        case .better:
            FieldSpec(
                "better", .choice,
                "which way is better for this KPI: `higher` or `lower`; without it, its catalog metric's direction or its title's first word (Reduce, Grow, …)."
            )
        case .actions:
            FieldSpec(
                "actions", .list, "what the team will do, one `- item` a line.", insert: "actions:\n    - ${1:action}",
                placeholder: { _ in "actions:\n    - TODO" })
        case .actuals:
            FieldSpec(
                "actuals", .entries, "measured values, one `DATE: VALUE` a line; checked against the path.",
                insert: "actuals:\n    ${1:2027-03-31}: ${2:value}")
        case .milestones:
            FieldSpec(
                "milestones", .entries, "planned values on the way, one `DATE: VALUE` a line; checked against the path.",
                insert: "milestones:\n    ${1:2027-03-31}: ${2:value}")
        case .role:
            FieldSpec(
                "role", .choice,
                "under a split parent: `component` (adds up into its split, or carries a weight) or `driver` (a leading indicator that supports the goal without adding up); inferred when not written."
            )
        }
    }

    public var spec: FieldSpec { Self.specs[rawValue] }
    /// Read from its own table: the reader asks for it on every field line, and a `spec` is a
    /// copy of the whole declaration (three strings and a closure retained and released).
    public var name: String { Self.names[rawValue] }

    private static let specs = allCases.map(\.declaration)
    private static let names = specs.map(\.name)

    /// The fields' names as bytes, by their length: a key read from a file is compared with the
    /// few names of its length, byte array to byte array (no String made for it, no declaration
    /// copied; comparing with a `String`'s UTF-8 view was a tenth of reading a KPI).
    private static let byLength: [[(name: [UInt8], field: KPIField)]] = {
        var table = [[(name: [UInt8], field: KPIField)]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for field in allCases { table[field.name.utf8.count].append((Array(field.name.utf8), field)) }
        return table
    }()

    /// The field a key names, matched on the key's bytes.
    static func named(_ key: ArraySlice<UInt8>) -> KPIField? {
        guard key.count < byLength.count else { return nil }
        for entry in byLength[key.count] where entry.name[...] == key { return entry.field }
        return nil
    }
}

/// A setting of the `plan` header, in the order completion lists them.
public enum PlanField: Int, CaseIterable, Sendable {
    case fiscalYearStart, fiscalYearName, currency, asOf, maxAnnualGrowth, maxAnnualReduction

    private var declaration: FieldSpec {
        switch self {
        case .fiscalYearStart:
            FieldSpec("fiscal-year-start", .choice, "the month the fiscal year starts; FY2027 is the fiscal year that ends in 2027.")
        case .fiscalYearName:
            FieldSpec(
                "fiscal-year-name", .choice,
                "how fiscal years are named: `end` (FY2028 ends in 2028, the default; US government, India) or `start` (FY2027 starts in 2027, Japan; the default with `currency: JPY`)."
            )
        case .currency: FieldSpec("currency", .choice, "the currency of plain amounts, as a three-letter code (USD, EUR, GBP).")
        case .asOf: FieldSpec("as-of", .date, "\"today\" for the date checks; defaults to the real date.")
        case .maxAnnualGrowth:
            FieldSpec("max-annual-growth", .quantity, "the compound growth per year above which a target is unrealistic (default 100%).")
        case .maxAnnualReduction:
            FieldSpec(
                "max-annual-reduction", .quantity, "the compound cut per year above which a reduction target is unrealistic (default 80%).")
        }
    }

    public var spec: FieldSpec { Self.specs[rawValue] }
    public var name: String { spec.name }

    private static let specs = allCases.map(\.declaration)

    static func named(_ key: ArraySlice<UInt8>) -> PlanField? {
        allCases.first { $0.name.utf8.elementsEqual(key) }
    }
}

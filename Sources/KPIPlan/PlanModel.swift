// The plan model: a file's settings, `use` lines and KPIs with their baselines, targets,
// deadlines, parents, splits and checkpoints, each value with the range of the text it came from.

/// A value with the range of the text it came from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: Range<Int>
    public init(_ value: Value, _ range: Range<Int>) {
        self.value = value
        self.range = range
    }
}

public enum Perspective: String, Sendable, CaseIterable {
    case learning, `internal`, customer, financial
    /// The position in the balanced-scorecard chain learning → internal → customer → financial.
    public var rank: Int { Perspective.allCases.firstIndex(of: self)! }
}

public enum SplitKind: String, Sendable, CaseIterable { case sum, weighted }
public enum Growth: String, Sendable, CaseIterable { case compound, linear }

public struct PlanSettings: Sendable {
    public var name: Located<String>?
    public var fiscalYearStart: Int = 1
    public var fiscalYearNaming: FiscalYearNaming = .endYear
    public var currency: String = "USD"
    public var asOf: Located<Day>?
    public var maxAnnualGrowth: Double?
    public var maxAnnualReduction: Double?
    public var range: Range<Int>?
}

public struct UseReference: Sendable, Hashable {
    public var written: String  // as in the file
    public var range: Range<Int>  // the string token, quotes included
    public var resolvedPath: String  // normalized, relative to the using file
}

/// A target as written: what it asks for and by when.
public struct Target: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case level(Quantity)  // `$150K`
        case relative(Double)  // `+20%` → 0.2
        case absolute(Quantity)  // `+$25K` (a signed change)
        case points(Double)  // `+3pp` → 3
        case atLeast(Quantity)  // `at least 95%`
        case atMost(Quantity)  // `at most 2%`
    }
    public var kind: Kind
    public var range: Range<Int>  // the quantity's words
}

/// A dated value: an actual or a milestone.
public struct Checkpoint: Sendable, Hashable {
    public var date: Day
    public var dateRange: Range<Int>
    public var value: Quantity
    public var valueRange: Range<Int>
    public var lineRange: Range<Int>
}

public struct KPI: Sendable, Identifiable {
    public var id: String
    public var idRange: Range<Int>
    public var title: String?
    public var titleRange: Range<Int>?
    public var range: Range<Int>  // the whole block
    public var headerRange: Range<Int>  // `kpi id "Title"`
    public var path: String
    /// Field keys with the range of their whole line, in order.
    public var fields: [(key: String, keyRange: Range<Int>, lineRange: Range<Int>)] = []

    public var perspective: Located<Perspective>?
    public var category: Located<MetricKind>?
    public var metric: Located<String>? {
        didSet { if metric?.value != oldValue?.value { catalogIndex = metric.flatMap { MetricCatalog.lookupIndex($0.value) } } }
    }
    /// Where `metric` is in the catalog, looked up when it is set: the checks read it several
    /// times a KPI, and looking the name up each time was 3% of `kpi check`.
    private(set) var catalogIndex: Int?
    public var owner: Located<String>?
    public var baseline: Located<Quantity>?
    public var baselineDate: Located<Day>?  // nil: taken as of the plan's as-of date
    public var target: Target?
    public var targetFieldRange: Range<Int>?  // the `target:` line's content, for missing-number messages
    public var deadline: Located<Day>?
    public var parent: Located<String>?
    public var topLevel: Range<Int>?
    public var split: Located<SplitKind>?
    public var weight: Located<Double>?  // a fraction: 40% → 0.4
    public var contributes: Located<Quantity>?  // a signed change
    public var role: Located<ChildRole>?  // written: `role: driver` or `role: component`
    public var growth: Located<Growth>?
    public var better: Located<Direction>?  // `better: lower`: which way is better, when stated
    public var actions: [Located<String>] = []
    public var actionsRange: Range<Int>?
    public var actuals: [Checkpoint] = []
    public var milestones: [Checkpoint] = []

    /// The unit the KPI is measured in: its baseline's, else its target's, else its metric's.
    public var unit: QuantityUnit?

    public func fieldRange(_ key: String) -> Range<Int>? {
        fields.first(where: { $0.key == key })?.keyRange
    }

    public var catalogMetric: Metric? { catalogIndex.map { MetricCatalog.all[$0] } }

    /// Whether a higher value is better: from the catalog, else from the target's direction.
    public var higherIsBetter: Bool { catalogIndex.map { MetricCatalog.all[$0].higherIsBetter } ?? true }
}

// Which way is better for a metric, and which values it can take at all: what lets the checks
// say that churn 3% → 3.5% moves the wrong way, or that an NPS of 110 cannot exist.

/// Which way a metric should move.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case higherIsBetter = "higher is better"
    case lowerIsBetter = "lower is better"
    /// Best within a band around a value: moving either way can be right.
    case band = "within a band"

    /// The word a KPI's `better:` field takes for this direction.
    public var keyword: String {
        switch self {
        case .higherIsBetter: "higher"
        case .lowerIsBetter: "lower"
        case .band: "band"
        }
    }

    public init?(keyword: String) {
        guard let direction = Direction.allCases.first(where: { $0.keyword == keyword.lowercased() }) else { return nil }
        self = direction
    }
}

/// The values a metric can take: nil on a side means unbounded on that side. Percentages are in
/// percent (100 = 100%); durations in days.
public struct MetricBounds: Sendable, Hashable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public static let unbounded = MetricBounds(lower: nil, upper: nil)

    /// The range in words, for hovers: "0–100%", "−100 to 100", "≥ 0"; nil when unbounded.
    public func described(_ unit: UnitKind) -> String? {
        let kind = QuantityUnit(kind: unit)
        switch (lower, upper) {
        case let (low?, high?): return "from \(Quantity.format(low, kind)) to \(Quantity.format(high, kind))"
        case let (low?, nil): return "at least \(Quantity.format(low, kind))"
        case let (nil, high?): return "at most \(Quantity.format(high, kind))"
        case (nil, nil): return nil
        }
    }

    /// The bounds a metric's unit and name imply. Percentages: a rate or share of a whole stays
    /// within 0–100%; growth, returns, variances and changes can go below 0% and above 100%;
    /// margins below 0%; attainment, net retention and turnover above 100%. A metric outside the
    /// catalog is bounded above only when its name says it is a rate or share. Counts, durations and
    /// ratios cannot be negative; nor can amounts of money, except profits and cash flows.
    public static func implied(name written: String, unit: UnitKind, inCatalog: Bool) -> MetricBounds {
        let name = written.lowercased()
        func says(_ words: [String]) -> Bool { words.contains { name.contains($0) } }
        switch unit {
        case .percentage:
            let unboundedBelow = says(["growth", "roi", "return", "variance", "change", "margin"])
            let unboundedAbove = says(["growth", "roi", "return", "variance", "change", "attainment", "net revenue retention", "nrr", "turnover"])
            if !inCatalog {
                let isShare = says(["rate", "share", "satisfaction", "yield", "uptime", "%"])
                return MetricBounds(lower: unboundedBelow ? nil : 0, upper: isShare && !unboundedAbove ? 100 : nil)
            }
            return MetricBounds(lower: unboundedBelow ? nil : 0, upper: unboundedAbove ? nil : 100)
        case .count, .duration, .ratio:
            return MetricBounds(lower: 0, upper: nil)
        case .currency:
            return says(["profit", "ebitda", "cash flow", "income", "burn", "change", "variance", "delta"]) ? .unbounded : MetricBounds(lower: 0, upper: nil)
        }
    }
}

// Which way is better for a metric, and which values it can take at all: what lets the checks
// say that churn 3% → 3.5% moves the wrong way, or that an NPS of 110 cannot exist.

/// Which way a metric should move.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case higherIsBetter = "higher is better"
    case lowerIsBetter = "lower is better"
    /// Best within a band around a value: moving either way can be right.
    case band = "within a band"

    /// One character for a short label (a completion's detail): ↑ higher, ↓ lower, ↕ a band.
    public var arrow: String {
        switch self {
        case .higherIsBetter: "↑"
        case .lowerIsBetter: "↓"
        case .band: "↕"
        }
    }

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
        case (let low?, let high?): return "from \(Quantity.format(low, kind)) to \(Quantity.format(high, kind))"
        case (let low?, nil): return "at least \(Quantity.format(low, kind))"
        case (nil, let high?): return "at most \(Quantity.format(high, kind))"
        case (nil, nil): return nil
        }
    }

    /// The bounds a metric's unit and name imply. Percentages: a rate or share of a whole stays
    /// within 0–100%; growth, returns, variances and changes can go below 0% and above 100%;
    /// margins below 0%; attainment, net retention and turnover above 100%. A metric outside the
    /// catalog is bounded above only when its name says it is a rate or share. Counts, durations and
    /// ratios cannot be negative; nor can the catalog's amounts of money, except profits and cash flows.
    public static func implied(name written: String, unit: UnitKind, inCatalog: Bool) -> MetricBounds {
        let name = LowercasedName(written)
        func says(_ words: [String]) -> Bool { words.contains { name.contains($0) } }
        switch unit {
        case .percentage:
            let unboundedBelow = says(["growth", "roi", "return", "variance", "change", "margin"])
            let unboundedAbove = says([
                "growth", "roi", "return", "variance", "change", "attainment", "net revenue retention", "nrr", "turnover",
            ])
            if !inCatalog {
                let isShare = says(["rate", "share", "satisfaction", "yield", "uptime", "%"])
                return MetricBounds(lower: unboundedBelow ? nil : 0, upper: isShare && !unboundedAbove ? 100 : nil)
            }
            return MetricBounds(lower: unboundedBelow ? nil : 0, upper: unboundedAbove ? nil : 100)
        case .count, .duration, .ratio:
            return MetricBounds(lower: 0, upper: nil)
        case .currency:
            // An amount of the workspace's own metric may be a loss or a change: not bounded.
            guard inCatalog else { return .unbounded }
            return says(["profit", "ebitda", "cash flow", "income", "burn", "change", "variance", "delta"])
                ? .unbounded : MetricBounds(lower: 0, upper: nil)
        }
    }
}

extension Direction {
    /// The direction a KPI's title states with its first word: "Reduce churn", "Cut first
    /// response time" (lower is better); "Grow MRR", "Increase leads" (higher is better).
    public init?(title: String) {
        let first = title.prefix { $0.isLetter }.lowercased()
        switch first {
        case "reduce", "cut", "lower", "decrease", "shorten", "minimize", "minimise", "lessen": self = .lowerIsBetter
        case "grow", "increase", "raise", "boost", "maximize", "maximise", "double", "triple": self = .higherIsBetter
        default: return nil
        }
    }
}

extension KPI {
    /// Which way is better for this KPI: as its `better:` field says, else its catalog metric's
    /// direction, else what its title's first word says; nil when nothing says.
    public var direction: Direction? {
        if let stated = better?.value { return stated }
        if let metric = catalogMetric { return metric.direction }
        return title.flatMap(Direction.init(title:))
    }
}

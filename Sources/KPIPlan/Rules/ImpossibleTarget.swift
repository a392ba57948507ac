// `impossible-target`: a target that works out to a level the metric cannot take (a rate above
// 100% or below 0%, a negative count).

extension DiagnosticCode { public static let impossibleTarget = DiagnosticCode(declaring: "impossible-target") }

public enum ImpossibleTargetRule: KPIRule {
    public static let code = DiagnosticCode.impossibleTarget
    public static let defaultSeverity = Severity.error
    public static let documentationSection = "impossible-target"
    public static let summary = "The target level cannot exist."

    public enum Finding: RuleFinding {
        public typealias Owner = ImpossibleTargetRule
        /// `metric`: the catalog metric's name, when the KPI names one.
        case belowBound(target: Double, bound: Double, unit: QuantityUnit, metric: String?)
        case aboveBound(target: Double, bound: Double, unit: QuantityUnit, metric: String?)
        case negativeCount(target: Double, unit: QuantityUnit)

        public var message: String {
            switch self {
            case .belowBound(let target, let bound, let unit, let metric):
                "the target works out to \(Quantity.format(target, unit)), below \(Quantity.format(bound, unit)), which \(metric ?? "this percentage") cannot go under"
            case .aboveBound(let target, let bound, let unit, let metric):
                "the target works out to \(Quantity.format(target, unit)), above \(Quantity.format(bound, unit)), which \(metric ?? "a rate") cannot exceed"
            case .negativeCount(let target, let unit):
                "the target works out to \(Quantity.format(target, unit)): a count cannot be negative"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi, math = check.math
        guard let target = kpi.target, let t = math.target else { return }
        let unit = math.unit ?? .count
        let catalog = kpi.catalogMetric
        // Bounds only matter for percentages: not worked out for the other units.
        let bounds = unit.kind == .percentage ? percentageBounds(kpi, catalog: catalog) : (lower: nil, upper: nil)
        if unit.kind == .percentage, let low = bounds.lower, t < low {
            findings.report(Finding.belowBound(target: t, bound: low, unit: unit, metric: catalog?.name), at: target.range)
        } else if unit.kind == .percentage, let high = bounds.upper, t > high {
            findings.report(Finding.aboveBound(target: t, bound: high, unit: unit, metric: catalog?.name), at: target.range)
        } else if unit.kind == .count && t < 0 && (catalog == nil || catalog?.unit == .count) && catalog?.name != "NPS" {
            findings.report(Finding.negativeCount(target: t, unit: unit), at: target.range)
        }
    }

    /// The range a percentage metric can take: 0–100% for rates and shares; growth, returns and
    /// variances can go below 0 and above 100%; margins below 0; attainment and net retention above 100%.
    static func percentageBounds(_ kpi: KPI, catalog: Metric?) -> (lower: Double?, upper: Double?) {
        if let catalog, let bounds = catalogBounds[catalog.name] { return bounds }
        return percentageBounds(name: catalog?.name ?? kpi.metric?.value ?? "", inCatalog: catalog != nil)
    }

    /// The bounds of every catalog metric, worked out once: most percentage KPIs name one.
    static let catalogBounds: [String: (lower: Double?, upper: Double?)] = Dictionary(
        MetricCatalog.all.map { ($0.name, percentageBounds(name: $0.name, inCatalog: true)) }, uniquingKeysWith: { first, _ in first })

    static func percentageBounds(name written: String, inCatalog: Bool) -> (lower: Double?, upper: Double?) {
        let name = LowercasedName(written)
        let unboundedBelow = ["growth", "roi", "return", "variance", "change", "margin"].contains { name.contains($0) }
        let unboundedAbove = ["growth", "roi", "return", "variance", "change", "attainment", "net revenue retention", "nrr", "turnover"].contains { name.contains($0) }
        if !inCatalog {
            // A metric of the workspace's own: only the rates and shares it names are bounded.
            let isRate = ["rate", "share", "satisfaction", "yield", "uptime", "%"].contains { name.contains($0) }
            return (unboundedBelow ? nil : 0, isRate && !unboundedAbove ? 100 : nil)
        }
        return (unboundedBelow ? nil : 0, unboundedAbove ? nil : 100)
    }
}

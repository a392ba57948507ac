// `impossible-target`: a target that works out to a level the metric cannot take: outside its
// bounds (a share of a whole above 100% or below 0%, an NPS above 100, a negative count or duration).

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
                "the target works out to \(Quantity.format(target, unit)), below \(Quantity.format(bound, unit)), which \(metric ?? Self.noun(unit)) cannot go under"
            case .aboveBound(let target, let bound, let unit, let metric):
                "the target works out to \(Quantity.format(target, unit)), above \(Quantity.format(bound, unit)), which \(metric ?? Self.noun(unit)) cannot exceed"
            case .negativeCount(let target, let unit):
                "the target works out to \(Quantity.format(target, unit)): a count cannot be negative"
            }
        }

        /// What a KPI outside the catalog is called in the message, by its unit.
        static func noun(_ unit: QuantityUnit) -> String {
            switch unit.kind {
            case .percentage: "a rate"
            case .duration: "a duration"
            case .ratio: "a ratio"
            case .count: "a count"
            case .currency: "an amount"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        let math = check.math
        guard let target = kpi.target, let t = math.target else { return }
        let unit = math.unit ?? .count
        let catalog = kpi.catalogMetric.flatMap { $0.unit == unit.kind ? $0 : nil }
        let bounds = catalog?.bounds ?? MetricBounds.implied(name: kpi.metric?.value ?? "", unit: unit.kind, inCatalog: false)
        if let low = bounds.lower, t < low {
            if unit.kind == .count && low == 0 && catalog == nil {
                findings.report(Finding.negativeCount(target: t, unit: unit), at: target.range)
            } else {
                findings.report(Finding.belowBound(target: t, bound: low, unit: unit, metric: catalog?.name), at: target.range)
            }
        } else if let high = bounds.upper, t > high {
            findings.report(Finding.aboveBound(target: t, bound: high, unit: unit, metric: catalog?.name), at: target.range)
        }
    }
}

// `weights-not-100`: a weighted split whose components' weights do not add up to 100%, or a child
// stated a component of a weighted split without a weight (any other child without one is a driver).

extension DiagnosticCode { public static let weightsNot100 = DiagnosticCode(declaring: "weights-not-100") }

public enum WeightsNot100Rule: KPIRule {
    public static let code = DiagnosticCode.weightsNot100
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "weights-not-100"
    public static let summary = "The weights of a `split: weighted` KPI's children do not add up to 100%."

    public enum Finding: RuleFinding {
        public typealias Owner = WeightsNot100Rule
        case missingWeight(id: String, parent: KPIName)
        /// The weights add up to `total` (a fraction: 1 is 100%).
        case total(Double)

        public var message: String {
            switch self {
            case .missingWeight(let id, let parent):
                return "\(parent) is a weighted split: give `\(id)` a `weight:`"
            case .total(let total):
                let missing = 1 - total
                let verdict = missing > 0 ? "\(Quantity.formatPercent(missing)) unassigned" : "\(Quantity.formatPercent(-missing)) too much"
                return "weights add up to \(Quantity.formatPercent(total)), not 100%: \(verdict)"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        if let parent = check.parent, parent.split?.value == .weighted && kpi.weight == nil && kpi.role?.value == .component {
            findings.report(
                Finding.missingWeight(id: kpi.id, parent: check.name(parent.ref)), at: kpi.idRange,
                related: [check.related(parent.ref, "parent")])
        }
        guard let split = kpi.split, let splitMath = check.math.split, !splitMath.parts.isEmpty,
            splitMath.kind == .weighted, !splitMath.isBalanced
        else { return }
        findings.report(Finding.total(splitMath.total), at: split.range, related: SplitMismatchRule.partsRelated(check, splitMath))
    }
}

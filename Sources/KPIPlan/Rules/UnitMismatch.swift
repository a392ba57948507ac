// `unit-mismatch`: values of one KPI in different units, or a contribution (or a child stated a
// component of a `split: sum` goal) in another unit than its parent's. A driver in another unit
// supports its parent without adding up to it: it is not a mismatch.

extension DiagnosticCode { public static let unitMismatch = DiagnosticCode(declaring: "unit-mismatch") }

public enum UnitMismatchRule: KPIRule {
    public static let code = DiagnosticCode.unitMismatch
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "unit-mismatch"
    public static let summary = "A value or contribution is in a unit the KPI or its split parent is not measured in."

    public enum Finding: RuleFinding {
        public typealias Owner = UnitMismatchRule
        /// A value of the KPI (found by the reader) in another unit than the KPI's.
        case value(written: String, unit: QuantityUnit, kpiUnit: QuantityUnit)
        case contribution(Quantity, parent: KPIName, parentUnit: QuantityUnit)
        /// A child without `contributes:` measured in another unit than its `split: sum` parent.
        case child(id: String, unit: QuantityUnit, parent: KPIName, parentUnit: QuantityUnit)

        public var message: String {
            switch self {
            case .value(let written, let unit, let kpiUnit):
                "`\(written)` is in \(unit.description) but this KPI is measured in \(kpiUnit.description)"
            case .contribution(let amount, let parent, let parentUnit):
                "contributes \(Quantity.format(amount.value, amount.unit, signed: amount.value >= 0)), in \(amount.unit.description), to \(parent), which is measured in \(parentUnit.description)"
            case .child(let id, let unit, let parent, let parentUnit):
                "`\(id)` is measured in \(unit.description) but its parent \(parent) splits \(parentUnit.description): add `contributes:` in \(parentUnit.description)"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        guard let parent = check.parent, parent.split?.value == .sum, let unit = parent.unit else { return }
        if let contributes = kpi.contributes, !contributes.value.unit.isCompatible(with: unit) {
            findings.report(
                Finding.contribution(contributes.value, parent: check.name(parent.ref), parentUnit: unit),
                at: contributes.range, related: [check.related(parent.ref, "parent")])
        } else if kpi.contributes == nil, kpi.role?.value == .component, let own = kpi.unit, !own.isCompatible(with: unit) {
            findings.report(
                Finding.child(id: kpi.id, unit: own, parent: check.name(parent.ref), parentUnit: unit),
                at: kpi.baseline?.range ?? kpi.idRange, related: [check.related(parent.ref, "parent")])
        }
    }
}

// `split-mismatch`: a `split: sum` goal whose children's contributions do not add up to its
// change (with what is unallocated or over-allocated), a split without children, or a
// contribution under a parent that does not split by sum.

extension DiagnosticCode { public static let splitMismatch = DiagnosticCode(declaring: "split-mismatch") }

public enum SplitMismatchRule: KPIRule {
    public static let code = DiagnosticCode.splitMismatch
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "split-mismatch"

    public enum Finding: RuleFinding {
        public typealias Owner = SplitMismatchRule
        /// `contributes:` under a parent whose split is not `sum` (nil: it has none).
        case contributionWithoutSum(parent: KPIName, parentSplit: SplitKind?)
        case noChildren(id: String, split: SplitKind)
        /// The children's contributions add up to `total` of the parent's `change`.
        case unbalanced(total: Double, change: Double, remainder: Double, unit: QuantityUnit)

        public var message: String {
            switch self {
            case .contributionWithoutSum(let parent, let split):
                return "`contributes:` counts only under a parent with `split: sum`, and \(parent) has \(split.map { "`split: \($0.rawValue)`" } ?? "no split")"
            case .noChildren(let id, let split):
                return "`split: \(split.rawValue)` but no KPI names `\(id)` as its parent"
            case .unbalanced(let total, let change, let remainder, let unit):
                let verdict = (remainder > 0) == (change > 0)
                    ? "\(Quantity.format(abs(remainder), unit)) unallocated"
                    : "over-allocated by \(Quantity.format(abs(remainder), unit))"
                return "children add up to \(Quantity.format(total, unit)) of the \(Quantity.format(change, unit)) target: \(verdict)"
            }
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi, math = check.math
        if let parent = check.parent, let contributes = kpi.contributes, parent.split?.value != .sum {
            findings.report(Finding.contributionWithoutSum(parent: check.name(parent.ref), parentSplit: parent.split?.value),
                            at: contributes.range, related: [check.related(parent.ref, "parent")])
        }
        guard let split = kpi.split, let splitMath = math.split else { return }
        if splitMath.parts.isEmpty {
            findings.report(Finding.noChildren(id: kpi.id, split: split.value), at: split.range)
            return
        }
        guard splitMath.kind == .sum, let change = math.change, !splitMath.isBalanced else { return }
        findings.report(Finding.unbalanced(total: splitMath.total, change: change, remainder: splitMath.remainder, unit: math.unit ?? .count),
                        at: kpi.target?.range ?? split.range, related: partsRelated(check, splitMath))
    }

    /// The children of a split with what each counts for: worked out only for a split that is reported.
    static func partsRelated(_ check: KPICheck, _ splitMath: SplitMath) -> [RelatedLocation] {
        splitMath.parts.map { part -> RelatedLocation in
            let child = check.analysis.kpi(part.child)
            let what: String
            switch splitMath.kind {
            case .sum: what = part.contribution.map { check.math.format($0, signed: true) } ?? "not counted"
            case .weighted: what = part.share.map { Quantity.formatPercent($0) } ?? "no weight"
            }
            return RelatedLocation(path: part.child.path, range: child.idRange, message: "\(child.id): \(what)")
        }
    }
}

// `split-mismatch`: a `split: sum` goal whose components' contributions do not add up to its
// change (with what is unallocated or over-allocated, or the component whose sign runs against
// the change), a split without components, or a contribution under a parent that does not split by sum.

extension DiagnosticCode { public static let splitMismatch = DiagnosticCode(declaring: "split-mismatch") }

public enum SplitMismatchRule: KPIRule {
    public static let code = DiagnosticCode.splitMismatch
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "split-mismatch"
    public static let summary =
        "The children of a `split: sum` KPI do not add up to its change, or a split or contribution has nothing to split."

    public enum Finding: RuleFinding {
        public typealias Owner = SplitMismatchRule
        /// `contributes:` under a parent whose split is not `sum` (nil: it has none).
        case contributionWithoutSum(parent: KPIName, parentSplit: SplitKind?)
        case noChildren(id: String, split: SplitKind)
        /// Children, but all of them drivers: nothing adds up into the split.
        case onlyDrivers(id: String, split: SplitKind, drivers: [String])
        /// The components' contributions add up to `total` of the parent's `change`; `against`
        /// are those whose sign runs against the change.
        case unbalanced(total: Double, change: Double, remainder: Double, unit: QuantityUnit, against: [SignedContribution])
        /// The split adds up once the sign of `against` is turned: a minus left out (`$5K` under a -$20K change).
        case signAgainstChange(change: Double, unit: QuantityUnit, against: [SignedContribution])

        /// A component's contribution, for the findings that name it and the fix that turns its sign.
        public struct SignedContribution: Sendable, Hashable {
            public let child: KPIRef
            public let id: String
            public let contribution: Double
        }

        public var message: String {
            switch self {
            case .contributionWithoutSum(let parent, let split):
                return
                    "`contributes:` counts only under a parent with `split: sum`, and \(parent) has \(split.map { "`split: \($0.rawValue)`" } ?? "no split")"
            case .noChildren(let id, let split):
                return "`split: \(split.rawValue)` but no KPI names `\(id)` as its parent"
            case .onlyDrivers(let id, let split, let drivers):
                let named = drivers.map { "`\($0)`" }.joined(separator: ", ")
                return
                    "`split: \(split.rawValue)` but every child of `\(id)` is a driver (\(named)): give the parts that add up `contributes:`\(split == .weighted ? " or `weight:`" : "") or `role: component`"
            case .unbalanced(let total, let change, let remainder, let unit, let against):
                let verdict =
                    (remainder > 0) == (change > 0)
                    ? "\(Quantity.format(abs(remainder), unit)) unallocated"
                    : "over-allocated by \(Quantity.format(abs(remainder), unit))"
                let note = against.isEmpty ? "" : " (\(Self.describe(against, unit)) against the sign of the change)"
                return
                    "children add up to \(Quantity.format(total, unit)) of the \(Quantity.format(change, unit)) target: \(verdict)\(note)"
            case .signAgainstChange(let change, let unit, let against):
                let turned = against.map { Quantity.format(-$0.contribution, unit, signed: true) }.joined(separator: " and ")
                return
                    "\(Self.describe(against, unit)) to a \(Quantity.format(change, unit, signed: true)) change: the opposite sign; as \(turned) the split adds up"
            }
        }

        /// "`cut-b` contributes +$5,000", "`a` and `b` contribute +$5,000 and +$3,000".
        static func describe(_ parts: [SignedContribution], _ unit: QuantityUnit) -> String {
            let ids = parts.map { "`\($0.id)`" }.joined(separator: " and ")
            let amounts = parts.map { Quantity.format($0.contribution, unit, signed: true) }.joined(separator: " and ")
            return "\(ids) contribute\(parts.count == 1 ? "s" : "") \(amounts)"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let kpi = check.kpi
        let math = check.math
        if let parent = check.parent, let contributes = kpi.contributes, parent.split?.value != .sum {
            findings.report(
                Finding.contributionWithoutSum(parent: check.name(parent.ref), parentSplit: parent.split?.value),
                at: contributes.range, related: [check.related(parent.ref, "parent")])
        }
        guard let split = kpi.split, let splitMath = math.split else { return }
        if splitMath.parts.isEmpty {
            if splitMath.drivers.isEmpty {
                findings.report(Finding.noChildren(id: kpi.id, split: split.value), at: split.range)
            } else {
                findings.report(
                    Finding.onlyDrivers(id: kpi.id, split: split.value, drivers: splitMath.drivers.map { check.analysis.kpi($0).id }),
                    at: split.range, related: splitMath.drivers.map { check.related($0, "driver") })
            }
            return
        }
        guard splitMath.kind == .sum, let change = math.change, !splitMath.isBalanced else { return }
        let unit = math.unit ?? .count
        let against = splitMath.oppositeSignParts.map {
            Finding.SignedContribution(child: $0.child, id: check.analysis.kpi($0.child).id, contribution: $0.contribution ?? 0)
        }
        let finding =
            splitMath.addsUpWithSignsTurned
            ? Finding.signAgainstChange(change: change, unit: unit, against: against)
            : Finding.unbalanced(total: splitMath.total, change: change, remainder: splitMath.remainder, unit: unit, against: against)
        findings.report(finding, at: kpi.target?.range ?? split.range, related: partsRelated(check, splitMath))
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

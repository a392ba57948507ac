// Components and drivers: which children of a split add up into it. A planner's split mixes the
// parts of a goal (new business +$85K of a +$90K MRR goal) with the leading indicators that support
// it (win rate 22% → 26%); only the parts add up or carry weight, the indicators are aligned.

public enum ChildRole: String, Sendable, CaseIterable {
    /// Adds up into a `split: sum` parent, or carries a weight in a `split: weighted` one.
    case component
    /// Supports the parent's goal without adding up to it.
    case driver
}

extension Analysis {
    /// The role of a child under a parent's split: the `role:` it states, else a component when it
    /// has `contributes:` or a change in the parent's unit (sum), or a `weight:` (weighted); a driver otherwise.
    func role(of child: KPI, math: KPIMath, under split: SplitKind, parentUnit: QuantityUnit?) -> ChildRole {
        if let written = child.role?.value { return written }
        switch split {
        case .weighted:
            return child.weight != nil ? .component : .driver
        case .sum:
            if child.contributes != nil { return .component }
            guard math.change != nil, let unit = child.unit else { return .driver }
            if let parentUnit, !unit.isCompatible(with: parentUnit) { return .driver }
            return .component
        }
    }

    /// The role of a KPI under its parent: nil when it has no parent, or its parent has no split
    /// (then every child supports the parent the same way).
    public func role(of ref: KPIRef) -> ChildRole? {
        role(of: ref, math: nil)
    }

    /// The same, given the KPI's math when the caller has it.
    func role(of ref: KPIRef, math: KPIMath?) -> ChildRole? {
        guard let parentRef = parent(of: ref), cycles[ref] == nil else { return nil }
        let parent = kpi(parentRef)
        guard let split = parent.split?.value else { return nil }
        let child = kpi(ref)
        return role(
            of: child, math: math ?? self.math(ref, child, includeSplit: false, includeChain: false), under: split, parentUnit: parent.unit)
    }
}

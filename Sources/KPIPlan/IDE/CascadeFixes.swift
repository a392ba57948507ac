// Quick fixes for the cascade's findings, from the numbers the model computed: lower (or raise)
// an unrealistic target to what its ceiling allows, or move its deadline to the first day the
// ceiling allows it; move a deadline to its parent's; turn the sign a contribution left out;
// raise a target its actuals' trend passes early.

extension Analysis {
    func realismFixes(_ diagnostic: Diagnostic, _ finding: UnrealisticTargetRule.Finding) -> [PlanCodeAction] {
        guard let allowed = finding.allowance, let ref = kpi(at: diagnostic.range.lowerBound, in: diagnostic.path) else { return [] }
        let kpi = kpi(ref)
        guard let target = kpi.target, let unit = kpi.unit else { return [] }
        let level = Quantity.format(allowed.level, unit)
        let verb = if case .reductionAboveCeiling = finding { "Raise" } else { "Lower" }
        var actions = [
            PlanCodeAction(
                title: "\(verb) the target to \(level) by \(allowed.deadline), what the ceiling allows", kind: .quickFix,
                edits: [PlanEdit(path: ref.path, range: target.range, newText: level)],
                diagnostic: diagnostic, isPreferred: true)
        ]
        if let earliest = allowed.earliestDeadline, let deadline = kpi.deadline {
            actions.append(
                PlanCodeAction(
                    title: "Move the deadline to \(earliest), the first day the ceiling allows the target", kind: .quickFix,
                    edits: [PlanEdit(path: ref.path, range: deadline.range, newText: earliest.description)],
                    diagnostic: diagnostic, isPreferred: false))
        }
        return actions
    }

    func parentDeadlineFix(_ diagnostic: Diagnostic, _ finding: DeadlineAfterParentRule.Finding) -> [PlanCodeAction] {
        [
            PlanCodeAction(
                title: "Move the deadline to \(finding.parentDeadline), its parent's", kind: .quickFix,
                edits: [PlanEdit(path: diagnostic.path, range: diagnostic.range, newText: finding.parentDeadline.description)],
                diagnostic: diagnostic, isPreferred: true)
        ]
    }

    func signFixes(_ diagnostic: Diagnostic, _ finding: SplitMismatchRule.Finding) -> [PlanCodeAction] {
        guard case .signAgainstChange(_, _, let against) = finding else { return [] }
        return against.compactMap { part -> PlanCodeAction? in
            guard let contributes = kpi(part.child).contributes else { return nil }
            let turned = Quantity.format(-contributes.value.value, contributes.value.unit, signed: true)
            return PlanCodeAction(
                title: "Write `\(turned)` for `\(part.id)`: the sign of the change", kind: .quickFix,
                edits: [PlanEdit(path: part.child.path, range: contributes.range, newText: turned)],
                diagnostic: diagnostic, isPreferred: true)
        }
    }

    func trendFix(_ diagnostic: Diagnostic, _ finding: TargetBelowTrendRule.Finding) -> [PlanCodeAction] {
        let level = Quantity.format(finding.trendAtDeadline, finding.unit)
        return [
            PlanCodeAction(
                title: "Set the target to \(level), where the trend is by \(finding.deadline)", kind: .quickFix,
                edits: [PlanEdit(path: diagnostic.path, range: diagnostic.range, newText: level)],
                diagnostic: diagnostic, isPreferred: false)
        ]
    }
}

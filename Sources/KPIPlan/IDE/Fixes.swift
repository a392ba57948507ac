// Quick fixes and refactorings: did-you-mean for a misspelt parent or field, `use` the file that
// defines a parent, add `top-level`, add a KPI's missing fields as a skeleton, and put a split's
// remainder onto a chosen child. Each is a list of edits the editor applies; nothing is written here.

import KPISyntax

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public struct PlanCodeAction: Sendable {
    public enum Kind: String, Sendable {
        case quickFix = "quickfix"
        case refactor = "refactor.rewrite"
    }
    public let title: String
    public let kind: Kind
    public let edits: [PlanEdit]
    public let diagnostic: Diagnostic?
    public let isPreferred: Bool
}

extension Analysis {
    public func codeActions(in path: String, range: Range<Int>, caches: AnalysisCaches? = nil) -> [PlanCodeAction] {
        guard let file = file(path) else { return [] }
        let tree = file.tree
        let firstLine = tree.lines.line(of: range.lowerBound)
        let lastLine = tree.lines.line(of: range.upperBound)
        var actions: [PlanCodeAction] = []
        for diagnostic in diagnostics(for: path, caches: caches) {
            let line = tree.lines.line(of: diagnostic.range.lowerBound)
            guard line >= firstLine && line <= lastLine else { continue }
            actions += fixes(for: diagnostic, file: file)
        }
        if let ref = kpi(at: range.lowerBound, in: path) {
            if let skeleton = skeletonAction(ref, file: file) { actions.append(skeleton) }
        }
        return actions
    }

    func fixes(for diagnostic: Diagnostic, file: PlanFile) -> [PlanCodeAction] {
        let path = file.path
        let tree = file.tree
        switch diagnostic.code {
        case .unknownParent, .unknownField:
            var actions: [PlanCodeAction] = []
            let suggestion =
                (diagnostic.finding as? UnknownParentRule.Finding)?.suggestion
                ?? (diagnostic.finding as? UnknownFieldRule.Finding)?.suggestion
            if let suggestion {
                actions.append(
                    PlanCodeAction(
                        title: "Change to `\(suggestion)`", kind: .quickFix,
                        edits: [PlanEdit(path: path, range: diagnostic.range, newText: suggestion)],
                        diagnostic: diagnostic, isPreferred: true))
            }
            if let definedIn = (diagnostic.finding as? UnknownParentRule.Finding)?.definedIn {
                let relative = Self.relativePath(from: path, to: definedIn)
                actions.append(
                    PlanCodeAction(
                        title: "Add `use \"\(relative)\"`", kind: .quickFix,
                        edits: [PlanEdit(path: path, range: useInsertionPoint(file), newText: "use \"\(relative)\"\n")],
                        diagnostic: diagnostic, isPreferred: true))
            }
            return actions
        case .ignoredLine:
            // Unindented to the indentation of the line it is under: then a sibling the model reads.
            guard let finding = diagnostic.finding as? IgnoredLineRule.Finding else { return [] }
            var start = diagnostic.range.lowerBound
            while start > 0, tree.bytes[start - 1] == 0x20 || tree.bytes[start - 1] == 0x09 { start -= 1 }
            return [
                PlanCodeAction(
                    title: "Unindent the line so that it is read", kind: .quickFix,
                    edits: [PlanEdit(path: path, range: start..<diagnostic.range.lowerBound, newText: finding.parentIndentation)],
                    diagnostic: diagnostic, isPreferred: true)
            ]
        case .unalignedKPI:
            guard let ref = kpi(at: diagnostic.range.lowerBound, in: path) else { return [] }
            let kpi = kpi(ref)
            let lineEnd = tree.lines.lineEnd(tree.lines.line(of: kpi.headerRange.lowerBound))
            return [
                PlanCodeAction(
                    title: "Mark `\(kpi.id)` as `top-level`", kind: .quickFix,
                    edits: [PlanEdit(path: path, range: lineEnd..<lineEnd, newText: "\n  top-level")],
                    diagnostic: diagnostic, isPreferred: false)
            ]
        case .unrealisticTarget:
            return (diagnostic.finding as? UnrealisticTargetRule.Finding).map { realismFixes(diagnostic, $0) } ?? []
        case .deadlineAfterParent:
            return (diagnostic.finding as? DeadlineAfterParentRule.Finding).map { parentDeadlineFix(diagnostic, $0) } ?? []
        case .targetBelowTrend:
            return (diagnostic.finding as? TargetBelowTrendRule.Finding).map { trendFix(diagnostic, $0) } ?? []
        case .splitMismatch:
            let turned = (diagnostic.finding as? SplitMismatchRule.Finding).map { signFixes(diagnostic, $0) } ?? []
            guard let ref = kpi(at: diagnostic.range.lowerBound, in: path), let split = math(ref).split, split.kind == .sum,
                !split.isBalanced
            else { return turned }
            let parentMath = math(ref)
            return turned
                + split.parts.compactMap { part -> PlanCodeAction? in
                    let child = kpi(part.child)
                    guard let contributes = child.contributes, let current = part.contribution else { return nil }
                    let updated = current + split.remainder
                    let text = Quantity.format(updated, contributes.value.unit, signed: updated >= 0)
                    return PlanCodeAction(
                        title:
                            "Put the \(parentMath.format(split.remainder, signed: true)) remainder on `\(child.id)` (\(parentMath.format(current, signed: true)) → \(parentMath.format(updated, signed: true)))",
                        kind: .quickFix, edits: [PlanEdit(path: part.child.path, range: contributes.range, newText: text)],
                        diagnostic: diagnostic, isPreferred: false)
                }
        default:
            return []
        }
    }

    /// After the plan header and the last `use`, or at the top.
    func useInsertionPoint(_ file: PlanFile) -> Range<Int> {
        let lines = file.tree.lines
        var offset = 0
        for node in file.tree.root.childNodes where node.kind == .useDecl || node.kind == .planDecl {
            let last = lines.line(of: max(node.range.lowerBound, node.range.upperBound - 1))
            offset = last + 1 < lines.lineCount ? lines.lineStarts[last + 1] : file.tree.bytes.count
        }
        return offset..<offset
    }

    /// "Add missing fields": the fields a good KPI has (metric, owner, baseline, target, actions) as placeholders.
    func skeletonAction(_ ref: KPIRef, file: PlanFile) -> PlanCodeAction? {
        let kpi = kpi(ref)
        guard kpi.contributes == nil else { return nil }
        let missing: [KPIField] = [.parent, .metric, .owner, .baseline, .target, .actions].filter { field in
            switch field {
            case .parent: kpi.parent == nil && kpi.topLevel == nil
            case .metric: kpi.metric == nil
            case .owner: kpi.owner == nil
            default: kpi.fieldRange(field.name) == nil
            }
        }
        let today = today(for: ref.path)
        let lines = missing.compactMap { $0.spec.placeholder?(today) }
        guard !lines.isEmpty else { return nil }
        let tree = file.tree
        var end = kpi.range.lowerBound
        tree.root.forEachToken {
            if $0.range.lowerBound >= kpi.range.lowerBound && $0.range.upperBound <= kpi.range.upperBound && $0.kind != .whitespace
                && $0.kind != .newline && $0.kind != .comment
            {
                end = $0.range.upperBound
            }
        }
        let lineEnd = tree.lines.lineEnd(tree.lines.line(of: end))
        let text = lines.map { "\n  " + $0 }.joined()
        return PlanCodeAction(
            title: "Add the missing fields of `\(kpi.id)`", kind: .refactor,
            edits: [PlanEdit(path: ref.path, range: lineEnd..<lineEnd, newText: text)], diagnostic: nil, isPreferred: false)
    }
}

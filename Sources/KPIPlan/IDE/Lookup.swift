// What the cursor is on: a KPI's id, a `parent:` reference, a metric, a date, a `use` path or a
// field key. Hover, go-to-definition, references, rename and highlights all start here.

import KPISyntax

public enum PlanSymbol: Sendable {
    /// The id in `kpi id "Title"` (or anywhere on that header line).
    case kpiDefinition(KPIRef, range: Range<Int>)
    /// The id in `parent: id`; `target` is nil when it names no visible KPI.
    case kpiReference(id: String, range: Range<Int>, target: KPIRef?, owner: KPIRef)
    case metric(name: String, range: Range<Int>)
    case date(PlanDate, range: Range<Int>)
    case use(UseReference)
    case field(key: String, range: Range<Int>, owner: KPIRef?)
    /// A value elsewhere in a KPI block (baseline, target, …).
    case value(range: Range<Int>, owner: KPIRef)
}

extension Analysis {
    public func symbol(at offset: Int, in path: String) -> PlanSymbol? {
        guard let file = file(path) else { return nil }
        let tree = file.tree
        guard let token = tree.token(at: offset) else { return nil }
        let nodes = tree.nodePath(at: token.range.lowerBound)
        guard let node = nodes.last else { return nil }
        let owner = kpi(at: token.range.lowerBound, in: path)

        switch node.kind {
        case .useDecl:
            if token.kind == .string, let use = file.uses.first(where: { $0.range == token.range }) { return .use(use) }
            return nil
        case .kpiDecl:
            guard let owner, token.kind != .comment else { return nil }
            return .kpiDefinition(owner, range: kpi(owner).idRange)
        case .field, .flag:
            guard token.kind != .comment, let keyToken = node.firstToken(.key) ?? node.firstToken(.word) else { return nil }
            let key = tree.text(keyToken)
            // A dated entry under `actuals:` or `milestones:`: its key is a date.
            if nodes.count >= 2, nodes[nodes.count - 2].kind == .field, token.kind == .key,
                let date = PlanDate.parse(
                    key.split(separator: " "), fiscalYearStart: fiscalYearStart(for: path), naming: fiscalYearNaming(for: path))
            {
                return .date(date, range: keyToken.range)
            }
            if token.kind == .key || node.kind == .flag { return .field(key: key, range: keyToken.range, owner: owner) }
            guard token.kind == .word || token.kind == .string else { return nil }
            let values = node.valueTokens
            switch key {
            case "parent":
                guard let owner else { return nil }
                let id = tree.text(token)
                return .kpiReference(id: id, range: token.range, target: parent(of: owner), owner: owner)
            case "metric":
                let range =
                    (values.first?.range.lowerBound ?? token.range.lowerBound)..<(values.last?.range.upperBound ?? token.range.upperBound)
                return .metric(name: values.map { tree.text($0) }.joined(separator: " "), range: range)
            case "as-of", "deadline", "target", "baseline":
                let keyword = key == "baseline" ? "at" : "by"
                var dateTokens = values
                if key == "target" || key == "baseline" {
                    guard let split = values.firstIndex(where: { tree.text($0) == keyword }) else {
                        return owner.map { .value(range: token.range, owner: $0) }
                    }
                    dateTokens = Array(values[(split + 1)...])
                }
                if dateTokens.contains(token),
                    let date = PlanDate.parse(
                        dateTokens.map { Substring(tree.text($0)) }, fiscalYearStart: fiscalYearStart(for: path),
                        naming: fiscalYearNaming(for: path))
                {
                    return .date(date, range: dateTokens.first!.range.lowerBound..<dateTokens.last!.range.upperBound)
                }
                return owner.map { .value(range: token.range, owner: $0) }
            default:
                return owner.map { .value(range: token.range, owner: $0) }
            }
        default:
            return nil
        }
    }

    /// Where a KPI is mentioned: its definition and every `parent:` that resolves to it.
    public func mentions(of ref: KPIRef) -> [(path: String, range: Range<Int>, isDefinition: Bool)] {
        var result: [(String, Range<Int>, Bool)] = [(ref.path, kpi(ref).idRange, true)]
        for child in children(of: ref) {
            if let parent = kpi(child).parent { result.append((child.path, parent.range, false)) }
        }
        return result
    }

    /// The KPI a symbol stands for, if any.
    public func kpiRef(for symbol: PlanSymbol) -> KPIRef? {
        switch symbol {
        case .kpiDefinition(let ref, _): ref
        case .kpiReference(_, _, let target, _): target
        default: nil
        }
    }
}

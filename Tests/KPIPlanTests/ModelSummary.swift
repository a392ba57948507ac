// A normalized, comparable summary of what a plan means — for checking that formatting changes
// only the layout — and the comments of a tree.

import KPIPlan
import KPISyntax

/// Everything a plan file says, in a form two parses can be compared by: ids, titles, baselines,
/// targets, deadlines, parents, actuals and the rest, without ranges or layout.
func modelSummary(_ file: PlanFile) -> [String] {
    func clean(_ text: String?) -> String {
        guard let text else { return "-" }
        // A formatter trims trailing blanks, which can end an unterminated string's text.
        var result = Substring(text)
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return String(result)
    }
    func quantity(_ q: Quantity?) -> String { q.map { "\($0.value) \($0.unit.description)" } ?? "-" }
    func target(_ t: Target?) -> String {
        guard let t else { return "-" }
        switch t.kind {
        case .level(let q): return "level " + quantity(q)
        case .relative(let p): return "relative \(p)"
        case .absolute(let q): return "absolute " + quantity(q)
        case .points(let p): return "points \(p)"
        case .atLeast(let q): return "at least " + quantity(q)
        case .atMost(let q): return "at most " + quantity(q)
        }
    }
    func checkpoints(_ list: [Checkpoint]) -> String { list.map { "\($0.date)=\(quantity($0.value))" }.joined(separator: ",") }

    let s = file.settings
    var lines = [
        "plan name=\(clean(s.name?.value)) fy=\(s.fiscalYearStart) currency=\(s.currency) as-of=\(s.asOf.map { "\($0.value)" } ?? "-") growth=\(s.maxAnnualGrowth.map { "\($0)" } ?? "-")",
        "uses " + file.uses.map(\.written).map { clean($0) }.joined(separator: ","),
    ]
    for k in file.kpis {
        lines.append(
            [
                "kpi \(k.id)", "title=\(clean(k.title))", "perspective=\(k.perspective.map { $0.value.rawValue } ?? "-")",
                "category=\(k.category.map { $0.value.rawValue } ?? "-")", "metric=\(clean(k.metric?.value))",
                "owner=\(clean(k.owner?.value))",
                "baseline=\(quantity(k.baseline?.value))@\(k.baselineDate.map { "\($0.value)" } ?? "-")", "target=\(target(k.target))",
                "deadline=\(k.deadline.map { "\($0.value)" } ?? "-")", "parent=\(clean(k.parent?.value))", "top-level=\(k.topLevel != nil)",
                "split=\(k.split.map { $0.value.rawValue } ?? "-")", "weight=\(k.weight.map { "\($0.value)" } ?? "-")",
                "contributes=\(quantity(k.contributes?.value))", "growth=\(k.growth.map { $0.value.rawValue } ?? "-")",
                "unit=\(k.unit?.description ?? "-")", "fields=\(k.fields.map(\.key).joined(separator: ","))",
                "actions=\(k.actions.map { clean($0.value) }.joined(separator: "|"))",
                "actuals=\(checkpoints(k.actuals))", "milestones=\(checkpoints(k.milestones))",
            ].joined(separator: " "))
    }
    // What the file says is wrong, by code (syntax errors by count: the formatter may move a bad line).
    let codes = file.diagnostics.map(\.code.rawValue).filter { $0 != DiagnosticCode.syntaxError.rawValue }.sorted()
    lines.append("diagnostics " + codes.joined(separator: ","))
    return lines
}

/// The comments of a tree, trailing blanks trimmed (the formatter trims them), sorted.
func comments(_ tree: SyntaxTree) -> [String] {
    var result: [String] = []
    tree.root.forEachToken { token in
        guard token.kind == .comment else { return }
        var text = Substring(tree.text(token))
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        result.append(String(text))
    }
    return result.sorted()
}

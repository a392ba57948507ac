// The scorecard: the KPIs that name a perspective, in columns in the balanced-scorecard order
// (learning → internal → customer → financial), each with its status and the KPI it supports —
// the links of the strategy map, drawn as arrows to the right when they go up the chain.

enum ScorecardSection {
    static func write(_ context: ReportContext, into out: inout String) {
        var columns: [Perspective: [KPIRef]] = [:]
        for ref in context.allRefs {
            if let perspective = context.kpi(ref).perspective?.value { columns[perspective, default: []].append(ref) }
        }
        out += "<section id=\"scorecard\" class=\"scorecard\" aria-labelledby=\"scorecard-h\"><h2 id=\"scorecard-h\">Scorecard</h2>\n"
        guard !columns.isEmpty else {
            out += "<p>No KPI names a <code>perspective:</code>.</p>\n</section>\n"
            return
        }
        out += ReportPage.later()
        out +=
            "<p class=\"hint\">Perspectives in the balanced-scorecard order; each KPI links to the one it supports.</p>\n<div class=\"perspectives\">\n"
        for perspective in Perspective.allCases {
            let refs = columns[perspective] ?? []
            out +=
                "<div class=\"perspective p-\(perspective.rawValue)\"><h3>\(perspective.rawValue.prefix(1).uppercased() + perspective.rawValue.dropFirst()) <span class=\"n\">\(refs.count)</span></h3><ul>"
            for ref in refs {
                let status = context.status[ref]!
                out +=
                    "<li data-kpi=\"\(HTML.escape(context.kpi(ref).id))\" data-status=\"\(status.slug)\">" + context.link(ref) + " "
                    + status.badge
                if let parent = context.analysis.parent(of: ref) {
                    let up = context.kpi(parent).perspective?.value
                    let arrow = up.map { $0.rank > perspective.rank ? "→" : ($0 == perspective ? "↑" : "←") } ?? "↑"
                    out += "<span class=\"link\">\(arrow) " + context.link(parent) + (up.map { " (\($0.rawValue))" } ?? "") + "</span>"
                }
                out += "</li>"
            }
            out += "</ul></div>\n"
        }
        out += "</div>" + ReportPage.laterEnd + "\n</section>\n"
    }
}

// One top-level goal of the report: its heading, its cascade tree and (between `open` and `close`)
// the cards of its KPIs. In print each goal is one page (the tree and the goal's own card), so
// "print to PDF" is a board pack.

enum GoalSection {
    /// The section's heading and tree, and the start of its cards (`KPICard`; `close` ends it).
    static func open(_ goal: KPIRef, rows: [(ref: KPIRef, depth: Int)], number: Int, _ context: ReportContext, into out: inout String) {
        let kpi = context.kpi(goal)
        out += "<section class=\"goal\" id=\"goal-\(number)\" aria-labelledby=\"goal-\(number)-h\">\n"
        out +=
            "<h2 id=\"goal-\(number)-h\">Goal \(number): <code>\(HTML.escape(kpi.id))</code>\(kpi.title.map { " — " + HTML.escape($0) } ?? "") \(context.status[goal]!.badge)</h2>\n"
        out += "<div class=\"goal-body\">\n" + ReportPage.later(print: true)
        CascadeTree.write(goal, rows: rows, context, into: &out)
        out += ReportPage.laterEnd + "\n<div class=\"cards\">\n"
    }

    static func close(into out: inout String) {
        out += "</div>\n</div>\n</section>\n"
    }

    /// KPIs that no goal reaches: each is in a `parent` cycle (or under one). Screen only.
    static func openUnrooted(_ context: ReportContext, into out: inout String) {
        out += "<section class=\"goal unrooted\" id=\"unrooted\" aria-labelledby=\"unrooted-h\">\n"
        out += "<h2 id=\"unrooted-h\">Under no goal: in a <code>parent</code> cycle</h2>\n<div class=\"goal-body\">\n" + ReportPage.later()
        CascadeTree.write(context.unrooted[0], rows: context.unrooted.map { ($0, 0) }, context, into: &out)
        out += ReportPage.laterEnd + "\n<div class=\"cards\">\n"
    }
}

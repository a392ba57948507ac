// A KPI's card: its status, owner, file and line, the numbers `kpi explain` gives (the same rows,
// from the same explanation), its path chart and split chart, the explanation's tables as the
// charts' text alternative, its actions and its findings. Tree rows and findings link here.

enum KPICard {
    static func write(_ ref: KPIRef, isGoal: Bool, _ context: ReportContext, into out: inout String) {
        let kpi = context.kpi(ref)
        let m = context.math[ref]!
        let status = context.status[ref]!
        let anchor = context.anchors[ref]
        let role = ReportRole.of(ref, in: context)
        out += ReportPage.later(print: isGoal, id: anchor)
        out +=
            "<article class=\"card\(isGoal ? " goal-card" : "")\" id=\"\(anchor)\" data-kpi=\"\(HTML.escape(kpi.id))\" data-status=\"\(status.slug)\" aria-labelledby=\"\(anchor)-h\">\n"
        out += "<h3 id=\"\(anchor)-h\"><code>\(HTML.escape(kpi.id))</code>\(kpi.title.map { " " + HTML.escape($0) } ?? "")</h3>\n"
        out += "<p class=\"meta\">\(status.badge) <span class=\"role role-\(role.rawValue)\">\(role.rawValue)</span>"
        out += " · <span class=\"loc\">\(HTML.escape(context.location(ref.path, kpi.idRange.lowerBound)))</span>"
        if let owner = kpi.owner?.value { out += " · owner \(HTML.escape(owner))" }
        if let perspective = kpi.perspective?.value { out += " · \(perspective.rawValue)" }
        if let parent = context.analysis.parent(of: ref) {
            out += " · \(role == .component ? "part of" : "supports") " + context.link(parent)
        }
        out += " " + CascadeTree.progressBar(m) + "</p>\n"

        let explanation = context.analysis.explanation(ref, math: m)
        let rows = explanation.rows.filter { $0.label != "Supports" && $0.label != "Drivers" }
        if !rows.isEmpty {
            out += "<dl class=\"numbers\">"
            for row in rows { out += "<div><dt>\(HTML.escape(row.label))</dt><dd>\(HTML.escape(row.value))</dd></div>" }
            out += "</dl>\n"
        }
        let children = context.analysis.children(of: ref)
        if !children.isEmpty {
            let word = kpi.split == nil ? "Drivers" : "Components"
            out += "<p class=\"children\">\(word): " + children.map { context.link($0) }.joined(separator: ", ") + "</p>\n"
        }
        PathChart.write(ref, kpi, m, context, into: &out)
        SplitChart.write(ref, m, context, into: &out)
        if !explanation.tables.isEmpty {
            out += "<details class=\"tables\"><summary>The numbers behind the charts</summary>"
            for table in explanation.tables { out += self.table(table) }
            out += "</details>\n"
        }
        if !kpi.actions.isEmpty {
            out += "<details class=\"actions\"><summary>Actions (\(kpi.actions.count))</summary><ul>"
            for action in kpi.actions { out += "<li>\(HTML.escape(action.value))</li>" }
            out += "</ul></details>\n"
        }
        out += FindingsSection.list(for: ref, context)
        out += "</article>" + ReportPage.laterEnd + "\n"
    }

    /// An explanation table (the year-by-year path, the split) as an HTML table.
    static func table(_ table: Explanation.Table) -> String {
        var text = "<table><caption>\(HTML.escape(table.title))</caption><thead><tr>"
        for cell in table.header { text += "<th scope=\"col\">\(HTML.escape(cell))</th>" }
        text += "</tr></thead><tbody>"
        for row in table.rows {
            text +=
                "<tr>"
                + row.enumerated().map { $0 == 0 ? "<th scope=\"row\">\(HTML.escape($1))</th>" : "<td>\(HTML.escape($1))</td>" }.joined()
                + "</tr>"
        }
        text += "</tbody>"
        if let footer = table.footer {
            text +=
                "<tfoot><tr>"
                + footer.enumerated().map { $0 == 0 ? "<th scope=\"row\">\(HTML.escape($1))</th>" : "<td>\(HTML.escape($1))</td>" }.joined()
                + "</tr></tfoot>"
        }
        return text + "</table>"
    }
}

// The cascade tree of one top-level goal: the goal and every KPI under it, across files, one row
// each with its role (goal, component of a split, driver), its status as a word and an icon, a
// progress bar and its target. Rows are a flat list indented by depth, so a cascade thousands of
// levels deep stays a flat page; the inline script folds a row's subtree.

enum CascadeTree {
    static func write(_ goal: KPIRef, rows: [(ref: KPIRef, depth: Int)], _ context: ReportContext, into out: inout String) {
        out += "<nav class=\"tree\" aria-label=\"Cascade of \(HTML.escape(context.kpi(goal).id))\"><ul>\n"
        for (index, row) in rows.enumerated() {
            let hasChildren = index + 1 < rows.count && rows[index + 1].depth > row.depth
            out += self.row(row.ref, depth: row.depth, hasChildren: hasChildren, context)
        }
        out += "</ul></nav>\n"
    }

    static func row(_ ref: KPIRef, depth: Int, hasChildren: Bool, _ context: ReportContext) -> String {
        let kpi = context.kpi(ref)
        let m = context.math[ref]!
        let status = context.status[ref]!
        let role = ReportRole.of(ref, in: context)
        var text =
            "<li class=\"node\(hasChildren ? " parent" : "")\" data-kpi=\"\(HTML.escape(kpi.id))\" data-status=\"\(status.slug)\" data-depth=\"\(depth)\" style=\"--depth:\(min(depth, 12))\">"
        text +=
            "<a href=\"#\(context.anchors[ref])\"><span class=\"role role-\(role.rawValue)\">\(role.rawValue)</span> <code>\(HTML.escape(kpi.id))</code>"
        if let title = kpi.title { text += " <span class=\"title\">\(HTML.escape(title))</span>" }
        text += "</a> " + status.badge + " " + progressBar(m)
        let target = targetText(kpi, m)
        if !target.isEmpty { text += " <span class=\"target\">\(HTML.escape(target))</span>" }
        if let parent = context.analysis.parent(of: ref), parent.path != ref.path {
            text += " <span class=\"file\">\(HTML.escape(ref.path))</span>"
        }
        return text + "</li>\n"
    }

    /// The KPI's own progress from its latest actual, else the progress its split rolls up from its
    /// children; the bar is clamped to 0–100%, the number is not.
    static func progressBar(_ m: KPIMath) -> String {
        let own = m.progress?.progress
        guard let progress = own ?? m.split?.rolledUpProgress else {
            return "<span class=\"bar empty\" role=\"img\" aria-label=\"no progress measured\"><span></span></span>"
        }
        let percent = Quantity.formatPercent(progress, decimals: 0)
        let label = own == nil ? "\(percent) rolled up from its children" : "\(percent) of the way"
        let width = HTML.number(min(max(progress, 0), 1) * 100)
        return
            "<span class=\"bar\" role=\"img\" aria-label=\"\(label)\"><span style=\"width:\(width)%\"></span></span> <span class=\"pct\">\(percent)\(own == nil ? " rolled up" : "")</span>"
    }

    /// `$150K by 2027-12-31`, `at least 64% by 2028-03-31`, `contributes +$100`.
    static func targetText(_ kpi: KPI, _ m: KPIMath) -> String {
        if let target = kpi.target {
            return m.targetLevel(target) + (m.deadline.map { " by \($0)" } ?? "")
        }
        if let contributes = kpi.contributes?.value {
            return "contributes "
                + (contributes.unit.kind == .percentage
                    ? Quantity.formatPoints(contributes.value)
                    : Quantity.format(contributes.value, contributes.unit, signed: true))
        }
        if let weight = kpi.weight?.value { return "weight " + Quantity.formatPercent(weight) }
        return ""
    }
}

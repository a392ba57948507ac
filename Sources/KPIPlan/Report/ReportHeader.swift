// The report's header: which plans, as of which date, how many KPIs stand at each status and how
// many findings at each severity, and buttons (with the inline script) to show one status only.

enum ReportHeader {
    static func write(_ context: ReportContext, into out: inout String) {
        let names = planNames(context)
        out += "<header class=\"report-header\">\n<h1>\(HTML.escape(names.joined(separator: " · ")))</h1>\n"
        var asOf: [Day] = []
        for path in context.paths where !asOf.contains(context.analysis.today(for: path)) { asOf.append(context.analysis.today(for: path)) }
        let kpiCount = context.math.count
        out += "<p class=\"subtitle\">As of <time>\(asOf.sorted().map(\.description).joined(separator: ", "))</time> · "
        out += "\(context.paths.count) file\(context.paths.count == 1 ? "" : "s") · \(kpiCount) KPI\(kpiCount == 1 ? "" : "s") · "
        out += "<span id=\"goal-count\">\(context.goals.count) top-level goal\(context.goals.count == 1 ? "" : "s")</span></p>\n"

        var counts: [ReportStatus: Int] = [:]
        for status in context.status.values { counts[status, default: 0] += 1 }
        out += "<ul class=\"counts status-counts\" aria-label=\"KPIs by status\">"
        for status in ReportStatus.allCases {
            let count = counts[status] ?? 0
            out +=
                "<li><button type=\"button\" class=\"filter s-\(status.slug)\" data-filter=\"\(status.slug)\" aria-pressed=\"false\" disabled>"
            out += "<span class=\"n\">\(count)</span> \(status.icon) \(status.rawValue)</button></li>"
        }
        out += "</ul>\n"

        var severities: [Severity: Int] = [:]
        for finding in context.findings { severities[finding.diagnostic.severity, default: 0] += 1 }
        out += "<ul class=\"counts finding-counts\" aria-label=\"Findings by severity\">"
        for severity in Severity.allCases {
            let count = severities[severity] ?? 0
            out +=
                "<li class=\"sev-\(severity.name)\"><a href=\"#findings\"><span class=\"n\">\(count)</span> \(severity.name == "info" ? "info" : severity.name + (count == 1 ? "" : "s"))</a></li>"
        }
        out += "</ul>\n"
        out +=
            "<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#goals\">Goals</a> <a href=\"#scorecard\">Scorecard</a> <a href=\"#findings\">Findings</a></nav>\n"
        out += "</header>\n"
    }

    /// The plans' names (`plan "Acme FY2027"`), else their file names, in file order.
    static func planNames(_ context: ReportContext) -> [String] {
        var names: [String] = []
        for path in context.paths {
            let name = context.analysis.file(path)?.settings.name?.value ?? path
            if !names.contains(name) { names.append(name) }
        }
        if names.count > 4 { names = Array(names.prefix(3)) + ["\(names.count - 3) more"] }
        return names.isEmpty ? ["KPI report"] : names
    }
}

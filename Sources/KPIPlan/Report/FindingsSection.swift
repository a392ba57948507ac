// The report's findings: every diagnostic of the plans, worst first, each with its `path:line`,
// its code (linking to its documentation) and a link to the card of the KPI it is about; each card
// lists its own findings too.

struct ReportFinding {
    let diagnostic: Diagnostic
    let kpi: KPIRef?
    let location: String
}

extension ReportContext {
    /// The findings of the files reported (or, for one subtree, of its KPIs), in file order, each
    /// tied to the KPI whose block holds it.
    mutating func collectFindings(_ diagnostics: [[Diagnostic]], _ refs: Set<KPIRef>, wholeFiles: Bool) {
        for (path, diagnostics) in zip(paths, diagnostics) {
            guard let file = analysis.file(path) else { continue }
            let kpis = file.kpis
            for diagnostic in diagnostics {
                // The KPI blocks are in source order: the last one starting at or before the finding.
                var low = 0
                var high = kpis.count
                while low < high {
                    let mid = (low + high) / 2
                    if kpis[mid].range.lowerBound <= diagnostic.range.lowerBound { low = mid + 1 } else { high = mid }
                }
                var owner: KPIRef?
                if low > 0, kpis[low - 1].range.upperBound >= diagnostic.range.lowerBound { owner = KPIRef(path: path, index: low - 1) }
                if let ref = owner, !refs.contains(ref) { owner = nil }
                guard wholeFiles || owner != nil else { continue }
                if let owner { findingsByKPI[owner, default: []].append(findings.count) }
                findings.append(ReportFinding(diagnostic: diagnostic, kpi: owner, location: location(path, diagnostic.range.lowerBound)))
            }
        }
    }
}

enum FindingsSection {
    static func write(_ context: ReportContext, into out: inout String) {
        out += "<section id=\"findings\" class=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings</h2>\n"
        if context.findings.isEmpty {
            out += "<p>No findings: <code>kpi check</code> has nothing to say.</p>\n</section>\n"
            return
        }
        let order = context.findings.indices.sorted {
            let a = context.findings[$0].diagnostic.severity
            let b = context.findings[$1].diagnostic.severity
            return a != b ? a < b : $0 < $1
        }
        out += ReportPage.later() + "<ul class=\"finding-list\">\n"
        for index in order { out += "<li>" + item(context.findings[index], context) + "</li>\n" }
        out += "</ul>" + ReportPage.laterEnd + "\n</section>\n"
    }

    /// One finding: `warning acme.kpi:12 message [code] → kpi`.
    static func item(_ finding: ReportFinding, _ context: ReportContext, withKPI: Bool = true) -> String {
        let d = finding.diagnostic
        var text =
            "<span class=\"sev sev-\(d.severity.name)\">\(d.severity.name)</span> <span class=\"loc\">\(HTML.escape(finding.location))</span> "
        text += HTML.escape(d.message)
        text += " <span class=\"code\">[\(d.code.rawValue)]</span>"
        if withKPI, let ref = finding.kpi { text += " → " + context.link(ref) }
        return text
    }

    /// The findings of one KPI, at the foot of its card.
    static func list(for ref: KPIRef, _ context: ReportContext) -> String {
        guard let indices = context.findingsByKPI[ref], !indices.isEmpty else { return "" }
        var text = "<ul class=\"card-findings\" aria-label=\"Findings\">"
        for index in indices { text += "<li>" + item(context.findings[index], context, withKPI: false) + "</li>" }
        return text + "</ul>"
    }
}

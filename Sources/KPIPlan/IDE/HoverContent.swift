// What a hover shows: on a KPI (its header or a reference to it) the cascade math, the same
// numbers as `kpi explain`; on a metric its catalog entry; on a date the day it resolves to.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Analysis {
    public struct HoverContent: Sendable {
        public let markdown: String
        public let range: Range<Int>
        private let makePlainText: @Sendable () -> String

        /// The same content for clients that show plain text only, made when asked: clients that
        /// take markdown (nearly all) never ask, and making it with the markdown was three
        /// quarters of every hover.
        public var plainText: String { makePlainText() }

        init(markdown: String, range: Range<Int>, plainText: (@Sendable () -> String)? = nil) {
            self.markdown = markdown
            self.range = range
            self.makePlainText = plainText ?? { Self.stripped(markdown) }
        }

        /// Markdown without its markup: `**`, backticks and backslash escapes.
        public static func stripped(_ markdown: String) -> String {
            markdown.replacing("**", with: "").replacing("`", with: "")
                .replacing("\\", with: "").replacing("  \n", with: "\n")
        }
    }

    /// What a hover at `offset` shows; `caches` made for this analysis keep the workspace's metric
    /// names from one hover to the next.
    public func hover(at offset: Int, in path: String, caches: AnalysisCaches? = nil) -> HoverContent? {
        guard let symbol = symbol(at: offset, in: path) else { return nil }
        switch symbol {
        case .kpiDefinition(let ref, let range):
            return HoverContent(markdown: kpiMarkdown(ref), range: range, plainText: { self.kpiText(ref) })
        case .kpiReference(let id, let range, let target, _):
            guard let target else {
                return HoverContent(markdown: "No KPI `\(id)` is visible from this file.", range: range)
            }
            return HoverContent(markdown: kpiMarkdown(target), range: range, plainText: { self.kpiText(target) })
        case .value(let range, let owner):
            return HoverContent(markdown: kpiMarkdown(owner), range: range, plainText: { self.kpiText(owner) })
        case .metric(let name, let range):
            return HoverContent(markdown: metricMarkdown(name, caches: caches), range: range)
        case .date(let date, let range):
            let today = today(for: path)
            let days = today.days(until: date.day)
            let when = days == 0 ? "today" : days > 0 ? "in \(Quantity.counted(days, "day"))" : "\(Quantity.counted(-days, "day")) ago"
            var text = "**\(date.day.longDescription)** (`\(date.day)`), \(when) — today is \(today)"
            if date.form == .fiscalYear || date.form == .fiscalQuarter || date.form == .fiscalHalf {
                let period = date.form == .fiscalYear ? "year" : date.form == .fiscalHalf ? "half" : "quarter"
                let naming = fiscalYearNaming(for: path) == .startYear ? "the year it starts" : "the year it ends"
                text +=
                    "\n\nFiscal \(period) from \(date.periodStart) to \(date.day); the fiscal year starts in \(Day.monthNames[fiscalYearStart(for: path) - 1])"
                text += fiscalYearStart(for: path) == 1 ? "." : " and is named by \(naming)."
            } else if date.form != .day {
                text += "\n\nThe end of the period \(date.periodStart) – \(date.day)."
            }
            return HoverContent(markdown: Explanation.escaped(text), range: range)
        case .use(let use):
            let count = file(use.resolvedPath)?.kpis.count
            let text = count.map { "`\(use.resolvedPath)`: \($0) KPI\($0 == 1 ? "" : "s")" } ?? "`\(use.resolvedPath)` cannot be read"
            return HoverContent(markdown: text, range: use.range)
        case .field(let key, let range, _):
            guard let doc = FieldSpec.named(key)?.documentation else { return nil }
            return HoverContent(markdown: "`\(key):` — " + Explanation.escaped(doc), range: range)
        }
    }

    func kpiText(_ ref: KPIRef) -> String {
        explanation(ref).text() + (summary(ref).map { $0 + "\n" } ?? "")
    }

    func kpiMarkdown(_ ref: KPIRef) -> String {
        var text = explanation(ref).markdown()
        if let summary = summary(ref) { text += "\n" + summary + "\n" }
        return text
    }

    public func metricMarkdown(_ name: String, caches: AnalysisCaches? = nil) -> String {
        Explanation.escaped(metricText(name, caches: self.caches(caches)))
    }

    func metricText(_ name: String, caches: AnalysisCaches) -> String {
        guard let metric = MetricCatalog.lookup(name) else {
            let users = workspaceMetrics(caches).first { $0.name.lowercased() == name.lowercased() }?.users ?? 0
            return Self.workspaceMetricText(name, users: users)
        }
        return Self.catalogMetricText(metric)
    }

    static func catalogMetricText(_ metric: Metric) -> String {
        var text = "**\(metric.name)** — \(metric.definition)\n\n"
        text += "Unit: \(metric.unit.rawValue) · \(metric.direction.rawValue)"
        if let range = metric.bounds.described(metric.unit) { text += " · \(range)" }
        text += " · \(metric.kind.rawValue) metric"
        if !metric.aliases.isEmpty { text += "  \nAlso called: " + metric.aliases.joined(separator: ", ") }
        return text
    }
}

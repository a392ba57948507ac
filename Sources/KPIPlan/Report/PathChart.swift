// The path chart of a KPI with a baseline, a target and a deadline: the compound or linear path
// from baseline to target (`KPIMath.pathValue`), its value at each year end or, under a year, at
// each fiscal quarter (or month) end (`KPIMath.path`, the points `kpi explain` lists), the
// milestones as diamonds (amber when the `milestone-behind-path` check fires), the actuals as
// points on a line, a "today" line, and the band a target of `at least`/`at most` accepts. The `<title>` and `<desc>` say it in words.

enum PathChart {
    static let width = 560.0, height = 230.0
    static let left = 70.0, right = 24.0, top = 30.0, bottom = 34.0

    static func write(_ ref: KPIRef, _ kpi: KPI, _ m: KPIMath, _ context: ReportContext, into out: inout String) {
        guard let baseline = m.baseline, let target = m.target, let start = m.baselineDate, let end = m.deadline, start < end else {
            return
        }
        // The path's year (or quarter, or month) ends, as `kpi explain` lists them; a path of one
        // step has only its deadline.
        let points = m.path.isEmpty ? [PathPoint(date: end, value: m.pathValue(at: end) ?? target)] : m.path
        let linear = m.growth == .linear || baseline <= 0 || target <= 0
        // The path is drawn through its year (or quarter) ends: a compound curve bends little
        // within a year, and a page of 10,000 charts stays small.
        let samples = [PathPoint(date: start, value: baseline)] + points
        let behind = Set(
            (context.findingsByKPI[ref] ?? []).compactMap { index -> Int? in
                let d = context.findings[index].diagnostic
                return d.code == .milestoneBehindPath ? d.range.lowerBound : nil
            })

        // The frame: time from the earliest to the latest date shown, values padded by 8%.
        var firstDay = start.dayNumber
        var lastDay = end.dayNumber
        for checkpoint in kpi.actuals + kpi.milestones {
            firstDay = min(firstDay, checkpoint.date.dayNumber)
            lastDay = max(lastDay, checkpoint.date.dayNumber)
        }
        let span = lastDay - firstDay
        let showToday = m.today.dayNumber >= firstDay - span / 4 && m.today.dayNumber <= lastDay + span / 4
        if showToday {
            firstDay = min(firstDay, m.today.dayNumber)
            lastDay = max(lastDay, m.today.dayNumber)
        }
        var values =
            [baseline, target] + points.map(\.value) + samples.map(\.value) + kpi.actuals.map(\.value.value)
            + kpi.milestones.map(\.value.value)
        values = values.filter(\.isFinite)
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        low -= (high - low) * 0.08  // room under the lowest point for its label
        let ticks = niceTicks(low, high)
        low = min(low, ticks.first ?? low)
        high = max(high, ticks.last ?? high)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        // Whole pixels: a 560-wide chart needs no more, and 10,000 charts are a fifth smaller.
        func x(_ day: Day, _ shift: Double = 0) -> String {
            HTML.whole(left + plotWidth * Double(day.dayNumber - firstDay) / Double(max(lastDay - firstDay, 1)) + shift)
        }
        func y(_ value: Double, _ shift: Double = 0) -> String { HTML.whole(top + plotHeight * (1 - (value - low) / (high - low)) + shift) }

        // Labels on the chart leave out the period (`/month`): the title names it once.
        var plain = m
        plain.unit?.period = nil
        let rate =
            linear
            ? m.linearPerYear.map { "linear, \(m.format($0, signed: true)) a year" } ?? "linear"
            : m.perYear.map { "compound, \(Quantity.formatPercent($0))/year" } ?? "compound"
        let title = "Path of \(kpi.id): \(m.format(baseline)) → \(m.format(target)) by \(end) (\(rate))"
        var desc =
            "\(m.pathStep.columnTitle)s on the path: "
            + points.map { "\($0.date) \(m.format($0.value))" }.joined(separator: ", ") + "."
        if !kpi.milestones.isEmpty {
            desc +=
                " Milestones: "
                + kpi.milestones.map { milestone in
                    "\(milestone.date) \(milestone.value.formatted)"
                        + (m.pathValue(at: milestone.date).map { " (path: \(m.format($0)))" } ?? "")
                        + (behind.contains(milestone.valueRange.lowerBound) ? ", behind the path" : "")
                }.joined(separator: "; ") + "."
        }
        if !kpi.actuals.isEmpty {
            desc += " Actuals: " + kpi.actuals.map { "\($0.date) \($0.value.formatted)" }.joined(separator: ", ") + "."
        }
        if let today = m.pathValue(at: m.today) { desc += " Today, \(m.today), the path is at \(m.format(today))." }

        // Compact markup, as 10,000 charts add up: the `<title>` and `<desc>` name the chart by
        // being its first children; anchors, the dots' radius and fixed offsets live in the
        // stylesheet (`.m`, `.e`), and labels sharing an x or y sit in one `<g>`.
        let axisY = HTML.whole(height - bottom)
        func rule(_ at: String) -> String { "M\(Int(left)) \(at)H\(Int(width - right))" }
        out += "<figure class=\"chart path-chart\"><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(desc))</desc>"
        // Axes and value ticks.
        out += "<path class=\"grid\" d=\"" + ticks.map { rule(y($0)) }.joined() + "\"/>"
        out += "<g class=\"tick e\" transform=\"translate(\(Int(left - 6)) 4)\">"
        for tick in ticks { out += "<text y=\"\(y(tick))\">\(HTML.escape(plain.format(tick)))</text>" }
        out += "</g>"
        // The band an `at least` / `at most` target accepts.
        if let kind = kpi.target?.kind {
            switch kind {
            case .atLeast: out += band(from: target, to: high) { y($0) }
            case .atMost: out += band(from: low, to: target) { y($0) }
            default: out += "<path class=\"target-line\" d=\"\(rule(y(target)))\"/>"
            }
        }
        out += "<polyline class=\"path\" points=\"" + samples.map { "\(x($0.date)),\(y($0.value))" }.joined(separator: " ") + "\"/>"
        out += "<circle class=\"path-point\" cx=\"\(x(start))\" cy=\"\(y(baseline))\"/>"
        out += "<text class=\"label\" x=\"\(x(start, 4))\" y=\"\(y(baseline, -8))\">\(HTML.escape(plain.format(baseline)))</text>"
        let labelEvery = max(1, (points.count + 7) / 8)
        var dates = ""
        for (index, point) in points.enumerated() {
            out += "<circle class=\"path-point\" cx=\"\(x(point.date))\" cy=\"\(y(point.value))\"/>"
            let last = index == points.count - 1
            if last || index % labelEvery == 0 {
                out +=
                    "<text class=\"label on-path \(last ? "e" : "m")\" x=\"\(x(point.date))\" y=\"\(y(point.value, -9))\">\(HTML.escape(plain.format(point.value)))</text>"
                dates += "<text\(last ? " class=\"e\"" : "") x=\"\(x(point.date))\">\(point.date.description.prefix(7))</text>"
            }
        }
        out += "<g class=\"tick m\" transform=\"translate(0 \(HTML.whole(height - bottom + 16)))\">" + dates + "</g>"
        for milestone in kpi.milestones {
            let cx = x(milestone.date)
            let late = behind.contains(milestone.valueRange.lowerBound)
            out += "<path class=\"milestone\(late ? " behind" : "")\" d=\"M\(cx) \(y(milestone.value.value, -6))l6 6-6 6-6-6z\"/>"
            out +=
                "<text class=\"label milestone-label m\" x=\"\(cx)\" y=\"\(y(milestone.value.value, 20))\">milestone \(HTML.escape(plain.format(milestone.value.value)))</text>"
        }
        if !kpi.actuals.isEmpty {
            out +=
                "<polyline class=\"actual-line\" points=\""
                + kpi.actuals.map { "\(x($0.date)),\(y($0.value.value))" }.joined(separator: " ") + "\"/>"
            for actual in kpi.actuals {
                out += "<circle class=\"actual\" cx=\"\(x(actual.date))\" cy=\"\(y(actual.value.value))\"/>"
            }
            if let latest = kpi.actuals.last {
                out +=
                    "<text class=\"label actual-label\" x=\"\(x(latest.date, 6))\" y=\"\(y(latest.value.value, 14))\">\(HTML.escape(plain.format(latest.value.value)))</text>"
            }
        }
        if showToday {
            out += "<path class=\"today\" d=\"M\(x(m.today)) \(Int(top - 6))V\(axisY)\"/>"
            out += "<text class=\"today-label m\" x=\"\(x(m.today))\" y=\"\(Int(top - 10))\">today \(m.today)</text>"
        }
        out += "<path class=\"axis\" d=\"\(rule(axisY))\"/>"
        // The legend is drawn by the stylesheet (`.path-chart figcaption::after`), once for all.
        out += "</svg><figcaption>\(HTML.escape(title))</figcaption></figure>\n"
    }

    static func band(from: Double, to: Double, _ y: (Double) -> String) -> String {
        let y1 = Int(y(to)) ?? 0
        let y2 = Int(y(from)) ?? 0
        return
            "<rect class=\"band\" x=\"\(Int(left))\" y=\"\(y1)\" width=\"\(Int(width - left - right))\" height=\"\(max(0, y2 - y1))\"/>"
    }

    /// Four or five round values covering `low…high`: steps of 1, 2, 2.5 or 5 × 10ⁿ.
    static func niceTicks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 4
        guard raw > 0, raw.isFinite else { return [low, high] }
        var magnitude = 1.0  // the power of ten at or below `raw`
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var value = (low / step).rounded(.down) * step
        while value <= high + step * 0.999 && ticks.count < 8 {
            ticks.append(value)
            value += step
        }
        return ticks
    }
}

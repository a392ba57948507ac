// The split chart of a KPI with `split:`. A sum split is a waterfall: each child's contribution
// (`SplitMath.parts`) stacked from zero, then the remainder left unallocated or the amount
// over-allocated, drawn and labelled, and the parent's change as the total — `$1,500 = $100 + $300
// + $1,100`. A weighted split is one bar cut by the weights, each child's progress under it, and
// the progress it rolls up to.

enum SplitChart {
    static let width = 560.0

    static func write(_ ref: KPIRef, _ m: KPIMath, _ context: ReportContext, into out: inout String) {
        guard let split = m.split, !split.parts.isEmpty else { return }
        switch split.kind {
        case .sum: waterfall(ref, m, split, context, into: &out)
        case .weighted: weights(ref, m, split, context, into: &out)
        }
    }

    /// `$1,500 = $100 + $300 + $1,100`, with `+ $200 unallocated` or `− $200 over-allocated`.
    /// Amounts are written without their period, named once at the end: `(per month)`.
    static func equation(_ m: KPIMath, _ split: SplitMath) -> String {
        var plain = m
        plain.unit?.period = nil
        let period = m.unit?.period.map { " (per \($0.rawValue))" } ?? ""
        return amounts(plain, split) + period
    }

    private static func amounts(_ m: KPIMath, _ split: SplitMath) -> String {
        var text = m.format(split.whole) + " ="
        for (index, part) in split.parts.enumerated() {
            guard let c = part.contribution else { continue }
            let first = index == split.parts.firstIndex { $0.contribution != nil }
            text += first ? " " + (c < 0 ? "-" : "") + m.format(abs(c)) : (c < 0 ? " − " : " + ") + m.format(abs(c))
        }
        if !split.isBalanced {
            let r = split.remainder
            text += (r < 0 ? " − " : " + ") + m.format(abs(r)) + (r * split.whole > 0 ? " unallocated" : " over-allocated")
        }
        return text
    }

    static func waterfall(_ ref: KPIRef, _ m: KPIMath, _ split: SplitMath, _ context: ReportContext, into out: inout String) {
        var plain = m  // bar labels leave out the period; the title names it once
        plain.unit?.period = nil
        // Columns: each counted part, the remainder if any, the total.
        var columns: [(label: String, from: Double, to: Double, kind: String, text: String)] = []
        var running = 0.0
        for part in split.parts {
            let id = context.kpi(part.child).id
            guard let c = part.contribution else {
                columns.append((id, running, running, "uncounted", "not counted"))
                continue
            }
            columns.append((id, running, running + c, "part", plain.format(c, signed: true)))
            running += c
        }
        if !split.isBalanced {
            let r = split.remainder
            let unallocated = r * split.whole > 0
            columns.append(
                (
                    unallocated ? "unallocated" : "over-allocated", running, running + r, unallocated ? "remainder" : "over",
                    plain.format(r, signed: true)
                ))
        }
        columns.append(("total", 0, split.whole, "total", plain.format(split.whole, signed: true)))
        var low = 0.0
        var high = 0.0
        for column in columns {
            low = min(low, column.from, column.to)
            high = max(high, column.from, column.to)
        }
        if high - low < 1e-9 { high = low + 1 }
        let height = 200.0
        let top = 24.0
        let bottom = 40.0
        let left = 12.0
        let slot = (width - 2 * left) / Double(columns.count)
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - (value - low) / (high - low)) }

        let title = "Split of \(context.kpi(ref).id): " + equation(m, split)
        var desc =
            split.parts.map { part in
                "\(context.kpi(part.child).id) "
                    + (part.contribution.map { m.format($0, signed: true) + (part.share.map { " (\(Quantity.formatPercent($0)))" } ?? "") }
                        ?? "not counted")
            }.joined(separator: ", ") + "."
        if split.isBalanced {
            desc += " The split adds up."
        } else {
            let remainder = columns[columns.count - 2]
            desc += " \(remainder.text) \(remainder.label)."
        }
        if let rolled = split.rolledUpProgress { desc += " Rolled-up progress: \(Quantity.formatPercent(rolled, decimals: 0))." }

        out +=
            "<figure class=\"chart split-chart\"><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(desc))</desc>"
        out +=
            "<path class=\"axis\" d=\"M\(HTML.number(left)) \(HTML.number(y(0)))H\(HTML.number(width - left))\"/>"
        for (index, column) in columns.enumerated() {
            let x = left + slot * Double(index) + slot * 0.15
            let w = slot * 0.7
            let y1 = y(max(column.from, column.to))
            let y2 = y(min(column.from, column.to))
            out +=
                "<rect class=\"bar-\(column.kind)\" x=\"\(HTML.number(x))\" y=\"\(HTML.number(y1))\" width=\"\(HTML.number(w))\" height=\"\(HTML.number(max(y2 - y1, 1)))\"/>"
            if index + 1 < columns.count, column.kind != "total" {
                out +=
                    "<path class=\"connector\" d=\"M\(HTML.number(x + w)) \(HTML.number(y(column.to)))H\(HTML.number(x + slot))\"/>"
            }
            out +=
                "<text class=\"label m\" x=\"\(HTML.number(x + w / 2))\" y=\"\(HTML.number(y1 - 6))\">\(HTML.escape(column.text))</text>"
            out +=
                "<text class=\"tick m\" x=\"\(HTML.number(x + w / 2))\" y=\"\(HTML.number(height - bottom + 16))\">\(HTML.escape(shortened(column.label)))</text>"
        }
        out += "</svg><figcaption>\(HTML.escape(title))</figcaption></figure>\n"
    }

    static func weights(_ ref: KPIRef, _ m: KPIMath, _ split: SplitMath, _ context: ReportContext, into out: inout String) {
        let rolled = split.rolledUpProgress.map { Quantity.formatPercent($0, decimals: 0) } ?? "—"
        let title =
            "Weighted split of \(context.kpi(ref).id): weights total \(Quantity.formatPercent(split.total)), rolled-up progress \(rolled)"
        let desc =
            split.parts.map { part in
                "\(context.kpi(part.child).id) weight \(part.share.map { Quantity.formatPercent($0) } ?? "none"), progress \(part.progress.map { Quantity.formatPercent($0, decimals: 0) } ?? "no actual")"
            }.joined(separator: "; ") + "."
        let rowHeight = 22.0
        let top = 46.0
        let left = 12.0
        let labelWidth = 150.0
        let height = top + rowHeight * Double(split.parts.count) + 12
        let scale = max(split.total, 1.0)
        let barWidth = width - 2 * left
        out +=
            "<figure class=\"chart split-chart\"><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(desc))</desc>"
        // The weights as one bar: 100% is the full width; weights over 100% squeeze it.
        var x = left
        for (index, part) in split.parts.enumerated() {
            guard let w = part.share, w > 0 else { continue }
            let segment = barWidth * w / scale
            out += "<rect class=\"weight w\(index % 6)\" x=\"\(HTML.number(x))\" y=\"8\" width=\"\(HTML.number(segment))\" height=\"18\"/>"
            out +=
                "<text class=\"label on-bar\" x=\"\(HTML.number(x + 4))\" y=\"21\">\(HTML.escape(shortened(context.kpi(part.child).id))) \(Quantity.formatPercent(w))</text>"
            x += segment
        }
        if split.total < 1 - 1e-9 {
            out +=
                "<rect class=\"bar-remainder\" x=\"\(HTML.number(x))\" y=\"8\" width=\"\(HTML.number(width - left - x))\" height=\"18\"/>"
            out += "<text class=\"label\" x=\"\(HTML.number(x + 4))\" y=\"21\">\(Quantity.formatPercent(1 - split.total)) unweighted</text>"
        }
        out += "<text class=\"label\" x=\"\(HTML.number(left))\" y=\"40\">Progress of each part (rolled up: \(rolled))</text>"
        for (index, part) in split.parts.enumerated() {
            let rowY = top + rowHeight * Double(index)
            out +=
                "<text class=\"tick\" x=\"\(HTML.number(left))\" y=\"\(HTML.number(rowY + 13))\">\(HTML.escape(shortened(context.kpi(part.child).id)))</text>"
            let full = barWidth - labelWidth - 50
            out +=
                "<rect class=\"track\" x=\"\(HTML.number(left + labelWidth))\" y=\"\(HTML.number(rowY + 3))\" width=\"\(HTML.number(full))\" height=\"12\"/>"
            if let p = part.progress {
                out +=
                    "<rect class=\"weight w\(index % 6)\" x=\"\(HTML.number(left + labelWidth))\" y=\"\(HTML.number(rowY + 3))\" width=\"\(HTML.number(full * min(max(p, 0), 1)))\" height=\"12\"/>"
            }
            out +=
                "<text class=\"label e\" x=\"\(HTML.number(width - left))\" y=\"\(HTML.number(rowY + 13))\">\(part.progress.map { Quantity.formatPercent($0, decimals: 0) } ?? "—")</text>"
        }
        out += "</svg><figcaption>\(HTML.escape(title))</figcaption></figure>\n"
    }

    /// Long ids shortened for an axis label (the full id is in the `<desc>` and the tables).
    static func shortened(_ id: String) -> String { id.count <= 18 ? id : String(id.prefix(17)) + "…" }
}

// What `kpi explain ID` prints and what a hover on a KPI shows: the cascade math of one KPI laid
// out as rows and tables, rendered as plain text or Markdown from the same numbers.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public struct Explanation: Sendable {
    public struct Table: Sendable {
        public var title: String
        public var header: [String]
        public var rows: [[String]]
        public var footer: [String]?
    }
    public var heading: String  // `mrr` — Grow monthly recurring revenue
    public var rows: [(label: String, value: String)] = []
    public var tables: [Table] = []

    public func text() -> String {
        var out = heading + "\n"
        let width = rows.map(\.label.count).max() ?? 0
        for row in rows {
            out += "  " + row.label + ":" + String(repeating: " ", count: width - row.label.count + 1) + row.value + "\n"
        }
        for table in tables {
            out += "  " + table.title + ":\n"
            let all = [table.header] + table.rows + (table.footer.map { [$0] } ?? [])
            let widths = table.header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
            for (index, row) in all.enumerated() {
                let cells = row.enumerated().map { column, cell in
                    column == 0
                        ? cell + String(repeating: " ", count: widths[column] - cell.count)
                        : String(repeating: " ", count: widths[column] - cell.count) + cell
                }
                var line = "    " + cells.joined(separator: "  ")
                while line.last == " " { line.removeLast() }  // an empty last cell leaves no trailing blanks
                out += line + "\n"
                if index == 0 {
                    out += "    " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
                }
            }
        }
        return out
    }

    /// Markdown for hovers. Amounts are code spans (some renderers read `$…$` as math) and table cells are
    /// padded, so the table lines up even in an editor that shows the Markdown as text.
    public func markdown() -> String {
        var out = Self.escaped(heading) + "\n\n"
        for row in rows { out += "**\(row.label):** \(Self.escaped(row.value))  \n" }
        for table in tables {
            out += "\n**\(table.title)**\n\n"
            let body = table.rows + (table.footer.map { [$0] } ?? [])
            let all = [table.header] + body
            let widths = table.header.indices.map { column in
                max(3, all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0)
            }
            func line(_ cells: [String]) -> String {
                "| "
                    + cells.enumerated().map { column, cell in
                        // Padding counts the text as shown: code-span backticks are not displayed.
                        let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                        return column == 0 ? Self.escaped(cell) + pad : pad + Self.escaped(cell)
                    }.joined(separator: " | ") + " |\n"
            }
            out += line(all[0])
            out +=
                "|"
                + widths.enumerated().map { column, width in
                    " " + (column == 0 ? ":" + String(repeating: "-", count: width - 1) : String(repeating: "-", count: width - 1) + ":")
                        + " |"
                }.joined() + "\n"
            for row in all.dropFirst() { out += line(row) }
        }
        return out
    }

    /// Amounts with a `$` become code spans (`$4.8M`): some Markdown renderers read `$…$` as math,
    /// and a code span keeps the amount exactly as `kpi explain` prints it.
    public static func escaped(_ text: String) -> String {
        // Amounts `[+-]?$[0-9][0-9.,]*[KMB]?(/[a-z]+)?`, matched left to right on bytes (a regular
        // expression here was a sixth of every hover).
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "$")) else { return text }
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func lower(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x61 && bytes[i] <= 0x7A }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            var j = i
            if bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "$"), digit(j + 1) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            j += 2
            // A `.` or `,` is part of the amount only between digits: in `$0, a change of` the comma is the sentence's.
            while digit(j) || (j < bytes.count && (bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ",")) && digit(j + 1)) {
                j += 1
            }
            if j < bytes.count, bytes[j] == UInt8(ascii: "K") || bytes[j] == UInt8(ascii: "M") || bytes[j] == UInt8(ascii: "B") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "/"), lower(j + 1) {
                j += 2
                while lower(j) { j += 1 }
            }
            out.append(UInt8(ascii: "`"))
            out.append(contentsOf: bytes[i..<j])
            out.append(UInt8(ascii: "`"))
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Analysis {
    public func explanation(_ ref: KPIRef) -> Explanation {
        explanation(ref, math: math(ref))
    }

    /// The explanation from math already computed (the report's, without the parent chain: no
    /// "Supports" row).
    func explanation(_ ref: KPIRef, math m: KPIMath) -> Explanation {
        let kpi = kpi(ref)
        var e = Explanation(heading: "`\(kpi.id)`" + (kpi.title.map { " — \($0)" } ?? ""))
        if let metric = kpi.metric {
            var value = metric.value
            if let entry = kpi.catalogMetric { value += " — \(entry.definition)" }
            e.rows.append(("Metric", value))
        }
        if let b = m.baseline {
            let date = m.baselineDate.map { m.baselineDateIsAsOf ? "as of \($0) (the plan's as-of date)" : "at \($0)" } ?? ""
            e.rows.append(("Baseline", "\(m.format(b)) \(date)"))
        }
        if let target = kpi.target {
            var value = m.targetLevel(target)
            // The change in the level's scale: `$150K, a change of +$25K`.
            let together = m.target.flatMap { t in
                m.change.map { Quantity.format(together: [t, $0], m.unit ?? .count, signed: [false, true]) }
            }
            if let change = m.change, m.baseline != nil {
                var changeText =
                    m.unit?.kind == .percentage ? Quantity.formatPoints(change) : together?[1] ?? m.format(change, signed: true)
                if let relative = m.relativeChange, m.unit?.kind != .percentage {
                    changeText += " (\(Quantity.formatPercent(relative, signed: true)))"
                }
                value += ", a change of \(changeText)"
            }
            e.rows.append(("Target", value))
        } else if let contributes = kpi.contributes {
            e.rows.append(
                (
                    "Contributes",
                    contributes.value.unit.kind == .percentage
                        ? Quantity.formatPoints(contributes.value.value) : contributes.value.formatted.withSign(contributes.value.value)
                ))
        }
        if let deadline = m.deadline {
            var value = "\(deadline)"
            if m.deadlineFromParent { value += " (its parent's)" }
            if let left = m.daysLeft {
                value +=
                    left >= 0
                    ? ", \(left) day\(left == 1 ? "" : "s") left (today is \(m.today))"
                    : ", passed \(-left) day\(left == -1 ? "" : "s") ago (today is \(m.today))"
            }
            e.rows.append(("Deadline", value))
        }
        if let g = m.perYear, m.years != nil {
            if let realism = m.realism, realism.isUnderAYear {
                // A target under a year: its period's figure first, the annualized rate only as what it would mean.
                e.rows.append(
                    (
                        realism.direction == .growth ? "Growth needed" : "Cut needed",
                        "\(realism.periodFigure) (\(Quantity.formatGrowthRate(g, per: "year")) if sustained)"
                    ))
            } else {
                e.rows.append(
                    (
                        "Growth needed",
                        "\(Quantity.formatGrowthRate(g, per: "year"))\(Quantity.growthInWords(g) == nil ? " compound" : "") · \(Quantity.formatGrowthRate(m.perQuarter ?? 0, per: "quarter", decimals: 2)) · \(Quantity.formatGrowthRate(m.perMonth ?? 0, per: "month", decimals: 2))"
                    ))
            }
        }
        if let realism = m.realism, realism.exceedsCeiling {
            var value =
                "\(Quantity.formatPercent(realism.ceiling))/year \(realism.direction == .growth ? "growth" : "reduction"): it allows \(m.format(realism.ceilingLevel)) by \(m.deadline.map(\.description) ?? "the deadline")"
            if let earliest = realism.earliestDeadline { value += ", and this target by \(earliest)" }
            e.rows.append(("Ceiling", value))
        }
        if let trend = m.trend {
            let pace = trend.isLinear ? m.format(trend.amountPerYear, signed: true) : Quantity.formatPercent(trend.perYear, signed: true)
            var value = "\(pace)/year since \(trend.first.date)"
            if let t = m.target, (m.progress?.progress ?? 0) < 1, let reach = trend.day(reaching: t),
                (t > trend.first.value) == (trend.amountPerYear > 0)
            {
                value += "; reaches \(m.format(t)) by \(reach)"
            }
            e.rows.append(("Trend", value))
        }
        if m.growth == .linear, let perYear = m.linearPerYear {
            e.rows.append(("Linear pace", "\(m.format(perYear, signed: true)) a year"))
        }
        if let p = m.progress {
            var value =
                "\(p.actual.value.formatted) on \(p.actual.date): \(Quantity.formatPercent(p.progress, decimals: 0)) of the way; the path expects \(m.format(p.expectedValue)) (\(Quantity.formatPercent(p.expectedProgress, decimals: 0))) — \(p.status.rawValue)"
            if let today = p.expectedToday, p.actual.date != m.today { value += "; \(m.format(today)) expected today" }
            e.rows.append(("Progress", value))
        }
        if !m.chain.isEmpty {
            e.rows.append(("Supports", ([kpi.id] + m.chain.map { self.kpi($0).id }).joined(separator: " → ")))
        }
        if !m.path.isEmpty, let b = m.baseline, let start = m.baselineDate {
            var rows = [[start.description, m.format(b), "baseline"]]
            let milestones = Dictionary(kpi.milestones.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
            for point in m.path {
                rows.append([
                    point.date.description, m.format(point.value), milestones[point.date].map { "milestone \($0.value.formatted)" } ?? "",
                ])
            }
            e.tables.append(
                .init(
                    title: "\(m.pathStep.title) path (\(m.growth.rawValue))", header: [m.pathStep.columnTitle, "Path", "Plan"], rows: rows,
                    footer: nil))
        }
        if let split = m.split {
            switch split.kind {
            case .sum:
                let rows = split.parts.map { part in
                    [
                        self.kpi(part.child).id,
                        part.contribution.map { m.format($0, signed: true) } ?? "not counted",
                        part.share.map { Quantity.formatPercent($0) } ?? "—",
                    ]
                }
                let remainder = split.remainder
                let footerShare = split.allocatedFraction.map { Quantity.formatPercent($0) } ?? "—"
                e.tables.append(
                    .init(
                        title: "Split (sum) of \(m.change.map { m.format($0, signed: true) } ?? "?")",
                        header: ["Child", "Contribution", "Share"], rows: rows,
                        footer: ["Sum", m.format(split.total, signed: true), footerShare]))
                e.rows.append(
                    (
                        "Remainder",
                        split.isBalanced
                            ? "none: the split adds up"
                            : m.format(remainder, signed: true) + (remainder * (m.change ?? 1) > 0 ? " unallocated" : " over-allocated")
                    ))
            case .weighted:
                let rows = split.parts.map { part in
                    [
                        self.kpi(part.child).id, part.share.map { Quantity.formatPercent($0) } ?? "no weight",
                        part.progress.map { Quantity.formatPercent($0, decimals: 0) } ?? "—",
                    ]
                }
                e.tables.append(
                    .init(
                        title: "Split (weighted)", header: ["Child", "Weight", "Progress"], rows: rows,
                        footer: [
                            "Total", Quantity.formatPercent(split.total),
                            split.rolledUpProgress.map { Quantity.formatPercent($0, decimals: 0) } ?? "—",
                        ]))
            }
            if let rolled = split.rolledUpProgress, split.kind == .sum {
                e.rows.append(
                    (
                        "Rolled-up progress",
                        "\(Quantity.formatPercent(rolled, decimals: 0)) from the components' latest actuals and roll-ups"
                    ))
            }
            if !split.drivers.isEmpty {
                e.rows.append(("Drivers", split.drivers.map { self.kpi($0).id }.joined(separator: ", ") + " (aligned, not added up)"))
            }
        }
        let children = children(of: ref)
        if !children.isEmpty && m.split == nil {
            e.rows.append(("Drivers", children.map { self.kpi($0).id }.joined(separator: ", ")))
        }
        if let role = role(of: ref, math: m), let parent = parent(of: ref) {
            e.rows.append(
                (
                    "Role",
                    role == .driver
                        ? "driver of `\(self.kpi(parent).id)`: supports its goal, not added up into its split"
                        : "component of `\(self.kpi(parent).id)`: counted in its split"
                ))
        }
        return e
    }

    /// A one-line summary for code lenses and tree views: "3 sub-KPIs · 93% allocated", with the
    /// drivers named apart ("3 sub-KPIs (1 driver) · 94% allocated"): only components are counted.
    public func summary(_ ref: KPIRef) -> String? {
        let children = children(of: ref)
        guard !children.isEmpty else { return nil }
        var text = children.count == 1 ? "1 sub-KPI" : "\(children.count) sub-KPIs"
        if let split = math(ref, includeSplit: true, includeChain: false).split {
            let drivers = split.drivers.count
            if drivers > 0 { text += drivers == 1 ? " (1 driver)" : " (\(drivers) drivers)" }
            if let fraction = split.allocatedFraction, !split.parts.isEmpty {
                text += " · " + Quantity.formatPercent(fraction, decimals: 0) + (split.kind == .sum ? " allocated" : " weighted")
            }
        }
        return text
    }
}

extension KPIMath {
    /// The level a target asks for, as written for people: `$150K`, `at least 64%`.
    public func targetLevel(_ target: Target) -> String {
        switch target.kind {
        case .atLeast(let q): "at least \(q.formatted)"
        case .atMost(let q): "at most \(q.formatted)"
        default:
            self.target.map { t in change.map { Quantity.format(together: [t, $0], unit ?? .count)[0] } ?? format(t) }
                ?? "— (needs a baseline)"
        }
    }
}

extension String {
    fileprivate func withSign(_ value: Double) -> String { value >= 0 && !hasPrefix("+") ? "+" + self : self }
}

// `kpi actual ID DATE VALUE`: the check-in. The text edit that records an actual in a KPI's block:
// one `DATE: VALUE` line in date order under its `actuals:` (the field is added at the end of the
// block when there is none), in the file's indentation and line endings, every other byte
// unchanged. It refuses what the plan could not read as an actual of this KPI: a value that is
// not a level (`+$5K` is a change), a unit the KPI is not measured in, a date already recorded.

import KPISyntax

public enum ActualRefusal: Error, Equatable, Sendable {
    case notADate(String)
    case notAValue(String)
    case aChange(String)
    case wrongUnit(value: String, unit: String, kpiUnit: String)
    case alreadyRecorded(date: Day, value: String, line: Int)

    public var message: String {
        switch self {
        case .notADate(let text): "`\(text)` is not a date: write it like 2027-09-30"
        case .notAValue(let text): "`\(text)` is not a value: write it like $131K, 420/month or 12.5%"
        case .aChange(let text): "`\(text)` is a change: an actual is the level measured, like \(text.dropFirst())"
        case .wrongUnit(let value, let unit, let kpiUnit): "`\(value)` is in \(unit) but this KPI is measured in \(kpiUnit)"
        case .alreadyRecorded(let date, let value, let line): "\(date) is already recorded (\(value), line \(line)): edit that line instead"
        }
    }
}

extension Analysis {
    /// The edit that records `value` (as typed: `$135K`) on `dateText` in the KPI's block.
    public func recordActual(_ ref: KPIRef, date dateText: String, value valueText: String) -> Result<PlanEdit, ActualRefusal> {
        let kpi = kpi(ref)
        guard let file = file(ref.path) else { return .failure(.notADate(dateText)) }
        let words = dateText.split(separator: " ")
        guard let date = PlanDate.parse(words, fiscalYearStart: file.settings.fiscalYearStart, naming: file.settings.fiscalYearNaming)?.day
        else { return .failure(.notADate(dateText)) }
        let value = valueText.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard let written = Quantity.parse(Substring(value)), written.suffix != .points else { return .failure(.notAValue(valueText)) }
        if written.isChange { return .failure(.aChange(value)) }
        if let unit = kpi.unit {
            // As the plan reads its own values: a plain number of a currency KPI is in its currency.
            let own = written.unit(currencyContext: unit.kind == .currency ? unit.currency : nil)
            if !own.isCompatible(with: unit) { return .failure(.wrongUnit(value: value, unit: own.description, kpiUnit: unit.description)) }
        }
        let lines = file.tree.lines
        if let existing = kpi.actuals.first(where: { $0.date == date }) {
            return .failure(
                .alreadyRecorded(date: date, value: existing.value.formatted, line: lines.line(of: existing.dateRange.lowerBound) + 1))
        }

        let bytes = file.tree.bytes
        let newline = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } == true ? "\r\n" : "\n"
        func lineStart(_ offset: Int) -> Int { lines.offset(of: LineColumn(line: lines.line(of: offset), column: 0)) }
        /// The offset after a line's end of line (the end of the file on its last line).
        func afterLine(_ offset: Int) -> Int {
            let line = lines.line(of: offset)
            return line + 1 < lines.lineCount ? lines.offset(of: LineColumn(line: line + 1, column: 0)) : bytes.count
        }
        func indentation(_ offset: Int) -> String {
            let start = lineStart(offset)
            var end = start
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        let fieldIndent = kpi.fields.first.map { indentation($0.keyRange.lowerBound) } ?? "  "
        let entry = { (indent: String) in "\(indent)\(date): \(value)" }

        if let field = kpi.fields.first(where: { $0.key == "actuals" }) {
            // In date order among the entries, as written: before the first later one, else after the last.
            let entries = kpi.actuals.sorted { $0.lineRange.lowerBound < $1.lineRange.lowerBound }
            let indent = entries.first.map { indentation($0.lineRange.lowerBound) } ?? fieldIndent + fieldIndent
            if let later = entries.first(where: { $0.date > date }) {
                let at = lineStart(later.lineRange.lowerBound)
                return .success(PlanEdit(path: ref.path, range: at..<at, newText: entry(indent) + newline))
            }
            let last = entries.last?.lineRange.lowerBound ?? field.keyRange.lowerBound
            return .success(insert(entry(indent), after: last, newline: newline, in: ref.path, bytes: bytes, afterLine: afterLine))
        }
        // No `actuals:` yet: after the block's last line that is not blank.
        var end = min(kpi.range.upperBound, bytes.count)
        while end > kpi.range.lowerBound, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        return .success(
            insert(
                fieldIndent + "actuals:" + newline + entry(fieldIndent + fieldIndent), after: max(end - 1, kpi.range.lowerBound),
                newline: newline, in: ref.path, bytes: bytes, afterLine: afterLine))
    }

    /// Inserts `text` as the line after the one holding `offset` (giving the last line of the file
    /// its end of line first, when it has none).
    private func insert(_ text: String, after offset: Int, newline: String, in path: String, bytes: [UInt8], afterLine: (Int) -> Int)
        -> PlanEdit
    {
        let at = afterLine(offset)
        if at == bytes.count, let last = bytes.last, last != 0x0A {
            return PlanEdit(path: path, range: at..<at, newText: newline + text + newline)
        }
        return PlanEdit(path: path, range: at..<at, newText: text + newline)
    }
}

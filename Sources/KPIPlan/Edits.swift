// What an edit to one file changed, at the level of KPIs: which KPIs were read again and how the
// rest of the file moved. With it, a keystroke re-reads one KPI block instead of the file, patches
// the goal graph for that KPI alone, and re-checks only the KPIs that read it; the findings of the
// others are kept and moved with the text.

import KPISyntax

/// The KPIs an edit to a file re-read (`kpis`: the same indices before and after, so every other
/// KPI keeps its index), and the text edits since the goal graph last saw the file, in order.
public struct FileEdit: Sendable, Hashable {
    public var kpis: Range<Int>
    public var edits: [TreeEdit]

    public init(kpis: Range<Int>, edits: [TreeEdit]) {
        self.kpis = kpis
        self.edits = edits
    }

    /// This edit followed by `next` (both keep the number of KPIs, so their indices compare).
    public func then(_ next: FileEdit) -> FileEdit {
        let lower = min(kpis.lowerBound, next.kpis.lowerBound)
        let upper = max(kpis.upperBound, next.kpis.upperBound)
        return FileEdit(kpis: lower..<upper, edits: edits + next.edits)
    }

    /// Where an offset of the file before the edits is after them; nil in a re-read part.
    public func map(_ offset: Int) -> Int? {
        var result = offset
        for edit in edits {
            guard let moved = edit.map(result) else { return nil }
            result = moved
        }
        return result
    }

    public func map(_ range: Range<Int>) -> Range<Int>? {
        guard let lower = map(range.lowerBound) else { return nil }
        // An empty range at the start of a re-read part maps by its start.
        if range.isEmpty { return lower..<lower }
        guard let upper = map(range.upperBound - 1) else { return nil }
        return lower..<(upper + 1)
    }
}

extension Diagnostic {
    /// The diagnostic with its ranges in edited files moved; nil when one lies in a re-read part
    /// (the finding must be computed again).
    public func moved(_ edits: [String: FileEdit]) -> Diagnostic? {
        var result = self
        if let edit = edits[path] {
            guard let range = edit.map(range) else { return nil }
            result.range = range
        }
        for (index, location) in related.enumerated() {
            guard let edit = edits[location.path] else { continue }
            guard let range = edit.map(location.range) else { return nil }
            result.related[index] = RelatedLocation(path: location.path, range: range, message: location.message)
        }
        return result
    }
}

// Moving a KPI read earlier by the length of an edit before it.

private func move(_ range: Range<Int>, _ delta: Int) -> Range<Int> {
    (range.lowerBound + delta)..<(range.upperBound + delta)
}

extension Located {
    func moved(by delta: Int) -> Located { Located(value, move(range, delta)) }
}

extension Checkpoint {
    func moved(by delta: Int) -> Checkpoint {
        var result = self
        result.dateRange = move(dateRange, delta)
        result.valueRange = move(valueRange, delta)
        result.lineRange = move(lineRange, delta)
        return result
    }
}

extension KPI {
    /// The same KPI with every range moved by `delta` (every field that holds a range is listed here;
    /// `PlanFileEditTests` compares an edited file with the file read afresh, field by field).
    func moved(by delta: Int) -> KPI {
        guard delta != 0 else { return self }
        var k = self
        k.idRange = move(idRange, delta)
        k.titleRange = titleRange.map { move($0, delta) }
        k.range = move(range, delta)
        k.headerRange = move(headerRange, delta)
        k.fields = fields.map { ($0.key, move($0.keyRange, delta), move($0.lineRange, delta)) }
        k.perspective = perspective?.moved(by: delta)
        k.category = category?.moved(by: delta)
        k.metric = metric?.moved(by: delta)
        k.owner = owner?.moved(by: delta)
        k.baseline = baseline?.moved(by: delta)
        k.baselineDate = baselineDate?.moved(by: delta)
        k.target = target.map { Target(kind: $0.kind, range: move($0.range, delta)) }
        k.targetFieldRange = targetFieldRange.map { move($0, delta) }
        k.deadline = deadline?.moved(by: delta)
        k.parent = parent?.moved(by: delta)
        k.topLevel = topLevel.map { move($0, delta) }
        k.split = split?.moved(by: delta)
        k.weight = weight?.moved(by: delta)
        k.contributes = contributes?.moved(by: delta)
        k.growth = growth?.moved(by: delta)
        k.better = better?.moved(by: delta)
        k.actions = actions.map { $0.moved(by: delta) }
        k.actionsRange = actionsRange.map { move($0, delta) }
        k.actuals = actuals.map { $0.moved(by: delta) }
        k.milestones = milestones.map { $0.moved(by: delta) }
        return k
    }
}

extension UseReference {
    func moved(by delta: Int) -> UseReference {
        UseReference(written: written, range: move(range, delta), resolvedPath: resolvedPath)
    }
}

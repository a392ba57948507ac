// The shape of a file for the editor: the outline (the plan and its KPIs with their fields),
// workspace-wide KPI search, folding ranges, semantic token classes and inlay hints.

import KPISyntax

public struct OutlineItem: Sendable {
    public enum Kind: Sendable { case plan, kpi, field }
    public var name: String
    public var detail: String?
    public var kind: Kind
    public var range: Range<Int>
    public var selectionRange: Range<Int>
    public var children: [OutlineItem]
}

public struct FoldingRegion: Sendable, Hashable {
    public enum Kind: Sendable { case region, comment }
    public let startLine: Int
    public let endLine: Int
    public let kind: Kind
}

public enum SemanticClass: String, Sendable, CaseIterable {
    case keyword, kpi, field, metric, number, date, string, comment, `operator`, enumMember
}

public struct SemanticSpan: Sendable, Hashable {
    public let range: Range<Int>
    public let kind: SemanticClass
    public let isDeclaration: Bool
}

public struct InlayNote: Sendable, Hashable {
    public let offset: Int
    public let label: String
    public let tooltip: String?
}

extension Analysis {
    public func outline(of path: String) -> [OutlineItem] {
        guard let file = file(path) else { return [] }
        let tree = file.tree
        let kpis = refs(in: path).map { ref -> OutlineItem in
            let kpi = kpi(ref)
            let fields = kpi.fields.map { field in
                OutlineItem(
                    name: field.key, detail: fieldValue(tree, field.lineRange, key: field.key), kind: .field,
                    range: field.lineRange, selectionRange: field.keyRange, children: [])
            }
            // A driver is marked apart from the components that add up into the parent's split.
            let detail = role(of: ref) == .driver ? [kpi.title, "driver"].compactMap { $0 }.joined(separator: " · ") : kpi.title
            return OutlineItem(
                name: kpi.id.isEmpty ? "(no id)" : kpi.id, detail: detail, kind: .kpi, range: kpi.range,
                selectionRange: kpi.idRange, children: fields)
        }
        guard let range = file.settings.range else { return kpis }
        let name = file.settings.name?.value ?? "plan"
        let selection = file.settings.name?.range ?? range
        return [
            OutlineItem(name: name, detail: "plan", kind: .plan, range: 0..<tree.bytes.count, selectionRange: selection, children: kpis)
        ]
        .map { plan in
            var plan = plan
            plan.range =
                min(
                    range.lowerBound, kpis.first?.range.lowerBound ?? range.lowerBound)..<max(
                    range.upperBound, kpis.last?.range.upperBound ?? range.upperBound)
            return plan
        }
    }

    private func fieldValue(_ tree: SyntaxTree, _ lineRange: Range<Int>, key: String) -> String? {
        let text = tree.text(lineRange)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let value = String(text[text.index(after: colon)...]).trimmingCharacters(in: " ")
        return value.isEmpty ? nil : value
    }

    /// KPIs across the workspace whose id or title matches a query (letters in order, case-insensitive).
    public func searchKPIs(_ query: String, limit: Int = 500) -> [KPIRef] {
        let needle = Array(query.lowercased())
        var result: [KPIRef] = []
        for ref in allRefs {
            let kpi = kpi(ref)
            if needle.isEmpty || Self.fuzzyMatch(needle, kpi.id.lowercased()) || Self.fuzzyMatch(needle, (kpi.title ?? "").lowercased()) {
                result.append(ref)
                if result.count >= limit { break }
            }
        }
        return result
    }

    static func fuzzyMatch(_ needle: [Character], _ haystack: String) -> Bool {
        var index = 0
        for character in haystack where index < needle.count && character == needle[index] { index += 1 }
        return index == needle.count
    }

    public func foldingRegions(of path: String) -> [FoldingRegion] {
        guard let file = file(path) else { return [] }
        let lines = file.tree.lines
        var result: [FoldingRegion] = []
        /// Folds each block to its last line with content, and returns the offset of that content:
        /// one pass bottom-up, so a plan nested thousands of levels deep stays linear.
        @discardableResult
        func visit(_ node: SyntaxNode) -> Int {
            var last = node.range.lowerBound
            for element in node.children {
                switch element {
                case .token(let token):
                    if token.kind != .whitespace && token.kind != .newline && token.kind != .comment { last = token.range.lowerBound }
                case .node(let child):
                    let childLast = visit(child)
                    let start = lines.line(of: child.range.lowerBound)
                    let end = lines.line(of: childLast)
                    if end > start { result.append(FoldingRegion(startLine: start, endLine: end, kind: .region)) }
                    last = max(last, childLast)
                }
            }
            return last
        }
        visit(file.tree.root)
        // Runs of two or more comment lines.
        var runStart: Int?
        var previous = -2
        file.tree.root.forEachToken { token in
            guard token.kind == .comment else { return }
            let line = lines.line(of: token.range.lowerBound)
            let standalone =
                lines.lineStarts[line] == token.range.lowerBound
                || file.tree.bytes[lines.lineStarts[line]..<token.range.lowerBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            guard standalone else { return }
            if line == previous + 1, runStart != nil {
            } else {
                if let s = runStart, previous > s { result.append(FoldingRegion(startLine: s, endLine: previous, kind: .comment)) }
                runStart = line
            }
            previous = line
        }
        if let s = runStart, previous > s { result.append(FoldingRegion(startLine: s, endLine: previous, kind: .comment)) }
        return result.sorted { ($0.startLine, $0.endLine) < ($1.startLine, $1.endLine) }
    }

    /// A class for every meaningful token of a file, in order.
    public func semanticSpans(of path: String) -> [SemanticSpan] {
        guard let file = file(path) else { return [] }
        let tree = file.tree
        var spans: [SemanticSpan] = []
        func add(_ token: SyntaxToken, _ kind: SemanticClass, declaration: Bool = false) {
            spans.append(SemanticSpan(range: token.range, kind: kind, isDeclaration: declaration))
        }
        func visit(_ node: SyntaxNode, parentKey: String?) {
            let key = (node.firstToken(.key) ?? (node.kind == .flag ? node.firstToken(.word) : nil)).map { tree.text($0) }
            var afterKeyword = false
            for child in node.children {
                switch child {
                case .node(let inner): visit(inner, parentKey: key)
                case .token(let token):
                    switch token.kind {
                    case .keyword: add(token, .keyword)
                    case .identifier: add(token, .kpi, declaration: true)
                    case .comment: add(token, .comment)
                    case .string: add(token, .string)
                    case .dash: add(token, .operator)
                    case .key:
                        let isDate = parentKey.flatMap(FieldSpec.named)?.value == .entries
                        add(token, isDate ? .date : .field)
                    case .word:
                        if node.kind == .flag {
                            add(token, .field)
                            continue
                        }
                        guard node.kind == .field, let key else { continue }
                        let text = tree.text(token)
                        let kind = FieldSpec.named(key)?.value
                        switch kind {
                        case .kpiID: add(token, .kpi)
                        case .metric: add(token, .metric)
                        case .choice: add(token, .enumMember)
                        default:
                            if ["by", "at", "least", "most"].contains(text) {
                                add(token, .operator)
                                afterKeyword = text == "by" || (text == "at" && kind == .quantityAt)
                            } else if afterKeyword || kind == .date {
                                add(token, .date)
                            } else if Quantity.parse(Substring(text)) != nil {
                                add(token, .number)
                            }
                        }
                    default: break
                    }
                }
            }
        }
        visit(tree.root, parentKey: nil)
        return spans
    }

    /// Inlay hints in a byte range: a relative target's resolved level (`+20%` → `= $150K`), a
    /// contribution's share of its parent's split, and the day a period date resolves to.
    public func inlayNotes(of path: String, in range: Range<Int>) -> [InlayNote] {
        var notes: [InlayNote] = []
        var splits: [KPIRef: SplitMath?] = [:]  // a parent's split, worked out once for all its children
        for ref in refs(in: path) {
            let kpi = kpi(ref)
            guard kpi.range.overlaps(range) || kpi.range.lowerBound == range.lowerBound else { continue }
            let math = math(ref, includeSplit: false, includeChain: false)
            if let target = kpi.target, let level = math.target {
                switch target.kind {
                case .relative, .absolute, .points:
                    notes.append(
                        InlayNote(
                            offset: target.range.upperBound, label: "= \(math.format(level))",
                            tooltip: "\(kpi.id): \(math.baseline.map { math.format($0) } ?? "?") → \(math.format(level))"))
                default: break
                }
            }
            if let contributes = kpi.contributes, let parent = parent(of: ref),
                let split = splits[parent]
                    ?? {
                        let s = self.math(parent, includeSplit: true, includeChain: false).split
                        splits[parent] = s
                        return s
                    }(),
                let part = split.parts.first(where: { $0.child == ref }), let share = part.share
            {
                notes.append(
                    InlayNote(
                        offset: contributes.range.upperBound, label: "= \(Quantity.formatPercent(share)) of \(self.kpi(parent).id)",
                        tooltip: nil))
            }
            if let deadline = kpi.deadline, !kpi.deadlineIsISODay(in: file(path)!.tree) {
                notes.append(
                    InlayNote(offset: deadline.range.upperBound, label: "= \(deadline.value)", tooltip: deadline.value.longDescription))
            }
        }
        return notes.filter { range.contains($0.offset) || $0.offset == range.upperBound }
    }
}

extension KPI {
    /// Whether the deadline is written as a full `YYYY-MM-DD` day (then it needs no hint).
    func deadlineIsISODay(in tree: SyntaxTree) -> Bool {
        guard let deadline else { return true }
        let text = tree.text(deadline.range)
        return text.count == 10 && text.filter { $0 == "-" }.count == 2
    }
}

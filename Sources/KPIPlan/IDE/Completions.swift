// What completion offers where the cursor is: metric names after `metric:` (the catalog and the
// workspace's own), KPI ids after `parent:`, the fields a block does not have yet, the values of
// `perspective:`, `category:`, `split:`, `growth:`, files inside `use "…"`, and snippets for new blocks.
// The list holds only what matches the text typed before the cursor, best match first
// (`CompletionMatching.swift`), so an editor that takes the first item inserts what was meant.

import KPISyntax
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public struct CompletionEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case field, kpi, metric, value, file, snippet, keyword }
    public var label: String
    public var kind: Kind
    public var detail: String?
    public var documentation: String?
    /// The text to insert; a snippet (with `${1:…}` placeholders) when `isSnippet`.
    public var insertText: String
    public var isSnippet = false
    /// The range the insert replaces (the partial word before the cursor).
    public var replaceRange: Range<Int>
    public var sortText: String?
    /// Set when more entries exist than were returned: the editor should ask again as the user types.
    public var isPartOfIncompleteList = false
}

extension Analysis {
    /// What may be written at the cursor and matches what was typed there, best match first, at
    /// most `completionLimit` (each entry then `isPartOfIncompleteList`). `caches` made for this
    /// analysis keep what one request works out (each file's ids, the workspace's metrics) for the next.
    public func completions(at offset: Int, in path: String, caches: AnalysisCaches? = nil) -> [CompletionEntry] {
        let (entries, isRanked) = candidates(at: offset, in: path, caches: self.caches(caches))
        guard !isRanked, let first = entries.first, let tree = file(path)?.tree else { return entries }
        // What was typed: from where an entry's replacement starts to the cursor.
        let cursor = max(0, min(offset, tree.bytes.count))
        let typed = TypedText(tree.text(first.replaceRange.lowerBound..<max(first.replaceRange.lowerBound, cursor)))
        if typed.isEmpty {
            // Every entry, in the order the client chooses (fields and snippets say theirs).
            let isCut = entries.count > Self.completionLimit
            return entries.prefix(Self.completionLimit).map {
                var entry = $0
                entry.isPartOfIncompleteList = isCut
                return entry
            }
        }
        let ranked = entries.enumerated().compactMap { index, entry in typed.tier(of: entry.label).map { (tier: $0, index: index) } }
            .sorted { ($0.tier, $0.index) < ($1.tier, $1.index) }
        let isCut = ranked.count > Self.completionLimit
        return Self.numbered(
            ranked.prefix(Self.completionLimit).map {
                var entry = entries[$0.index]
                entry.isPartOfIncompleteList = isCut
                return entry
            })
    }

    /// Entries with their rank as `sortText`, so clients that sort keep the order (left out when
    /// nothing was typed, but for fields and snippets: a list of every metric is a fifth smaller).
    static func numbered(_ entries: [CompletionEntry]) -> [CompletionEntry] {
        entries.enumerated().map { index, entry in
            var entry = entry
            let digits = String(index)
            entry.sortText = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            return entry
        }
    }

    /// What may be written at the cursor; `isRanked` when already matched against what was typed.
    func candidates(at offset: Int, in path: String, caches: AnalysisCaches) -> (entries: [CompletionEntry], isRanked: Bool) {
        guard let file = file(path) else { return ([], false) }
        let tree = file.tree
        let offset = max(0, min(offset, tree.bytes.count))
        let line = tree.lines.line(of: offset)
        let lineStart = tree.lines.lineStarts[line]
        let before = Array(tree.bytes[lineStart..<offset])
        let indent = before.prefix(while: { $0 == 0x20 || $0 == 0x09 }).count
        let typed = String(decoding: before[indent...], as: UTF8.self)
        if typed.contains("#") { return ([], false) }

        // The partial word before the cursor is what an entry replaces.
        let wordLength = before.reversed().prefix(while: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: ":") }
        ).count
        let wordRange = (offset - wordLength)..<offset

        if indent == 0 {
            if typed.hasPrefix("use \""), !typed.dropFirst(5).contains("\"") {
                let start = lineStart + 5
                return (
                    filePaths(from: path).map {
                        CompletionEntry(label: $0, kind: .file, detail: "plan file", insertText: $0, replaceRange: start..<offset)
                    }, false
                )
            }
            guard !typed.contains(" ") else { return ([], false) }
            return (Self.topLevelSnippets(replacing: wordRange), false)
        }

        guard let block = enclosingBlock(tree, offset: offset, line: line) else { return ([], false) }
        let owner = block.kind == .kpiDecl ? kpi(at: block.range.lowerBound, in: path) : nil

        // A value: `key: partial`.
        if let colon = typed.firstIndex(of: ":") {
            let key = String(typed[..<colon]).trimmingCharacters(in: " \t")
            let valueStart = lineStart + indent + typed.utf8.distance(from: typed.utf8.startIndex, to: colon) + 1
            var valueBegin = valueStart
            while valueBegin < offset && (tree.bytes[valueBegin] == 0x20 || tree.bytes[valueBegin] == 0x09) { valueBegin += 1 }
            let valueRange = valueBegin..<max(valueBegin, tree.lines.lineEnd(line))
            if key == "parent" {
                let typedID = String(decoding: tree.bytes[wordRange], as: UTF8.self)
                return (parentEntries(from: path, owner: owner, typed: typedID, replacing: wordRange, caches: caches), true)
            }
            return (values(for: key, path: path, owner: owner, wordRange: wordRange, wholeValue: valueRange, caches: caches), false)
        }
        // Deeper than a field: list items and dated entries take no completion.
        let fieldIndent =
            block.childNodes.first.map { $0.tokens.prefix(while: { $0.kind == .whitespace }).reduce(0) { $0 + $1.range.count } } ?? indent
        if indent > fieldIndent { return ([], false) }
        return (fields(for: block, tree: tree, wordRange: wordRange, currentLine: line), false)
    }

    /// The top-level block (plan or kpi) a line belongs to: the one holding the offset, else the last one before it.
    func enclosingBlock(_ tree: SyntaxTree, offset: Int, line: Int) -> SyntaxNode? {
        var candidate: SyntaxNode?
        for node in tree.root.childNodes {
            if node.range.lowerBound >= tree.lines.lineStarts[line] { break }
            candidate = node
        }
        guard let block = candidate, block.kind == .kpiDecl || block.kind == .planDecl else { return nil }
        return block
    }

    func fields(for block: SyntaxNode, tree: SyntaxTree, wordRange: Range<Int>, currentLine: Int) -> [CompletionEntry] {
        let used = Set(
            block.childNodes.compactMap { node -> String? in
                guard tree.lines.line(of: node.range.lowerBound) != currentLine else { return nil }
                return (node.firstToken(.key) ?? node.firstToken(.word)).map { tree.text($0) }
            })
        let all = block.kind == .planDecl ? PlanField.allCases.map(\.spec) : KPIField.allCases.map(\.spec)
        // A KPI either supports a parent or is a root goal: offer only what fits.
        let excluded = used.union(used.contains("parent") ? ["top-level"] : used.contains("top-level") ? ["parent"] : [])
        return Self.numbered(
            all.filter { !excluded.contains($0.name) }.map { field in
                CompletionEntry(
                    label: field.name, kind: .field, detail: "field", documentation: field.documentation,
                    insertText: field.insertText, isSnippet: field.isSnippet, replaceRange: wordRange)
            })
    }

    func values(
        for key: String, path: String, owner: KPIRef?, wordRange: Range<Int>, wholeValue: Range<Int>, caches: AnalysisCaches
    ) -> [CompletionEntry] {
        func choices(_ values: [String], detail: String) -> [CompletionEntry] {
            values.map { CompletionEntry(label: $0, kind: .value, detail: detail, insertText: $0, replaceRange: wordRange) }
        }
        switch key {
        case "metric":
            var entries = Self.catalogMetricEntries.map { metric in
                CompletionEntry(
                    label: metric.name, kind: .metric, detail: metric.detail,
                    documentation: metric.documentation, insertText: metric.name, replaceRange: wholeValue)
            }
            // The metric being typed is this KPI's own: it counts only when other KPIs use it too.
            let beingTyped = owner.flatMap { kpi($0).metric }.flatMap {
                wholeValue.contains($0.range.lowerBound) ? $0.value.lowercased() : nil
            }
            for (name, users) in workspaceMetrics(caches) {
                let others = users - (name.lowercased() == beingTyped ? 1 : 0)
                guard others > 0 else { continue }
                entries.append(
                    CompletionEntry(
                        label: name, kind: .metric, detail: "used in this workspace",
                        documentation: Self.workspaceMetricText(name, users: others), insertText: name, replaceRange: wholeValue))
            }
            return entries
        case "perspective": return choices(Perspective.allCases.map(\.rawValue), detail: "balanced-scorecard perspective")
        case "category": return choices(MetricKind.allCases.map(\.rawValue), detail: "KPI category")
        case "split": return choices(SplitKind.allCases.map(\.rawValue), detail: "how children add up")
        case "growth": return choices(Growth.allCases.map(\.rawValue), detail: "path model")
        case "role": return choices(ChildRole.allCases.map(\.rawValue), detail: "adds up into the parent's split, or supports it")
        case "fiscal-year-start": return choices(Day.monthNames, detail: "month")
        case "currency": return choices(["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD"], detail: "currency")
        default: return []
        }
    }

    /// The KPIs that may be the parent, ranked (`parentCandidates`).
    func parentEntries(
        from path: String, owner: KPIRef?, typed: String, replacing wordRange: Range<Int>, caches: AnalysisCaches
    ) -> [CompletionEntry] {
        let (refs, isCut) = parentCandidates(from: path, excluding: owner, typed: typed, limit: Self.completionLimit, caches: caches)
        let entries = refs.map { ref in
            var entry = Self.parentEntry(kpi(ref), in: ref.path, from: path, replacing: wordRange)
            entry.isPartOfIncompleteList = isCut
            return entry
        }
        return typed.isEmpty ? entries : Self.numbered(entries)
    }

    /// A KPI offered as a parent, with its title, metric and file.
    static func parentEntry(_ kpi: KPI, in file: String, from path: String, replacing wordRange: Range<Int>) -> CompletionEntry {
        let fileName = file.split(separator: "/").last ?? ""
        var documentation = "**\(kpi.id)**" + (kpi.title.map { " — \($0)" } ?? "")
        if let metric = kpi.metric?.value { documentation += "  \nMetric: \(metric)" }
        documentation += "  \nIn `\(fileName)`"
        return CompletionEntry(
            label: kpi.id, kind: .kpi, detail: (kpi.title ?? "KPI") + (file == path ? "" : " (\(fileName))"),
            documentation: Explanation.escaped(documentation), insertText: kpi.id, replaceRange: wordRange)
    }

    /// At most this many entries answer one completion request.
    public static let completionLimit = 200

    /// The catalog's entries, which no workspace changes: built once, not per request.
    static let catalogMetricEntries: [(name: String, detail: String, documentation: String)] = MetricCatalog.all.map { metric in
        // As a hover on the name shows it (the lookup picks the metric a shared name means).
        (
            metric.name, "\(metric.kind.rawValue) · \(metric.unit.rawValue) \(metric.direction.arrow)",
            Explanation.escaped(catalogMetricText(MetricCatalog.lookup(metric.name) ?? metric))
        )
    }

    /// The workspace's own metrics (not in the catalog) with how many KPIs use each, by name in any
    /// letter case (shown as the smallest spelling). Worked out once per analysis: every metric
    /// completion and hover reads it, and going over 327 files took half of a completion's time
    /// at 100,000 KPIs.
    func workspaceMetrics(_ caches: AnalysisCaches) -> [(name: String, users: Int)] {
        caches.workspaceMetricList.value {
            var counts: [String: (name: String, users: Int)] = [:]
            for path in paths {
                for (name, users) in UncataloguedMetrics.shared.metrics(of: workspace.files[path]!) {
                    let key = name.lowercased()
                    if let known = counts[key] {
                        counts[key] = (min(known.name, name), known.users + users)
                    } else {
                        counts[key] = (name, users)
                    }
                }
            }
            return counts.values.sorted { $0.name < $1.name }
        }
    }

    static func workspaceMetricText(_ name: String, users: Int) -> String {
        "**\(name)** — a metric of this workspace (not in the built-in catalog), used by \(users) KPI\(users == 1 ? "" : "s")."
    }

    /// Plan files of the workspace, relative to a file's folder.
    func filePaths(from path: String) -> [String] {
        paths.filter { $0 != path }.map { Self.relativePath(from: path, to: $0) }.sorted()
    }

    public static func relativePath(from file: String, to target: String) -> String {
        let base = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let parts = target.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < base.count && common < parts.count - 1 && base[base.startIndex + common] == parts[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + parts[common...].map(String.init)).joined(separator: "/")
    }

    static func topLevelSnippets(replacing range: Range<Int>) -> [CompletionEntry] {
        [
            CompletionEntry(
                label: "kpi", kind: .snippet, detail: "a KPI that supports a parent goal",
                insertText:
                    "kpi ${1:id} \"${2:Title}\"\n  parent: ${3:parent}\n  metric: ${4:metric}\n  owner: ${5:owner}\n  baseline: ${6:value} at ${7:2026-12-31}\n  target: ${8:+20%} by ${9:FY2027}\n  actions:\n    - ${10:action}\n",
                isSnippet: true, replaceRange: range, sortText: "0"),
            CompletionEntry(
                label: "kpi (top-level)", kind: .snippet, detail: "a root goal",
                insertText:
                    "kpi ${1:id} \"${2:Title}\"\n  top-level\n  metric: ${3:metric}\n  owner: ${4:owner}\n  baseline: ${5:value} at ${6:2026-12-31}\n  target: ${7:value} by ${8:FY2027}\n  actions:\n    - ${9:action}\n",
                isSnippet: true, replaceRange: range, sortText: "1"),
            CompletionEntry(
                label: "kpi (split)", kind: .snippet, detail: "a goal whose children add up",
                insertText:
                    "kpi ${1:id} \"${2:Title}\"\n  parent: ${3:parent}\n  metric: ${4:revenue}\n  baseline: ${5:\\$10,000/month} at ${6:2026-12-31}\n  target: ${7:+\\$1,500} by ${8:FY2027}\n  split: sum\n\nkpi ${9:child}\n  parent: ${1:id}\n  contributes: ${10:+\\$500}\n",
                isSnippet: true, replaceRange: range, sortText: "2"),
            CompletionEntry(
                label: "plan", kind: .snippet, detail: "the plan header",
                insertText: "plan \"${1:Name}\"\n  fiscal-year-start: ${2:January}\n  currency: ${3:USD}\n",
                isSnippet: true, replaceRange: range, sortText: "3"),
            CompletionEntry(
                label: "use", kind: .keyword, detail: "make another file's KPIs visible",
                insertText: "use \"${1:company.kpi}\"", isSnippet: true, replaceRange: range, sortText: "4"),
        ]
    }
}

/// Each file's metric names the catalog lacks, with how many of its KPIs use each, kept from one
/// request to the next: without it every metric completion and hover re-read all the workspace's
/// KPIs (10,000 dictionary updates and catalog lookups a request). An entry is for the syntax tree
/// it was read from, held weakly: a file read again has a new tree, and a freed tree never matches.
final class UncataloguedMetrics: Sendable {
    static let shared = UncataloguedMetrics()

    private struct Entry {
        weak var tree: TreeStorage?
        let metrics: [(name: String, users: Int)]
    }
    private let entries = Mutex<[String: Entry]>([:])

    func metrics(of file: PlanFile) -> [(name: String, users: Int)] {
        if let entry = entries.withLock({ $0[file.path] }), entry.tree === file.tree.storage { return entry.metrics }
        let metrics = file.metricNames.filter { MetricCatalog.lookup($0.key) == nil }.map { (name: $0.key, users: $0.value) }
        entries.withLock { $0[file.path] = Entry(tree: file.tree.storage, metrics: metrics) }
        return metrics
    }
}

extension String {
    /// Without the characters of `set` at either end (FoundationEssentials has no `trimmingCharacters`).
    public func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

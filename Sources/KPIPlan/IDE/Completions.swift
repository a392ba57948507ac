// What completion offers where the cursor is: metric names after `metric:` (the catalog and the
// workspace's own), KPI ids after `parent:`, the fields a block does not have yet, the values of
// `perspective:`, `category:`, `split:`, `growth:`, files inside `use "…"`, and snippets for new blocks.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization
import KPISyntax

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
    public func completions(at offset: Int, in path: String) -> [CompletionEntry] {
        guard let file = file(path) else { return [] }
        let tree = file.tree
        let offset = max(0, min(offset, tree.bytes.count))
        let line = tree.lines.line(of: offset)
        let lineStart = tree.lines.lineStarts[line]
        let before = Array(tree.bytes[lineStart..<offset])
        let indent = before.prefix(while: { $0 == 0x20 || $0 == 0x09 }).count
        let typed = String(decoding: before[indent...], as: UTF8.self)
        if typed.contains("#") { return [] }

        // The partial word before the cursor is what an entry replaces.
        let wordLength = before.reversed().prefix(while: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: ":") }).count
        let wordRange = (offset - wordLength)..<offset

        if indent == 0 {
            if typed.hasPrefix("use \""), !typed.dropFirst(5).contains("\"") {
                let start = lineStart + 5
                return filePaths(from: path).map {
                    CompletionEntry(label: $0, kind: .file, detail: "plan file", insertText: $0, replaceRange: start..<offset)
                }
            }
            guard !typed.contains(" ") else { return [] }
            return Self.topLevelSnippets(replacing: wordRange)
        }

        guard let block = enclosingBlock(tree, offset: offset, line: line) else { return [] }
        let owner = block.kind == .kpiDecl ? kpi(at: block.range.lowerBound, in: path) : nil

        // A value: `key: partial`.
        if let colon = typed.firstIndex(of: ":") {
            let key = String(typed[..<colon]).trimmingCharacters(in: " \t")
            let valueStart = lineStart + indent + typed.utf8.distance(from: typed.utf8.startIndex, to: colon) + 1
            var valueBegin = valueStart
            while valueBegin < offset && (tree.bytes[valueBegin] == 0x20 || tree.bytes[valueBegin] == 0x09) { valueBegin += 1 }
            let valueRange = valueBegin..<max(valueBegin, tree.lines.lineEnd(line))
            return values(for: key, path: path, owner: owner, wordRange: wordRange, wholeValue: valueRange)
        }
        // Deeper than a field: list items and dated entries take no completion.
        let fieldIndent = block.childNodes.first.map { $0.tokens.prefix(while: { $0.kind == .whitespace }).reduce(0) { $0 + $1.range.count } } ?? indent
        if indent > fieldIndent { return [] }
        return fields(for: block, tree: tree, wordRange: wordRange, currentLine: line)
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
        let used = Set(block.childNodes.compactMap { node -> String? in
            guard tree.lines.line(of: node.range.lowerBound) != currentLine else { return nil }
            return (node.firstToken(.key) ?? node.firstToken(.word)).map { tree.text($0) }
        })
        let all = block.kind == .planDecl ? PlanFile.planFields : PlanFile.kpiFields
        // A KPI either supports a parent or is a root goal: offer only what fits.
        let excluded = used.union(used.contains("parent") ? ["top-level"] : used.contains("top-level") ? ["parent"] : [])
        return all.enumerated().filter { !excluded.contains($0.element) }.map { index, key in
            let insert: String
            var snippet = false
            switch key {
            case "top-level": insert = "top-level"
            case "actions": insert = "actions:\n    - ${1:action}"; snippet = true
            case "actuals", "milestones": insert = "\(key):\n    ${1:2027-03-31}: ${2:value}"; snippet = true
            default: insert = key + ": "
            }
            return CompletionEntry(label: key, kind: .field, detail: "field", documentation: FieldDocs.text[key],
                                   insertText: insert, isSnippet: snippet, replaceRange: wordRange,
                                   sortText: String(format2(index)))
        }
    }

    func values(for key: String, path: String, owner: KPIRef?, wordRange: Range<Int>, wholeValue: Range<Int>) -> [CompletionEntry] {
        func choices(_ values: [String], detail: String) -> [CompletionEntry] {
            values.map { CompletionEntry(label: $0, kind: .value, detail: detail, insertText: $0, replaceRange: wordRange) }
        }
        switch key {
        case "metric":
            var entries = Self.catalogMetricEntries.map { metric in
                CompletionEntry(label: metric.name, kind: .metric, detail: metric.detail,
                                documentation: metric.documentation, insertText: metric.name, replaceRange: wholeValue)
            }
            for (name, users) in workspaceMetrics() {
                entries.append(CompletionEntry(label: name, kind: .metric, detail: "used in this workspace",
                                               documentation: Self.workspaceMetricText(name, users: users), insertText: name, replaceRange: wholeValue))
            }
            return entries
        case "parent":
            let visible = visible(from: path)
            var excluded: Set<KPIRef> = []
            if let owner {
                // Not itself, nor anything below it: that would be a cycle.
                var stack = [owner]
                while let next = stack.popLast() {
                    if excluded.insert(next).inserted { stack += children(of: next) }
                }
            }
            // Excluded KPIs by file: only the files they are in need a look-up per KPI (hashing a
            // reference per visible KPI was most of the time at 10,000 KPIs).
            var excludedIndexes: [String: Set<Int>] = [:]
            for ref in excluded { excludedIndexes[ref.path, default: []].insert(ref.index) }
            let files = visible.sorted()
            let candidateCount = files.reduce(0) { count, file in
                count + (workspace.files[file]?.kpis.count ?? 0) - (excludedIndexes[file]?.count ?? 0)
            }
            // Every visible id; past the limit only those matching what was typed, up to the limit
            // (the list is then marked incomplete, and the editor asks again as the user types).
            let typed = TypedFilter(candidateCount > Self.completionLimit ? Array(file(path)!.tree.bytes[wordRange]) : [])
            var entries: [CompletionEntry] = []
            candidates: for file in files {
                guard let kpis = workspace.files[file]?.kpis else { continue }
                let skipped = excludedIndexes[file] ?? []
                // What was typed is matched against the file's ids laid end to end: reading each id
                // from its KPI touched a 744-byte struct per visible KPI.
                let candidates = typed.isEmpty ? Array(kpis.indices) : idLists.value(for: file) { IDList(kpis.lazy.map(\.id)) }.indices(matching: typed)
                for index in candidates {
                    if !skipped.isEmpty && skipped.contains(index) { continue }
                    entries.append(Self.parentEntry(kpis[index], in: file, from: path, replacing: wordRange))
                    if entries.count == Self.completionLimit { break candidates }
                }
            }
            if candidateCount > Self.completionLimit { entries = entries.map { var e = $0; e.isPartOfIncompleteList = true; return e } }
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

    /// A KPI offered as a parent, with its title, metric and file.
    static func parentEntry(_ kpi: KPI, in file: String, from path: String, replacing wordRange: Range<Int>) -> CompletionEntry {
        let fileName = file.split(separator: "/").last ?? ""
        var documentation = "**\(kpi.id)**" + (kpi.title.map { " — \($0)" } ?? "")
        if let metric = kpi.metric?.value { documentation += "  \nMetric: \(metric)" }
        documentation += "  \nIn `\(fileName)`"
        return CompletionEntry(label: kpi.id, kind: .kpi, detail: (kpi.title ?? "KPI") + (file == path ? "" : " (\(fileName))"),
                               documentation: Explanation.escaped(documentation), insertText: kpi.id, replaceRange: wordRange)
    }

    /// At most this many entries answer one completion request.
    public static let completionLimit = 200

    /// The catalog's entries, which no workspace changes: built once, not per request.
    static let catalogMetricEntries: [(name: String, detail: String, documentation: String)] = MetricCatalog.all.map { metric in
        // As a hover on the name shows it (the lookup picks the metric a shared name means).
        (metric.name, "\(metric.kind.rawValue) · \(metric.unit.rawValue)",
         Explanation.escaped(catalogMetricText(MetricCatalog.lookup(metric.name) ?? metric)))
    }

    /// What was typed, for matching ids against: its characters lowercased, and when it is
    /// printable ASCII (nearly always) its bytes lowercased too.
    struct TypedFilter {
        let characters: [Character]
        let asciiLowercased: [UInt8]?
        /// The characters typed, as `characterMask` sets them (0, which every id passes, off the
        /// ASCII path).
        let mask: UInt64

        init(_ typedBytes: [UInt8]) {
            characters = Array(String(decoding: typedBytes, as: UTF8.self).lowercased())
            asciiLowercased = typedBytes.allSatisfy(TypedFilter.printable) ? typedBytes.map(TypedFilter.lower) : nil
            mask = asciiLowercased == nil ? 0 : TypedFilter.characterMask(typedBytes)
        }

        static func printable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }
        static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        var isEmpty: Bool { characters.isEmpty }

        /// One bit per letter (either case), digit, `-`, `_` and `.`, one for any other printable
        /// ASCII character, and one for anything else. Every character typed must be in an id it
        /// matches, so an id whose mask lacks a bit of the typed mask cannot match: most ids are
        /// turned away by one AND, unread (the scan of every id was most of a `parent:` completion).
        static func characterMask(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var mask: UInt64 = 0
            for byte in bytes {
                let bit: UInt64 = switch lower(byte) {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt64(lower(byte) - UInt8(ascii: "a"))
                case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + UInt64(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "-"): 36
                case UInt8(ascii: "_"): 37
                case UInt8(ascii: "."): 38
                case 0x20..<0x7F: 39
                default: 63   // not on the ASCII path: such an id is always read
                }
                mask |= 1 << bit
            }
            return mask
        }

        /// `fuzzyMatch(characters, id.lowercased())` for an id's UTF-8 bytes, byte by byte when both
        /// are printable ASCII: the same answer, without a lowercased copy of every visible id.
        func matches(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let typed = asciiLowercased else { return fuzzyMatch(characters, String(decoding: id, as: UTF8.self).lowercased()) }
            var index = 0
            for byte in id {
                guard TypedFilter.printable(byte) else { return fuzzyMatch(characters, String(decoding: id, as: UTF8.self).lowercased()) }
                if index < typed.count && TypedFilter.lower(byte) == typed[index] { index += 1 }
            }
            return index == typed.count
        }
    }

    /// A file's KPI ids as one run of UTF-8 bytes, id after id.
    struct IDList: Sendable {
        private var bytes: [UInt8] = []
        private var ends: [Int] = []
        /// Each id's `TypedFilter.characterMask`.
        private var masks: [UInt64] = []

        init(_ ids: some Sequence<String>) {
            for id in ids {
                bytes.append(contentsOf: id.utf8)
                ends.append(bytes.count)
                masks.append(TypedFilter.characterMask(id.utf8))
            }
        }

        /// The indices of the ids `filter` matches, in order: ids lacking a character typed are
        /// passed over by their masks; the others are read.
        func indices(matching filter: TypedFilter) -> [Int] {
            bytes.withUnsafeBufferPointer { all in
                var found: [Int] = []
                for index in masks.indices where masks[index] & filter.mask == filter.mask || masks[index] & (1 << 63) != 0 {
                    let start = index == 0 ? 0 : ends[index - 1]
                    if filter.matches(UnsafeBufferPointer(rebasing: all[start..<ends[index]])) { found.append(index) }
                }
                return found
            }
        }
    }

    /// The workspace's own metrics (not in the catalog) with how many KPIs use each, by name in any
    /// letter case (shown as the smallest spelling). Worked out once per analysis: every metric
    /// completion and hover reads it, and going over 327 files took half of a completion's time
    /// at 100,000 KPIs.
    func workspaceMetrics() -> [(name: String, users: Int)] {
        workspaceMetricList.value {
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
            CompletionEntry(label: "kpi", kind: .snippet, detail: "a KPI that supports a parent goal",
                            insertText: "kpi ${1:id} \"${2:Title}\"\n  parent: ${3:parent}\n  metric: ${4:metric}\n  owner: ${5:owner}\n  baseline: ${6:value} at ${7:2026-12-31}\n  target: ${8:+20%} by ${9:FY2027}\n  actions:\n    - ${10:action}\n",
                            isSnippet: true, replaceRange: range, sortText: "0"),
            CompletionEntry(label: "kpi (top-level)", kind: .snippet, detail: "a root goal",
                            insertText: "kpi ${1:id} \"${2:Title}\"\n  top-level\n  metric: ${3:metric}\n  owner: ${4:owner}\n  baseline: ${5:value} at ${6:2026-12-31}\n  target: ${7:value} by ${8:FY2027}\n  actions:\n    - ${9:action}\n",
                            isSnippet: true, replaceRange: range, sortText: "1"),
            CompletionEntry(label: "kpi (split)", kind: .snippet, detail: "a goal whose children add up",
                            insertText: "kpi ${1:id} \"${2:Title}\"\n  parent: ${3:parent}\n  metric: ${4:revenue}\n  baseline: ${5:\\$10,000/month} at ${6:2026-12-31}\n  target: ${7:+\\$1,500} by ${8:FY2027}\n  split: sum\n\nkpi ${9:child}\n  parent: ${1:id}\n  contributes: ${10:+\\$500}\n",
                            isSnippet: true, replaceRange: range, sortText: "2"),
            CompletionEntry(label: "plan", kind: .snippet, detail: "the plan header",
                            insertText: "plan \"${1:Name}\"\n  fiscal-year-start: ${2:January}\n  currency: ${3:USD}\n",
                            isSnippet: true, replaceRange: range, sortText: "3"),
            CompletionEntry(label: "use", kind: .keyword, detail: "make another file's KPIs visible",
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

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension String {
    /// Without the characters of `set` at either end (FoundationEssentials has no `trimmingCharacters`).
    public func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

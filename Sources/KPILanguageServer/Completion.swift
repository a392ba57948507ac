// Completion: metric names, parent KPI ids with their titles, the fields a block lacks, the
// values of enumerated fields, files inside `use "…"`, and snippets for new blocks.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func completion(_ params: CompletionParams) throws -> CompletionList? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        let snippets = client.supportsCompletionSnippets
        let entries = analysis.completions(at: positions.offset(params.position), in: path)
            .filter { !($0.isSnippet && !snippets && $0.kind == .snippet) }
        // What every item shares is written once when the client takes list defaults (a metric
        // list is 61 items with one range), and documentation waits for `completionItem/resolve`
        // when the client asks for it that way: the list of metrics is then 7 KB instead of 30.
        let defaults = Set(client.completionItemDefaults)
        let ranges = Set(entries.map(\.replaceRange))
        let editRange = defaults.contains("editRange") && ranges.count == 1 ? positions.range(ranges.first!) : nil
        func format(_ entry: CompletionEntry) -> InsertTextFormat { entry.isSnippet && snippets ? .snippet : .plainText }
        let formats = Set(entries.map { format($0).rawValue })
        let insertTextFormat = defaults.contains("insertTextFormat") && formats.count == 1 ? formats.first.map(InsertTextFormat.init) : nil
        let resolvesDocumentation = client.completionResolveProperties.contains("documentation")
        let generation = completionDocuments.remember(resolvesDocumentation ? entries.map(\.documentation) : [])
        let items = entries.enumerated().map { index, entry -> CompletionItem in
            let text = entry.isSnippet && !snippets ? Self.plainText(fromSnippet: entry.insertText) : entry.insertText
            let documentation = entry.documentation.map { MarkupContent(kind: .markdown, value: $0) }
            return CompletionItem(
                label: entry.label, kind: Self.kind(entry.kind), detail: entry.detail,
                documentation: resolvesDocumentation ? nil : documentation,
                insertTextFormat: insertTextFormat == nil ? format(entry) : nil,
                textEdit: editRange == nil ? TextEdit(range: positions.range(entry.replaceRange), newText: text) : nil,
                textEditText: editRange != nil && text != entry.label ? text : nil,
                sortText: entry.sortText,
                data: resolvesDocumentation && documentation != nil ? .array([.number(Double(generation)), .number(Double(index))]) : nil)
        }
        let itemDefaults = editRange != nil || insertTextFormat != nil ? CompletionItemDefaults(editRange: editRange, insertTextFormat: insertTextFormat) : nil
        return CompletionList(isIncomplete: entries.contains { $0.isPartOfIncompleteList }, itemDefaults: itemDefaults, items: items)
    }

    /// The documentation a completion list left out, for the item the user looks at. An item of a
    /// list no longer kept (or of no list) comes back as it was sent.
    func resolveCompletion(_ item: CompletionItem) throws -> CompletionItem {
        guard let data = item.data?.arrayValue, data.count == 2, let generation = data[0].intValue, let index = data[1].intValue,
              let documentation = completionDocuments.documentation(generation: generation, index: index) else { return item }
        var resolved = item
        resolved.documentation = MarkupContent(kind: .markdown, value: documentation)
        return resolved
    }

    static func kind(_ kind: CompletionEntry.Kind) -> CompletionItemKind {
        switch kind {
        case .field: .property
        case .kpi: .reference
        case .metric: .unit
        case .value: .enumMember
        case .file: .file
        case .snippet: .snippet
        case .keyword: .keyword
        }
    }

    /// `${1:id}` → `id`, for clients without snippet support.
    static func plainText(fromSnippet snippet: String) -> String {
        var out = ""
        var rest = Substring(snippet)
        while let start = rest.firstRange(of: "${") {
            out += rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            guard let colon = rest.firstIndex(of: ":"), let end = rest.firstIndex(of: "}") else { break }
            out += rest[rest.index(after: colon)..<end]
            rest = rest[rest.index(after: end)...]
        }
        return (out + rest).replacing("\\$", with: "$")
    }
}

/// The documentation of the last few completion lists, by the number the server gave each list:
/// a client that resolves documentation asks for it after the list, while the user looks through it.
struct CompletionDocuments {
    private var lists: [(generation: Int, documents: [String?])] = []
    private var next = 1
    /// Lists kept: the user may still be looking at an older list while the editor asks for a new one.
    static let kept = 4

    /// Keeps a list's documentation (nothing for an empty one); returns the list's number.
    mutating func remember(_ documents: [String?]) -> Int {
        defer { next += 1 }
        guard documents.contains(where: { $0 != nil }) else { return next }
        lists.append((next, documents))
        if lists.count > Self.kept { lists.removeFirst() }
        return next
    }

    func documentation(generation: Int, index: Int) -> String? {
        guard let list = lists.first(where: { $0.generation == generation }), list.documents.indices.contains(index) else { return nil }
        return list.documents[index]
    }
}

// Completion: metric names, parent KPI ids with their titles, the fields a block lacks, the
// values of enumerated fields, files inside `use "…"`, and snippets for new blocks.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func completion(_ params: CompletionParams) throws -> CompletionList? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        let snippets = client.supportsCompletionSnippets
        var entries = analysis.completions(at: positions.offset(params.position), in: path, caches: caches)
        if !snippets { entries.removeAll { $0.isSnippet && $0.kind == .snippet } }
        // What every item shares is written once when the client takes list defaults (a metric
        // list is 61 items with one range), and documentation waits for `completionItem/resolve`
        // when the client asks for it that way, and the detail too when the client resolves both
        // (VS Code shows them for the item in focus only): the list of metrics is then 5 KB
        // instead of 30.
        // A list with text that has a space inside goes as snippets to clients that take them:
        // Neovim's completion inserts a plain-text edit only up to its first space (`metric: Churn`
        // for Churn Rate). The whole list, so that its format is still written once.
        let spaced = snippets && entries.contains { !$0.isSnippet && $0.insertText.dropLast().contains(" ") }
        func asSnippet(_ entry: CompletionEntry) -> Bool { snippets && (entry.isSnippet || spaced) }
        func format(_ entry: CompletionEntry) -> InsertTextFormat { asSnippet(entry) ? .snippet : .plainText }
        let defaults = client.completionItemDefaults
        let first = entries.first
        let oneRange = first.map { first in entries.allSatisfy { $0.replaceRange == first.replaceRange } } ?? false
        let oneFormat = first.map { first in entries.allSatisfy { format($0) == format(first) } } ?? false
        let editRange = oneRange && defaults.contains("editRange") ? first.map { positions.range($0.replaceRange) } : nil
        let insertTextFormat = oneFormat && defaults.contains("insertTextFormat") ? first.map(format) : nil
        let resolvesDocumentation = client.completionResolveProperties.contains("documentation")
        let resolvesDetail = resolvesDocumentation && client.completionResolveProperties.contains("detail")
        func deferred(_ entry: CompletionEntry) -> CompletionDocuments.Deferred {
            .init(documentation: entry.documentation, detail: resolvesDetail ? entry.detail : nil)
        }
        let firstNumber = completionDocuments.remember(resolvesDocumentation ? entries.map(deferred) : [])
        var items: [CompletionItem] = []
        items.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let text =
                entry.isSnippet
                ? (snippets ? entry.insertText : Self.plainText(fromSnippet: entry.insertText))
                : asSnippet(entry) ? Self.snippet(fromPlainText: entry.insertText) : entry.insertText
            let documentation = resolvesDocumentation ? nil : entry.documentation.map(documentationContent)
            items.append(
                CompletionItem(
                    label: entry.label, kind: Self.kind(entry.kind), detail: resolvesDetail ? nil : entry.detail,
                    documentation: documentation,
                    insertTextFormat: insertTextFormat == nil ? format(entry) : nil,
                    textEdit: editRange == nil ? TextEdit(range: positions.range(entry.replaceRange), newText: text) : nil,
                    textEditText: editRange != nil && text != entry.label ? text : nil,
                    sortText: entry.sortText,
                    data: resolvesDocumentation && !deferred(entry).isEmpty ? .integer(firstNumber + index) : nil))
        }
        let itemDefaults =
            editRange != nil || insertTextFormat != nil
            ? CompletionItemDefaults(editRange: editRange, insertTextFormat: insertTextFormat) : nil
        return CompletionList(isIncomplete: entries.contains { $0.isPartOfIncompleteList }, itemDefaults: itemDefaults, items: items)
    }

    /// The documentation a completion list left out, for the item the user looks at. An item of a
    /// list no longer kept (or of no list) comes back as it was sent.
    func resolveCompletion(_ item: CompletionItem) throws -> CompletionItem {
        guard let number = item.data?.intValue, let deferred = completionDocuments.deferred(number) else { return item }
        var resolved = item
        if let documentation = deferred.documentation { resolved.documentation = documentationContent(documentation) }
        if let detail = deferred.detail { resolved.detail = detail }
        return resolved
    }

    /// An entry's documentation as the client shows it: markdown, or plain text when the client
    /// lists only plain text (as hovers do).
    func documentationContent(_ markdown: String) -> MarkupContent {
        let formats = client.completionDocumentationFormat
        if formats.isEmpty || formats.contains(.markdown) { return MarkupContent(kind: .markdown, value: markdown) }
        return MarkupContent(kind: .plaintext, value: Analysis.HoverContent.stripped(markdown))
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

    /// Plain text as a snippet that inserts it: `$`, `}` and `\` escaped.
    static func snippet(fromPlainText text: String) -> String {
        var out = ""
        for character in text {
            if character == "$" || character == "}" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
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

/// The documentation (and details) of the last few completion lists. Items are numbered across
/// lists (an item's `data` is its number: one integer per item, the cheapest thing to write and
/// to read back); a client that resolves documentation asks for it after the list, while the user looks
/// through it.
struct CompletionDocuments {
    /// What an item's `completionItem/resolve` adds.
    struct Deferred {
        var documentation: String?
        var detail: String?
        var isEmpty: Bool { documentation == nil && detail == nil }
    }

    private var lists: [(first: Int, documents: [Deferred])] = []
    private var next = 1
    /// Lists kept: the user may still be looking at an older list while the editor asks for a new one.
    static let kept = 4

    /// Keeps a list's documentation (nothing for a list without any); returns the number of its
    /// first item.
    mutating func remember(_ documents: [Deferred]) -> Int {
        let first = next
        next += max(documents.count, 1)
        guard documents.contains(where: { !$0.isEmpty }) else { return first }
        lists.append((first, documents))
        if lists.count > Self.kept { lists.removeFirst() }
        return first
    }

    func deferred(_ number: Int) -> Deferred? {
        guard let list = lists.first(where: { $0.first <= number && number - $0.first < $0.documents.count }) else { return nil }
        return list.documents[number - list.first]
    }
}

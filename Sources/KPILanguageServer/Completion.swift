// Completion: metric names, parent KPI ids with their titles, the fields a block lacks, the
// values of enumerated fields, files inside `use "…"`, and snippets for new blocks.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func completion(_ params: CompletionParams) throws -> CompletionList? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        let snippets = client.supportsCompletionSnippets
        let entries = analysis.completions(at: positions.offset(params.position), in: path)
        let items = entries.compactMap { entry -> CompletionItem? in
            if entry.isSnippet && !snippets && entry.kind == .snippet { return nil }
            let text = entry.isSnippet && !snippets ? Self.plainText(fromSnippet: entry.insertText) : entry.insertText
            return CompletionItem(
                label: entry.label, kind: Self.kind(entry.kind), detail: entry.detail,
                documentation: entry.documentation.map { MarkupContent(kind: .markdown, value: $0) },
                insertTextFormat: entry.isSnippet && snippets ? .snippet : .plainText,
                textEdit: TextEdit(range: positions.range(entry.replaceRange), newText: text),
                filterText: entry.label, sortText: entry.sortText)
        }
        return CompletionList(isIncomplete: entries.contains { $0.isPartOfIncompleteList }, items: items)
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

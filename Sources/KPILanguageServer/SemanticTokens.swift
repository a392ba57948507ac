// Semantic colouring from the parser's own understanding: keywords, KPI ids (declarations and
// references), field keys, metrics, quantities, dates, enumerated values. Full, range and delta.

import KPIPlan
import LanguageServerProtocol

enum SemanticTokenLegend {
    /// A class's token type: its index in the legend and its LSP name. (A switch, not a dictionary:
    /// the dictionary's first use looked up a conformance, which slowed the `initialize` answer.)
    static func type(of kind: SemanticClass) -> (index: UInt32, name: String) {
        switch kind {
        case .keyword: (0, "keyword")
        case .kpi: (1, "class")
        case .field: (2, "property")
        case .metric: (3, "type")
        case .number: (4, "number")
        case .date: (5, "macro")
        case .string: (6, "string")
        case .comment: (7, "comment")
        case .operator: (8, "operator")
        case .enumMember: (9, "enumMember")
        }
    }
    static let legend = SemanticTokensLegend(
        tokenTypes: SemanticClass.allCases.map { type(of: $0) }.sorted { $0.index < $1.index }.map(\.name),
        tokenModifiers: ["declaration"])
}

extension Server {
    func semanticTokensFull(_ params: TextDocumentParams) throws -> SemanticTokens? {
        guard let data = semanticData(params.textDocument.uri, range: nil) else { return nil }
        let id = String(nextResultID)
        nextResultID += 1
        semanticTokenResults[URIs.path(params.textDocument.uri)] = (id, data)
        return SemanticTokens(resultId: id, data: data)
    }

    func semanticTokensRange(_ params: TextDocumentRangeParams) throws -> SemanticTokens? {
        guard let (_, _, positions) = document(params.textDocument.uri) else { return nil }
        return semanticData(params.textDocument.uri, range: positions.offsets(params.range)).map { SemanticTokens(data: $0) }
    }

    func semanticTokensDelta(_ params: SemanticTokensDeltaParams) throws -> SemanticTokensDeltaResult? {
        let path = URIs.path(params.textDocument.uri)
        let previous = semanticTokenResults[path]
        guard let full = try semanticTokensFull(TextDocumentParams(textDocument: params.textDocument)) else { return nil }
        guard let previous, previous.id == params.previousResultId else { return .tokens(full) }
        // One edit: the part between the common prefix and suffix of the two token arrays.
        let old = previous.data
        let new = full.data
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let edits =
            old == new
            ? []
            : [SemanticTokensEdit(start: prefix, deleteCount: old.count - prefix - suffix, data: Array(new[prefix..<(new.count - suffix)]))]
        return .delta(SemanticTokensDelta(resultId: full.resultId, edits: edits))
    }

    /// The LSP encoding: five integers a token, each position relative to the previous token.
    func semanticData(_ uri: String, range: Range<Int>?) -> [UInt32]? {
        guard let (analysis, path, positions) = document(uri) else { return nil }
        var data: [UInt32] = []
        var previousLine = 0
        var previousStart = 0
        for span in analysis.semanticSpans(of: path) {
            if let range, !span.range.overlaps(range) { continue }
            let start = positions.position(span.range.lowerBound)
            let end = positions.position(span.range.upperBound)
            guard start.line == end.line, end.character > start.character else { continue }
            let type = SemanticTokenLegend.type(of: span.kind)
            let deltaLine = start.line - previousLine
            let deltaStart = deltaLine == 0 ? start.character - previousStart : start.character
            data += [
                UInt32(deltaLine), UInt32(deltaStart), UInt32(end.character - start.character), type.index, span.isDeclaration ? 1 : 0,
            ]
            previousLine = start.line
            previousStart = start.character
        }
        return data
    }
}

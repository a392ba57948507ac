// Params and results of what the editor draws over a plan: semantic tokens, inlay hints and
// folding ranges.

// MARK: - Semantic tokens

public struct SemanticTokensDeltaParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var previousResultId: String

    public init(textDocument: TextDocumentIdentifier, previousResultId: String) {
        self.textDocument = textDocument
        self.previousResultId = previousResultId
    }
}

/// Params of `semanticTokens/range`, `inlayHint`: a document and a range in it.
public struct TextDocumentRangeParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange

    public init(textDocument: TextDocumentIdentifier, range: LSPRange) {
        self.textDocument = textDocument
        self.range = range
    }
}

public typealias SemanticTokensParams = TextDocumentParams
public typealias SemanticTokensRangeParams = TextDocumentRangeParams

/// Tokens as LSP's relative quintuples: deltaLine, deltaStart, length, type index, modifier bits.
public struct SemanticTokens: Codable, Hashable, Sendable {
    public var resultId: String?
    public var data: [UInt32]

    public init(resultId: String? = nil, data: [UInt32]) {
        self.resultId = resultId
        self.data = data
    }
}

public struct SemanticTokensEdit: Codable, Hashable, Sendable {
    public var start: Int
    public var deleteCount: Int
    public var data: [UInt32]?

    public init(start: Int, deleteCount: Int, data: [UInt32]? = nil) {
        self.start = start
        self.deleteCount = deleteCount
        self.data = data
    }
}

public struct SemanticTokensDelta: Codable, Hashable, Sendable {
    public var resultId: String?
    public var edits: [SemanticTokensEdit]

    public init(resultId: String? = nil, edits: [SemanticTokensEdit]) {
        self.resultId = resultId
        self.edits = edits
    }
}

/// Answer to `semanticTokens/full/delta`: either a full token set or edits to the previous one.
public enum SemanticTokensDeltaResult: Codable, Hashable, Sendable {
    case tokens(SemanticTokens)
    case delta(SemanticTokensDelta)

    public init(from decoder: any Decoder) throws {
        let probe = try decoder.container(keyedBy: ProbeKey.self)
        self =
            probe.contains(.edits)
            ? .delta(try SemanticTokensDelta(from: decoder))
            : .tokens(try SemanticTokens(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .tokens(let tokens): try tokens.encode(to: encoder)
        case .delta(let delta): try delta.encode(to: encoder)
        }
    }

    private enum ProbeKey: String, CodingKey { case edits }
}

// MARK: - Inlay hints

public struct InlayHintKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let type = InlayHintKind(rawValue: 1)
    public static let parameter = InlayHintKind(rawValue: 2)
}

public typealias InlayHintParams = TextDocumentRangeParams

public struct InlayHint: Codable, Hashable, Sendable {
    public var position: Position
    public var label: String
    public var kind: InlayHintKind?
    public var textEdits: [TextEdit]?
    public var tooltip: String?
    public var paddingLeft: Bool?
    public var paddingRight: Bool?

    public init(
        position: Position, label: String, kind: InlayHintKind? = nil, textEdits: [TextEdit]? = nil,
        tooltip: String? = nil, paddingLeft: Bool? = nil, paddingRight: Bool? = nil
    ) {
        self.position = position
        self.label = label
        self.kind = kind
        self.textEdits = textEdits
        self.tooltip = tooltip
        self.paddingLeft = paddingLeft
        self.paddingRight = paddingRight
    }
}

// MARK: - Folding

public struct FoldingRangeKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let comment = FoldingRangeKind(rawValue: "comment")
    public static let imports = FoldingRangeKind(rawValue: "imports")
    public static let region = FoldingRangeKind(rawValue: "region")
}

public struct FoldingRange: Codable, Hashable, Sendable {
    public var startLine: Int
    public var startCharacter: Int?
    public var endLine: Int
    public var endCharacter: Int?
    public var kind: FoldingRangeKind?
    public var collapsedText: String?

    public init(
        startLine: Int, startCharacter: Int? = nil, endLine: Int, endCharacter: Int? = nil,
        kind: FoldingRangeKind? = nil, collapsedText: String? = nil
    ) {
        self.startLine = startLine
        self.startCharacter = startCharacter
        self.endLine = endLine
        self.endCharacter = endCharacter
        self.kind = kind
        self.collapsedText = collapsedText
    }
}

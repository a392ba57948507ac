// Params and results of the language feature requests: hover, completion, navigation, symbols,
// rename, code actions, formatting, semantic tokens, inlay hints, code lens, folding,
// type hierarchy and pull diagnostics.

// MARK: - Hover

public struct Hover: Codable, Hashable, Sendable {
    public var contents: MarkupContent
    public var range: LSPRange?

    public init(contents: MarkupContent, range: LSPRange? = nil) {
        self.contents = contents
        self.range = range
    }
}

// MARK: - Completion

public struct CompletionTriggerKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let invoked = CompletionTriggerKind(rawValue: 1)
    public static let triggerCharacter = CompletionTriggerKind(rawValue: 2)
    public static let triggerForIncompleteCompletions = CompletionTriggerKind(rawValue: 3)
}

public struct CompletionContext: Codable, Hashable, Sendable {
    public var triggerKind: CompletionTriggerKind
    public var triggerCharacter: String?

    public init(triggerKind: CompletionTriggerKind, triggerCharacter: String? = nil) {
        self.triggerKind = triggerKind
        self.triggerCharacter = triggerCharacter
    }
}

public struct CompletionParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var context: CompletionContext?

    public init(textDocument: TextDocumentIdentifier, position: Position, context: CompletionContext? = nil) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

public struct CompletionItemKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let text = Self(rawValue: 1)
    public static let method = Self(rawValue: 2)
    public static let function = Self(rawValue: 3)
    public static let constructor = Self(rawValue: 4)
    public static let field = Self(rawValue: 5)
    public static let variable = Self(rawValue: 6)
    public static let `class` = Self(rawValue: 7)
    public static let interface = Self(rawValue: 8)
    public static let module = Self(rawValue: 9)
    public static let property = Self(rawValue: 10)
    public static let unit = Self(rawValue: 11)
    public static let value = Self(rawValue: 12)
    public static let `enum` = Self(rawValue: 13)
    public static let keyword = Self(rawValue: 14)
    public static let snippet = Self(rawValue: 15)
    public static let color = Self(rawValue: 16)
    public static let file = Self(rawValue: 17)
    public static let reference = Self(rawValue: 18)
    public static let folder = Self(rawValue: 19)
    public static let enumMember = Self(rawValue: 20)
    public static let constant = Self(rawValue: 21)
    public static let `struct` = Self(rawValue: 22)
    public static let event = Self(rawValue: 23)
    public static let `operator` = Self(rawValue: 24)
    public static let typeParameter = Self(rawValue: 25)
}

public struct InsertTextFormat: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let plainText = InsertTextFormat(rawValue: 1)
    public static let snippet = InsertTextFormat(rawValue: 2)
}

public struct CompletionItem: Codable, Hashable, Sendable {
    public var label: String
    public var kind: CompletionItemKind?
    public var detail: String?
    public var documentation: MarkupContent?
    public var insertText: String?
    public var insertTextFormat: InsertTextFormat?
    public var textEdit: TextEdit?
    /// The new text when the list's `itemDefaults.editRange` gives the range (LSP 3.17).
    public var textEditText: String?
    public var filterText: String?
    public var sortText: String?
    /// Kept by the client and sent back with `completionItem/resolve`.
    public var data: JSONValue?

    public init(
        label: String, kind: CompletionItemKind? = nil, detail: String? = nil,
        documentation: MarkupContent? = nil, insertText: String? = nil,
        insertTextFormat: InsertTextFormat? = nil, textEdit: TextEdit? = nil,
        textEditText: String? = nil, filterText: String? = nil, sortText: String? = nil, data: JSONValue? = nil
    ) {
        self.label = label
        self.kind = kind
        self.detail = detail
        self.documentation = documentation
        self.insertText = insertText
        self.insertTextFormat = insertTextFormat
        self.textEdit = textEdit
        self.textEditText = textEditText
        self.filterText = filterText
        self.sortText = sortText
        self.data = data
    }
}

/// What the items of a list share, written once (LSP 3.17 `CompletionList.itemDefaults`).
public struct CompletionItemDefaults: Codable, Hashable, Sendable {
    public var editRange: LSPRange?
    public var insertTextFormat: InsertTextFormat?

    public init(editRange: LSPRange? = nil, insertTextFormat: InsertTextFormat? = nil) {
        self.editRange = editRange
        self.insertTextFormat = insertTextFormat
    }
}

public struct CompletionList: Codable, Hashable, Sendable {
    public var isIncomplete: Bool
    public var itemDefaults: CompletionItemDefaults?
    public var items: [CompletionItem]

    public init(isIncomplete: Bool = false, itemDefaults: CompletionItemDefaults? = nil, items: [CompletionItem]) {
        self.isIncomplete = isIncomplete
        self.itemDefaults = itemDefaults
        self.items = items
    }
}

// MARK: - References and highlights

public struct ReferenceContext: Codable, Hashable, Sendable {
    public var includeDeclaration: Bool
    public init(includeDeclaration: Bool) { self.includeDeclaration = includeDeclaration }
}

public struct ReferenceParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var context: ReferenceContext

    public init(textDocument: TextDocumentIdentifier, position: Position, context: ReferenceContext) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

public struct DocumentHighlightKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let text = DocumentHighlightKind(rawValue: 1)
    public static let read = DocumentHighlightKind(rawValue: 2)
    public static let write = DocumentHighlightKind(rawValue: 3)
}

public struct DocumentHighlight: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var kind: DocumentHighlightKind?

    public init(range: LSPRange, kind: DocumentHighlightKind? = nil) {
        self.range = range
        self.kind = kind
    }
}

// MARK: - Symbols

public struct SymbolKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let file = Self(rawValue: 1)
    public static let module = Self(rawValue: 2)
    public static let namespace = Self(rawValue: 3)
    public static let package = Self(rawValue: 4)
    public static let `class` = Self(rawValue: 5)
    public static let method = Self(rawValue: 6)
    public static let property = Self(rawValue: 7)
    public static let field = Self(rawValue: 8)
    public static let constructor = Self(rawValue: 9)
    public static let `enum` = Self(rawValue: 10)
    public static let interface = Self(rawValue: 11)
    public static let function = Self(rawValue: 12)
    public static let variable = Self(rawValue: 13)
    public static let constant = Self(rawValue: 14)
    public static let string = Self(rawValue: 15)
    public static let number = Self(rawValue: 16)
    public static let boolean = Self(rawValue: 17)
    public static let array = Self(rawValue: 18)
    public static let object = Self(rawValue: 19)
    public static let key = Self(rawValue: 20)
    public static let null = Self(rawValue: 21)
    public static let enumMember = Self(rawValue: 22)
    public static let `struct` = Self(rawValue: 23)
    public static let event = Self(rawValue: 24)
    public static let `operator` = Self(rawValue: 25)
    public static let typeParameter = Self(rawValue: 26)
}

public struct SymbolTag: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let deprecated = SymbolTag(rawValue: 1)
}

public struct DocumentSymbol: Codable, Hashable, Sendable {
    public var name: String
    public var detail: String?
    public var kind: SymbolKind
    public var tags: [SymbolTag]?
    /// The whole construct, e.g. a block including its body.
    public var range: LSPRange
    /// The part to reveal when selected, e.g. the name; must lie within `range`.
    public var selectionRange: LSPRange
    public var children: [DocumentSymbol]?

    public init(
        name: String, detail: String? = nil, kind: SymbolKind, tags: [SymbolTag]? = nil,
        range: LSPRange, selectionRange: LSPRange, children: [DocumentSymbol]? = nil
    ) {
        self.name = name
        self.detail = detail
        self.kind = kind
        self.tags = tags
        self.range = range
        self.selectionRange = selectionRange
        self.children = children
    }
}

public struct WorkspaceSymbolParams: Codable, Hashable, Sendable {
    public var query: String
    public init(query: String) { self.query = query }
}

/// A workspace symbol with a full location (valid as both `SymbolInformation` and `WorkspaceSymbol`).
public struct SymbolInformation: Codable, Hashable, Sendable {
    public var name: String
    public var kind: SymbolKind
    public var tags: [SymbolTag]?
    public var containerName: String?
    public var location: Location

    public init(
        name: String, kind: SymbolKind, tags: [SymbolTag]? = nil, containerName: String? = nil,
        location: Location
    ) {
        self.name = name
        self.kind = kind
        self.tags = tags
        self.containerName = containerName
        self.location = location
    }
}

// MARK: - Rename

public struct PrepareRenameResult: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var placeholder: String

    public init(range: LSPRange, placeholder: String) {
        self.range = range
        self.placeholder = placeholder
    }
}

public struct RenameParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
    public var newName: String

    public init(textDocument: TextDocumentIdentifier, position: Position, newName: String) {
        self.textDocument = textDocument
        self.position = position
        self.newName = newName
    }
}

// MARK: - Code actions

public struct CodeActionKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let empty = Self(rawValue: "")
    public static let quickFix = Self(rawValue: "quickfix")
    public static let refactor = Self(rawValue: "refactor")
    public static let refactorExtract = Self(rawValue: "refactor.extract")
    public static let refactorInline = Self(rawValue: "refactor.inline")
    public static let refactorRewrite = Self(rawValue: "refactor.rewrite")
    public static let source = Self(rawValue: "source")
    public static let sourceOrganizeImports = Self(rawValue: "source.organizeImports")
    public static let sourceFixAll = Self(rawValue: "source.fixAll")

    /// Whether a client filter `only: [other]` admits this kind (`refactor` admits `refactor.extract`).
    public func isContained(in other: CodeActionKind) -> Bool {
        other.rawValue.isEmpty || rawValue == other.rawValue || rawValue.hasPrefix(other.rawValue + ".")
    }
}

public struct CodeActionTriggerKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let invoked = CodeActionTriggerKind(rawValue: 1)
    public static let automatic = CodeActionTriggerKind(rawValue: 2)
}

public struct CodeActionContext: Codable, Hashable, Sendable {
    public var diagnostics: [Diagnostic]
    public var only: [CodeActionKind]?
    public var triggerKind: CodeActionTriggerKind?

    public init(diagnostics: [Diagnostic] = [], only: [CodeActionKind]? = nil, triggerKind: CodeActionTriggerKind? = nil) {
        self.diagnostics = diagnostics
        self.only = only
        self.triggerKind = triggerKind
    }
}

public struct CodeActionParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
    public var context: CodeActionContext

    public init(textDocument: TextDocumentIdentifier, range: LSPRange, context: CodeActionContext) {
        self.textDocument = textDocument
        self.range = range
        self.context = context
    }
}

public struct CodeAction: Codable, Hashable, Sendable {
    public var title: String
    public var kind: CodeActionKind?
    public var diagnostics: [Diagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit?
    public var command: Command?
    public var data: JSONValue?

    public init(
        title: String, kind: CodeActionKind? = nil, diagnostics: [Diagnostic]? = nil,
        isPreferred: Bool? = nil, edit: WorkspaceEdit? = nil, command: Command? = nil,
        data: JSONValue? = nil
    ) {
        self.title = title
        self.kind = kind
        self.diagnostics = diagnostics
        self.isPreferred = isPreferred
        self.edit = edit
        self.command = command
        self.data = data
    }
}

// MARK: - Formatting

public struct FormattingOptions: Codable, Hashable, Sendable {
    public var tabSize: Int
    public var insertSpaces: Bool
    public var trimTrailingWhitespace: Bool?
    public var insertFinalNewline: Bool?
    public var trimFinalNewlines: Bool?

    public init(
        tabSize: Int, insertSpaces: Bool, trimTrailingWhitespace: Bool? = nil,
        insertFinalNewline: Bool? = nil, trimFinalNewlines: Bool? = nil
    ) {
        self.tabSize = tabSize
        self.insertSpaces = insertSpaces
        self.trimTrailingWhitespace = trimTrailingWhitespace
        self.insertFinalNewline = insertFinalNewline
        self.trimFinalNewlines = trimFinalNewlines
    }
}

public struct DocumentFormattingParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var options: FormattingOptions

    public init(textDocument: TextDocumentIdentifier, options: FormattingOptions) {
        self.textDocument = textDocument
        self.options = options
    }
}

public struct DocumentRangeFormattingParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: LSPRange
    public var options: FormattingOptions

    public init(textDocument: TextDocumentIdentifier, range: LSPRange, options: FormattingOptions) {
        self.textDocument = textDocument
        self.range = range
        self.options = options
    }
}

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

// MARK: - Code lens

public struct CodeLens: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var command: Command?
    public var data: JSONValue?

    public init(range: LSPRange, command: Command? = nil, data: JSONValue? = nil) {
        self.range = range
        self.command = command
        self.data = data
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

// MARK: - Type hierarchy

public struct TypeHierarchyItem: Codable, Hashable, Sendable {
    public var name: String
    public var kind: SymbolKind
    public var tags: [SymbolTag]?
    public var detail: String?
    public var uri: DocumentURI
    public var range: LSPRange
    public var selectionRange: LSPRange
    /// Preserved by the client between prepare and supertypes/subtypes.
    public var data: JSONValue?

    public init(
        name: String, kind: SymbolKind, tags: [SymbolTag]? = nil, detail: String? = nil,
        uri: DocumentURI, range: LSPRange, selectionRange: LSPRange, data: JSONValue? = nil
    ) {
        self.name = name
        self.kind = kind
        self.tags = tags
        self.detail = detail
        self.uri = uri
        self.range = range
        self.selectionRange = selectionRange
        self.data = data
    }
}

/// Params of `typeHierarchy/supertypes` and `typeHierarchy/subtypes`.
public struct TypeHierarchyItemParams: Codable, Hashable, Sendable {
    public var item: TypeHierarchyItem
    public init(item: TypeHierarchyItem) { self.item = item }
}

// MARK: - Pull diagnostics

public struct DocumentDiagnosticParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var identifier: String?
    public var previousResultId: String?

    public init(textDocument: TextDocumentIdentifier, identifier: String? = nil, previousResultId: String? = nil) {
        self.textDocument = textDocument
        self.identifier = identifier
        self.previousResultId = previousResultId
    }
}

/// Answer to `textDocument/diagnostic`: `{"kind":"full", resultId?, items}` or
/// `{"kind":"unchanged", resultId}` when `previousResultId` is still current.
public enum DocumentDiagnosticReport: Codable, Hashable, Sendable {
    case full(resultId: String? = nil, items: [Diagnostic])
    case unchanged(resultId: String)

    private enum Key: String, CodingKey { case kind, resultId, items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "full":
            self = .full(
                resultId: try container.decodeIfPresent(String.self, forKey: .resultId),
                items: try container.decode([Diagnostic].self, forKey: .items))
        case "unchanged":
            self = .unchanged(resultId: try container.decode(String.self, forKey: .resultId))
        case let kind:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "Unknown report kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .full(let resultId, let items):
            try container.encode("full", forKey: .kind)
            try container.encodeIfPresent(resultId, forKey: .resultId)
            try container.encode(items, forKey: .items)
        case .unchanged(let resultId):
            try container.encode("unchanged", forKey: .kind)
            try container.encode(resultId, forKey: .resultId)
        }
    }
}

// Params and results of the requests that change or judge a plan: code actions, code lenses,
// formatting and pulled diagnostics.

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

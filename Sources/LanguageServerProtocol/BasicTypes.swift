// LSP's basic structures shared by every feature: positions and ranges, locations, text edits,
// document identifiers, markup, commands and diagnostics.

public typealias DocumentURI = String

/// A zero-based line and character offset (in the negotiated position encoding, UTF-16 by default).
public struct Position: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.character) < (b.line, b.character)
    }

    public var description: String { "\(line):\(character)" }
}

/// LSP's `Range` (named so it does not shadow `Swift.Range` in modules that import this one).
/// `end` is exclusive.
public struct LSPRange: Codable, Hashable, Sendable, CustomStringConvertible {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// An empty range at `position`.
    public init(at position: Position) {
        self.init(start: position, end: position)
    }

    public var isEmpty: Bool { start == end }

    /// Whether `position` lies in the range; the end counts, so a cursor just after a word hits it.
    public func contains(_ position: Position) -> Bool { start <= position && position <= end }

    public var description: String { "\(start)-\(end)" }
}

public struct Location: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var range: LSPRange

    public init(uri: DocumentURI, range: LSPRange) {
        self.uri = uri
        self.range = range
    }
}

public struct LocationLink: Codable, Hashable, Sendable {
    public var originSelectionRange: LSPRange?
    public var targetUri: DocumentURI
    public var targetRange: LSPRange
    public var targetSelectionRange: LSPRange

    public init(
        originSelectionRange: LSPRange? = nil, targetUri: DocumentURI, targetRange: LSPRange,
        targetSelectionRange: LSPRange
    ) {
        self.originSelectionRange = originSelectionRange
        self.targetUri = targetUri
        self.targetRange = targetRange
        self.targetSelectionRange = targetSelectionRange
    }
}

public struct TextEdit: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var newText: String

    public init(range: LSPRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// Edits keyed by document URI (the `changes` form, which every client supports).
public struct WorkspaceEdit: Codable, Hashable, Sendable {
    public var changes: [DocumentURI: [TextEdit]]

    public init(changes: [DocumentURI: [TextEdit]] = [:]) {
        self.changes = changes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        changes = try container.decodeIfPresent([DocumentURI: [TextEdit]].self, forKey: .changes) ?? [:]
    }
}

public struct TextDocumentIdentifier: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public init(uri: DocumentURI) { self.uri = uri }
}

public struct VersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var version: Int

    public init(uri: DocumentURI, version: Int) {
        self.uri = uri
        self.version = version
    }
}

public struct TextDocumentItem: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var languageId: String
    public var version: Int
    public var text: String

    public init(uri: DocumentURI, languageId: String, version: Int, text: String) {
        self.uri = uri
        self.languageId = languageId
        self.version = version
        self.text = text
    }
}

/// Params of hover, definition, highlight, prepareRename and typeHierarchy/prepare.
public struct TextDocumentPositionParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position

    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// Params that name only a document (documentSymbol, semanticTokens/full, codeLens, foldingRange).
public struct TextDocumentParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

public struct MarkupKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let plaintext = MarkupKind(rawValue: "plaintext")
    public static let markdown = MarkupKind(rawValue: "markdown")
}

public struct MarkupContent: Codable, Hashable, Sendable {
    public var kind: MarkupKind
    public var value: String

    public init(kind: MarkupKind, value: String) {
        self.kind = kind
        self.value = value
    }

    public static func markdown(_ value: String) -> MarkupContent { MarkupContent(kind: .markdown, value: value) }
    public static func plaintext(_ value: String) -> MarkupContent { MarkupContent(kind: .plaintext, value: value) }
}

public struct Command: Codable, Hashable, Sendable {
    public var title: String
    public var command: String
    public var arguments: [JSONValue]?

    public init(title: String, command: String, arguments: [JSONValue]? = nil) {
        self.title = title
        self.command = command
        self.arguments = arguments
    }
}

// MARK: - Diagnostics

public struct DiagnosticSeverity: RawRepresentable, Codable, Hashable, Sendable, Comparable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let error = DiagnosticSeverity(rawValue: 1)
    public static let warning = DiagnosticSeverity(rawValue: 2)
    public static let information = DiagnosticSeverity(rawValue: 3)
    public static let hint = DiagnosticSeverity(rawValue: 4)

    /// Orders by importance: `.error` < `.warning` < … (lower raw value first).
    public static func < (a: DiagnosticSeverity, b: DiagnosticSeverity) -> Bool { a.rawValue < b.rawValue }
}

public struct DiagnosticTag: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let unnecessary = DiagnosticTag(rawValue: 1)
    public static let deprecated = DiagnosticTag(rawValue: 2)
}

public struct CodeDescription: Codable, Hashable, Sendable {
    public var href: String
    public init(href: String) { self.href = href }
}

public struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
    public var location: Location
    public var message: String

    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}

public struct Diagnostic: Codable, Hashable, Sendable {
    public var range: LSPRange
    public var severity: DiagnosticSeverity?
    /// Always written as a string; an integer code from a client is read as its decimal text.
    public var code: String?
    public var codeDescription: CodeDescription?
    public var source: String?
    public var message: String
    public var tags: [DiagnosticTag]?
    public var relatedInformation: [DiagnosticRelatedInformation]?
    /// Round-tripped by the client into code action requests.
    public var data: JSONValue?

    public init(
        range: LSPRange, severity: DiagnosticSeverity? = nil, code: String? = nil,
        codeDescription: CodeDescription? = nil, source: String? = nil, message: String,
        tags: [DiagnosticTag]? = nil, relatedInformation: [DiagnosticRelatedInformation]? = nil,
        data: JSONValue? = nil
    ) {
        self.range = range
        self.severity = severity
        self.code = code
        self.codeDescription = codeDescription
        self.source = source
        self.message = message
        self.tags = tags
        self.relatedInformation = relatedInformation
        self.data = data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        range = try container.decode(LSPRange.self, forKey: .range)
        severity = try container.decodeIfPresent(DiagnosticSeverity.self, forKey: .severity)
        if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
            code = String(number)
        } else {
            code = try container.decodeIfPresent(String.self, forKey: .code)
        }
        codeDescription = try container.decodeIfPresent(CodeDescription.self, forKey: .codeDescription)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        message = try container.decode(String.self, forKey: .message)
        tags = try container.decodeIfPresent([DiagnosticTag].self, forKey: .tags)
        relatedInformation = try container.decodeIfPresent([DiagnosticRelatedInformation].self, forKey: .relatedInformation)
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data)
    }
}

public struct PublishDiagnosticsParams: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var version: Int?
    public var diagnostics: [Diagnostic]

    public init(uri: DocumentURI, version: Int? = nil, diagnostics: [Diagnostic]) {
        self.uri = uri
        self.version = version
        self.diagnostics = diagnostics
    }
}

// Document synchronisation notifications: didOpen, didChange (incremental), didClose, didSave.

public struct DidOpenTextDocumentParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentItem
    public init(textDocument: TextDocumentItem) { self.textDocument = textDocument }
}

/// One change: with a `range`, replace that range by `text`; without, `text` is the whole document.
public struct TextDocumentContentChangeEvent: Codable, Hashable, Sendable {
    public var range: LSPRange?
    /// Deprecated by LSP; read `range` instead.
    public var rangeLength: Int?
    public var text: String

    public init(range: LSPRange? = nil, rangeLength: Int? = nil, text: String) {
        self.range = range
        self.rangeLength = rangeLength
        self.text = text
    }
}

public struct DidChangeTextDocumentParams: Codable, Hashable, Sendable {
    public var textDocument: VersionedTextDocumentIdentifier
    /// Apply in order: each change's range refers to the document after the previous change.
    public var contentChanges: [TextDocumentContentChangeEvent]

    public init(textDocument: VersionedTextDocumentIdentifier, contentChanges: [TextDocumentContentChangeEvent]) {
        self.textDocument = textDocument
        self.contentChanges = contentChanges
    }
}

public struct DidCloseTextDocumentParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public init(textDocument: TextDocumentIdentifier) { self.textDocument = textDocument }
}

public struct DidSaveTextDocumentParams: Codable, Hashable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var text: String?

    public init(textDocument: TextDocumentIdentifier, text: String? = nil) {
        self.textDocument = textDocument
        self.text = text
    }
}

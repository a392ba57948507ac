// Params and results of hover and completion: what the editor shows under the pointer and
// offers as the user types.

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

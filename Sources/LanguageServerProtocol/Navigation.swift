// Params and results of moving around a plan: references and highlights, document and workspace
// symbols, rename and the type hierarchy (a KPI's parents and children).

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

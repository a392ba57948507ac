// Capabilities exchanged by `initialize`: the client's, kept whole as JSON with typed accessors
// for the parts this server reads, and the server's, typed for every provider it can offer.

public struct PositionEncodingKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let utf8 = PositionEncodingKind(rawValue: "utf-8")
    public static let utf16 = PositionEncodingKind(rawValue: "utf-16")
    public static let utf32 = PositionEncodingKind(rawValue: "utf-32")
}

// MARK: - Client

/// The client's capabilities. Decoding never fails: the whole object is kept in `raw`, and the
/// accessors below read the parts a server needs, treating absent or mistyped values as "no".
public struct ClientCapabilities: Codable, Hashable, Sendable {
    public let raw: JSONValue
    /// Read once here, not from `raw` per request: hover and completion consult them every time.
    public let hoverContentFormat: [MarkupKind]
    public let supportsCompletionSnippets: Bool
    public let completionResolveProperties: [String]
    public let completionItemDefaults: [String]
    /// `textDocument.completion.completionItem.documentationFormat`, preferred first; empty when unspecified.
    public let completionDocumentationFormat: [MarkupKind]

    public init(raw: JSONValue) {
        self.raw = raw
        let textDocument = raw["textDocument"]
        // `textDocument.hover.contentFormat`, preferred first; empty when unspecified.
        hoverContentFormat = textDocument?["hover"]?["contentFormat"]?.arrayValue?.compactMap { $0.stringValue.map(MarkupKind.init) } ?? []
        let completion = textDocument?["completion"]
        // `textDocument.completion.completionItem.snippetSupport`.
        supportsCompletionSnippets = completion?["completionItem"]?["snippetSupport"]?.boolValue ?? false
        // `textDocument.completion.completionItem.resolveSupport.properties`: the item properties
        // the client asks for with `completionItem/resolve` when it shows an item.
        completionResolveProperties =
            completion?["completionItem"]?["resolveSupport"]?["properties"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // `textDocument.completion.completionList.itemDefaults`: the item properties a list may
        // give once for all its items.
        completionItemDefaults = completion?["completionList"]?["itemDefaults"]?.arrayValue?.compactMap(\.stringValue) ?? []
        completionDocumentationFormat =
            completion?["completionItem"]?["documentationFormat"]?.arrayValue?.compactMap { $0.stringValue.map(MarkupKind.init) } ?? []
    }

    /// Builds capabilities from the options this server cares about (for tests and clients).
    public init(
        positionEncodings: [PositionEncodingKind]? = nil, pullDiagnostics: Bool = false,
        diagnosticRelatedInformation: Bool = false, workDoneProgress: Bool = false,
        workspaceConfiguration: Bool = false, watchedFilesDynamicRegistration: Bool = false,
        hoverContentFormat: [MarkupKind]? = nil, completionSnippetSupport: Bool = false,
        completionResolveProperties: [String]? = nil, completionItemDefaults: [String]? = nil,
        completionDocumentationFormat: [MarkupKind]? = nil
    ) {
        var general: [String: JSONValue] = [:]
        var textDocument: [String: JSONValue] = [:]
        var window: [String: JSONValue] = [:]
        var workspace: [String: JSONValue] = [:]
        if let positionEncodings { general["positionEncodings"] = .array(positionEncodings.map { .string($0.rawValue) }) }
        if pullDiagnostics { textDocument["diagnostic"] = ["dynamicRegistration": false] }
        if diagnosticRelatedInformation { textDocument["publishDiagnostics"] = ["relatedInformation": true] }
        if workDoneProgress { window["workDoneProgress"] = true }
        if workspaceConfiguration { workspace["configuration"] = true }
        if watchedFilesDynamicRegistration { workspace["didChangeWatchedFiles"] = ["dynamicRegistration": true] }
        if let hoverContentFormat {
            textDocument["hover"] = ["contentFormat": .array(hoverContentFormat.map { .string($0.rawValue) })]
        }
        var completion: [String: JSONValue] = [:]
        var completionItem: [String: JSONValue] = [:]
        if completionSnippetSupport { completionItem["snippetSupport"] = true }
        if let completionResolveProperties {
            completionItem["resolveSupport"] = ["properties": .array(completionResolveProperties.map { .string($0) })]
        }
        if let completionDocumentationFormat {
            completionItem["documentationFormat"] = .array(completionDocumentationFormat.map { .string($0.rawValue) })
        }
        if !completionItem.isEmpty { completion["completionItem"] = .object(completionItem) }
        if let completionItemDefaults {
            completion["completionList"] = ["itemDefaults": .array(completionItemDefaults.map { .string($0) })]
        }
        if !completion.isEmpty { textDocument["completion"] = .object(completion) }
        var root: [String: JSONValue] = [:]
        for (key, value) in [
            ("general", general), ("textDocument", textDocument), ("window", window),
            ("workspace", workspace),
        ] where !value.isEmpty {
            root[key] = .object(value)
        }
        self.init(raw: .object(root))
    }

    public init(from decoder: any Decoder) throws {
        self.init(raw: (try? JSONValue(from: decoder)) ?? .object([:]))
    }

    public func encode(to encoder: any Encoder) throws {
        try raw.encode(to: encoder)
    }

    /// `general.positionEncodings`, in the client's order of preference; empty means UTF-16 only.
    public var positionEncodings: [PositionEncodingKind] {
        raw["general"]?["positionEncodings"]?.arrayValue?.compactMap { $0.stringValue.map(PositionEncodingKind.init) } ?? []
    }

    /// Whether `textDocument.diagnostic` is present, i.e. the client can pull diagnostics.
    public var supportsPullDiagnostics: Bool {
        raw["textDocument"]?["diagnostic"]?.objectValue != nil
    }

    /// `textDocument.publishDiagnostics.relatedInformation`.
    public var supportsDiagnosticRelatedInformation: Bool {
        raw["textDocument"]?["publishDiagnostics"]?["relatedInformation"]?.boolValue ?? false
    }

    /// `window.workDoneProgress`: the server may create progress tokens.
    public var supportsWorkDoneProgress: Bool {
        raw["window"]?["workDoneProgress"]?.boolValue ?? false
    }

    /// `workspace.configuration`: the server may send `workspace/configuration`.
    public var supportsWorkspaceConfiguration: Bool {
        raw["workspace"]?["configuration"]?.boolValue ?? false
    }

    /// `workspace.didChangeWatchedFiles.dynamicRegistration`.
    public var supportsWatchedFilesDynamicRegistration: Bool {
        raw["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
    }
}

// MARK: - Server

public struct TextDocumentSyncKind: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let none = TextDocumentSyncKind(rawValue: 0)
    public static let full = TextDocumentSyncKind(rawValue: 1)
    public static let incremental = TextDocumentSyncKind(rawValue: 2)
}

public struct SaveOptions: Codable, Hashable, Sendable {
    public var includeText: Bool?
    public init(includeText: Bool? = nil) { self.includeText = includeText }
}

public struct TextDocumentSyncOptions: Codable, Hashable, Sendable {
    public var openClose: Bool?
    public var change: TextDocumentSyncKind?
    public var save: SaveOptions?

    public init(openClose: Bool? = nil, change: TextDocumentSyncKind? = nil, save: SaveOptions? = nil) {
        self.openClose = openClose
        self.change = change
        self.save = save
    }
}

public struct CompletionOptions: Codable, Hashable, Sendable {
    public var triggerCharacters: [String]?
    public var resolveProvider: Bool?

    public init(triggerCharacters: [String]? = nil, resolveProvider: Bool? = nil) {
        self.triggerCharacters = triggerCharacters
        self.resolveProvider = resolveProvider
    }
}

public struct CodeActionOptions: Codable, Hashable, Sendable {
    public var codeActionKinds: [CodeActionKind]?
    public var resolveProvider: Bool?

    public init(codeActionKinds: [CodeActionKind]? = nil, resolveProvider: Bool? = nil) {
        self.codeActionKinds = codeActionKinds
        self.resolveProvider = resolveProvider
    }
}

public struct RenameOptions: Codable, Hashable, Sendable {
    public var prepareProvider: Bool?
    public init(prepareProvider: Bool? = nil) { self.prepareProvider = prepareProvider }
}

public struct SemanticTokensLegend: Codable, Hashable, Sendable {
    public var tokenTypes: [String]
    public var tokenModifiers: [String]

    public init(tokenTypes: [String], tokenModifiers: [String]) {
        self.tokenTypes = tokenTypes
        self.tokenModifiers = tokenModifiers
    }
}

public struct SemanticTokensFullOptions: Codable, Hashable, Sendable {
    public var delta: Bool?
    public init(delta: Bool? = nil) { self.delta = delta }
}

public struct SemanticTokensOptions: Codable, Hashable, Sendable {
    public var legend: SemanticTokensLegend
    public var range: Bool?
    public var full: SemanticTokensFullOptions?

    public init(legend: SemanticTokensLegend, range: Bool? = nil, full: SemanticTokensFullOptions? = nil) {
        self.legend = legend
        self.range = range
        self.full = full
    }
}

public struct CodeLensOptions: Codable, Hashable, Sendable {
    public var resolveProvider: Bool?
    public init(resolveProvider: Bool? = nil) { self.resolveProvider = resolveProvider }
}

public struct ExecuteCommandOptions: Codable, Hashable, Sendable {
    public var commands: [String]
    public init(commands: [String]) { self.commands = commands }
}

public struct DiagnosticOptions: Codable, Hashable, Sendable {
    public var identifier: String?
    public var interFileDependencies: Bool
    public var workspaceDiagnostics: Bool

    public init(identifier: String? = nil, interFileDependencies: Bool, workspaceDiagnostics: Bool = false) {
        self.identifier = identifier
        self.interFileDependencies = interFileDependencies
        self.workspaceDiagnostics = workspaceDiagnostics
    }
}

public struct WorkspaceFoldersServerCapabilities: Codable, Hashable, Sendable {
    public var supported: Bool?
    public var changeNotifications: Bool?

    public init(supported: Bool? = nil, changeNotifications: Bool? = nil) {
        self.supported = supported
        self.changeNotifications = changeNotifications
    }
}

public struct WorkspaceServerCapabilities: Codable, Hashable, Sendable {
    public var workspaceFolders: WorkspaceFoldersServerCapabilities?
    public init(workspaceFolders: WorkspaceFoldersServerCapabilities? = nil) {
        self.workspaceFolders = workspaceFolders
    }
}

/// What the server offers. A nil provider is omitted from the JSON, i.e. not offered.
public struct ServerCapabilities: Codable, Hashable, Sendable {
    public var positionEncoding: PositionEncodingKind?
    public var textDocumentSync: TextDocumentSyncOptions?
    public var hoverProvider: Bool?
    public var completionProvider: CompletionOptions?
    public var definitionProvider: Bool?
    public var referencesProvider: Bool?
    public var documentHighlightProvider: Bool?
    public var documentSymbolProvider: Bool?
    public var workspaceSymbolProvider: Bool?
    public var codeActionProvider: CodeActionOptions?
    public var renameProvider: RenameOptions?
    public var documentFormattingProvider: Bool?
    public var documentRangeFormattingProvider: Bool?
    public var semanticTokensProvider: SemanticTokensOptions?
    public var inlayHintProvider: Bool?
    public var codeLensProvider: CodeLensOptions?
    public var foldingRangeProvider: Bool?
    public var typeHierarchyProvider: Bool?
    public var executeCommandProvider: ExecuteCommandOptions?
    public var diagnosticProvider: DiagnosticOptions?
    public var workspace: WorkspaceServerCapabilities?

    public init(
        positionEncoding: PositionEncodingKind? = nil, textDocumentSync: TextDocumentSyncOptions? = nil,
        hoverProvider: Bool? = nil, completionProvider: CompletionOptions? = nil,
        definitionProvider: Bool? = nil, referencesProvider: Bool? = nil,
        documentHighlightProvider: Bool? = nil, documentSymbolProvider: Bool? = nil,
        workspaceSymbolProvider: Bool? = nil, codeActionProvider: CodeActionOptions? = nil,
        renameProvider: RenameOptions? = nil, documentFormattingProvider: Bool? = nil,
        documentRangeFormattingProvider: Bool? = nil, semanticTokensProvider: SemanticTokensOptions? = nil,
        inlayHintProvider: Bool? = nil, codeLensProvider: CodeLensOptions? = nil,
        foldingRangeProvider: Bool? = nil, typeHierarchyProvider: Bool? = nil,
        executeCommandProvider: ExecuteCommandOptions? = nil, diagnosticProvider: DiagnosticOptions? = nil,
        workspace: WorkspaceServerCapabilities? = nil
    ) {
        self.positionEncoding = positionEncoding
        self.textDocumentSync = textDocumentSync
        self.hoverProvider = hoverProvider
        self.completionProvider = completionProvider
        self.definitionProvider = definitionProvider
        self.referencesProvider = referencesProvider
        self.documentHighlightProvider = documentHighlightProvider
        self.documentSymbolProvider = documentSymbolProvider
        self.workspaceSymbolProvider = workspaceSymbolProvider
        self.codeActionProvider = codeActionProvider
        self.renameProvider = renameProvider
        self.documentFormattingProvider = documentFormattingProvider
        self.documentRangeFormattingProvider = documentRangeFormattingProvider
        self.semanticTokensProvider = semanticTokensProvider
        self.inlayHintProvider = inlayHintProvider
        self.codeLensProvider = codeLensProvider
        self.foldingRangeProvider = foldingRangeProvider
        self.typeHierarchyProvider = typeHierarchyProvider
        self.executeCommandProvider = executeCommandProvider
        self.diagnosticProvider = diagnosticProvider
        self.workspace = workspace
    }
}

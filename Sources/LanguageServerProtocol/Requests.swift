// One type per LSP message, binding its method name to its params and response types, plus
// typed helpers for decoding params and encoding responses, requests and notifications.

public protocol LSPRequest {
    static var method: String { get }
    associatedtype Params: Codable & Sendable
    associatedtype Response: Codable & Sendable
}

public protocol LSPNotification {
    static var method: String { get }
    associatedtype Params: Codable & Sendable
}

extension LSPRequest {
    /// Decodes this request's params; throws a `ResponseError` with code `.invalidParams`.
    public static func decodeParams(_ params: JSONValue?) throws -> Params {
        try JSONRPC.decode(Params.self, from: params)
    }

    /// The response body for request `id` (a nil optional response becomes `"result":null`).
    public static func encodeResponse(id: RequestID, _ response: Response) -> [UInt8] {
        JSONRPC.encodeResponse(id: id, result: response)
    }

    /// The body of this request, sent by the server with `id`.
    public static func encodeRequest(id: RequestID, _ params: Params) throws -> [UInt8] {
        try JSONRPC.encodeRequest(id: id, method: method, params: params)
    }

    /// Decodes the `result` of a response to this request.
    public static func decodeResponse(_ result: JSONValue) throws -> Response {
        try JSONRPC.decode(Response.self, from: result)
    }
}

extension LSPNotification {
    /// Decodes this notification's params; throws a `ResponseError` with code `.invalidParams`.
    public static func decodeParams(_ params: JSONValue?) throws -> Params {
        try JSONRPC.decode(Params.self, from: params)
    }

    /// The body of this notification.
    public static func encode(_ params: Params) throws -> [UInt8] {
        try JSONRPC.encodeNotification(method: method, params: params)
    }
}

// MARK: - Lifecycle and window

public enum InitializeRequest: LSPRequest {
    public static let method = "initialize"
    public typealias Params = InitializeParams
    public typealias Response = InitializeResult
}

public enum InitializedNotification: LSPNotification {
    public static let method = "initialized"
    public typealias Params = InitializedParams
}

public enum ShutdownRequest: LSPRequest {
    public static let method = "shutdown"
    public typealias Params = NoParams
    public typealias Response = NullResult
}

public enum ExitNotification: LSPNotification {
    public static let method = "exit"
    public typealias Params = NoParams
}

public enum CancelRequestNotification: LSPNotification {
    public static let method = "$/cancelRequest"
    public typealias Params = CancelParams
}

public enum ProgressNotification: LSPNotification {
    public static let method = "$/progress"
    public typealias Params = ProgressParams
}

public enum WorkDoneProgressCreateRequest: LSPRequest {
    public static let method = "window/workDoneProgress/create"
    public typealias Params = WorkDoneProgressCreateParams
    public typealias Response = NullResult
}

public enum LogMessageNotification: LSPNotification {
    public static let method = "window/logMessage"
    public typealias Params = LogMessageParams
}

public enum ShowMessageNotification: LSPNotification {
    public static let method = "window/showMessage"
    public typealias Params = ShowMessageParams
}

public enum RegisterCapabilityRequest: LSPRequest {
    public static let method = "client/registerCapability"
    public typealias Params = RegistrationParams
    public typealias Response = NullResult
}

// MARK: - Document synchronisation and diagnostics

public enum DidOpenTextDocumentNotification: LSPNotification {
    public static let method = "textDocument/didOpen"
    public typealias Params = DidOpenTextDocumentParams
}

public enum DidChangeTextDocumentNotification: LSPNotification {
    public static let method = "textDocument/didChange"
    public typealias Params = DidChangeTextDocumentParams
}

public enum DidCloseTextDocumentNotification: LSPNotification {
    public static let method = "textDocument/didClose"
    public typealias Params = DidCloseTextDocumentParams
}

public enum DidSaveTextDocumentNotification: LSPNotification {
    public static let method = "textDocument/didSave"
    public typealias Params = DidSaveTextDocumentParams
}

public enum PublishDiagnosticsNotification: LSPNotification {
    public static let method = "textDocument/publishDiagnostics"
    public typealias Params = PublishDiagnosticsParams
}

public enum DocumentDiagnosticRequest: LSPRequest {
    public static let method = "textDocument/diagnostic"
    public typealias Params = DocumentDiagnosticParams
    public typealias Response = DocumentDiagnosticReport
}

// MARK: - Workspace

public enum DidChangeWatchedFilesNotification: LSPNotification {
    public static let method = "workspace/didChangeWatchedFiles"
    public typealias Params = DidChangeWatchedFilesParams
}

public enum DidChangeConfigurationNotification: LSPNotification {
    public static let method = "workspace/didChangeConfiguration"
    public typealias Params = DidChangeConfigurationParams
}

public enum ConfigurationRequest: LSPRequest {
    public static let method = "workspace/configuration"
    public typealias Params = ConfigurationParams
    public typealias Response = [JSONValue]
}

public enum DidChangeWorkspaceFoldersNotification: LSPNotification {
    public static let method = "workspace/didChangeWorkspaceFolders"
    public typealias Params = DidChangeWorkspaceFoldersParams
}

public enum ApplyWorkspaceEditRequest: LSPRequest {
    public static let method = "workspace/applyEdit"
    public typealias Params = ApplyWorkspaceEditParams
    public typealias Response = ApplyWorkspaceEditResult
}

public enum WorkspaceSymbolRequest: LSPRequest {
    public static let method = "workspace/symbol"
    public typealias Params = WorkspaceSymbolParams
    public typealias Response = [SymbolInformation]?
}

public enum ExecuteCommandRequest: LSPRequest {
    public static let method = "workspace/executeCommand"
    public typealias Params = ExecuteCommandParams
    public typealias Response = JSONValue?
}

// MARK: - Language features

public enum HoverRequest: LSPRequest {
    public static let method = "textDocument/hover"
    public typealias Params = TextDocumentPositionParams
    public typealias Response = Hover?
}

public enum CompletionRequest: LSPRequest {
    public static let method = "textDocument/completion"
    public typealias Params = CompletionParams
    public typealias Response = CompletionList?
}

/// The parts of a completion item left out of the list (its documentation), asked for when the
/// user looks at the item.
public enum CompletionItemResolveRequest: LSPRequest {
    public static let method = "completionItem/resolve"
    public typealias Params = CompletionItem
    public typealias Response = CompletionItem
}

public enum DefinitionRequest: LSPRequest {
    public static let method = "textDocument/definition"
    public typealias Params = TextDocumentPositionParams
    public typealias Response = [Location]?
}

public enum ReferencesRequest: LSPRequest {
    public static let method = "textDocument/references"
    public typealias Params = ReferenceParams
    public typealias Response = [Location]?
}

public enum DocumentHighlightRequest: LSPRequest {
    public static let method = "textDocument/documentHighlight"
    public typealias Params = TextDocumentPositionParams
    public typealias Response = [DocumentHighlight]?
}

public enum DocumentSymbolRequest: LSPRequest {
    public static let method = "textDocument/documentSymbol"
    public typealias Params = TextDocumentParams
    public typealias Response = [DocumentSymbol]?
}

public enum PrepareRenameRequest: LSPRequest {
    public static let method = "textDocument/prepareRename"
    public typealias Params = TextDocumentPositionParams
    public typealias Response = PrepareRenameResult?
}

public enum RenameRequest: LSPRequest {
    public static let method = "textDocument/rename"
    public typealias Params = RenameParams
    public typealias Response = WorkspaceEdit?
}

public enum CodeActionRequest: LSPRequest {
    public static let method = "textDocument/codeAction"
    public typealias Params = CodeActionParams
    public typealias Response = [CodeAction]?
}

public enum DocumentFormattingRequest: LSPRequest {
    public static let method = "textDocument/formatting"
    public typealias Params = DocumentFormattingParams
    public typealias Response = [TextEdit]?
}

public enum DocumentRangeFormattingRequest: LSPRequest {
    public static let method = "textDocument/rangeFormatting"
    public typealias Params = DocumentRangeFormattingParams
    public typealias Response = [TextEdit]?
}

public enum SemanticTokensFullRequest: LSPRequest {
    public static let method = "textDocument/semanticTokens/full"
    public typealias Params = SemanticTokensParams
    public typealias Response = SemanticTokens?
}

public enum SemanticTokensDeltaRequest: LSPRequest {
    public static let method = "textDocument/semanticTokens/full/delta"
    public typealias Params = SemanticTokensDeltaParams
    public typealias Response = SemanticTokensDeltaResult?
}

public enum SemanticTokensRangeRequest: LSPRequest {
    public static let method = "textDocument/semanticTokens/range"
    public typealias Params = SemanticTokensRangeParams
    public typealias Response = SemanticTokens?
}

public enum InlayHintRequest: LSPRequest {
    public static let method = "textDocument/inlayHint"
    public typealias Params = InlayHintParams
    public typealias Response = [InlayHint]?
}

public enum CodeLensRequest: LSPRequest {
    public static let method = "textDocument/codeLens"
    public typealias Params = TextDocumentParams
    public typealias Response = [CodeLens]?
}

public enum FoldingRangeRequest: LSPRequest {
    public static let method = "textDocument/foldingRange"
    public typealias Params = TextDocumentParams
    public typealias Response = [FoldingRange]?
}

public enum TypeHierarchyPrepareRequest: LSPRequest {
    public static let method = "textDocument/prepareTypeHierarchy"
    public typealias Params = TextDocumentPositionParams
    public typealias Response = [TypeHierarchyItem]?
}

public enum TypeHierarchySupertypesRequest: LSPRequest {
    public static let method = "typeHierarchy/supertypes"
    public typealias Params = TypeHierarchyItemParams
    public typealias Response = [TypeHierarchyItem]?
}

public enum TypeHierarchySubtypesRequest: LSPRequest {
    public static let method = "typeHierarchy/subtypes"
    public typealias Params = TypeHierarchyItemParams
    public typealias Response = [TypeHierarchyItem]?
}

// The dispatch table: every method the server answers, and the feature that answers it.
// Params that do not decode answer -32602; methods not listed answer -32601.

import KPIPlan
import LanguageServerProtocol

struct RequestHandler {
    let handle: (Server, RequestID, JSONValue?) throws -> Void
}

struct NotificationHandler {
    let handle: (Server, JSONValue?) throws -> Void
}

extension Server {
    static func dispatchTable() -> ([String: RequestHandler], [String: NotificationHandler]) {
        var requests: [String: RequestHandler] = [:]
        var notifications: [String: NotificationHandler] = [:]
        func on<R: LSPRequest>(_: R.Type, _ body: @escaping (Server) -> (R.Params) throws -> R.Response) {
            requests[R.method] = RequestHandler { server, id, params in
                server.respond(id, try body(server)(try decodeParams(R.Params.self, params, method: R.method)))
            }
        }
        func on<N: LSPNotification>(_: N.Type, _ body: @escaping (Server) -> (N.Params) throws -> Void) {
            notifications[N.method] = NotificationHandler { server, params in
                try body(server)(try decodeParams(N.Params.self, params, method: N.method))
            }
        }
        // Lifecycle and documents
        on(InitializeRequest.self, Server.initialize)
        on(InitializedNotification.self, Server.initialized)
        on(ShutdownRequest.self, Server.shutdown)
        on(DidOpenTextDocumentNotification.self, Server.didOpen)
        on(DidChangeTextDocumentNotification.self, Server.didChange)
        on(DidCloseTextDocumentNotification.self, Server.didClose)
        on(DidSaveTextDocumentNotification.self, Server.didSave)
        on(DidChangeWatchedFilesNotification.self, Server.didChangeWatchedFiles)
        on(DidChangeConfigurationNotification.self, Server.didChangeConfiguration)
        on(DidChangeWorkspaceFoldersNotification.self, Server.didChangeWorkspaceFolders)
        on(CancelRequestNotification.self, Server.cancelRequest)
        // Features
        on(DocumentDiagnosticRequest.self, Server.pullDiagnostics)
        on(HoverRequest.self, Server.hover)
        on(CompletionRequest.self, Server.completion)
        on(CompletionItemResolveRequest.self, Server.resolveCompletion)
        on(DefinitionRequest.self, Server.definition)
        on(ReferencesRequest.self, Server.references)
        on(DocumentHighlightRequest.self, Server.documentHighlight)
        on(TypeHierarchyPrepareRequest.self, Server.prepareTypeHierarchy)
        on(TypeHierarchySupertypesRequest.self, Server.supertypes)
        on(TypeHierarchySubtypesRequest.self, Server.subtypes)
        on(DocumentSymbolRequest.self, Server.documentSymbols)
        on(WorkspaceSymbolRequest.self, Server.workspaceSymbols)
        on(PrepareRenameRequest.self, Server.prepareRename)
        on(RenameRequest.self, Server.rename)
        on(CodeActionRequest.self, Server.codeActions)
        on(DocumentFormattingRequest.self, Server.formatting)
        on(DocumentRangeFormattingRequest.self, Server.rangeFormatting)
        on(SemanticTokensFullRequest.self, Server.semanticTokensFull)
        on(SemanticTokensDeltaRequest.self, Server.semanticTokensDelta)
        on(SemanticTokensRangeRequest.self, Server.semanticTokensRange)
        on(InlayHintRequest.self, Server.inlayHints)
        on(CodeLensRequest.self, Server.codeLenses)
        on(FoldingRangeRequest.self, Server.foldingRanges)
        on(CascadeTreeRequest.self, Server.cascadeTree)
        on(ReportRequest.self, Server.report)
        on(StatsRequest.self, Server.stats)
        on(SettingsFileRequest.self, Server.settingsFile)
        on(OutsidePlansRequest.self, Server.outsidePlans)
        return (requests, notifications)
    }
}

private func decodeParams<T: Decodable>(_ type: T.Type, _ params: JSONValue?, method: String) throws -> T {
    do {
        return try JSONRPC.decode(type, from: params)
    } catch let error as ResponseError {
        throw error
    } catch {
        throw ResponseError(code: .invalidParams, message: "invalid params for \(method): \(error)")
    }
}

// The requests and notifications tests send most, typed: `initialize`, opening and changing
// documents, and one method a language feature (hover, completion, definition, rename, …), each
// waiting for its answer as `LSPTestClient.request` does.

import Foundation
import LanguageServerProtocol

extension LSPTestClient {
    /// `initialize` then `initialized`. `rootURI` becomes the root and the one workspace folder.
    @discardableResult
    public func initialize(
        rootURI: DocumentURI? = nil, capabilities: ClientCapabilities = ClientCapabilities(),
        initializationOptions: JSONValue? = nil, sendInitialized: Bool = true
    ) throws -> InitializeResult {
        let folders = rootURI.map { [WorkspaceFolder(uri: $0, name: URL(string: $0)?.lastPathComponent ?? "root")] }
        let result = try request(
            InitializeRequest.self,
            InitializeParams(
                processId: Int(getpid()), clientInfo: ClientInfo(name: "kpi-tests"), rootUri: rootURI,
                initializationOptions: initializationOptions, capabilities: capabilities, workspaceFolders: folders))
        if sendInitialized { notify(InitializedNotification.self, InitializedParams()) }
        return result
    }

    public func shutdown() throws { _ = try request(ShutdownRequest.self, NoParams()) }

    public func exit() { notify(method: ExitNotification.method, params: nil) }

    public func open(uri: DocumentURI, text: String, version: Int = 1, languageId: String = "kpi") {
        notify(
            DidOpenTextDocumentNotification.self,
            DidOpenTextDocumentParams(
                textDocument: TextDocumentItem(uri: uri, languageId: languageId, version: version, text: text)))
    }

    /// An incremental change: `range` replaced by `text`.
    public func change(uri: DocumentURI, version: Int, range: LSPRange, text: String) {
        notify(
            DidChangeTextDocumentNotification.self,
            DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version),
                contentChanges: [TextDocumentContentChangeEvent(range: range, text: text)]))
    }

    /// A whole-document change.
    public func change(uri: DocumentURI, version: Int, text: String) {
        notify(
            DidChangeTextDocumentNotification.self,
            DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version),
                contentChanges: [TextDocumentContentChangeEvent(text: text)]))
    }

    public func close(uri: DocumentURI) {
        notify(DidCloseTextDocumentNotification.self, DidCloseTextDocumentParams(textDocument: TextDocumentIdentifier(uri: uri)))
    }

    public func changeWatchedFiles(_ changes: [FileEvent]) {
        notify(DidChangeWatchedFilesNotification.self, DidChangeWatchedFilesParams(changes: changes))
    }

    public func changeConfiguration(_ settings: JSONValue?) {
        notify(DidChangeConfigurationNotification.self, DidChangeConfigurationParams(settings: settings))
    }

    private func at(_ uri: DocumentURI, _ position: Position) -> TextDocumentPositionParams {
        TextDocumentPositionParams(textDocument: TextDocumentIdentifier(uri: uri), position: position)
    }

    private func document(_ uri: DocumentURI) -> TextDocumentParams { TextDocumentParams(textDocument: TextDocumentIdentifier(uri: uri)) }

    public func hover(_ uri: DocumentURI, at position: Position) throws -> Hover? {
        try request(HoverRequest.self, at(uri, position))
    }

    public func completion(_ uri: DocumentURI, at position: Position) throws -> CompletionList? {
        try request(
            CompletionRequest.self,
            CompletionParams(
                textDocument: TextDocumentIdentifier(uri: uri), position: position,
                context: CompletionContext(triggerKind: .invoked)))
    }

    public func definition(_ uri: DocumentURI, at position: Position) throws -> [Location]? {
        try request(DefinitionRequest.self, at(uri, position))
    }

    public func references(_ uri: DocumentURI, at position: Position, includeDeclaration: Bool) throws -> [Location]? {
        try request(
            ReferencesRequest.self,
            ReferenceParams(
                textDocument: TextDocumentIdentifier(uri: uri), position: position,
                context: ReferenceContext(includeDeclaration: includeDeclaration)))
    }

    public func highlights(_ uri: DocumentURI, at position: Position) throws -> [DocumentHighlight]? {
        try request(DocumentHighlightRequest.self, at(uri, position))
    }

    public func prepareTypeHierarchy(_ uri: DocumentURI, at position: Position) throws -> [TypeHierarchyItem]? {
        try request(TypeHierarchyPrepareRequest.self, at(uri, position))
    }

    public func supertypes(_ item: TypeHierarchyItem) throws -> [TypeHierarchyItem]? {
        try request(TypeHierarchySupertypesRequest.self, TypeHierarchyItemParams(item: item))
    }

    public func subtypes(_ item: TypeHierarchyItem) throws -> [TypeHierarchyItem]? {
        try request(TypeHierarchySubtypesRequest.self, TypeHierarchyItemParams(item: item))
    }

    public func documentSymbols(_ uri: DocumentURI) throws -> [DocumentSymbol]? {
        try request(DocumentSymbolRequest.self, document(uri))
    }

    public func workspaceSymbols(_ query: String) throws -> [SymbolInformation]? {
        try request(WorkspaceSymbolRequest.self, WorkspaceSymbolParams(query: query))
    }

    public func prepareRename(_ uri: DocumentURI, at position: Position) throws -> PrepareRenameResult? {
        try request(PrepareRenameRequest.self, at(uri, position))
    }

    public func rename(_ uri: DocumentURI, at position: Position, to newName: String) throws -> WorkspaceEdit? {
        try request(RenameRequest.self, RenameParams(textDocument: TextDocumentIdentifier(uri: uri), position: position, newName: newName))
    }

    public func codeActions(
        _ uri: DocumentURI, range: LSPRange, diagnostics: [Diagnostic] = [],
        only: [CodeActionKind]? = nil
    ) throws -> [CodeAction]? {
        try request(
            CodeActionRequest.self,
            CodeActionParams(
                textDocument: TextDocumentIdentifier(uri: uri), range: range,
                context: CodeActionContext(diagnostics: diagnostics, only: only)))
    }

    public func formatting(_ uri: DocumentURI) throws -> [TextEdit]? {
        try request(
            DocumentFormattingRequest.self,
            DocumentFormattingParams(
                textDocument: TextDocumentIdentifier(uri: uri), options: FormattingOptions(tabSize: 2, insertSpaces: true)))
    }

    public func rangeFormatting(_ uri: DocumentURI, range: LSPRange) throws -> [TextEdit]? {
        try request(
            DocumentRangeFormattingRequest.self,
            DocumentRangeFormattingParams(
                textDocument: TextDocumentIdentifier(uri: uri), range: range, options: FormattingOptions(tabSize: 2, insertSpaces: true)))
    }

    public func semanticTokens(_ uri: DocumentURI) throws -> SemanticTokens? {
        try request(SemanticTokensFullRequest.self, document(uri))
    }

    public func semanticTokensDelta(_ uri: DocumentURI, previousResultId: String) throws -> SemanticTokensDeltaResult? {
        try request(
            SemanticTokensDeltaRequest.self,
            SemanticTokensDeltaParams(
                textDocument: TextDocumentIdentifier(uri: uri), previousResultId: previousResultId))
    }

    public func semanticTokens(_ uri: DocumentURI, range: LSPRange) throws -> SemanticTokens? {
        try request(SemanticTokensRangeRequest.self, TextDocumentRangeParams(textDocument: TextDocumentIdentifier(uri: uri), range: range))
    }

    public func inlayHints(_ uri: DocumentURI, range: LSPRange) throws -> [InlayHint]? {
        try request(InlayHintRequest.self, TextDocumentRangeParams(textDocument: TextDocumentIdentifier(uri: uri), range: range))
    }

    public func codeLenses(_ uri: DocumentURI) throws -> [CodeLens]? {
        try request(CodeLensRequest.self, document(uri))
    }

    public func foldingRanges(_ uri: DocumentURI) throws -> [FoldingRange]? {
        try request(FoldingRangeRequest.self, document(uri))
    }

    public func pullDiagnostics(_ uri: DocumentURI) throws -> DocumentDiagnosticReport {
        try request(DocumentDiagnosticRequest.self, DocumentDiagnosticParams(textDocument: TextDocumentIdentifier(uri: uri)))
    }
}

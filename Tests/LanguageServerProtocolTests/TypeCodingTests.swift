// Round-trip tests for the LSP structures: exact JSON output (sorted keys) and decoding back,
// plus lenient decoding of what clients send.

import Foundation
import Testing

@testable import LanguageServerProtocol

/// Encodes with the same settings as every outgoing message.
private func json(_ value: some Encodable) throws -> String {
    String(decoding: try JSONRPC.encode(value), as: UTF8.self)
}

/// Asserts `value` encodes to exactly `expected` and that both decoders read it back unchanged.
private func expectRoundTrip<T: Codable & Equatable>(
    _ value: T, _ expected: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(try json(value) == expected, sourceLocation: sourceLocation)
    let data = Data(expected.utf8)
    #expect(try JSONDecoder().decode(T.self, from: data) == value, sourceLocation: sourceLocation)
    #expect(try JSONValue(parsing: data).decode(T.self) == value, sourceLocation: sourceLocation)
}

private func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> LSPRange {
    LSPRange(start: Position(line: l1, character: c1), end: Position(line: l2, character: c2))
}

@Suite struct TypeCodingTests {
    @Test func initializeResultWithCapabilities() throws {
        let result = InitializeResult(
            capabilities: ServerCapabilities(
                positionEncoding: .utf16,
                textDocumentSync: TextDocumentSyncOptions(openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
                hoverProvider: true,
                completionProvider: CompletionOptions(triggerCharacters: ["."]),
                definitionProvider: true,
                codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix]),
                renameProvider: RenameOptions(prepareProvider: true),
                semanticTokensProvider: SemanticTokensOptions(
                    legend: SemanticTokensLegend(tokenTypes: ["keyword", "variable"], tokenModifiers: ["declaration"]),
                    range: true, full: SemanticTokensFullOptions(delta: true)),
                typeHierarchyProvider: true,
                executeCommandProvider: ExecuteCommandOptions(commands: ["kpi.explain"]),
                diagnosticProvider: DiagnosticOptions(interFileDependencies: true),
                workspace: WorkspaceServerCapabilities(
                    workspaceFolders: WorkspaceFoldersServerCapabilities(
                        supported: true, changeNotifications: true))),
            serverInfo: ServerInfo(name: "kpi", version: "0.1"))
        try expectRoundTrip(
            result,
            """
            {"capabilities":{"codeActionProvider":{"codeActionKinds":["quickfix"]},\
            "completionProvider":{"triggerCharacters":["."]},"definitionProvider":true,\
            "diagnosticProvider":{"interFileDependencies":true,"workspaceDiagnostics":false},\
            "executeCommandProvider":{"commands":["kpi.explain"]},"hoverProvider":true,\
            "positionEncoding":"utf-16","renameProvider":{"prepareProvider":true},\
            "semanticTokensProvider":{"full":{"delta":true},"legend":{"tokenModifiers":["declaration"],\
            "tokenTypes":["keyword","variable"]},"range":true},\
            "textDocumentSync":{"change":2,"openClose":true,"save":{"includeText":false}},\
            "typeHierarchyProvider":true,\
            "workspace":{"workspaceFolders":{"changeNotifications":true,"supported":true}}},\
            "serverInfo":{"name":"kpi","version":"0.1"}}
            """)
    }

    @Test func hoverWithMarkdown() throws {
        try expectRoundTrip(
            Hover(contents: .markdown("**Revenue** `€`\n\n---"), range: range(1, 2, 1, 9)),
            #"{"contents":{"kind":"markdown","value":"**Revenue** `€`\n\n---"},"range":{"end":{"character":9,"line":1},"start":{"character":2,"line":1}}}"#
        )
    }

    @Test func completionList() throws {
        let list = CompletionList(
            isIncomplete: false,
            items: [
                CompletionItem(
                    label: "sum", kind: .function, detail: "sum(values)",
                    documentation: .plaintext("Adds values"), insertText: "sum($1)",
                    insertTextFormat: .snippet, sortText: "0"),
                CompletionItem(
                    label: "revenue", kind: .variable,
                    textEdit: TextEdit(range: range(0, 0, 0, 3), newText: "revenue"), filterText: "rev"),
            ])
        try expectRoundTrip(
            list,
            """
            {"isIncomplete":false,"items":[{"detail":"sum(values)","documentation":{"kind":"plaintext","value":"Adds values"},\
            "insertText":"sum($1)","insertTextFormat":2,"kind":3,"label":"sum","sortText":"0"},\
            {"filterText":"rev","kind":6,"label":"revenue","textEdit":{"newText":"revenue",\
            "range":{"end":{"character":3,"line":0},"start":{"character":0,"line":0}}}}]}
            """)
    }

    @Test func workspaceEdit() throws {
        let edit = WorkspaceEdit(changes: ["file:///w/a.kpi": [TextEdit(range: range(2, 4, 2, 7), newText: "cost")]])
        try expectRoundTrip(
            edit,
            #"{"changes":{"file:///w/a.kpi":[{"newText":"cost","range":{"end":{"character":7,"line":2},"start":{"character":4,"line":2}}}]}}"#
        )
        #expect(try JSONValue.object([:]).decode(WorkspaceEdit.self) == WorkspaceEdit())
    }

    @Test func semanticTokens() throws {
        try expectRoundTrip(
            SemanticTokens(resultId: "3", data: [0, 2, 5, 1, 0, 1, 0, 3, 0, 1]),
            #"{"data":[0,2,5,1,0,1,0,3,0,1],"resultId":"3"}"#)
        try expectRoundTrip(SemanticTokens(data: []), #"{"data":[]}"#)
        let delta = SemanticTokensDelta(resultId: "4", edits: [SemanticTokensEdit(start: 5, deleteCount: 1, data: [2])])
        try expectRoundTrip(
            SemanticTokensDeltaResult.delta(delta),
            #"{"edits":[{"data":[2],"deleteCount":1,"start":5}],"resultId":"4"}"#)
        try expectRoundTrip(
            SemanticTokensDeltaResult.tokens(SemanticTokens(resultId: "5", data: [1, 0, 1, 0, 0])),
            #"{"data":[1,0,1,0,0],"resultId":"5"}"#)
    }

    @Test func diagnosticWithRelatedInformationAndCode() throws {
        let diagnostic = Diagnostic(
            range: range(4, 0, 4, 12), severity: .error, code: "KPI101",
            codeDescription: CodeDescription(href: "https://example.com/kpi101"), source: "kpi",
            message: "Unknown metric 'revnue'", tags: [.unnecessary],
            relatedInformation: [
                DiagnosticRelatedInformation(
                    location: Location(uri: "file:///w/base.kpi", range: range(1, 7, 1, 14)), message: "Did you mean 'revenue'?")
            ],
            data: ["fix": "revenue"])
        try expectRoundTrip(
            diagnostic,
            """
            {"code":"KPI101","codeDescription":{"href":"https://example.com/kpi101"},"data":{"fix":"revenue"},\
            "message":"Unknown metric 'revnue'","range":{"end":{"character":12,"line":4},"start":{"character":0,"line":4}},\
            "relatedInformation":[{"location":{"range":{"end":{"character":14,"line":1},"start":{"character":7,"line":1}},\
            "uri":"file:///w/base.kpi"},"message":"Did you mean 'revenue'?"}],"severity":1,"source":"kpi","tags":[1]}
            """)
        // Clients may echo an integer code; it is kept as text.
        let minimal = #"{"code":42,"message":"m","range":{"end":{"character":0,"line":0},"start":{"character":0,"line":0}}}"#
        #expect(try JSONValue(parsing: Data(minimal.utf8)).decode(Diagnostic.self).code == "42")
        #expect(try JSONDecoder().decode(Diagnostic.self, from: Data(minimal.utf8)).code == "42")
        #expect(
            try json(Diagnostic(range: range(0, 0, 0, 0), message: "m"))
                == #"{"message":"m","range":{"end":{"character":0,"line":0},"start":{"character":0,"line":0}}}"#)
    }

    @Test func pullDiagnosticReports() throws {
        try expectRoundTrip(DocumentDiagnosticReport.full(resultId: "7", items: []), #"{"items":[],"kind":"full","resultId":"7"}"#)
        try expectRoundTrip(DocumentDiagnosticReport.full(items: []), #"{"items":[],"kind":"full"}"#)
        try expectRoundTrip(DocumentDiagnosticReport.unchanged(resultId: "7"), #"{"kind":"unchanged","resultId":"7"}"#)
    }

    @Test func symbolsAndNavigation() throws {
        let symbol = DocumentSymbol(
            name: "plan", kind: .namespace, range: range(0, 0, 9, 1), selectionRange: range(0, 5, 0, 9),
            children: [
                DocumentSymbol(
                    name: "revenue", detail: "metric", kind: .field,
                    range: range(1, 2, 1, 20), selectionRange: range(1, 2, 1, 9))
            ])
        let decoded = try JSONValue(parsing: Data(try JSONRPC.encode(symbol))).decode(DocumentSymbol.self)
        #expect(decoded == symbol)
        #expect(
            try json(
                SymbolInformation(
                    name: "revenue", kind: .constant, containerName: "plan",
                    location: Location(uri: "file:///a", range: range(0, 0, 0, 1))))
                == #"{"containerName":"plan","kind":14,"location":{"range":{"end":{"character":1,"line":0},"start":{"character":0,"line":0}},"uri":"file:///a"},"name":"revenue"}"#
        )
        try expectRoundTrip(
            PrepareRenameResult(range: range(0, 1, 0, 2), placeholder: "x"),
            #"{"placeholder":"x","range":{"end":{"character":2,"line":0},"start":{"character":1,"line":0}}}"#)
        try expectRoundTrip(
            InlayHint(position: Position(line: 2, character: 8), label: ": money", kind: .type, paddingLeft: true),
            #"{"kind":1,"label":": money","paddingLeft":true,"position":{"character":8,"line":2}}"#)
        try expectRoundTrip(
            CodeLens(range: range(0, 0, 0, 0), command: Command(title: "3 references", command: "kpi.refs", arguments: ["a", 1])),
            #"{"command":{"arguments":["a",1],"command":"kpi.refs","title":"3 references"},"range":{"end":{"character":0,"line":0},"start":{"character":0,"line":0}}}"#
        )
        try expectRoundTrip(FoldingRange(startLine: 1, endLine: 4, kind: .comment), #"{"endLine":4,"kind":"comment","startLine":1}"#)
        try expectRoundTrip(
            TypeHierarchyItem(
                name: "Money", kind: .class, uri: "file:///t", range: range(0, 0, 1, 0),
                selectionRange: range(0, 5, 0, 10), data: ["id": 3]),
            #"{"data":{"id":3},"kind":5,"name":"Money","range":{"end":{"character":0,"line":1},"start":{"character":0,"line":0}},"selectionRange":{"end":{"character":10,"line":0},"start":{"character":5,"line":0}},"uri":"file:///t"}"#
        )
    }

    @Test func codeActionsAndFormatting() throws {
        let params = try JSONValue(
            parsing: Data(
                #"""
                {"textDocument":{"uri":"file:///a"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},
                 "context":{"diagnostics":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":3}},
                                           "message":"m","code":"K1","data":{"x":1}}],"only":["quickfix"],"triggerKind":1}}
                """#.utf8)
        ).decode(CodeActionParams.self)
        #expect(params.context.diagnostics.first?.data == ["x": 1])
        #expect(params.context.only == [.quickFix])
        #expect(CodeActionKind.refactorExtract.isContained(in: .refactor))
        #expect(!CodeActionKind.refactor.isContained(in: .refactorExtract))
        #expect(!CodeActionKind(rawValue: "quickfixer").isContained(in: .quickFix))
        let action = CodeAction(
            title: "Fix", kind: .quickFix, isPreferred: true,
            edit: WorkspaceEdit(changes: ["file:///a": [TextEdit(range: range(0, 0, 0, 3), newText: "x")]]))
        try expectRoundTrip(
            action,
            #"{"edit":{"changes":{"file:///a":[{"newText":"x","range":{"end":{"character":3,"line":0},"start":{"character":0,"line":0}}}]}},"isPreferred":true,"kind":"quickfix","title":"Fix"}"#
        )
        let formatting = try JSONValue(
            parsing: Data(
                #"{"textDocument":{"uri":"file:///a"},"options":{"tabSize":4,"insertSpaces":true,"trimFinalNewlines":true,"custom":"x"}}"#
                    .utf8)
        )
        .decode(DocumentFormattingParams.self)
        #expect(formatting.options == FormattingOptions(tabSize: 4, insertSpaces: true, trimFinalNewlines: true))
        let references = try ReferencesRequest.decodeParams([
            "textDocument": ["uri": "file:///a"], "position": ["line": 1, "character": 2],
            "context": ["includeDeclaration": false],
        ])
        #expect(references.context.includeDeclaration == false)
    }

    @Test func initializeParamsFromAClient() throws {
        let params = try InitializeRequest.decodeParams(
            JSONValue(
                parsing: Data(
                    #"""
                    {"processId":1234,"clientInfo":{"name":"Visual Studio Code","version":"1.95"},"locale":"en",
                     "rootPath":"/w","rootUri":"file:///w","workspaceFolders":[{"uri":"file:///w","name":"w"}],
                     "initializationOptions":{"strict":true},
                     "capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]},
                       "window":{"workDoneProgress":true},
                       "workspace":{"configuration":true,"didChangeWatchedFiles":{"dynamicRegistration":true},"applyEdit":true},
                       "textDocument":{"diagnostic":{"dynamicRegistration":true},"publishDiagnostics":{"relatedInformation":true,"tagSupport":{"valueSet":[1,2]}},
                         "hover":{"contentFormat":["markdown","plaintext"]},"completion":{"completionItem":{"snippetSupport":true}}},
                       "experimental":{"anything":[1,{"goes":null}]}},
                     "trace":"off"}
                    """#.utf8)))
        #expect(params.processId == 1234)
        #expect(params.clientInfo?.name == "Visual Studio Code")
        #expect(params.rootUri == "file:///w")
        #expect(params.rootPath == "/w")
        #expect(params.workspaceFolders == [WorkspaceFolder(uri: "file:///w", name: "w")])
        #expect(params.initializationOptions == ["strict": true])
        let capabilities = params.capabilities
        #expect(capabilities.positionEncodings == [.utf8, .utf16])
        #expect(capabilities.supportsPullDiagnostics)
        #expect(capabilities.supportsDiagnosticRelatedInformation)
        #expect(capabilities.supportsWorkDoneProgress)
        #expect(capabilities.supportsWorkspaceConfiguration)
        #expect(capabilities.supportsWatchedFilesDynamicRegistration)
        #expect(capabilities.hoverContentFormat == [.markdown, .plaintext])
        #expect(capabilities.supportsCompletionSnippets)
        #expect(capabilities.raw["workspace"]?["applyEdit"] == true)
        #expect(capabilities.raw["experimental"]?["anything"]?[1]?["goes"] == .null)
    }

    @Test func initializeParamsAreLenient() throws {
        let sparse = try InitializeRequest.decodeParams([
            "processId": nil, "rootUri": nil, "capabilities": ["general": "weird"],
            "clientInfo": 5,
        ])
        #expect(sparse.processId == nil)
        #expect(sparse.rootUri == nil)
        #expect(sparse.clientInfo == nil)
        #expect(sparse.capabilities.positionEncodings == [])
        #expect(!sparse.capabilities.supportsPullDiagnostics)
        let empty = try InitializeRequest.decodeParams([:])
        #expect(empty.capabilities == ClientCapabilities(raw: [:]))
        #expect(!empty.capabilities.supportsWorkDoneProgress)
    }

    @Test func clientCapabilitiesBuilderMatchesAccessors() throws {
        let built = ClientCapabilities(
            positionEncodings: [.utf8], pullDiagnostics: true, diagnosticRelatedInformation: true,
            workDoneProgress: true, workspaceConfiguration: true, watchedFilesDynamicRegistration: true,
            hoverContentFormat: [.markdown], completionSnippetSupport: true)
        let decoded = try JSONDecoder().decode(ClientCapabilities.self, from: Data(try JSONRPC.encode(built)))
        #expect(decoded == built)
        #expect(decoded.positionEncodings == [.utf8])
        #expect(decoded.supportsPullDiagnostics && decoded.supportsDiagnosticRelatedInformation && decoded.supportsWorkDoneProgress)
        #expect(
            decoded.supportsWorkspaceConfiguration && decoded.supportsWatchedFilesDynamicRegistration && decoded.supportsCompletionSnippets)
        #expect(decoded.hoverContentFormat == [.markdown])
        #expect(try json(ClientCapabilities()) == "{}")
    }

    @Test func documentSynchronisation() throws {
        let open = try DidOpenTextDocumentNotification.decodeParams(
            ["textDocument": ["uri": "file:///a.kpi", "languageId": "kpi", "version": 1, "text": "plan x\n"]])
        #expect(open.textDocument == TextDocumentItem(uri: "file:///a.kpi", languageId: "kpi", version: 1, text: "plan x\n"))
        try expectRoundTrip(
            TextDocumentContentChangeEvent(range: range(0, 5, 0, 6), text: "y"),
            #"{"range":{"end":{"character":6,"line":0},"start":{"character":5,"line":0}},"text":"y"}"#)
        try expectRoundTrip(TextDocumentContentChangeEvent(text: "all"), #"{"text":"all"}"#)
        try expectRoundTrip(
            DidSaveTextDocumentParams(textDocument: TextDocumentIdentifier(uri: "file:///a")),
            #"{"textDocument":{"uri":"file:///a"}}"#)
        try expectRoundTrip(
            PublishDiagnosticsParams(uri: "file:///a", version: 3, diagnostics: []),
            #"{"diagnostics":[],"uri":"file:///a","version":3}"#)
    }

    @Test func workspaceMessages() throws {
        let watched = try DidChangeWatchedFilesNotification.decodeParams(
            ["changes": [["uri": "file:///a.kpi", "type": 1], ["uri": "file:///b.kpi", "type": 3]]])
        #expect(watched.changes.map(\.type) == [.created, .deleted])
        let folders = try DidChangeWorkspaceFoldersNotification.decodeParams(
            ["event": ["added": [["uri": "file:///n", "name": "n"]], "removed": []]])
        #expect(folders.event.added == [WorkspaceFolder(uri: "file:///n", name: "n")])
        #expect(
            try DidChangeConfigurationNotification.decodeParams(["settings": ["kpi": ["strict": true]]]).settings?["kpi"]?["strict"] == true
        )
        try expectRoundTrip(
            ConfigurationParams(items: [ConfigurationItem(scopeUri: "file:///w", section: "kpi")]),
            #"{"items":[{"scopeUri":"file:///w","section":"kpi"}]}"#)
        #expect(try CancelRequestNotification.decodeParams(["id": "r1"]).id == "r1")
        try expectRoundTrip(LogMessageParams(type: .warning, message: "w"), #"{"message":"w","type":2}"#)
        try expectRoundTrip(
            ExecuteCommandParams(command: "kpi.explain", arguments: [["uri": "file:///a"]]),
            #"{"arguments":[{"uri":"file:///a"}],"command":"kpi.explain"}"#)
    }

    @Test func workDoneProgressValues() {
        #expect(
            WorkDoneProgress.begin(title: "Check", cancellable: false).json == ["kind": "begin", "title": "Check", "cancellable": false])
        #expect(WorkDoneProgress.report(message: "3/9", percentage: 33).json == ["kind": "report", "message": "3/9", "percentage": 33])
        #expect(WorkDoneProgress.end().json == ["kind": "end"])
    }

    @Test func positionsAndRanges() {
        #expect(Position(line: 1, character: 9) < Position(line: 2, character: 0))
        #expect(range(1, 2, 1, 5).contains(Position(line: 1, character: 5)))
        #expect(!range(1, 2, 1, 5).contains(Position(line: 1, character: 6)))
        #expect(LSPRange(at: Position(line: 3, character: 3)).isEmpty)
        #expect(DiagnosticSeverity.error < DiagnosticSeverity.hint)
    }

    @Test func methodNames() {
        #expect(InitializeRequest.method == "initialize")
        #expect(CancelRequestNotification.method == "$/cancelRequest")
        #expect(SemanticTokensDeltaRequest.method == "textDocument/semanticTokens/full/delta")
        #expect(TypeHierarchyPrepareRequest.method == "textDocument/prepareTypeHierarchy")
        #expect(DocumentDiagnosticRequest.method == "textDocument/diagnostic")
        #expect(WorkDoneProgressCreateRequest.method == "window/workDoneProgress/create")
    }
}

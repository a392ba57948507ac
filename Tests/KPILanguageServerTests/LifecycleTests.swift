// The protocol's life cycle against the real `kpi lsp`: errors before `initialize`, unknown
// methods, bad params, malformed JSON, shutdown and exit statuses, end of input, cancellation,
// and the command line's `--version`.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct LifecycleTests {
    let hoverParams: JSONValue = ["textDocument": ["uri": "file:///nowhere/a.kpi"], "position": ["line": 0, "character": 0]]

    @Test func aRequestBeforeInitializeAnswersServerNotInitialized() throws {
        let client = try LSPTestClient()
        let answer = try client.requestRaw(method: HoverRequest.method, params: hoverParams)
        #expect(answer.error?.code == .serverNotInitialized)
        // …and the server still initializes afterwards.
        let result = try client.initialize()
        #expect(result.serverInfo == ServerInfo(name: "kpi", version: "0.1.0"))
    }

    @Test func initializeAnnouncesTheFeatures() throws {
        let client = try LSPTestClient()
        let capabilities = try client.initialize().capabilities
        #expect(capabilities.positionEncoding == .utf16)
        #expect(capabilities.textDocumentSync?.change == .incremental)
        #expect(capabilities.hoverProvider == true && capabilities.definitionProvider == true && capabilities.referencesProvider == true)
        #expect(capabilities.renameProvider?.prepareProvider == true)
        #expect(capabilities.semanticTokensProvider?.full?.delta == true && capabilities.semanticTokensProvider?.range == true)
        #expect(
            capabilities.typeHierarchyProvider == true && capabilities.inlayHintProvider == true
                && capabilities.foldingRangeProvider == true)
        #expect(capabilities.completionProvider?.triggerCharacters?.contains(":") == true)
    }

    @Test func aSecondInitializeIsRefused() throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: ClientCapabilities(positionEncodings: [.utf8]))
        let error = try client.requestError(InitializeRequest.self, InitializeParams())
        #expect(error.code == .invalidRequest)
        // The session keeps its UTF-8 positions: `€` is 3 columns.
        client.open(uri: "file:///tmp/e.kpi", text: "kpi a \"A\"\n  top-level\n  owner: € team\n")
        let hover = try #require(try client.hover("file:///tmp/e.kpi", at: Position(line: 2, character: 14)))
        #expect(hover.range == LSPRange(start: Position(line: 2, character: 13), end: Position(line: 2, character: 17)))
    }

    @Test func anUnknownMethodAnswersMethodNotFound() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let answer = try client.requestRaw(method: "kpi/noSuchThing", params: [:])
        #expect(answer.error?.code == .methodNotFound)
        // An unknown notification is ignored: the next request is answered.
        client.notify(method: "kpi/noSuchNotification", params: [:])
        #expect(try client.requestRaw(method: HoverRequest.method, params: hoverParams).error == nil)
    }

    @Test(arguments: [
        ("a string position", ["textDocument": ["uri": "file:///a.kpi"], "position": "zero"] as JSONValue),
        ("no position", ["textDocument": ["uri": "file:///a.kpi"]] as JSONValue),
        ("a fractional line", ["textDocument": ["uri": "file:///a.kpi"], "position": ["line": 0.5, "character": 0]] as JSONValue),
        ("an array", [1, 2] as JSONValue),
    ])
    func badParamsAnswerInvalidParams(_ name: String, _ params: JSONValue) throws {
        let client = try LSPTestClient()
        try client.initialize()
        let answer = try client.requestRaw(method: HoverRequest.method, params: params)
        #expect(answer.error?.code == .invalidParams, "\(name): \(answer)")
    }

    @Test func malformedJSONAnswersParseErrorAndTheServerKeepsAnswering() throws {
        let client = try LSPTestClient()
        try client.initialize()
        client.write(frame(Array(#"{"jsonrpc":"2.0","id":99,"method":"#.utf8)))
        let error = try client.waitForUnattributedError()
        #expect(error.code == .parseError)
        // A body that is JSON but not a message.
        client.write(frame(Array("[1,2,3]".utf8)))
        #expect(try client.waitForUnattributedError(count: 2).code == .invalidRequest)
        // A header without Content-Length.
        client.write(Array("Content-Type: x\r\n\r\n".utf8))
        #expect(try client.waitForUnattributedError(count: 3).code == .parseError)
        let answer = try client.requestRaw(method: HoverRequest.method, params: hoverParams)
        #expect(answer.error == nil)
        #expect(client.isRunning)
    }

    @Test func shutdownThenExitEndsWithStatusZero() throws {
        let client = try LSPTestClient()
        try client.initialize()
        try client.shutdown()
        // After shutdown, requests are refused.
        let refused = try client.requestRaw(method: HoverRequest.method, params: hoverParams)
        #expect(refused.error?.code == .invalidRequest)
        client.exit()
        #expect(try client.waitForExit() == 0)
    }

    @Test func exitWithoutShutdownEndsWithStatusOne() throws {
        let client = try LSPTestClient()
        try client.initialize()
        client.exit()
        #expect(try client.waitForExit() == 1)
    }

    @Test func exitBeforeInitializeEndsWithStatusOne() throws {
        let client = try LSPTestClient()
        client.exit()
        #expect(try client.waitForExit() == 1)
    }

    @Test func closingStdinEndsTheProcess() throws {
        let client = try LSPTestClient()
        try client.initialize()
        client.closeInput()
        #expect(try client.waitForExit() == 1)
    }

    @Test func closingStdinAfterShutdownEndsWithStatusZero() throws {
        let client = try LSPTestClient()
        try client.initialize()
        try client.shutdown()
        client.closeInput()
        #expect(try client.waitForExit() == 0)
    }

    @Test func theStdioFlagIsAccepted() throws {
        let client = try LSPTestClient(arguments: ["lsp", "--stdio"])
        #expect(try client.initialize().serverInfo?.name == "kpi")
        try client.shutdown()
        client.exit()
        #expect(try client.waitForExit() == 0)
    }

    @Test func versionPrintsTheVersion() throws {
        let run = try KPIExecutable.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "kpi 0.1.0\n")
    }

    @Test func theServerWritesOnlyProtocolMessagesToStdout() throws {
        let session = try Session()
        session.open("a.kpi", Plans.acme)
        try session.client.waitForDiagnostics(session.uri("a.kpi"))
        try session.sync()
        #expect(session.client.outputFramingErrors.isEmpty)
        #expect(session.client.unattributedErrors.isEmpty)
    }
}

// MARK: - Cancellation

@Suite struct CancellationTests {
    /// A big plan, so handling it takes a while and later messages wait in the queue.
    static let bigPlan: String = {
        var text =
            "plan \"Big\"\n  as-of: 2027-07-15\n\nkpi root \"Root\"\n  top-level\n  metric: MRR\n  owner: CFO\n  baseline: $100K at 2026-12-31\n  target: +20% by FY2027\n  actions:\n    - Go\n"
        for i in 0..<800 {
            text +=
                "\nkpi k\(i) \"KPI \(i)\"\n  parent: root\n  metric: MRR\n  owner: Owner \(i)\n  baseline: $100K at 2026-12-31\n  target: +10% by FY2027\n  actions:\n    - Do \(i)\n"
        }
        return text
    }()

    @Test func aCancelWrittenWithItsRequestBehindALargeOpenIsHonoured() throws {
        let session = try Session()
        let client = session.client
        var cancelled = 0
        for attempt in 0..<3 {
            let uri = session.uri("big\(attempt).kpi")
            let id = RequestID.int(50 + attempt)
            var burst = try client.notificationMessage(
                DidOpenTextDocumentNotification.self,
                DidOpenTextDocumentParams(
                    textDocument: TextDocumentItem(uri: uri, languageId: "kpi", version: 1, text: Self.bigPlan)))
            burst += try client.requestMessage(
                id: id, method: HoverRequest.method,
                params: TextDocumentPositionParams(
                    textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 3, character: 5)))
            burst += try client.notificationMessage(CancelRequestNotification.self, CancelParams(id: id))
            client.write(burst)
            let answer = try client.response(to: id, timeout: 30)
            if answer.error?.code == .requestCancelled {
                cancelled += 1
            } else {
                #expect(answer.error == nil, "request \(id): \(answer)")
            }
            try session.sync()
            #expect(client.responseCount(for: id) == 1)
        }
        #expect(cancelled >= 1, "no cancel was honoured in 3 attempts")
    }

    @Test func aBurstWithACancelAnswersEveryRequestExactlyOnce() throws {
        let session = try Session()
        let client = session.client
        let uri = session.open("big.kpi", CancellationTests.bigPlan)
        let document = TextDocumentIdentifier(uri: uri)
        let ids: [RequestID] = (100..<106).map { .int($0) }
        var burst: [UInt8] = []
        for (index, id) in ids.enumerated() {
            switch index % 3 {
            case 0:
                burst += try client.requestMessage(
                    id: id, method: SemanticTokensFullRequest.method, params: TextDocumentParams(textDocument: document))
            case 1:
                burst += try client.requestMessage(
                    id: id, method: WorkspaceSymbolRequest.method, params: WorkspaceSymbolParams(query: "k1"))
            default:
                burst += try client.requestMessage(
                    id: id, method: FoldingRangeRequest.method, params: TextDocumentParams(textDocument: document))
            }
        }
        burst += try client.notificationMessage(CancelRequestNotification.self, CancelParams(id: ids.last!))
        client.write(burst)
        for id in ids {
            let answer = try client.response(to: id, timeout: 30)
            switch answer {
            case .success(let json): #expect(!json.isNull, "request \(id) answered null")
            case .failure(let error): #expect(error.code == .requestCancelled && id == ids.last, "request \(id): \(error)")
            }
        }
        try session.sync()
        for id in ids { #expect(client.responseCount(for: id) == 1, "request \(id)") }
    }

    @Test func aCancelForAnAnsweredRequestChangesNothing() throws {
        let session = try Session()
        let uri = session.open("a.kpi", Plans.acme)
        let id = try session.client.send(
            HoverRequest.self,
            TextDocumentPositionParams(textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 8, character: 5)))
        #expect(try session.client.response(to: id).error == nil)
        session.client.notify(CancelRequestNotification.self, CancelParams(id: id))
        try session.sync()
        #expect(session.client.responseCount(for: id) == 1)
    }

    /// The late cancel is not kept: a request that comes after it with the same id (clients do not
    /// reuse ids, but nothing stops one) is answered, not cancelled.
    @Test func aLateCancelIsForgotten() throws {
        let session = try Session()
        let uri = session.open("a.kpi", Plans.acme)
        let params = TextDocumentPositionParams(textDocument: TextDocumentIdentifier(uri: uri), position: Position(line: 8, character: 5))
        let id = try session.client.send(HoverRequest.self, params)
        #expect(try session.client.response(to: id).error == nil)
        session.client.notify(CancelRequestNotification.self, CancelParams(id: id))
        try session.sync()
        _ = try session.client.send(HoverRequest.self, params, id: id)
        try session.sync()
        #expect(session.client.responseCount(for: id) == 2)
        #expect(try session.client.response(to: id).error == nil)
    }
}

extension Result where Failure == ResponseError {
    var error: ResponseError? { if case .failure(let error) = self { error } else { nil } }
}

// A small LSP client for end-to-end tests: starts the real `kpi lsp` as a subprocess, frames
// messages with Content-Length over pipes, waits for the matching response (never forever: every
// wait has a timeout and fails with a message naming what it waited for and the server's stderr),
// collects notifications, and answers the requests the server sends (`workspace/configuration`
// with the test's settings, `window/workDoneProgress/create`, `client/registerCapability`),
// recording them so tests can assert on them.
//
//     let client = try LSPTestClient()
//     _ = try client.initialize()
//     client.open(uri: uri, text: text)
//     let hover = try client.hover(uri, at: Position(line: 3, character: 5))

import Foundation
import LanguageServerProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

public final class LSPTestClient: @unchecked Sendable {  // shared state lives in `state`, behind its lock
    /// How long a wait lasts unless told otherwise.
    public static let defaultTimeout: TimeInterval = 10

    /// A test failure with a message that says what was waited for and what the server said.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public struct Notification: Sendable {
        public let method: String
        public let params: JSONValue?
    }

    /// A request the server sent to the client, and what the client answered.
    public struct ServerRequest: Sendable {
        public let id: RequestID
        public let method: String
        public let params: JSONValue?
        public let answer: JSONValue
    }

    public let process: Process
    public var timeout: TimeInterval
    private let state: State
    private let input: Channel
    private var nextID = 1
    private let idLock = NSLock()

    /// Starts `kpi lsp` (or `kpi` with other arguments). `configuration` is what the client answers
    /// for the `kpi` section of `workspace/configuration` (null when nil).
    public init(
        executable: URL? = nil, arguments: [String] = ["lsp"], configuration: JSONValue? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = LSPTestClient.defaultTimeout
    ) throws {
        signal(SIGPIPE, SIG_IGN)  // a server that has exited makes writes fail, not the test process die
        self.timeout = timeout
        let process = Process()
        process.executableURL = try executable ?? KPIExecutable.url()
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let state = State(configuration: configuration ?? .null)
        process.terminationHandler = { process in state.exited(process.terminationStatus) }
        self.process = process
        self.state = state
        self.input = Channel(stdin.fileHandleForWriting)
        try process.run()
        let channel = input
        let outFD = stdout.fileHandleForReading.fileDescriptor
        let errFD = stderr.fileHandleForReading.fileDescriptor
        let reader = Thread {
            var framer = MessageFramer()
            Self.readAll(outFD) { chunk in
                for message in framer.feed(chunk) {
                    switch message {
                    case .body(let body): state.received(body, reply: channel)
                    case .error(let error): state.framingError(error)
                    }
                }
            }
            state.stdoutClosed()
        }
        reader.name = "lsp-test-client-stdout"
        reader.start()
        let errors = Thread {
            Self.readAll(errFD) { state.appendStderr($0) }
        }
        errors.name = "lsp-test-client-stderr"
        errors.start()
        // Keep the pipes' read ends alive as long as the threads use their descriptors.
        state.keepAlive = [stdout, stderr]
    }

    deinit {
        input.close()
        if process.isRunning {
            // Give the server a moment to see the end of its input, then make sure it is gone.
            if !state.waitForExit(timeout: 2) { process.terminate() }
        }
    }

    private static func readAll(_ fd: Int32, _ handle: ([UInt8]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            handle(Array(buffer[..<count]))
        }
    }

    // MARK: - Settings answered to the server

    /// The value answered for `workspace/configuration` items with section `kpi`.
    public var configuration: JSONValue {
        get { state.withLock { state.configuration } }
        set { state.withLock { state.configuration = newValue } }
    }

    // MARK: - Writing

    /// A fresh request id.
    public func makeID() -> RequestID {
        idLock.lock()
        defer { idLock.unlock() }
        nextID += 1
        return .int(nextID - 1)
    }

    /// A framed request, to write later (alone or in a burst with `write(_:)`).
    public func requestMessage(id: RequestID, method: String, params: JSONValue?) -> [UInt8] {
        frame(try! JSONRPC.encodeRequest(id: id, method: method, params: params))
    }

    public func requestMessage<P: Encodable>(id: RequestID, method: String, params: P) throws -> [UInt8] {
        frame(try JSONRPC.encodeRequest(id: id, method: method, params: params))
    }

    /// A framed notification, to write later.
    public func notificationMessage(method: String, params: JSONValue?) -> [UInt8] {
        frame(try! JSONRPC.encodeNotification(method: method, params: params))
    }

    public func notificationMessage<N: LSPNotification>(_: N.Type, _ params: N.Params) throws -> [UInt8] {
        frame(try N.encode(params))
    }

    /// Writes raw bytes to the server's stdin in one write (for bursts and malformed input).
    /// Returns false when the server's input is closed.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool { input.write(bytes) }

    /// Sends a request and returns its id; `response(to:)` waits for the answer.
    @discardableResult
    public func send(method: String, params: JSONValue?, id: RequestID? = nil) -> RequestID {
        let id = id ?? makeID()
        write(requestMessage(id: id, method: method, params: params))
        return id
    }

    @discardableResult
    public func send<R: LSPRequest>(_: R.Type, _ params: R.Params, id: RequestID? = nil) throws -> RequestID {
        let id = id ?? makeID()
        write(try requestMessage(id: id, method: R.method, params: params))
        return id
    }

    public func notify(method: String, params: JSONValue?) {
        write(notificationMessage(method: method, params: params))
    }

    public func notify<N: LSPNotification>(_ type: N.Type, _ params: N.Params) {
        do { write(try notificationMessage(type, params)) } catch {
            preconditionFailure("cannot encode \(N.method): \(error)")
        }
    }

    /// Closes the server's stdin (the server should then end).
    public func closeInput() { input.close() }

    // MARK: - Waiting

    /// The answer to request `id`: its result or its error. Fails after the timeout.
    public func response(to id: RequestID, timeout: TimeInterval? = nil) throws -> Result<JSONValue, ResponseError> {
        let limit = timeout ?? self.timeout
        if let answer = state.waitForResponse(id, timeout: limit) { return answer }
        throw Failure("no response to request \(id) within \(limit) s\(diagnosis())")
    }

    /// Sends a request and waits for its raw answer.
    public func requestRaw(method: String, params: JSONValue?, timeout: TimeInterval? = nil) throws -> Result<JSONValue, ResponseError> {
        try response(to: send(method: method, params: params), timeout: timeout)
    }

    /// Sends a typed request and decodes its result; an error response is thrown as `ResponseError`.
    public func request<R: LSPRequest>(_ type: R.Type, _ params: R.Params, timeout: TimeInterval? = nil) throws -> R.Response {
        let id = try send(type, params)
        switch try response(to: id, timeout: timeout) {
        case .success(let json):
            do { return try json.decode(R.Response.self) } catch {
                throw Failure("cannot decode the answer to \(R.method) as \(R.Response.self): \(error)\nanswer: \(json)")
            }
        case .failure(let error):
            throw error
        }
    }

    /// Sends a typed request and returns the error it must answer with; fails when it succeeds.
    public func requestError<R: LSPRequest>(_ type: R.Type, _ params: R.Params, timeout: TimeInterval? = nil) throws -> ResponseError {
        let id = try send(type, params)
        switch try response(to: id, timeout: timeout) {
        case .success(let json): throw Failure("\(R.method) answered \(json), expected an error")
        case .failure(let error): return error
        }
    }

    /// How many responses arrived for request `id` (exactly one is right).
    public func responseCount(for id: RequestID) -> Int { state.withLock { state.responseCounts[id] ?? 0 } }

    /// Every notification received so far, in order.
    public var notifications: [Notification] { state.withLock { state.notifications } }

    /// How many notifications have arrived; pass it as `since` to wait only for newer ones.
    public var notificationCount: Int { state.withLock { state.notifications.count } }

    public func notifications(_ method: String) -> [Notification] { notifications.filter { $0.method == method } }

    /// Waits for a notification (received at index `since` or later) that satisfies `predicate`.
    @discardableResult
    public func waitForNotification(
        _ method: String, since: Int = 0, timeout: TimeInterval? = nil,
        where predicate: @escaping (JSONValue?) -> Bool = { _ in true }
    ) throws -> Notification {
        let limit = timeout ?? self.timeout
        if let found = state.waitForNotification(since: since, timeout: limit, where: { $0.method == method && predicate($0.params) }) {
            return found
        }
        throw Failure("no matching \(method) notification within \(limit) s\(diagnosis())")
    }

    /// The `window/logMessage` notifications so far.
    public var logMessages: [LogMessageParams] {
        notifications(LogMessageNotification.method).compactMap { try? $0.params?.decode(LogMessageParams.self) }
    }

    /// Every `publishDiagnostics` for a document, in order.
    public func publishedDiagnostics(_ uri: DocumentURI) -> [PublishDiagnosticsParams] {
        notifications(PublishDiagnosticsNotification.method).compactMap { try? $0.params?.decode(PublishDiagnosticsParams.self) }
            .filter { $0.uri == uri }
    }

    /// The latest diagnostics published for a document, nil when none were.
    public func latestDiagnostics(_ uri: DocumentURI) -> PublishDiagnosticsParams? { publishedDiagnostics(uri).last }

    /// Waits for diagnostics of `uri` (published at notification index `since` or later) that satisfy `predicate`.
    @discardableResult
    public func waitForDiagnostics(
        _ uri: DocumentURI, since: Int = 0, timeout: TimeInterval? = nil,
        where predicate: @escaping (PublishDiagnosticsParams) -> Bool = { _ in true }
    ) throws -> PublishDiagnosticsParams {
        let limit = timeout ?? self.timeout
        let found = state.waitForNotification(since: since, timeout: limit) { notification in
            guard notification.method == PublishDiagnosticsNotification.method,
                let params = try? notification.params?.decode(PublishDiagnosticsParams.self)
            else { return false }
            return params.uri == uri && predicate(params)
        }
        guard let found, let params = try? found.params?.decode(PublishDiagnosticsParams.self) else {
            let latest =
                latestDiagnostics(uri).map {
                    "\n  latest for it: version \($0.version.map(String.init) ?? "nil"), codes \($0.diagnostics.map { $0.code ?? "?" })"
                } ?? "\n  none published for it"
            throw Failure("no matching diagnostics for \(uri) within \(limit) s\(latest)\(diagnosis())")
        }
        return params
    }

    /// Requests the server sent to the client (answered automatically), in order.
    public var serverRequests: [ServerRequest] { state.withLock { state.serverRequests } }

    public func serverRequests(_ method: String) -> [ServerRequest] { serverRequests.filter { $0.method == method } }

    /// Waits until the server has sent a request with this method (the `since`-th or later).
    @discardableResult
    public func waitForServerRequest(_ method: String, count: Int = 1, timeout: TimeInterval? = nil) throws -> ServerRequest {
        let limit = timeout ?? self.timeout
        if let found = state.waitForServerRequest(method, count: count, timeout: limit) { return found }
        throw Failure("the server sent no \(method) request (#\(count)) within \(limit) s\(diagnosis())")
    }

    /// Errors the server sent with a null id (e.g. for a message it could not parse).
    public var unattributedErrors: [ResponseError] { state.withLock { state.unattributedErrors } }

    public func waitForUnattributedError(count: Int = 1, timeout: TimeInterval? = nil) throws -> ResponseError {
        let limit = timeout ?? self.timeout
        if let error = state.waitForUnattributedError(count: count, timeout: limit) { return error }
        throw Failure("the server sent no error without an id within \(limit) s\(diagnosis())")
    }

    /// The process exit status, waiting for the process to end; fails after the timeout.
    public func waitForExit(timeout: TimeInterval? = nil) throws -> Int32 {
        let limit = timeout ?? self.timeout
        guard state.waitForExit(timeout: limit) else { throw Failure("the server is still running after \(limit) s\(diagnosis())") }
        return state.withLock { state.exitStatus ?? -1 }
    }

    public var isRunning: Bool { state.withLock { state.exitStatus == nil } }

    /// What the server wrote to stderr so far.
    public var standardError: String { state.withLock { String(decoding: state.stderr, as: UTF8.self) } }

    /// Framing errors in the server's output (there should be none).
    public var outputFramingErrors: [FramingError] { state.withLock { state.framingErrors } }

    private func diagnosis() -> String {
        let status = state.withLock { state.exitStatus }.map { "\n  the server exited with status \($0)" } ?? ""
        let stderr = standardError
        let tail = stderr.count > 1500 ? "…" + stderr.suffix(1500) : stderr
        return status + (tail.isEmpty ? "" : "\n  server stderr:\n" + tail)
    }
}

// MARK: - Typed helpers

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

// MARK: - Shared state

/// The stdin of the server: serialised writes, and a close that later writes tolerate.
private final class Channel: @unchecked Sendable {  // all state behind `lock`
    private let handle: FileHandle
    private var closed = false
    private let lock = NSLock()

    init(_ handle: FileHandle) { self.handle = handle }

    func write(_ bytes: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return false }
        let fd = handle.fileDescriptor
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? handle.close()
    }
}

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private final class State: @unchecked Sendable {  // all state behind `condition`
    let condition = NSCondition()
    var configuration: JSONValue
    var responses: [RequestID: Result<JSONValue, ResponseError>] = [:]
    var responseCounts: [RequestID: Int] = [:]
    var unattributedErrors: [ResponseError] = []
    var notifications: [LSPTestClient.Notification] = []
    var serverRequests: [LSPTestClient.ServerRequest] = []
    var framingErrors: [FramingError] = []
    var stderr: [UInt8] = []
    var exitStatus: Int32?
    var outputClosed = false
    var keepAlive: [Pipe] = []

    init(configuration: JSONValue) { self.configuration = configuration }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    private func update(_ body: () -> Void) {
        condition.lock()
        body()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `found` returns a value, or the deadline passes.
    private func wait<T>(timeout: TimeInterval, _ found: () -> T?) -> T? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = found() { return value }
            if !condition.wait(until: deadline) { return found() }
        }
    }

    func received(_ body: [UInt8], reply: Channel) {
        switch IncomingMessage(decoding: body) {
        case .response(let id, let result):
            update {
                if let id {
                    responses[id] = result
                    responseCounts[id, default: 0] += 1
                } else if case .failure(let error) = result {
                    unattributedErrors.append(error)
                }
            }
        case .notification(let method, let params):
            update { notifications.append(.init(method: method, params: params)) }
        case .request(let id, let method, let params):
            let answer: JSONValue
            switch method {
            case ConfigurationRequest.method:
                let settings = withLock { configuration }
                let items = params?["items"]?.arrayValue ?? []
                answer = .array(items.map { $0["section"]?.stringValue == "kpi" ? settings : .null })
            default:  // window/workDoneProgress/create, client/registerCapability, …: null is success
                answer = .null
            }
            // Record before answering, so a test that sees the effect of the answer also sees the request.
            update { serverRequests.append(.init(id: id, method: method, params: params, answer: answer)) }
            _ = reply.write(frame(JSONRPC.encodeResponse(id: id, result: answer)))
        case .invalid(let id, let error):
            update {
                if let id {
                    responses[id] = .failure(error)
                    responseCounts[id, default: 0] += 1
                } else {
                    unattributedErrors.append(error)
                }
            }
        }
    }

    func framingError(_ error: FramingError) { update { framingErrors.append(error) } }
    func appendStderr(_ bytes: [UInt8]) { update { stderr += bytes } }
    func stdoutClosed() { update { outputClosed = true } }
    func exited(_ status: Int32) { update { exitStatus = status } }

    func waitForResponse(_ id: RequestID, timeout: TimeInterval) -> Result<JSONValue, ResponseError>? {
        wait(timeout: timeout) { responses[id] }
    }

    func waitForNotification(
        since: Int, timeout: TimeInterval,
        where predicate: (LSPTestClient.Notification) -> Bool
    ) -> LSPTestClient.Notification? {
        wait(timeout: timeout) {
            guard since < notifications.count else { return nil }
            return notifications[since...].first(where: predicate)
        }
    }

    func waitForServerRequest(_ method: String, count: Int, timeout: TimeInterval) -> LSPTestClient.ServerRequest? {
        wait(timeout: timeout) {
            let matching = serverRequests.filter { $0.method == method }
            return matching.count >= count ? matching[count - 1] : nil
        }
    }

    func waitForUnattributedError(count: Int, timeout: TimeInterval) -> ResponseError? {
        wait(timeout: timeout) { unattributedErrors.count >= count ? unattributedErrors[count - 1] : nil }
    }

    func waitForExit(timeout: TimeInterval) -> Bool {
        wait(timeout: timeout) { exitStatus.map { _ in true } } ?? false
    }
}

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
    private let state: ClientState
    private let input: ServerInput
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
        let (process, stdin, stdout, stderr) = try KPIExecutable.pipedProcess(
            arguments, executable: executable, currentDirectory: currentDirectory)
        let state = ClientState(configuration: configuration ?? .null)
        process.terminationHandler = { process in state.exited(process.terminationStatus) }
        self.process = process
        self.state = state
        self.input = ServerInput(stdin.fileHandleForWriting)
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

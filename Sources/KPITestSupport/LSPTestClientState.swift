// What the test client shares between the test's thread and its reader threads: the server's
// stdin (writes serialised, a close that later writes tolerate) and everything received, behind a
// condition that the waits sleep on until what they wait for arrives or the time is up.

import Foundation
import LanguageServerProtocol

/// The stdin of the server: serialised writes, and a close that later writes tolerate.
final class ServerInput: @unchecked Sendable {  // all state behind `lock`
    private let handle: FileHandle
    private var closed = false
    private let lock = NSLock()

    init(_ handle: FileHandle) { self.handle = handle }

    func write(_ bytes: [UInt8]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return false }
        return (try? FileDescriptorOutput.writeAll(bytes, to: handle.fileDescriptor)) != nil
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        try? handle.close()
    }
}

final class ClientState: @unchecked Sendable {  // all state behind `condition`
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

    func received(_ body: [UInt8], reply: ServerInput) {
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

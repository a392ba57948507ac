// Tests for the transport: the reader over a real pipe, and the writer's framing and
// serialisation of concurrent sends.

import Foundation
import Testing

@testable import LanguageServerProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A pipe whose ends are closed when the test is done with them.
private func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    return (fds[0], fds[1])
}

private func collect(_ stream: AsyncStream<ReaderEvent>) async -> [ReaderEvent] {
    var events: [ReaderEvent] = []
    for await event in stream { events.append(event) }
    return events
}

/// Collects everything written, for asserting on the writer's output.
private final class ByteSink: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var storage: [UInt8] = []  // guarded by `lock`
    func append(_ bytes: [UInt8]) { lock.withLock { storage += bytes } }
    var bytes: [UInt8] { lock.withLock { storage } }
}

@Suite struct ConnectionTests {
    @Test func readerDeliversMessagesErrorsAndEndOfInput() async throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let writer = MessageWriter(fileDescriptor: writeEnd)
        let stream = MessageReader(fileDescriptor: readEnd).events()
        try writer.send(bytes(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#))
        #expect(write(writeEnd, "Content-Length: x\r\n\r\n", 21) == 21)
        let large = bytes(#"{"text":""#) + [UInt8](repeating: 0x61, count: 200_000) + bytes(#""}"#)
        try writer.send(large)
        #expect(write(writeEnd, "Content-Length: 10\r\n\r\n{", 23) == 23)  // cut off
        close(writeEnd)
        let events = await collect(stream)
        #expect(
            events == [
                .message(bytes(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)),
                .framingError(.invalidContentLength("x")),
                .message(large),
                .endOfInput(truncatedBytes: 1),
            ])
    }

    @Test func readerCallbackRunsUntilEndOfInput() async throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd) }
        let sink = ByteSink()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            MessageReader(fileDescriptor: readEnd).start { event in
                switch event {
                case .message(let body): sink.append(body)
                case .framingError: sink.append(bytes("!"))
                case .endOfInput: done.resume()
                }
            }
            let writer = MessageWriter(fileDescriptor: writeEnd)
            for index in 0..<50 { try? writer.send(bytes("\(index),")) }
            close(writeEnd)
        }
        #expect(String(decoding: sink.bytes, as: UTF8.self) == (0..<50).map { "\($0)," }.joined())
    }

    @Test func writerFramesEachMessage() throws {
        let sink = ByteSink()
        let writer = MessageWriter { sink.append($0) }
        try writer.sendResponse(id: 1, result: Hover?.none)
        try writer.sendNotification(LogMessageNotification.self, LogMessageParams(type: .info, message: "hi"))
        try writer.sendError(id: nil, error: ResponseError(code: .parseError, message: "bad"))
        try writer.sendRequest(WorkDoneProgressCreateRequest.self, id: "p1", WorkDoneProgressCreateParams(token: "tok"))
        let expected = [
            #"{"id":1,"jsonrpc":"2.0","result":null}"#,
            #"{"jsonrpc":"2.0","method":"window/logMessage","params":{"message":"hi","type":3}}"#,
            #"{"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"}"#,
            #"{"id":"p1","jsonrpc":"2.0","method":"window/workDoneProgress/create","params":{"token":"tok"}}"#,
        ]
        #expect(sink.bytes == expected.flatMap { frame(bytes($0)) })
    }

    @Test func concurrentSendsNeverInterleave() async throws {
        let sink = ByteSink()
        // Write each message in two pieces so interleaving would show if sends were not serialised.
        let writer = MessageWriter { framed in
            sink.append(Array(framed.prefix(10)))
            sink.append(Array(framed.dropFirst(10)))
        }
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<100 {
                        try? writer.send(bytes(#"{"task":\#(task),"index":\#(index)}"#))
                    }
                }
            }
        }
        var framer = MessageFramer()
        let output = framer.feed(sink.bytes)
        #expect(output.count == 800)
        let bodies = Set(
            output.compactMap { message -> String? in
                if case .body(let body) = message { return String(decoding: body, as: UTF8.self) }
                return nil
            })
        #expect(bodies.count == 800)
        #expect(bodies.contains(#"{"task":7,"index":99}"#))
    }

    @Test func writerReportsFailedWrites() throws {
        let (readEnd, writeEnd) = try makePipe()
        close(writeEnd)
        defer { close(readEnd) }
        // Writing to the read end of a pipe fails with EBADF.
        let writer = MessageWriter(fileDescriptor: readEnd)
        #expect(throws: WriteError.self) { try writer.send(bytes("{}")) }
    }
}

// The server's byte transport: `MessageReader` reads framed messages from stdin on a background
// thread, `MessageWriter` writes framed messages to stdout. Nothing else may write to stdout;
// diagnostics go to stderr (`StandardError.log`).

import Dispatch
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the reader delivers, in input order. `.endOfInput` is always last.
public enum ReaderEvent: Hashable, Sendable {
    case message([UInt8])
    case framingError(FramingError)
    /// The input closed (or failed). `truncatedBytes` counts bytes of an unfinished message.
    case endOfInput(truncatedBytes: Int)
}

public struct MessageReader: Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32 = STDIN_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    /// Reads on the calling thread until end of input, handing every event to `handler`.
    public func run(_ handler: (ReaderEvent) -> Void) {
        var framer = MessageFramer()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            // A non-blocking stdin with nothing to read yet: wait for input, never spin.
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                var waiting = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
                if poll(&waiting, 1, -1) < 0 && errno != EINTR { break }
                continue
            }
            guard count > 0 else { break }
            for output in framer.feed(chunk[..<count]) {
                switch output {
                case .body(let body): handler(.message(body))
                case .error(let error): handler(.framingError(error))
                }
            }
        }
        handler(.endOfInput(truncatedBytes: framer.pendingByteCount))
    }

    /// Reads on a new background thread; `handler` is called on that thread.
    public func start(_ handler: @escaping @Sendable (ReaderEvent) -> Void) {
        // A queue of its own: the reader blocks in read(2) for the life of the connection.
        DispatchQueue(label: "lsp-reader").async { run(handler) }
    }

    /// Starts reading on a background thread and returns the events as a stream, which finishes
    /// after `.endOfInput`.
    public func events() -> AsyncStream<ReaderEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReaderEvent.self)
        start { event in
            continuation.yield(event)
            if case .endOfInput = event { continuation.finish() }
        }
        return stream
    }
}

public struct WriteError: Error, Hashable, Sendable {
    public var errno: Int32
    public init(errno: Int32) { self.errno = errno }
}

/// Writes framed messages, one at a time from any thread. Each message is written completely
/// (with `write(2)`, which does not buffer) before the next starts.
/// Note: a server that should survive its client closing the pipe must ignore `SIGPIPE` so a
/// failed write throws `WriteError(EPIPE)` instead of ending the process.
public final class MessageWriter: Sendable {
    private let output: @Sendable ([UInt8]) throws -> Void
    private let lock = Mutex(())

    /// Writes to a file descriptor, stdout by default.
    public convenience init(fileDescriptor: Int32 = STDOUT_FILENO) {
        self.init { bytes in try FileDescriptorOutput.writeAll(bytes, to: fileDescriptor) }
    }

    /// Hands each framed message to `output` (for tests or other transports). Calls are serialised.
    public init(output: @escaping @Sendable ([UInt8]) throws -> Void) {
        self.output = output
    }

    /// Frames `body` and writes it.
    public func send(_ body: [UInt8]) throws {
        let bytes = frame(body)
        try lock.withLock { _ in try output(bytes) }
    }

    /// Sends a response (a nil optional result becomes `"result":null`).
    public func sendResponse(id: RequestID, result: some Encodable) throws {
        try send(JSONRPC.encodeResponse(id: id, result: result))
    }

    public func sendError(id: RequestID?, error: ResponseError) throws {
        try send(JSONRPC.encodeError(id: id, error: error))
    }

    public func sendNotification<N: LSPNotification>(_ type: N.Type, _ params: N.Params) throws {
        try send(N.encode(params))
    }

    public func sendRequest<R: LSPRequest>(_ type: R.Type, id: RequestID, _ params: R.Params) throws {
        try send(R.encodeRequest(id: id, params))
    }
}

/// Unbuffered writes to a file descriptor, retried until every byte is out. On a non-blocking
/// descriptor (some editors' pipes are) a full pipe is waited for with `poll`: nothing is dropped,
/// and nothing spins.
public enum FileDescriptorOutput {
    public static func writeAll(_ bytes: [UInt8], to fileDescriptor: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK {
                        var waiting = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                        if poll(&waiting, 1, -1) < 0 && errno != EINTR { throw WriteError(errno: errno) }
                        continue
                    }
                    throw WriteError(errno: errno)
                }
                offset += written
            }
        }
    }
}

/// Diagnostics for humans; never stdout, which carries only protocol messages.
public enum StandardError {
    public static func log(_ message: String) {
        try? FileDescriptorOutput.writeAll(Array((message.hasSuffix("\n") ? message : message + "\n").utf8), to: STDERR_FILENO)
    }
}

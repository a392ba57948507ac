// The LSP base protocol's byte framing: `Content-Length: N\r\n` headers, a blank line, then
// N bytes of body. `MessageFramer` is an incremental parser that survives any malformed input
// (reporting an error and resynchronising on the next `Content-Length:`); `frame` writes.

/// Why a message could not be framed. The framer reports one error per bad message and then
/// skips ahead to the next plausible `Content-Length:` header.
public enum FramingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The header block had no `Content-Length` header.
    case missingContentLength
    /// `Content-Length` was empty, non-numeric, negative, or given twice with different values.
    case invalidContentLength(String)
    /// `Content-Length` exceeded `MessageFramer.maxContentLength`.
    case contentLengthTooLarge(String)
    /// A header line had no colon.
    case malformedHeaderLine(String)
    /// No blank line ended the headers within `MessageFramer.maxHeaderBytes`.
    case headerTooLong

    public var description: String {
        switch self {
        case .missingContentLength: "missing Content-Length header"
        case .invalidContentLength(let value): "invalid Content-Length '\(value)'"
        case .contentLengthTooLarge(let value): "Content-Length \(value) exceeds the limit"
        case .malformedHeaderLine(let line): "malformed header line '\(line)'"
        case .headerTooLong: "header block too long or missing its blank line"
        }
    }
}

/// One unit of framer output: a complete body, or an error for a message that was skipped.
public enum FramedMessage: Hashable, Sendable {
    case body([UInt8])
    case error(FramingError)
}

/// Incremental `Content-Length` parser. Feed it chunks of any size; it yields bodies in order.
/// Work is linear in the input: each byte is scanned for the header terminator at most once.
public struct MessageFramer: Sendable {
    public static let maxContentLength = 256 << 20
    public static let maxHeaderBytes = 8 << 10

    private enum State: Sendable {
        case header  // expecting a header block at `start`
        case body(length: Int)  // header parsed; waiting for `length` bytes at `start`
        case resync  // skipping to the next `Content-Length:`
    }

    private var buffer: [UInt8] = []
    private var start = 0  // first unconsumed byte
    private var scanned = 0  // header bytes after `start` already searched for the terminator
    private var state = State.header

    public init() {}

    /// Unconsumed bytes, e.g. a truncated message when input ends.
    public var pendingByteCount: Int { buffer.count - start }

    /// Appends `bytes` and returns every message they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [FramedMessage] {
        append(bytes)
        var out: [FramedMessage] = []
        while let message = next() { out.append(message) }
        return out
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message or error, or nil when more input is needed.
    public mutating func next() -> FramedMessage? {
        while true {
            switch state {
            case .body(let length):
                guard buffer.count - start >= length else { return nil }
                let body = Array(buffer[start..<start + length])
                consume(upTo: start + length, then: .header)
                return .body(body)
            case .resync:
                if let found = find(Self.contentLengthName, from: start, caseInsensitive: true) {
                    consume(upTo: found, then: .header)
                } else {
                    // Keep a tail that might be the start of a split `Content-Length:`.
                    start = max(start, buffer.count - (Self.contentLengthName.count - 1))
                    return nil
                }
            case .header:
                // Tolerate stray line breaks between messages.
                while scanned == 0, start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A {
                    start += 1
                }
                let searchFrom = start + max(0, scanned - 3)
                guard let end = find(Self.headerTerminator, from: searchFrom, caseInsensitive: false) else {
                    scanned = buffer.count - start
                    if scanned > Self.maxHeaderBytes { return fail(.headerTooLong) }
                    return nil
                }
                if end - start > Self.maxHeaderBytes { return fail(.headerTooLong) }
                switch parseHeaders(buffer[start..<end]) {
                case .length(let length):
                    consume(upTo: end + Self.headerTerminator.count, then: .body(length: length))
                case .failure(let error, let resumeAt):
                    return fail(error, resumeAt: resumeAt)
                }
            }
        }
    }

    // MARK: - Internals

    private static let headerTerminator: [UInt8] = Array("\r\n\r\n".utf8)
    private static let contentLengthName: [UInt8] = Array("content-length:".utf8)

    private mutating func consume(upTo index: Int, then next: State) {
        start = index
        scanned = 0
        state = next
    }

    /// Reports `error` and resynchronises from `resumeAt`, by default just past the failed
    /// header's first byte so that header cannot be matched again.
    private mutating func fail(_ error: FramingError, resumeAt: Int? = nil) -> FramedMessage {
        consume(upTo: resumeAt ?? start + 1, then: .resync)
        return .error(error)
    }

    /// First index ≥ `from` where `needle` occurs (ASCII case-insensitively if asked).
    private func find(_ needle: [UInt8], from: Int, caseInsensitive: Bool) -> Int? {
        guard let first = needle.first, buffer.count - from >= needle.count else { return nil }
        var i = from
        let last = buffer.count - needle.count
        while i <= last {
            let byte = caseInsensitive ? Self.lowercased(buffer[i]) : buffer[i]
            if byte == first {
                var j = 1
                while j < needle.count,
                    (caseInsensitive ? Self.lowercased(buffer[i + j]) : buffer[i + j]) == needle[j]
                { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private enum HeaderParse {
        case length(Int)
        case failure(FramingError, resumeAt: Int)
    }

    /// Parses `Name: value` lines separated by CRLF. On failure, resynchronising resumes inside a
    /// line that is not a header (a body that ran on without the blank line may be followed by
    /// the next message's header) and after a bad `Content-Length` line.
    private func parseHeaders(_ block: ArraySlice<UInt8>) -> HeaderParse {
        var length: Int?
        var lineStart = block.startIndex
        while lineStart <= block.endIndex {
            var lineEnd = lineStart
            while lineEnd < block.endIndex,
                !(block[lineEnd] == 0x0D && lineEnd + 1 < block.endIndex && block[lineEnd + 1] == 0x0A)
            {
                lineEnd += 1
            }
            let line = String(decoding: block[lineStart..<lineEnd], as: UTF8.self)
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex,
                line.utf8[..<colon].allSatisfy(Self.isTokenByte)
            else {
                return .failure(.malformedHeaderLine(Self.clipped(line)), resumeAt: lineStart + 1)
            }
            if line[..<colon].lowercased() == "content-length" {
                let value = line[line.index(after: colon)...].trimmingASCIISpaces()
                guard !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                    return .failure(.invalidContentLength(Self.clipped(value)), resumeAt: lineEnd)
                }
                guard value.utf8.count <= 10, let parsed = Int(value), parsed <= Self.maxContentLength else {
                    return .failure(.contentLengthTooLarge(Self.clipped(value)), resumeAt: lineEnd)
                }
                if let length, length != parsed {
                    return .failure(.invalidContentLength(Self.clipped(value)), resumeAt: lineEnd)
                }
                length = parsed
            }
            lineStart = lineEnd + 2
        }
        guard let length else { return .failure(.missingContentLength, resumeAt: block.endIndex) }
        return .length(length)
    }

    /// RFC 9110 token characters, the only ones allowed in a header name.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func clipped(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}

extension StringProtocol {
    fileprivate func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}

/// Wraps a message body in its `Content-Length` header, ready to write.
public func frame(_ body: [UInt8]) -> [UInt8] {
    var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
    out.reserveCapacity(out.count + body.count)
    out.append(contentsOf: body)
    return out
}

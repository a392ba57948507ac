// libFuzzer target for the JSON-RPC transport (LanguageServerProtocol), compiled together with
// its sources by `Fuzz/build.sh`. The input is a byte stream as a client might send it. Checks:
//
//  - the framer never yields a body longer than the input, and its bodies are pieces of the
//    input, in order and not overlapping (it never invents or reuses bytes);
//  - feeding the stream in random chunks gives the same messages and errors as feeding it at once;
//  - what is left pending is never more than the input;
//  - every body classifies (request / notification / response / invalid) without trapping, and
//    the answers the server would build for it (result, error, typed params) encode;
//  - the input read as one JSON text either fails cleanly or round-trips through the encoder.

import LanguageServerProtocol

#if canImport(Glibc)
    import Glibc
#endif

@inline(never)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        let text = "fuzz invariant broken: \(message())\n"
        _ = text.withCString { fputs($0, stderr) }
        abort()
    }
}

/// A small deterministic generator seeded from the input, for chunk sizes.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func frameAll(_ bytes: [UInt8], chunked seed: UInt64?) -> (messages: [FramedMessage], pending: Int) {
    var framer = MessageFramer()
    var out: [FramedMessage] = []
    guard let seed else {
        out = framer.feed(bytes)
        return (out, framer.pendingByteCount)
    }
    var random = SplitMix(state: seed)
    var index = 0
    while index < bytes.count {
        let size = Int(random.next() % 9) == 0 ? Int(random.next() % 300) + 1 : Int(random.next() % 7) + 1
        let end = min(bytes.count, index + size)
        out += framer.feed(bytes[index..<end])
        index = end
    }
    out += framer.feed([])
    return (out, framer.pendingByteCount)
}

/// Where `needle` occurs in `haystack` at or after `from`.
func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
    guard needle.count <= haystack.count - from else { return nil }
    if needle.isEmpty { return from }
    var i = from
    while i + needle.count <= haystack.count {
        if haystack[i] == needle[0] && haystack[i..<i + needle.count].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

func exercise(_ body: [UInt8]) {
    let message = IncomingMessage(decoding: body)
    switch message {
    case .request(let id, let method, let params):
        require(!JSONRPC.encodeResponse(id: id, result: params).isEmpty, "a response for \(method) did not encode")
        require(
            !JSONRPC.encodeError(id: id, error: ResponseError(code: .invalidParams, message: method, data: params)).isEmpty,
            "an error for \(method) did not encode")
        // The params of the common requests decode or fail with -32602, never trap.
        for attempt in [
            { _ = try JSONRPC.decode(TextDocumentPositionParams.self, from: params) },
            { _ = try JSONRPC.decode(DidChangeTextDocumentParams.self, from: params) },
            { _ = try JSONRPC.decode(DidOpenTextDocumentParams.self, from: params) },
            { _ = try JSONRPC.decode(InitializeParams.self, from: params) },
            { _ = try JSONRPC.decode(CodeActionParams.self, from: params) },
            { _ = try JSONRPC.decode(RenameParams.self, from: params) },
            { _ = try JSONRPC.decode(DocumentFormattingParams.self, from: params) },
        ] as [() throws -> Void] {
            do { try attempt() } catch let error as ResponseError {
                require(error.code == .invalidParams, "params decoding failed with \(error.code.rawValue), not -32602")
            } catch {
                require(false, "params decoding threw a non-ResponseError: \(error)")
            }
        }
    case .notification(let method, let params):
        _ = try? JSONRPC.encodeNotification(method: method, params: params)
    case .response:
        break
    case .invalid(let id, let error):
        require(error.code == .parseError || error.code == .invalidRequest, "invalid message with code \(error.code.rawValue)")
        require(!JSONRPC.encodeError(id: id, error: error).isEmpty, "an error response did not encode")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFraming(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))

    let whole = frameAll(bytes, chunked: nil)
    var seed: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes.prefix(64) { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
    let chunked = frameAll(bytes, chunked: seed)
    require(
        whole.messages == chunked.messages,
        "framing depends on how the input is split: \(whole.messages.count) vs \(chunked.messages.count) messages")
    require(whole.pending <= bytes.count, "pending \(whole.pending) > input \(bytes.count)")
    require(whole.pending == chunked.pending, "pending bytes depend on how the input is split: \(whole.pending) vs \(chunked.pending)")

    var from = 0
    var total = 0
    for message in whole.messages {
        guard case .body(let body) = message else { continue }
        require(body.count <= bytes.count, "a body of \(body.count) bytes from \(bytes.count) bytes of input")
        total += body.count
        require(total <= bytes.count, "bodies total \(total) bytes from \(bytes.count) bytes of input")
        guard let at = find(body, in: bytes, from: from) else {
            require(false, "a body of \(body.count) bytes is not a piece of the input after offset \(from)")
            return 0
        }
        from = at + body.count
        exercise(body)
    }
    require(whole.messages.count <= bytes.count + 1, "\(whole.messages.count) messages from \(bytes.count) bytes")

    // The whole input as one JSON text.
    if let value = try? JSONValue(parsing: bytes) {
        if let encoded = try? JSONRPC.encode(value), let again = try? JSONValue(parsing: encoded) {
            require(again == value, "JSON did not round-trip through the encoder")
        }
    }
    exercise(bytes)
    return 0
}

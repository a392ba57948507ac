// The JSON-RPC 2.0 envelope LSP rides on: request ids, error codes, classifying an incoming body
// as request / notification / response / invalid, and encoding outgoing messages to bytes.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A request id: JSON-RPC allows an integer or a string. Also used for progress tokens.
public enum RequestID: Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
    case int(Int)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    /// Reads an id from a tree: an integral number or a string; anything else is nil.
    public init?(json: JSONValue) {
        switch json {
        case .string(let value): self = .string(value)
        case .integer(let value): self = .int(value)
        case .number(let value):
            guard let int = Int(exactly: value) else { return nil }
            self = .int(int)
        default: return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): "\"\(value)\""
        }
    }
}

/// `$/progress` and work-done tokens share the id's int-or-string shape.
public typealias ProgressToken = RequestID

/// A JSON-RPC / LSP error code. Compare with `==` or match against the static constants.
public struct ErrorCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByIntegerLiteral {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(integerLiteral value: Int) { rawValue = value }

    public static let parseError: ErrorCode = -32700
    public static let invalidRequest: ErrorCode = -32600
    public static let methodNotFound: ErrorCode = -32601
    public static let invalidParams: ErrorCode = -32602
    public static let internalError: ErrorCode = -32603
    public static let serverNotInitialized: ErrorCode = -32002
    public static let unknownErrorCode: ErrorCode = -32001
    public static let requestFailed: ErrorCode = -32803
    public static let serverCancelled: ErrorCode = -32802
    public static let contentModified: ErrorCode = -32801
    public static let requestCancelled: ErrorCode = -32800
}

/// The `error` member of a response; also thrown by `decode(_:from:)` for bad params.
public struct ResponseError: Error, Codable, Hashable, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var data: JSONValue?

    public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let parseError = ErrorCode.parseError
    public static let invalidRequest = ErrorCode.invalidRequest
    public static let methodNotFound = ErrorCode.methodNotFound
    public static let invalidParams = ErrorCode.invalidParams
    public static let internalError = ErrorCode.internalError
    public static let serverNotInitialized = ErrorCode.serverNotInitialized
    public static let requestCancelled = ErrorCode.requestCancelled
    public static let contentModified = ErrorCode.contentModified

    public var description: String { "error \(code.rawValue): \(message)" }
}

/// Params of messages that take none (`shutdown`, `exit`): decodes from anything, never encoded.
public struct NoParams: Codable, Hashable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {}
}

/// The result of requests whose answer is always `null` (`shutdown`, `client/registerCapability`).
public struct NullResult: Codable, Hashable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

// MARK: - Incoming

/// One decoded message body.
public enum IncomingMessage: Hashable, Sendable {
    case request(id: RequestID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    /// A reply to a request the server sent. `id` is nil only for errors the client could not attribute.
    case response(id: RequestID?, result: Result<JSONValue, ResponseError>)
    /// Not a usable message. `error.code` is `.parseError` (not JSON) or `.invalidRequest` (JSON, but
    /// not a JSON-RPC message); answer with `JSONRPC.encodeError(id:error:)` — `id` is set when the
    /// broken message still carried a usable one.
    case invalid(id: RequestID?, error: ResponseError)

    /// Classifies a framed body.
    public init(decoding body: [UInt8]) {
        do {
            self.init(json: try JSONValue(parsing: body))
        } catch {
            self = .invalid(id: nil, error: ResponseError(code: .parseError, message: "Parse error: \(error)"))
        }
    }

    /// Classifies an already parsed message.
    public init(json: JSONValue) {
        func invalid(_ id: RequestID?, _ reason: String) -> IncomingMessage {
            .invalid(id: id, error: ResponseError(code: .invalidRequest, message: "Invalid request: \(reason)"))
        }
        guard case .object(let members) = json else {
            self = invalid(nil, "expected a JSON object")
            return
        }
        let rawID = members["id"]
        var id: RequestID?
        if let rawID, rawID != .null {
            guard let parsed = RequestID(json: rawID) else {
                self = invalid(nil, "id must be an integer or a string")
                return
            }
            id = parsed
        }
        // `jsonrpc` is tolerated when absent, rejected when wrong.
        if let version = members["jsonrpc"], version != "2.0" {
            self = invalid(id, "jsonrpc must be \"2.0\"")
            return
        }
        if let rawMethod = members["method"] {
            guard case .string(let method) = rawMethod else {
                self = invalid(id, "method must be a string")
                return
            }
            var params = members["params"]
            if params == .null { params = nil }
            if let params, params.objectValue == nil, params.arrayValue == nil {
                self = invalid(id, "params must be an object or an array")
                return
            }
            if rawID == nil {
                self = .notification(method: method, params: params)
            } else if let id {
                self = .request(id: id, method: method, params: params)
            } else {
                self = invalid(nil, "request id must not be null")
            }
            return
        }
        switch (members["result"], members["error"]) {
        case (let result?, nil):
            self = .response(id: id, result: .success(result))
        case (nil, let error?):
            guard let error = try? error.decode(ResponseError.self) else {
                self = invalid(id, "malformed error object")
                return
            }
            self = .response(id: id, result: .failure(error))
        case (.some, .some):
            self = invalid(id, "a response cannot have both result and error")
        case (nil, nil):
            self = invalid(id, "missing method")
        }
    }
}

/// Decodes request or notification params into `T`. Absent params decode as `null`, which suits
/// `NoParams` and optionals. Throws a `ResponseError` with code `.invalidParams` on mismatch.
public func decode<T: Decodable>(_ type: T.Type, from params: JSONValue?) throws -> T {
    try JSONRPC.decode(type, from: params)
}

// MARK: - Outgoing

/// Builds outgoing message bodies (unframed; `MessageWriter` or `frame(_:)` adds the header).
public enum JSONRPC {
    /// See the top-level `decode(_:from:)`.
    public static func decode<T: Decodable>(_ type: T.Type, from params: JSONValue?) throws -> T {
        if let readable = type as? any JSONReadable.Type, let params, let value = readable.init(json: params) {
            return value as! T
        }
        do {
            return try (params ?? .null).decode(type)
        } catch {
            throw ResponseError(code: .invalidParams, message: "Invalid params: \(describe(error))")
        }
    }

    /// A success response. `result` is always written, so a nil optional becomes `"result":null`.
    /// Never fails: a result that cannot be encoded yields an `internalError` response instead.
    public static func encodeResponse(id: RequestID, result: some Encodable) -> [UInt8] {
        if let writable = result as? any JSONWritable {
            // `{"id":…,"jsonrpc":"2.0","result":…}`, keys in the sorted order `encode` gives.
            var head = Array(#"{"id":"#.utf8)
            switch id {
            case .int(let number): head.append(contentsOf: String(number).utf8)
            case .string(let text): JSONWriter.writeString(text, into: &head)
            }
            head.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
            return enveloped(writable, after: head)
        }
        do {
            return try encode(Outgoing(shape: .result(id), payload: result))
        } catch {
            let failure = ResponseError(code: .internalError, message: "Could not encode the result: \(error)")
            return encodeError(id: id, error: failure)
        }
    }

    /// An error response; `id` is nil (written as `null`) when the request's id is unknown.
    public static func encodeError(id: RequestID?, error: ResponseError) -> [UInt8] {
        if let bytes = try? encode(Outgoing(shape: .error(id), payload: error)) { return bytes }
        // Only `data` can make encoding fail (a non-finite number); drop it.
        let plain = ResponseError(code: error.code, message: error.message)
        return (try? encode(Outgoing(shape: .error(id), payload: plain))) ?? []
    }

    /// A notification. `NoParams` or a nil optional omits `params`.
    public static func encodeNotification(method: String, params: some Encodable) throws -> [UInt8] {
        if let writable = params as? any JSONWritable {
            // `{"jsonrpc":"2.0","method":…,"params":…}`, keys in the sorted order `encode` gives.
            var head = Array(#"{"jsonrpc":"2.0","method":"#.utf8)
            JSONWriter.writeString(method, into: &head)
            head.append(contentsOf: #","params":"#.utf8)
            return enveloped(writable, after: head)
        }
        return try encode(Outgoing(shape: .notification(method), payload: params))
    }

    /// `head`, the payload and the closing brace of the envelope.
    private static func enveloped(_ payload: any JSONWritable, after head: [UInt8]) -> [UInt8] {
        var out = head
        payload.writeJSON(into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A server-to-client request. `NoParams` or a nil optional omits `params`.
    public static func encodeRequest(id: RequestID, method: String, params: some Encodable) throws -> [UInt8] {
        try encode(Outgoing(shape: .request(id, method), payload: params))
    }

    /// Encodes any Codable value the way every message is encoded (sorted keys, unescaped `/`).
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        try JSONWriter.write(value)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

/// Lets `Outgoing` omit params that mean "none".
private protocol OmittedWhenEmpty { var isEmpty: Bool { get } }
extension NoParams: OmittedWhenEmpty { var isEmpty: Bool { true } }
extension Optional: OmittedWhenEmpty { var isEmpty: Bool { self == nil } }

private struct Outgoing<Payload: Encodable>: Encodable {
    enum Shape {
        case request(RequestID, String)
        case notification(String)
        case result(RequestID)
        case error(RequestID?)
    }
    enum Key: String, CodingKey { case jsonrpc, id, method, params, result, error }

    let shape: Shape
    let payload: Payload

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode("2.0", forKey: .jsonrpc)
        switch shape {
        case .request(let id, let method):
            try container.encode(id, forKey: .id)
            try container.encode(method, forKey: .method)
            try encodeParams(into: &container)
        case .notification(let method):
            try container.encode(method, forKey: .method)
            try encodeParams(into: &container)
        case .result(let id):
            try container.encode(id, forKey: .id)
            try container.encode(payload, forKey: .result)
        case .error(let id):
            if let id { try container.encode(id, forKey: .id) } else { try container.encodeNil(forKey: .id) }
            try container.encode(payload, forKey: .error)
        }
    }

    private func encodeParams(into container: inout KeyedEncodingContainer<Key>) throws {
        if let omittable = payload as? any OmittedWhenEmpty, omittable.isEmpty { return }
        try container.encode(payload, forKey: .params)
    }
}

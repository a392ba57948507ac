// Tests for the JSON-RPC envelope: classifying incoming bodies, encoding outgoing messages,
// JSONValue parsing and the tree decoder used for params.

import Foundation
import Testing

@testable import LanguageServerProtocol

private func message(_ text: String) -> IncomingMessage { IncomingMessage(decoding: Array(text.utf8)) }
private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct IncomingMessageTests {
    @Test func requestWithIntegerID() throws {
        let incoming = message(
            #"""
            {"jsonrpc":"2.0","id":7,"method":"textDocument/hover",
             "params":{"textDocument":{"uri":"file:///a.kpi"},"position":{"line":3,"character":14}}}
            """#)
        guard case .request(let id, let method, let params) = incoming else {
            Issue.record("not a request: \(incoming)")
            return
        }
        #expect(id == .int(7))
        #expect(method == HoverRequest.method)
        let decoded = try HoverRequest.decodeParams(params)
        #expect(
            decoded
                == TextDocumentPositionParams(
                    textDocument: TextDocumentIdentifier(uri: "file:///a.kpi"),
                    position: Position(line: 3, character: 14)))
    }

    @Test func requestWithStringID() {
        #expect(
            message(#"{"jsonrpc":"2.0","id":"abc-1","method":"shutdown"}"#)
                == .request(id: .string("abc-1"), method: "shutdown", params: nil))
        #expect(
            message(#"{"jsonrpc":"2.0","id":"1","method":"shutdown","params":null}"#)
                == .request(id: "1", method: "shutdown", params: nil))
    }

    @Test func notification() {
        #expect(
            message(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":4}}"#)
                == .notification(method: "$/cancelRequest", params: ["id": 4]))
        #expect(message(#"{"jsonrpc":"2.0","method":"exit"}"#) == .notification(method: "exit", params: nil))
    }

    @Test func responses() {
        #expect(
            message(#"{"jsonrpc":"2.0","id":3,"result":[{"section":1}]}"#)
                == .response(id: 3, result: .success([["section": 1]])))
        #expect(message(#"{"jsonrpc":"2.0","id":4,"result":null}"#) == .response(id: 4, result: .success(.null)))
        #expect(
            message(#"{"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"nope"}}"#)
                == .response(id: "x", result: .failure(ResponseError(code: .methodNotFound, message: "nope"))))
    }

    @Test func nonJSONIsAParseError() {
        for body in ["", "{", "Content-Length: 3", "{'id':1}", #"{"id":1,}"#, "\u{FF}", String(repeating: "[", count: 100_000)] {
            guard case .invalid(let id, let error) = message(body) else {
                Issue.record("accepted \(body)")
                continue
            }
            #expect(id == nil)
            #expect(error.code == .parseError)
            #expect(error.code.rawValue == -32700)
        }
    }

    @Test func jsonThatIsNotAnObjectIsAnInvalidRequest() {
        for body in ["[1,2]", "42", "\"hi\"", "null", "true", #"[{"jsonrpc":"2.0","method":"x"}]"#] {
            #expect(
                message(body)
                    == .invalid(
                        id: nil,
                        error: ResponseError(
                            code: .invalidRequest, message: "Invalid request: expected a JSON object")), "\(body)")
        }
    }

    @Test func requestMissingMethodKeepsItsID() {
        guard case .invalid(let id, let error) = message(#"{"jsonrpc":"2.0","id":9,"params":{}}"#) else {
            Issue.record("accepted a request without method")
            return
        }
        #expect(id == 9)
        #expect(error.code == ResponseError.invalidRequest)
        #expect(error.code.rawValue == -32600)
    }

    @Test func otherInvalidShapes() {
        func code(_ body: String) -> (RequestID?, ErrorCode)? {
            if case .invalid(let id, let error) = message(body) { return (id, error.code) }
            return nil
        }
        #expect(code(#"{"jsonrpc":"2.0","id":1,"method":5}"#)! == (1, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":true,"method":"x"}"#)! == (nil, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#)! == (nil, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":null,"method":"x"}"#)! == (nil, .invalidRequest))
        #expect(code(#"{"jsonrpc":"1.0","id":2,"method":"x"}"#)! == (2, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":3,"method":"x","params":"s"}"#)! == (3, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":4,"result":1,"error":{"code":1,"message":"m"}}"#)! == (4, .invalidRequest))
        #expect(code(#"{"jsonrpc":"2.0","id":5,"error":"bad"}"#)! == (5, .invalidRequest))
        // A missing `jsonrpc` member is tolerated.
        #expect(message(#"{"id":1,"method":"x"}"#) == .request(id: 1, method: "x", params: nil))
    }

    @Test func errorCodesMatchTheSpec() {
        #expect(ResponseError.parseError.rawValue == -32700)
        #expect(ResponseError.invalidRequest.rawValue == -32600)
        #expect(ResponseError.methodNotFound.rawValue == -32601)
        #expect(ResponseError.invalidParams.rawValue == -32602)
        #expect(ResponseError.internalError.rawValue == -32603)
        #expect(ResponseError.serverNotInitialized.rawValue == -32002)
        #expect(ResponseError.requestCancelled.rawValue == -32800)
        #expect(ResponseError.contentModified.rawValue == -32801)
    }
}

@Suite struct OutgoingMessageTests {
    @Test func nilResponseEncodesResultNull() {
        #expect(text(HoverRequest.encodeResponse(id: 1, nil)) == #"{"id":1,"jsonrpc":"2.0","result":null}"#)
        #expect(text(JSONRPC.encodeResponse(id: "a", result: [Location]?.none)) == #"{"id":"a","jsonrpc":"2.0","result":null}"#)
        #expect(text(ShutdownRequest.encodeResponse(id: 2, NullResult())) == #"{"id":2,"jsonrpc":"2.0","result":null}"#)
        #expect(text(ExecuteCommandRequest.encodeResponse(id: 3, nil)) == #"{"id":3,"jsonrpc":"2.0","result":null}"#)
    }

    @Test func responseWithValue() {
        let hover = Hover(contents: .markdown("**x**"))
        #expect(
            text(HoverRequest.encodeResponse(id: 5, hover))
                == #"{"id":5,"jsonrpc":"2.0","result":{"contents":{"kind":"markdown","value":"**x**"}}}"#)
    }

    @Test func errorResponses() {
        let error = ResponseError(code: .methodNotFound, message: "Unhandled method foo/bar")
        #expect(
            text(JSONRPC.encodeError(id: 4, error: error))
                == #"{"error":{"code":-32601,"message":"Unhandled method foo/bar"},"id":4,"jsonrpc":"2.0"}"#)
        #expect(
            text(JSONRPC.encodeError(id: nil, error: ResponseError(code: .parseError, message: "bad", data: ["at": 3])))
                == #"{"error":{"code":-32700,"data":{"at":3},"message":"bad"},"id":null,"jsonrpc":"2.0"}"#)
        // Unencodable data is dropped rather than losing the response.
        #expect(
            text(JSONRPC.encodeError(id: 1, error: ResponseError(code: .internalError, message: "m", data: .number(.nan))))
                == #"{"error":{"code":-32603,"message":"m"},"id":1,"jsonrpc":"2.0"}"#)
    }

    @Test func unencodableResultBecomesInternalError() throws {
        let bytes = JSONRPC.encodeResponse(id: 8, result: JSONValue.number(.infinity))
        guard case .response(let id, .failure(let error)) = IncomingMessage(decoding: bytes) else {
            Issue.record("not an error response: \(text(bytes))")
            return
        }
        #expect(id == 8)
        #expect(error.code == .internalError)
    }

    @Test func notificationsAndRequests() throws {
        let diagnostics = PublishDiagnosticsParams(uri: "file:///p.kpi", diagnostics: [])
        #expect(
            text(try PublishDiagnosticsNotification.encode(diagnostics))
                == #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":[],"uri":"file:///p.kpi"}}"#)
        #expect(text(try ExitNotification.encode(NoParams())) == #"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(text(try JSONRPC.encodeNotification(method: "x", params: JSONValue?.none)) == #"{"jsonrpc":"2.0","method":"x"}"#)
        #expect(
            text(try JSONRPC.encodeNotification(method: "x", params: JSONValue.null))
                == #"{"jsonrpc":"2.0","method":"x","params":null}"#)
        let configuration = ConfigurationParams(items: [ConfigurationItem(section: "kpi")])
        #expect(
            text(try ConfigurationRequest.encodeRequest(id: "cfg-1", configuration))
                == #"{"id":"cfg-1","jsonrpc":"2.0","method":"workspace/configuration","params":{"items":[{"section":"kpi"}]}}"#)
        let progress = ProgressParams(token: "t", workDone: .begin(title: "Indexing", percentage: 0))
        #expect(
            text(try ProgressNotification.encode(progress))
                == #"{"jsonrpc":"2.0","method":"$/progress","params":{"token":"t","value":{"kind":"begin","percentage":0,"title":"Indexing"}}}"#
        )
    }

    @Test func outgoingMessagesDecodeBack() throws {
        let request = try RegisterCapabilityRequest.encodeRequest(
            id: 12,
            RegistrationParams(registrations: [
                Registration(
                    id: "w", method: DidChangeWatchedFilesNotification.method,
                    registerOptions: try JSONValue(
                        encoding: DidChangeWatchedFilesRegistrationOptions(
                            watchers: [FileSystemWatcher(globPattern: "**/*.kpi")])))
            ]))
        guard case .request(12, "client/registerCapability", let params) = IncomingMessage(decoding: request) else {
            Issue.record("did not decode: \(text(request))")
            return
        }
        let registration = try RegisterCapabilityRequest.decodeParams(params).registrations[0]
        #expect(registration.registerOptions?["watchers"]?[0]?["globPattern"] == "**/*.kpi")
        #expect(try ConfigurationRequest.decodeResponse([["a": 1], nil]) == [["a": 1], .null])
    }

    @Test func invalidParamsThrowResponseError() {
        do {
            _ = try HoverRequest.decodeParams(["textDocument": ["uri": "file:///a"], "position": ["line": 1]])
            Issue.record("decoded incomplete params")
        } catch let error as ResponseError {
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("character"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ResponseError.self) { try decode(DidOpenTextDocumentParams.self, from: nil) }
        #expect(throws: ResponseError.self) { try decode(Position.self, from: ["line": 1.5, "character": 0]) }
        // Messages without params accept absent ones.
        #expect((try? ShutdownRequest.decodeParams(nil)) == NoParams())
        #expect((try? InitializedNotification.decodeParams(nil)) == InitializedParams())
        #expect((try? InitializedNotification.decodeParams([:])) == InitializedParams())
    }
}

@Suite struct JSONValueTests {
    @Test func parsesEveryKind() throws {
        let value = try JSONValue(parsing: Data(#"{"a":[1,2.5,-3e2,true,false,null,"s",{"b":{}}],"c":""}"#.utf8))
        #expect(value == ["a": [1, 2.5, -300, true, false, nil, "s", ["b": [:]]], "c": ""])
        #expect(value["a"]?[1]?.doubleValue == 2.5)
        #expect(value["a"]?[0]?.intValue == 1)
        #expect(value["a"]?[1]?.intValue == nil)
        #expect(value["a"]?[3]?.boolValue == true)
        #expect(value["a"]?[5]?.isNull == true)
        #expect(value["a"]?[6]?.stringValue == "s")
        #expect(value["a"]?[99] == nil)
        #expect(value["missing"] == nil)
        #expect(value["a"]?["key on array"] == nil)
        #expect(value["c"]?.arrayValue == nil)
        #expect(value.objectValue?.count == 2)
    }

    @Test func parserHandlesEscapesNumbersAndWhitespace() throws {
        func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: Array(text.utf8)) }
        #expect(
            try parse(#" { "s" : "a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\ud83d\ude00" } "#)
                == ["s": "a\"b\\c/d\u{8}\u{C}\n\r\té€😀"])
        #expect(try parse(#""\ud800x""#) == "\u{FFFD}x")  // lone surrogate
        #expect(try parse(#""\ud800\u0041""#) == "\u{FFFD}A")  // high surrogate without its pair
        #expect(try parse("\"€ raw ✓\"") == "€ raw ✓")
        #expect(
            try parse("[0,-0,12,-12,1.5,-2.5e-3,1E2,123456789012345678]")
                == [0, 0, 12, -12, 1.5, -0.0025, 100, .integer(123_456_789_012_345_678)])  // integers kept exact
        #expect(try parse("\t\r\n[ ]\n") == [])
        #expect(try parse(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).arrayValue?.count == 1)
        for bad in [
            "01", "1.", ".5", "-", "1e", "+1", "1e999", "tru", "nul", "[1,]", "{\"a\":1,}", "{\"a\" 1}",
            "{1:2}", #""a\u12""#, #""\x""#, "\"tab\there\"", "\"unterminated", "[1 2]", "1 2", "NaN",
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        ] {
            #expect(throws: (any Error).self, "\(bad)") { try parse(bad) }
        }
    }

    @Test func encodesIntegersWithoutFraction() throws {
        let value: JSONValue = ["i": 3, "f": 0.5, "big": .number(1e300), "neg": -7]
        #expect(
            String(decoding: try JSONRPC.encode(value), as: UTF8.self)
                == #"{"big":1e+300,"f":0.5,"i":3,"neg":-7}"#)
    }

    @Test func treeDecoderMatchesJSONDecoder() throws {
        let json = #"""
            {"textDocument":{"uri":"file:///w/p.kpi","version":3},
             "contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":4}},"text":"abc"},
                               {"text":"whole"}]}
            """#
        let viaFoundation = try JSONDecoder().decode(DidChangeTextDocumentParams.self, from: Data(json.utf8))
        let viaTree = try JSONValue(parsing: Data(json.utf8)).decode(DidChangeTextDocumentParams.self)
        #expect(viaTree == viaFoundation)
        #expect(
            viaTree.contentChanges[0].range
                == LSPRange(
                    start: Position(line: 0, character: 1),
                    end: Position(line: 0, character: 4)))
        #expect(viaTree.contentChanges[1].range == nil)
    }

    /// A single value of the wrong kind fails as a mismatch for every type the standard library
    /// decodes as one (none of them may ask the decoder for itself again and recurse).
    @Test(arguments: [JSONValue.object(["a": 1]), .array([1]), .null, .string("3"), .bool(true)])
    func singleValuesOfTheWrongKindAreAMismatch(_ value: JSONValue) {
        func mismatch<T: Decodable>(_ type: T.Type) -> Bool {
            do {
                _ = try value.decode(type)
                return false
            } catch DecodingError.typeMismatch { return true } catch { return false }
        }
        if value != .string("3") { #expect(mismatch(String.self)) }
        if value != .bool(true) { #expect(mismatch(Bool.self)) }
        let numbers: [any Decodable.Type] = [
            Int.self, Int8.self, Int16.self, Int32.self, Int64.self, Int128.self, UInt.self,
            UInt8.self, UInt16.self, UInt32.self, UInt64.self, UInt128.self, Float.self, Double.self,
        ]
        for type in numbers {
            let failed = mismatch(type)
            #expect(failed, "\(type)")
        }
    }

    @Test func treeDecoderTypeRules() throws {
        #expect(try JSONValue.number(3).decode(Int.self) == 3)
        #expect(try JSONValue.number(3).decode(UInt32.self) == 3)
        #expect(try JSONValue.number(3.5).decode(Float.self) == 3.5)
        #expect(throws: DecodingError.self) { try JSONValue.number(3.5).decode(Int.self) }
        #expect(throws: DecodingError.self) { try JSONValue.number(-1).decode(UInt8.self) }
        #expect(throws: DecodingError.self) { try JSONValue.string("3").decode(Int.self) }
        #expect(throws: DecodingError.self) { try JSONValue.number(1).decode(Bool.self) }
        #expect(throws: DecodingError.self) { try JSONValue.null.decode(String.self) }
        #expect(try JSONValue.null.decode(String?.self) == nil)
        #expect(try (["a": [1, 2], "b": []] as JSONValue).decode([String: [Int]].self) == ["a": [1, 2], "b": []])
        #expect(try ([[1], [2, 3]] as JSONValue).decode([[UInt32]].self) == [[1], [2, 3]])
        #expect(try (["x": ["y": true]] as JSONValue).decode([String: JSONValue].self) == ["x": ["y": true]])
        #expect(try ([1, nil] as JSONValue).decode([Int?].self) == [1, nil])
        let id: RequestID = try JSONValue.string("q").decode(RequestID.self)
        #expect(id == "q")
    }

    @Test func requestIDs() throws {
        #expect(RequestID(json: 5) == .int(5))
        #expect(RequestID(json: "5") == .string("5"))
        #expect(RequestID(json: 5.5) == nil)
        #expect(RequestID(json: nil) == nil)
        #expect(try JSONDecoder().decode([RequestID].self, from: Data(#"[1,"a"]"#.utf8)) == [1, "a"])
        #expect(String(decoding: try JSONRPC.encode([RequestID.int(1), .string("a")]), as: UTF8.self) == #"[1,"a"]"#)
        #expect(Set<RequestID>([1, 1, "1"]).count == 2)
    }
}

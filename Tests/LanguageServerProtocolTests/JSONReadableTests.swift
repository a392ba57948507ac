// The params read straight from JSON (`JSONReadable`) agree with `Decodable`: the same value
// whenever they read one, and nothing where decoding fails, so the error still comes from the
// decoder. Every input that should be read directly is, or the fast path would go unnoticed.

import Foundation
import Testing

@testable import LanguageServerProtocol

@Suite struct JSONReadableTests {
    /// Compares both paths on one input; returns whether the direct reader read it.
    @discardableResult
    static func agree<T: Decodable & Equatable & JSONReadable>(
        _: T.Type, _ text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Bool {
        let json = try JSONValue(parsing: Data(text.utf8))
        let decoded = try? json.decode(T.self)
        let read = T(json: json)
        if let read {
            #expect(read == decoded, "\(text)", sourceLocation: sourceLocation)
        } else {
            // Not read directly: `JSONRPC.decode` must still give exactly what decoding gives.
            #expect((try? JSONRPC.decode(T.self, from: json)) == decoded, "\(text)", sourceLocation: sourceLocation)
        }
        if decoded == nil { #expect(read == nil, "read what does not decode: \(text)", sourceLocation: sourceLocation) }
        return read != nil
    }

    static let document = #""textDocument":{"uri":"file:///w/a%20b.kpi"}"#
    static let position = #""position":{"line":3,"character":7}"#

    @Test func positionsAndRanges() throws {
        for text in [#"{"line":0,"character":0}"#, #"{"line":12,"character":4,"extra":[1]}"#, #"{"line":-1,"character":2.0}"#] {
            #expect(try Self.agree(Position.self, text))
        }
        for text in [
            #"{"line":1}"#, #"{"line":1.5,"character":0}"#, #"{"line":"1","character":0}"#, #"{"line":null,"character":0}"#,
            #"{"line":1e300,"character":0}"#, "[1,2]", "null", "7",
        ] {
            #expect(try !Self.agree(Position.self, text))
        }
        #expect(try Self.agree(LSPRange.self, #"{"start":{"line":1,"character":2},"end":{"line":1,"character":5}}"#))
        #expect(try !Self.agree(LSPRange.self, #"{"start":{"line":1,"character":2}}"#))
    }

    @Test func positionParams() throws {
        #expect(try Self.agree(TextDocumentPositionParams.self, "{\(Self.document),\(Self.position)}"))
        #expect(try Self.agree(TextDocumentPositionParams.self, "{\(Self.document),\(Self.position),\"workDoneToken\":\"t\"}"))
        for text in [
            "{\(Self.document)}", "{\(Self.position)}", #"{"textDocument":{"uri":5},"position":{"line":1,"character":1}}"#,
            #"{"textDocument":null,"position":{"line":1,"character":1}}"#,
        ] {
            #expect(try !Self.agree(TextDocumentPositionParams.self, text))
        }
    }

    @Test func completionParams() throws {
        for context in [
            "", #","context":null"#, #","context":{"triggerKind":1}"#, #","context":{"triggerKind":2,"triggerCharacter":":"}"#,
            #","context":{"triggerKind":3,"triggerCharacter":null}"#, #","context":{"triggerKind":9,"triggerCharacter":"€"}"#,
        ] {
            #expect(try Self.agree(CompletionParams.self, "{\(Self.document),\(Self.position)\(context)}"), "\(context)")
        }
        for context in [
            #","context":{}"#, #","context":{"triggerKind":"1"}"#, #","context":{"triggerKind":1,"triggerCharacter":5}"#,
            #","context":[1]"#, #","context":{"triggerKind":1.5}"#,
        ] {
            #expect(try !Self.agree(CompletionParams.self, "{\(Self.document),\(Self.position)\(context)}"), "\(context)")
        }
    }

    @Test func referenceParams() throws {
        #expect(try Self.agree(ReferenceParams.self, "{\(Self.document),\(Self.position),\"context\":{\"includeDeclaration\":true}}"))
        #expect(try Self.agree(ReferenceParams.self, "{\(Self.document),\(Self.position),\"context\":{\"includeDeclaration\":false}}"))
        for context in ["", #","context":null"#, #","context":{}"#, #","context":{"includeDeclaration":1}"#] {
            #expect(try !Self.agree(ReferenceParams.self, "{\(Self.document),\(Self.position)\(context)}"), "\(context)")
        }
    }

    @Test func didChangeParams() throws {
        let versioned = #""textDocument":{"uri":"file:///w/a.kpi","version":4}"#
        let range = #""range":{"start":{"line":0,"character":1},"end":{"line":0,"character":2}}"#
        for changes in [
            "[]", #"[{"text":"whole — €🚀"}]"#, "[{\(range),\"text\":\"x\"}]", "[{\(range),\"rangeLength\":1,\"text\":\"\"}]",
            "[{\(range),\"rangeLength\":null,\"text\":\"a\"},{\"range\":null,\"text\":\"b\"}]",
        ] {
            #expect(try Self.agree(DidChangeTextDocumentParams.self, "{\(versioned),\"contentChanges\":\(changes)}"), "\(changes)")
        }
        for changes in [
            "null", "{}", #"[{"range":{"start":{"line":0,"character":1}},"text":"x"}]"#, #"[{"rangeLength":1}]"#,
            "[{\(range),\"rangeLength\":\"1\",\"text\":\"x\"}]", "[{\"text\":\"a\"},5]",
        ] {
            #expect(try !Self.agree(DidChangeTextDocumentParams.self, "{\(versioned),\"contentChanges\":\(changes)}"), "\(changes)")
        }
        #expect(try !Self.agree(DidChangeTextDocumentParams.self, #"{"textDocument":{"uri":"file:///w/a.kpi"},"contentChanges":[]}"#))
    }

    /// What is not read directly still gets its -32602 from the decoder, with the decoder's message.
    @Test func badParamsStillSayWhatIsWrong() throws {
        let json = try JSONValue(parsing: Data("{\(Self.document)}".utf8))
        #expect(throws: ResponseError.self) { try JSONRPC.decode(TextDocumentPositionParams.self, from: json) }
        do {
            _ = try JSONRPC.decode(TextDocumentPositionParams.self, from: json)
        } catch let error as ResponseError {
            #expect(error.code == .invalidParams)
            #expect(error.message.contains("position"), "\(error.message)")
        }
    }
}

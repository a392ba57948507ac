// Issue 15, protocol: integers are kept as integers, so a request id past 2^53 (9007199254740993)
// and a completion item's `data` of 2^62 come back exactly as they were sent.

import Foundation
import Testing

@testable import LanguageServerProtocol

@Suite struct JSONIntegerTests {
    @Test(arguments: [9_007_199_254_740_993, 1 << 62, -(1 << 62), Int.max, Int.min, 0])
    func integersParseAndWriteExactly(_ value: Int) throws {
        let parsed = try JSONValue(parsing: Array("[\(value)]".utf8))
        #expect(parsed == .array([.integer(value)]))
        #expect(parsed[0]?.intValue == value)
        #expect(String(decoding: try JSONWriter.write(parsed), as: UTF8.self) == "[\(value)]")
        var out: [UInt8] = []
        parsed.writeJSON(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "[\(value)]")
        #expect(try JSONValueDecoder(value: parsed[0]!, codingPath: []).decode(Int.self) == value)
    }

    @Test func numbersBeyondAnIntOrWithAFractionAreDoubles() throws {
        #expect(try JSONValue(parsing: Array("9223372036854775808".utf8)) == .number(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: Array("1.5".utf8)) == .number(1.5))
        #expect(try JSONValue(parsing: Array("1e3".utf8)) == .number(1000))
        // The same number either way: 1 and 1.0 are equal, and hash alike.
        #expect(JSONValue.integer(1) == .number(1.0))
        #expect(Set<JSONValue>([.integer(1), .number(1.0)]).count == 1)
        #expect(JSONValue.integer(9_007_199_254_740_993) != .number(9_007_199_254_740_992))
    }

    @Test func requestIDsPast2To53AreAnsweredWithTheSameID() throws {
        let incoming = IncomingMessage(decoding: Array(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"shutdown"}"#.utf8))
        guard case .request(let id, _, _) = incoming else {
            Issue.record("not a request: \(incoming)")
            return
        }
        #expect(id == .int(9_007_199_254_740_993))
        let response = String(decoding: JSONRPC.encodeResponse(id: id, result: NullResult()), as: UTF8.self)
        #expect(response.contains(#""id":9007199254740993"#), "\(response)")
    }
}

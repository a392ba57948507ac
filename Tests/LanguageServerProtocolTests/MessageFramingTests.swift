// Tests for the Content-Length framer: chunking at every boundary, several messages per chunk,
// and recovery from malformed headers.

import Testing

@testable import LanguageServerProtocol

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
private func framed(_ body: String) -> [UInt8] { frame(bytes(body)) }

/// Feeds `input` in the given chunks and returns everything the framer produced.
private func run(_ chunks: [ArraySlice<UInt8>]) -> [FramedMessage] {
    var framer = MessageFramer()
    return chunks.flatMap { framer.feed($0) }
}

private func run(_ input: [UInt8]) -> [FramedMessage] { run([input[...]]) }

/// Deterministic generator so fuzz failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct MessageFramingTests {
    let bodies = [#"{"jsonrpc":"2.0","id":1,"method":"initialize"}"#, "{}", #"{"text":"€ — 😀\r\n\r\n"}"#]

    @Test func frameWritesHeaderThenBody() {
        #expect(frame(bytes("{}")) == bytes("Content-Length: 2\r\n\r\n{}"))
        #expect(frame([]) == bytes("Content-Length: 0\r\n\r\n"))
    }

    @Test func singleMessage() {
        #expect(run(framed("{}")) == [.body(bytes("{}"))])
    }

    @Test func splitAtEveryByteBoundaryYieldsTheSameMessages() {
        let stream = bodies.flatMap(framed)
        let expected = bodies.map { FramedMessage.body(bytes($0)) }
        for split in 0...stream.count {
            #expect(run([stream[..<split], stream[split...]]) == expected, "split at \(split)")
        }
        #expect(run(stream.indices.map { stream[$0...$0] }) == expected, "one byte at a time")
    }

    @Test func multipleMessagesInOneChunkWithContentTypeAndAnyHeaderCase() {
        let stream =
            framed("{}")
            + bytes("content-length: 3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]")
            + bytes("Content-Type: x\r\nCONTENT-LENGTH:4\r\n\r\nnull")
        #expect(run(stream) == [.body(bytes("{}")), .body(bytes("[1]")), .body(bytes("null"))])
    }

    @Test func zeroLengthBodyAndStrayLineBreaksBetweenMessages() {
        let stream = bytes("Content-Length: 0\r\n\r\n") + bytes("\r\n") + framed("{}")
        #expect(run(stream) == [.body([]), .body(bytes("{}"))])
    }

    @Test func nonNumericLengthReportsErrorThenRecovers() {
        let stream = bytes("Content-Length: abc\r\n\r\n{\"x\":1}") + framed("{}")
        #expect(run(stream) == [.error(.invalidContentLength("abc")), .body(bytes("{}"))])
    }

    @Test func negativeAndEmptyLengthsAreInvalid() {
        #expect(
            run(bytes("Content-Length: -5\r\n\r\nhello") + framed("[]"))
                == [.error(.invalidContentLength("-5")), .body(bytes("[]"))])
        #expect(
            run(bytes("Content-Length: \r\n\r\n") + framed("[]"))
                == [.error(.invalidContentLength("")), .body(bytes("[]"))])
    }

    @Test func absurdLengthsAreRejected() {
        #expect(
            run(bytes("Content-Length: 268435457\r\n\r\n") + framed("1"))
                == [.error(.contentLengthTooLarge("268435457")), .body(bytes("1"))])
        #expect(
            run(bytes("Content-Length: 99999999999999999999999\r\n\r\n") + framed("1"))
                == [.error(.contentLengthTooLarge("99999999999999999999999")), .body(bytes("1"))])
    }

    @Test func missingBlankLineReportsErrorThenRecovers() {
        // The body runs straight on from the header; the next message is intact.
        let stream = bytes("Content-Length: 7\r\n{\"a\":1}") + framed(#"{"b":2}"#)
        let output = run(stream)
        #expect(output.count == 2)
        guard case .error(.malformedHeaderLine) = output.first else {
            Issue.record("expected a malformed header error, got \(output)")
            return
        }
        #expect(output.last == .body(bytes(#"{"b":2}"#)))
    }

    @Test func headerLineWithoutColonAndMissingLength() {
        #expect(
            run(bytes("Hello there\r\n\r\n") + framed("{}"))
                == [.error(.malformedHeaderLine("Hello there")), .body(bytes("{}"))])
        #expect(
            run(bytes("Content-Type: text/plain\r\n\r\n") + framed("{}"))
                == [.error(.missingContentLength), .body(bytes("{}"))])
        #expect(
            run(bytes("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}") + framed("{}"))
                == [.error(.invalidContentLength("3")), .body(bytes("{}"))])
    }

    @Test func headersWithoutBlankLineBeyondLimit() {
        let garbage = bytes("Content-Length: 5\r\nX-Long: ") + [UInt8](repeating: 0x61, count: 9000)
        // All at once: the terminator of the following message lies past the limit.
        #expect(run(garbage + framed("{}")) == [.error(.headerTooLong), .body(bytes("{}"))])
        // In pieces: the error fires as soon as the limit is passed, without waiting for more.
        var framer = MessageFramer()
        #expect(framer.feed(garbage) == [.error(.headerTooLong)])
        #expect(framer.pendingByteCount < 16)
        #expect(framer.feed(framed("{}")) == [.body(bytes("{}"))])
    }

    @Test func garbageWithoutAnyHeaderKeepsOnlyATail() {
        var framer = MessageFramer()
        var errors = 0
        for _ in 0..<100 {
            errors += framer.feed([UInt8](repeating: 0x7A, count: 1000)).count
        }
        #expect(errors == 1)
        #expect(framer.pendingByteCount < 16)
        // A header split across chunks is still found while resynchronising.
        let next = framed("{}")
        #expect(framer.feed(next[..<5]) == [])
        #expect(framer.feed(next[5...]) == [.body(bytes("{}"))])
    }

    @Test func randomInputNeverCrashesOrHangsAndRecovers() {
        var random = SplitMix64(state: 42)
        let valid = bodies.flatMap(framed)
        for round in 0..<300 {
            var framer = MessageFramer()
            // Garbage made of header-like fragments and random bytes.
            let pieces = [bytes("Content-Length: "), bytes("\r\n"), bytes("\r\n\r\n"), bytes(":"), bytes("7"), bytes("-1"), bytes("{}")]
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                if Bool.random(using: &random) {
                    input += pieces.randomElement(using: &random)!
                } else {
                    input += (0..<Int.random(in: 1...20, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                }
            }
            // Mutate a valid stream too: drop or corrupt a byte.
            var mutated = valid
            let index = Int.random(in: 0..<mutated.count, using: &random)
            if Bool.random(using: &random) { mutated.remove(at: index) } else { mutated[index] = UInt8.random(in: 0...255, using: &random) }
            input += mutated
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + Int.random(in: 1...64, using: &random))
                _ = framer.feed(input[offset..<end])
                offset = end
            }
            // Whatever state the garbage left (at worst, waiting for a body it announced),
            // a stream of valid messages gets through.
            let probe = FramedMessage.body(bytes(#"{"ok":true}"#))
            var recovered = false
            for exponent in 0..<17 where !recovered {  // up to 2 MiB of valid messages
                let batch = Array([[UInt8]](repeating: framed(#"{"ok":true}"#), count: 1 << exponent).joined())
                recovered = framer.feed(batch).contains(probe)
            }
            #expect(recovered, "round \(round)")
        }
    }
}

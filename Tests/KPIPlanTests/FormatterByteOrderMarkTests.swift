// Formatting keeps a file's byte-order mark and stays idempotent.

import KPIPlan
import KPISyntax
import Testing

@Suite struct FormatterByteOrderMarkTests {
    @Test func formattingKeepsTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kpi a \"A\"\n    top-level\n".utf8)
        let once = Formatter.format(Parser.parse(bytes: bytes))
        #expect(Array(once.utf8) == [0xEF, 0xBB, 0xBF] + Array("kpi a \"A\"\n  top-level\n".utf8))
        #expect(Formatter.format(Parser.parse(once)) == once)
    }
}

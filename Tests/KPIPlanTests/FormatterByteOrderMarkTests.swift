// The canonical form has no byte-order mark: formatting drops it, and stays idempotent.

import KPIPlan
import KPISyntax
import Testing

@Suite struct FormatterByteOrderMarkTests {
    @Test func formattingDropsTheByteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kpi a \"A\"\n    top-level\n".utf8)
        let once = Formatter.format(Parser.parse(bytes: bytes))
        #expect(once == "kpi a \"A\"\n  top-level\n")
        #expect(Formatter.format(Parser.parse(once)) == once)
    }
}

extension FormatterByteOrderMarkTests {
    @Test func aLineKeptAsWrittenLosesOnlyTheMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kpi \"no id\n".utf8)  // a syntax error: kept as written
        let once = Formatter.format(Parser.parse(bytes: bytes))
        #expect(once == "kpi \"no id\n")
        #expect(Formatter.format(Parser.parse(once)) == once)
    }
}

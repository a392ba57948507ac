// A file saved with a UTF-8 byte-order mark parses like one without, and prints back with it.

import KPISyntax
import Testing

@Suite struct ByteOrderMarkTests {
    @Test func aLeadingByteOrderMarkIsWhitespace() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kpi mrr \"MRR\"\n  top-level\n".utf8)
        let tree = Parser.parse(bytes: bytes)
        #expect(tree.errors.isEmpty, "\(tree.errors)")
        #expect(tree.printed() == bytes)
        let kpi = tree.root.childNodes.first
        #expect(kpi?.kind == .kpiDecl)
        #expect(kpi?.firstToken(.identifier).map { tree.text($0) } == "mrr")
        #expect(kpi?.childNodes.first?.kind == .flag)
    }
}

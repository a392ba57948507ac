import KPISyntax
import KPITestSupport
import Testing

@Suite struct MarkersTests {
    @Test func positionsAndRangesAreUTF8OffsetsOfTheCleanText() throws {
        let marked = try Markers.extract("€1️⃣ ⟦mrr⟧ 🔟x⟦⟧\n2️⃣⟦a ⟦b⟧⟧")
        #expect(marked.text == "€ mrr x\na b")
        #expect(marked[1] == 3)
        #expect(marked[10] == 8)
        #expect(marked[2] == 10)
        #expect(marked.ranges == [4..<7, 9..<9, 10..<13, 12..<13])
        #expect(marked.text(of: marked.ranges[0]) == "mrr")
        #expect(marked.text(of: marked.ranges[2]) == "a b")
        #expect(marked.lineColumn(marked[2]) == LineColumn(line: 1, column: 0))
        #expect(marked.lineColumn(marked.ranges[0].upperBound) == LineColumn(line: 0, column: 5))
    }

    @Test func aTextWithoutMarkersIsUnchanged() throws {
        let marked = try Markers.extract("kpi a 1 \"⟨x⟩\" 🚀 1\u{FE0F}")
        #expect(marked.text == "kpi a 1 \"⟨x⟩\" 🚀 1\u{FE0F}")
        #expect(marked.positions.isEmpty && marked.ranges.isEmpty)
    }

    @Test func singleRange() throws {
        #expect(try Markers.extract("a ⟦bc⟧ d").range == 2..<4)
    }

    @Test func malformedMarkersThrow() {
        #expect(throws: MarkerError.repeatedPosition(1)) { try Markers.extract("1️⃣a1️⃣") }
        #expect(throws: MarkerError.unopenedRange(offset: 1)) { try Markers.extract("a⟧") }
        #expect(throws: MarkerError.unclosedRange(offset: 0)) { try Markers.extract("⟦a") }
    }
}

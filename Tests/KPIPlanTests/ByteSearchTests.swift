// The byte search that spares most files a walk for `# kpi-ignore:` comments.

import KPISyntax
import Testing

@testable import KPIPlan

@Suite struct ByteSearchTests {
    static func naive(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    @Test func findsWhatANaiveSearchFinds() {
        let marker = PlanFile.ignoreMarker
        var generator = SystemRandomNumberGenerator()
        // Texts made of the marker's own bytes, and near misses, where skipping is most likely to go wrong.
        let pieces: [[UInt8]] = [
            marker, Array("kpi-ignor".utf8), Array("pi-ignore".utf8), Array("kpi".utf8), Array("e".utf8),
            Array(" ".utf8), Array("-".utf8), Array("é".utf8), Array("kpi-ignorekpi".utf8),
        ]
        for _ in 0..<2_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
            #expect(ByteSearch.contains(text[...], marker) == Self.naive(text, marker), "\(String(decoding: text, as: UTF8.self))")
            let start = Int.random(in: 0...text.count, using: &generator)
            #expect(ByteSearch.contains(text[start...], marker) == Self.naive(Array(text[start...]), marker))
        }
        #expect(ByteSearch.contains(Array("# kpi-ignore: no-owner".utf8)[...], marker))
        #expect(!ByteSearch.contains(Array("kpi-ignor".utf8)[...], marker))
        #expect(!ByteSearch.contains(Array("abc".utf8)[...], []))
        #expect(ByteSearch.contains(Array("aab".utf8)[...], Array("ab".utf8)))
    }
}

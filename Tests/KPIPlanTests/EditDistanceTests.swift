// The bounded edit distance behind "did you mean", against the textbook one.

import Testing

@testable import KPIPlan

@Suite struct EditDistanceTests {
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        return table[a.count][b.count]
    }

    /// Within the limit the exact distance; beyond it, something beyond it.
    @Test func boundedDistanceAgreesWithTheFullOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "-", "é", "1"]
        for _ in 0..<3_000 {
            let a = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let limit = Int.random(in: 1...3, using: &generator)
            let exact = Self.levenshtein(a, b)
            let bounded = Suggestions.editDistance(a, b, limit: limit)
            if exact <= limit {
                #expect(bounded == exact, "\(a) \(b) \(limit)")
            } else {
                #expect(bounded > limit, "\(a) \(b) \(limit)")
            }
        }
    }
}

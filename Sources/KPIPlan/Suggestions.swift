// "Did you mean …?": the closest known name to a misspelt one, for unknown fields and parents.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum Suggestions {
    /// The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        let limit = max(1, min(3, name.count / 3))
        var best: (String, Int)?
        let source = folded(name)
        for candidate in candidates where candidate != name {
            let distance = editDistance(source, folded(candidate), limit: limit)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// A name as compared: lowercased, as Unicode scalars. ASCII names (nearly all ids) are folded
    /// byte by byte, without the general case's Unicode look-ups.
    static func folded(_ name: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            guard byte < 0x80 else { return Array(name.lowercased().unicodeScalars) }
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            scalars.append(Unicode.Scalar(isUpper ? byte | 0x20 : byte))
        }
        return scalars
    }

    /// Levenshtein distance when it is at most `limit`; otherwise some number above `limit`. Only
    /// the diagonal band |i - j| ≤ limit is computed (a path outside it already costs more), in two
    /// rows reused from row to row.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let beyond = limit + 1  // what a cell outside the band counts as
        var previous = Array(0...b.count) + [beyond]
        var current = [Int](repeating: 0, count: b.count + 2)
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            current[low - 1] = low == 1 ? i : beyond
            var rowMin = current[low - 1]
            for j in low...high {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            current[high + 1] = beyond
            if rowMin > limit { return beyond }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// The same look-up as `Suggestions.closest(to:in:)` for many names against one set of candidates:
/// the candidates are lowercased once and grouped by length, so a look-up only measures the ones
/// whose length is near enough.
public struct SuggestionIndex: Sendable {
    private var buckets: [Int: [(name: String, scalars: [Unicode.Scalar], letters: UInt64)]] = [:]

    public init<S: Sequence>(_ candidates: S) where S.Element == String {
        // A repeated candidate needs no second entry, but keeping it changes no answer (ties go
        // to the smaller name), so they are not looked for.
        for candidate in candidates {
            let scalars = Suggestions.folded(candidate)
            buckets[scalars.count, default: []].append((candidate, scalars, Self.letters(scalars)))
        }
    }

    /// Which characters a name has, folded into 64 bits. Each character one name has and the other
    /// lacks needs an edit, so the bits one has and the other lacks bound the edit distance from
    /// below (a collision only lowers the bound): most candidates are ruled out without measuring.
    static func letters(_ scalars: [Unicode.Scalar]) -> UInt64 {
        scalars.reduce(0) { $0 | 1 << UInt64($1.value % 64) }
    }

    public func closest(to name: String) -> String? {
        Self.closest(to: name, in: [self])
    }

    /// The nearest candidate of several indexes together: the answer of one index over all their
    /// candidates. The closer name wins, and of two as close the smaller, whichever index has it.
    public static func closest(to name: String, in indexes: [SuggestionIndex]) -> String? {
        let source = Suggestions.folded(name)
        let limit = max(1, min(3, name.count / 3))
        let sourceLetters = letters(source)
        var best: (String, Int)?
        for index in indexes {
            for length in max(0, source.count - limit)...(source.count + limit) {
                for (candidate, scalars, letters) in index.buckets[length] ?? [] where candidate != name {
                    let bound = max((sourceLetters & ~letters).nonzeroBitCount, (letters & ~sourceLetters).nonzeroBitCount)
                    if bound > limit { continue }
                    let distance = Suggestions.editDistance(source, scalars, limit: limit)
                    if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                        best = (candidate, distance)
                    }
                }
            }
        }
        return best?.0
    }
}

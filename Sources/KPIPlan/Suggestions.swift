// "Did you mean …?": the closest known name to a misspelt one, for unknown fields and parents.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

public enum Suggestions {
    /// The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        let limit = max(1, min(3, name.count / 3))
        var best: (String, Int)?
        let source = Array(name.lowercased().unicodeScalars)
        for candidate in candidates where candidate != name {
            let distance = editDistance(source, Array(candidate.lowercased().unicodeScalars), limit: limit)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
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
        var seen = Set<String>()
        for candidate in candidates where seen.insert(candidate).inserted {
            let scalars = Array(candidate.lowercased().unicodeScalars)
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
        let limit = max(1, min(3, name.count / 3))
        let source = Array(name.lowercased().unicodeScalars)
        let sourceLetters = Self.letters(source)
        var best: (String, Int)?
        for length in max(0, source.count - limit)...(source.count + limit) {
            for (candidate, scalars, letters) in buckets[length] ?? [] where candidate != name {
                let bound = max((sourceLetters & ~letters).nonzeroBitCount, (letters & ~sourceLetters).nonzeroBitCount)
                if bound > limit { continue }
                let distance = Suggestions.editDistance(source, scalars, limit: limit)
                if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                    best = (candidate, distance)
                }
            }
        }
        return best?.0
    }
}

/// Suggestion indexes built on demand, one per file, for the life of one analysis (checks of
/// several KPIs run in parallel, hence the lock).
public final class SuggestionIndexes: Sendable {
    private let indexes = Mutex<[String: SuggestionIndex]>([:])

    public init() {}

    public func index(for path: String, build: () -> SuggestionIndex) -> SuggestionIndex {
        if let found = indexes.withLock({ $0[path] }) { return found }
        let built = build()
        indexes.withLock { $0[path] = built }
        return built
    }
}

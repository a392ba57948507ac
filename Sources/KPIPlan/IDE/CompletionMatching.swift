// How well a completion label matches what the user typed, so the list shows what they meant
// first: labels starting with it, then labels containing it, then labels holding its characters
// in order. Letter case is ignored. This is the one definition; `ParentCandidates.swift` gives the
// same answers faster for KPI ids.

/// The three ways a label can match, best first.
public enum MatchTier: Int, Comparable, Sendable, CaseIterable {
    case prefix, substring, subsequence

    public static func < (a: MatchTier, b: MatchTier) -> Bool { a.rawValue < b.rawValue }
}

/// What was typed before the cursor, ready to be matched against labels.
public struct TypedText: Sendable {
    /// Its characters, lowercased.
    public let characters: [Character]

    public init(_ typed: String) {
        characters = Array(typed.lowercased())
    }

    public var isEmpty: Bool { characters.isEmpty }

    /// How `label` matches, or nil when it does not (nothing typed matches every label as a prefix).
    public func tier(of label: String) -> MatchTier? {
        if characters.isEmpty { return .prefix }
        let candidate = Array(label.lowercased())
        if candidate.starts(with: characters) { return .prefix }
        if candidate.count > characters.count {
            for start in 1...(candidate.count - characters.count) where candidate[start...].starts(with: characters) {
                return .substring
            }
        }
        var index = 0
        for character in candidate where index < characters.count && character == characters[index] { index += 1 }
        return index == characters.count ? .subsequence : nil
    }
}

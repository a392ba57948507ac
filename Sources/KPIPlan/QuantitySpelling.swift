// The one-word spelling of a quantity written the way people say it — `8 hours`, `12 minutes`,
// `4 per quarter`, `$125 thousand` — so that the error on it can say exactly what to write
// instead ("write `8h`"). A quantity stays one word: these forms are refused, never guessed.

extension Quantity {
    /// Unit words and the suffix each is written as.
    static let unitWords: [String: String] = [
        "second": "s", "seconds": "s", "sec": "s", "secs": "s",
        "minute": "min", "minutes": "min", "mins": "min", "min": "min",
        "hour": "h", "hours": "h", "hr": "h", "hrs": "h",
        "day": "d", "days": "d",
        "week": "w", "weeks": "w", "wk": "w", "wks": "w",
        "percent": "%", "pct": "%", "%": "%",
        "pp": "pp", "points": "pts", "point": "pts", "pts": "pts", "pt": "pts",
        "x": "x", "times": "x",
        "thousand": "K", "k": "K", "million": "M", "m": "M", "mn": "M", "billion": "B", "bn": "B",
    ]

    /// What to write instead of words that are not a quantity, when they are one spelled out:
    /// "write `8h`", or for `45m`, which could be minutes or millions, both readings.
    public static func spellingAdvice(_ words: [Substring]) -> String? {
        if words.count == 1, let word = words.first, word.count >= 2, word.last == "m", word.dropLast().last?.isNumber == true,
            parse(word.dropLast() + "min") != nil
        {
            return "write `\(word.dropLast())min` for minutes or `\(word.dropLast())M` for millions"
        }
        return oneWordSpelling(words).map { "write `\($0)`" }
    }

    /// The one-word form of a quantity written in several words, or of a single word with a unit
    /// the language does not take (`45m`, `8hrs`); nil when there is none. The answer always reads
    /// back as a quantity.
    public static func oneWordSpelling(_ words: [Substring]) -> String? {
        var words = words.map { String($0) }
        guard !words.isEmpty else { return nil }
        // `percentage points` and `per cent` are two words for one unit.
        for (first, second, joined) in [("percentage", "points", "pp"), ("per", "cent", "%")] {
            if let index = words.firstIndex(where: { $0.lowercased() == first }), index + 1 < words.count,
                words[index + 1].lowercased() == second
            {
                words.replaceSubrange(index...(index + 1), with: [joined])
            }
        }
        var text = words[0]
        var rest = words.dropFirst()
        if rest.isEmpty {
            // One word with a unit spelled out: `8hrs`, `12mins`, `45m` (minutes, or millions: `45M`).
            guard let split = text.lastIndex(where: { $0.isNumber }).map(text.index(after:)), split < text.endIndex else { return nil }
            let unit = text[split...].lowercased()
            guard unit != "m", let suffix = unitWords[unit] else { return nil }
            text = String(text[..<split]) + suffix
        } else {
            while let word = rest.first {
                rest = rest.dropFirst()
                let lower = word.lowercased()
                if lower == "per" || lower == "a" || lower == "an" || lower == "each", let next = rest.first, let period = periodWord(next)
                {
                    text += "/" + period
                    rest = rest.dropFirst()
                } else if let period = periodAdjectives[lower] {
                    text += "/" + period
                } else if word.hasPrefix("/"), periodWord(String(word.dropFirst())) != nil {
                    text += word.lowercased()
                } else if let suffix = unitWords[lower] {
                    text += suffix
                } else {
                    return nil
                }
            }
        }
        return parse(Substring(text)) != nil ? text : nil
    }

    /// A period named in words: `quarter`, `quarterly`, `month`, `monthly`.
    static let periodAdjectives = [
        "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
        "yearly": "year", "annually": "year", "annual": "year",
    ]

    static func periodWord(_ word: String) -> String? {
        let lower = word.lowercased()
        if let period = periodAdjectives[lower] { return period }
        let singular = lower.hasSuffix("s") ? String(lower.dropLast()) : lower
        return Period(rawValue: singular)?.rawValue
    }

    /// A count with its noun, singular for one: "1 day", "12 days".
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 || count == -1 ? "" : "s")"
    }
}

// Printing numbers back the way a person would write them in a plan, for messages, hovers and
// `kpi explain`: `$1,500`, `$125K`, `20.1%`, `+3pp`, growth rates, and a growth of 1,000-fold or
// more in words (never `inf` or `nan`).

extension Quantity {
    /// Prints a value the way a person would write it in a plan: `$1,500`, `$125K`, `$5.77M`, `20.1%`.
    public static func format(_ value: Double, _ unit: QuantityUnit, signed: Bool = false) -> String {
        format(value, unit, signed: signed, scaledBy: nil)
    }

    static func format(_ value: Double, _ unit: QuantityUnit, signed: Bool, scaledBy scale: (divisor: Double, letter: String)?) -> String {
        var body: String
        let magnitude = abs(value)
        switch unit.kind {
        case .percentage:
            body = trimmed(magnitude, decimals: magnitude < 10 ? 2 : 1) + "%"
        case .ratio:
            body = trimmed(magnitude, decimals: 2) + (unit.style == .colonRatio ? ":1" : "x")
        case .duration:
            let style = unit.style ?? .days
            body = trimmed(magnitude / (style.days ?? 1), decimals: style == .weeks || style == .days ? 1 : 2) + style.rawValue
        case .currency, .count:
            body = scale.map { trimmed(magnitude / $0.divisor, decimals: $0.letter == "K" ? 1 : 2) + $0.letter } ?? scaled(magnitude)
            if unit.kind == .count, unit.style == .scorePoints { body += "pts" }
            if unit.kind == .currency {
                if let symbol = unit.currency.flatMap({ Currencies.printedSymbols[$0] }) {
                    body = symbol + body
                } else if let code = unit.currency {
                    body += " \(code)"
                }
            }
        }
        if let period = unit.period { body += "/\(period.rawValue)" }
        if value < 0 && body.contains(where: { $0 != "0" && $0.isNumber }) { return "-" + body }
        return signed ? "+" + body : body
    }

    /// Values shown together in one message, printed one way: the amounts in the scale of the
    /// largest (`$150K` and `+$25K`, not `+$25,000`; `$10K` beside `$100K`), unless that would
    /// print a value as less than 1 of it (`+¥120M` beside `¥1.32B`, not `+¥0.12B`).
    public static func format(together values: [Double], _ unit: QuantityUnit, signed: [Bool] = []) -> [String] {
        let largest = values.map(abs).max() ?? 0
        return values.enumerated().map { index, value in
            let isSigned = index < signed.count && signed[index]
            guard unit.kind == .currency || unit.kind == .count, let scale = scale(of: largest),
                scale.divisor == 1 || abs(value) / scale.divisor >= 1
            else {
                return format(value, unit, signed: isSigned)
            }
            return format(value, unit, signed: isSigned, scaledBy: scale)
        }
    }

    /// The K, M or B an amount is written with (nil below 100,000, written in full).
    static func scale(of magnitude: Double) -> (divisor: Double, letter: String)? {
        switch magnitude {
        case 1_000_000_000...: (1_000_000_000, "B")
        case 1_000_000...: (1_000_000, "M")
        case 100_000...: (1_000, "K")
        default: nil
        }
    }

    /// Percentage points, for changes of a percentage: `+3pp`.
    public static func formatPoints(_ value: Double, signed: Bool = true) -> String {
        (value < 0 ? "-" : (signed ? "+" : "")) + trimmed(abs(value), decimals: 1) + "pp"
    }

    /// A plain percentage of a ratio: 0.201 → "20.1%".
    public static func formatPercent(_ fraction: Double, signed: Bool = false, decimals: Int = 1) -> String {
        // Infinity is no number, and past a trillion percent the digits say nothing a reader can use.
        guard !fraction.isNaN else { return "an undefined percentage" }
        guard abs(fraction) < 1e10 else { return fraction > 0 ? "more than a trillion percent" : "less than minus a trillion percent" }
        let text = trimmed(abs(fraction * 100), decimals: decimals) + "%"
        if fraction < 0 && text != "0%" { return "-" + text }
        return signed ? "+" + text : text
    }

    /// Growth of a factor of 1,000 or more over its period is said in words, not as a percentage.
    public static func growthInWords(_ rate: Double) -> String? {
        rate.isNaN || rate >= 999 ? "more than a 1,000-fold increase" : nil
    }

    /// A compound growth rate over a period: `12.5%/year`, or `more than a 1,000-fold increase a year`.
    public static func formatGrowthRate(_ rate: Double, per period: String, decimals: Int = 1) -> String {
        growthInWords(rate).map { "\($0) a \(period)" } ?? formatPercent(rate, decimals: decimals) + "/" + period
    }

    static func scaled(_ magnitude: Double) -> String {
        guard let scale = scale(of: magnitude) else { return grouped(magnitude) }
        return trimmed(magnitude / scale.divisor, decimals: scale.letter == "K" ? 1 : 2) + scale.letter
    }

    /// Rounds to at most `decimals` places and drops trailing zeros: 4.80 → "4.8", 10.0 → "10".
    static func trimmed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        guard rounded.isFinite, abs(rounded) < 1e15 else { return unprintable(value) }
        if rounded == rounded.rounded() { return grouped(rounded) }
        var text = fixed(rounded, decimals: decimals)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whole numbers with thousands separators, and up to two decimals: 10000 → "10,000",
    /// 1234.5 → "1,234.5". Written digit by digit: the report prints tens of thousands of these.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return unprintable(value) }
        if value < 0 {
            let magnitude = grouped(-value)
            return magnitude == "0" ? magnitude : "-" + magnitude
        }
        // Rounded to hundredths first; the whole part and the cents read back from that, as a
        // value too large for exact hundredths (over 2^53 / 100) has none.
        let rounded = (value * 100).rounded() / 100
        let wholePart = rounded.rounded(.towardZero)
        let cents = min(99, Int(((rounded - wholePart) * 100).rounded()))
        let whole = Array(String(Int(wholePart)).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(whole.count + whole.count / 3 + 3)
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { text.append(UInt8(ascii: ",")) }
            text.append(digit)
        }
        if cents > 0 {
            text.append(UInt8(ascii: "."))
            text.append(UInt8(ascii: "0") + UInt8(cents / 10))
            if cents % 10 != 0 { text.append(UInt8(ascii: "0") + UInt8(cents % 10)) }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Quantity {
    /// A number too large to write out digit by digit (a plan can hold any number typed into it):
    /// Swift's own notation, `1e+30`, instead of trapping in `Int(_:)`; an infinite one (a sum
    /// past the largest double) or no number at all in words, never `inf` or `nan`.
    static func unprintable(_ value: Double) -> String {
        if value.isNaN { return "an undefined amount" }
        if value.isInfinite { return value > 0 ? "more than 1.8e+308" : "less than -1.8e+308" }
        return "\(value)"
    }

    /// Fixed-point formatting: `fixed(4.8, decimals: 2)` = "4.80".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return unprintable(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = (scaled / scale).rounded(.towardZero)
        let fraction = Int(scaled - whole * scale)
        var text = String(Int(whole))
        if decimals > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }
}

extension Quantity {
    /// "5 years", or "5-year" as an adjective ("a 5-year target").
    static func describe(years: Double, adjective: Bool = false) -> String {
        func unit(_ count: String, _ singular: String, plural: Bool) -> String {
            adjective ? "\(count)-\(singular)" : "\(count) \(singular)\(plural ? "s" : "")"
        }
        if years >= 1 && abs(years - years.rounded()) < 0.01 {
            let n = Int(years.rounded())
            return unit(String(n), "year", plural: n != 1)
        }
        let months = Int((years * 12).rounded())
        if months == 0 {
            let days = max(1, Int((years * 365.25).rounded()))
            return unit(String(days), "day", plural: days != 1)
        }
        if months < 24 { return unit(String(months), "month", plural: months != 1) }
        return unit(Quantity.trimmed(years, decimals: 1), "year", plural: true)
    }
}

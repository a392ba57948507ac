// Reading a quantity as people write it in a plan — `$125K`, `€1.5M`, `+20%`, `3pp`, `400/month`,
// `3:1`, `45min` — into a number with its sign, currency, kind and period, byte by byte (it runs for
// every baseline, target and checkpoint of a workspace).

extension Quantity {
    /// Reads one written quantity: `[+|-][symbol|CODE]number[K|M|B][%|pp|x|pts|s|min|h|d|w|CODE][/period]`, or `N:M`.
    /// Returns nil for anything else (the caller reports `invalid-quantity`). Works on the UTF-8
    /// bytes: quantities are read for every baseline, target and checkpoint of a workspace.
    public static func parse(_ text: Substring) -> WrittenQuantity? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `parse` of UTF-8 bytes (a token of a file, read in place).
    public static func parse<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) -> WrittenQuantity? where Bytes.Index == Int {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        // Byte tests in place: this runs for every baseline, target and checkpoint, and building a
        // small array for each prefix it tried was most of its time.
        func has(_ a: UInt8, _ b: UInt8? = nil, _ c: UInt8? = nil) -> Bool {
            let count = c != nil ? 3 : b != nil ? 2 : 1
            guard upper - lower >= count, bytes[lower] == a else { return false }
            if let b, bytes[lower + 1] != b { return false }
            if let c, bytes[lower + 2] != c { return false }
            return true
        }
        var sign = 0
        if has(0x2B) {
            sign = 1
            lower += 1
        } else if has(0x2D) {
            sign = -1
            lower += 1
        } else if has(0xE2, 0x88, 0x92) {
            sign = -1
            lower += 3
        }
        var currency: String?
        var symbol: String?
        if has(0x24) {
            currency = "USD"
            symbol = "$"
            lower += 1
        }  // $, the most common
        else if has(0xE2, 0x82, 0xAC) {
            currency = "EUR"
            lower += 3
        }  // €
        else if has(0xC2, 0xA3) {
            currency = "GBP"
            lower += 2
        }  // £
        else if upper - lower > 1, bytes[lower] >= 0x80 || (bytes[lower] >= 0x41 && bytes[lower] != 0x78),
            let (written, length) = Currencies.prefix(bytes, lower..<upper)
        {
            symbol = written
            currency = Currencies.currency(ofSymbol: written, planCurrency: "")
            lower += length
        }
        if sign == 0, has(0x2B) || has(0x2D) {  // `$+5K` is unusual but clear
            sign = bytes[lower] == 0x2B ? 1 : -1
            lower += 1
        }
        var period: Period?
        if let slash = bytes[lower..<upper].lastIndex(of: 0x2F) {
            guard let p = Self.period(bytes[(slash + 1)..<upper]) else { return nil }
            period = p
            upper = slash
        }
        // `500CHF`, `500kr`, `5€`: the currency after the number.
        if currency == nil, upper - lower > 1, bytes[upper - 1] >= 0x80 || bytes[upper - 1] >= 0x41,
            let (written, length) = Currencies.suffix(bytes, lower..<upper)
        {
            symbol = written
            currency = Currencies.currency(ofSymbol: written, planCurrency: "")
            upper -= length
        }
        var suffix = WrittenQuantity.Suffix.none
        var style: WrittenStyle?
        func ends(with literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard upper - lower > count else { return false }
            for index in 0..<count where bytes[upper - count + index] != literal.utf8Start[index] { return false }
            return true
        }
        if let written = WrittenQuantity.unitSuffixes.first(where: { ends(with: $0.text) }) {
            suffix = written.suffix
            style = written.style
            upper -= written.text.utf8CodeUnitCount
        }
        // `3:1`: a ratio written as its two sides.
        if suffix == .none, style == nil, let colon = bytes[lower..<upper].firstIndex(of: 0x3A) {
            guard currency == nil,
                let left = parseNumber(bytes[lower..<colon]),
                let right = parseNumber(bytes[(colon + 1)..<upper]), right > 0
            else { return nil }
            return WrittenQuantity(magnitude: left / right, sign: sign, currency: nil, suffix: .ratio, period: period, style: .colonRatio)
        }
        var multiplier = 1.0
        if upper > lower {
            switch bytes[upper - 1] {
            case UInt8(ascii: "K"), UInt8(ascii: "k"):
                multiplier = 1_000
                upper -= 1
            case UInt8(ascii: "M"):
                multiplier = 1_000_000
                upper -= 1
            case UInt8(ascii: "B"), UInt8(ascii: "b"):
                multiplier = 1_000_000_000
                upper -= 1
            default: break
            }
        }
        if (suffix == .duration || style != nil) && upper == lower { return nil }
        guard let number = parseNumber(bytes[lower..<upper]) else { return nil }
        var magnitude = number * multiplier
        if let days = style?.days { magnitude *= days }  // durations are kept in days
        if currency != nil && (suffix == .percent || suffix == .points || style == .scorePoints) { return nil }
        let shared = symbol.flatMap { Currencies.families[$0] != nil ? $0 : nil }
        return WrittenQuantity(
            magnitude: magnitude, sign: sign, currency: currency, sharedSymbol: shared, suffix: suffix, period: period, style: style)
    }

    /// The period a `/name` names, in any letter case: ASCII names are compared byte by byte,
    /// others lowercased as text (a Kelvin sign lowercases to `k`).
    static func period<Name: Collection<UInt8>>(_ name: Name) -> Period? {
        guard name.allSatisfy({ $0 < 0x80 }) else { return Period(rawValue: String(decoding: name, as: UTF8.self).lowercased()) }
        return Period.allCases.first { period in
            period.rawValue.utf8.elementsEqual(name.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        }
    }

    /// Digits with optional thousands separators (`1,500` or `1,500,000`) and a decimal point.
    static func parseNumber<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Double? where Bytes.Index == Int {
        guard !bytes.isEmpty else { return nil }
        var whole = 0.0
        var digitsInGroup = 0
        var groups = 0
        var firstGroup = 0
        var sawDigit = false
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: ".") {
            let b = bytes[index]
            if b == UInt8(ascii: ",") {
                if groups == 0 { firstGroup = digitsInGroup } else if digitsInGroup != 3 { return nil }
                guard digitsInGroup > 0 else { return nil }
                groups += 1
                digitsInGroup = 0
            } else if b >= 0x30 && b <= 0x39 {
                whole = whole * 10 + Double(b - 0x30)
                digitsInGroup += 1
                sawDigit = true
            } else {
                return nil
            }
            index += 1
        }
        if groups > 0 && (digitsInGroup != 3 || firstGroup > 3) { return nil }
        // A number too long for a Double (hundreds of digits) is not a quantity: it would read as `inf`.
        guard whole.isFinite else { return nil }
        guard index < bytes.endIndex else { return sawDigit ? whole : nil }
        index += 1  // the decimal point
        guard index < bytes.endIndex else { return nil }
        var fraction = 0.0
        var scale = 1.0
        while index < bytes.endIndex {
            let b = bytes[index]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            fraction = fraction * 10 + Double(b - 0x30)
            scale *= 10
            index += 1
        }
        return whole + fraction / scale
    }
}

// Quantities as people write them in plans — `$125K`, `€1.5M`, `+20%`, `3pp`, `400/month` — read
// into numbers with a unit, and printed back the same way in messages, hovers and `kpi explain`.

import KPISyntax

public enum Period: String, Sendable, CaseIterable {
    case day, week, month, quarter, year
}

/// How a quantity was written, so that it is printed back that way: a duration in the unit the
/// plan used (`6h`, `45min`), a ratio as `3:1`, a score in points (`45 pts`). It never changes
/// what a quantity means: durations are kept in days, ratios as one number.
public enum WrittenStyle: String, Sendable, Hashable {
    case seconds = "s"
    case minutes = "min"
    case hours = "h"
    case days = "d"
    case weeks = "w"
    case colonRatio = ":1"
    case scorePoints = "pts"

    /// Days in one of this duration unit (nil for the styles that are not durations).
    public var days: Double? {
        switch self {
        case .seconds: 1.0 / 86_400
        case .minutes: 1.0 / 1_440
        case .hours: 1.0 / 24
        case .days: 1
        case .weeks: 7
        case .colonRatio, .scorePoints: nil
        }
    }
}

public struct QuantityUnit: Sendable, Hashable {
    public var kind: UnitKind
    /// ISO code for currency amounts ("USD", "EUR", "GBP", or the plan's currency).
    public var currency: String?
    public var period: Period?
    /// How the unit was written, for printing only: not part of the unit's identity (`24h` and
    /// `1d` are the same unit, and the same amount).
    public var style: WrittenStyle?

    public init(kind: UnitKind, currency: String? = nil, period: Period? = nil, style: WrittenStyle? = nil) {
        self.kind = kind
        self.currency = currency
        self.period = period
        self.style = style
    }

    public static func == (a: QuantityUnit, b: QuantityUnit) -> Bool {
        a.kind == b.kind && a.currency == b.currency && a.period == b.period
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(currency)
        hasher.combine(period)
    }

    public static let count = QuantityUnit(kind: .count)
    public static let percentage = QuantityUnit(kind: .percentage)

    /// A short readable name: "USD/month", "%", "count".
    public var description: String {
        var name: String
        switch kind {
        case .currency: name = currency ?? "currency"
        case .percentage: name = "%"
        default: name = kind.rawValue
        }
        if let period { name += "/\(period.rawValue)" }
        return name
    }

    /// Two units can be added and compared when their kinds, currencies and periods agree.
    public func isCompatible(with other: QuantityUnit) -> Bool {
        kind == other.kind && (period == nil || other.period == nil || period == other.period)
            && (kind != .currency || currency == nil || other.currency == nil || currency == other.currency)
    }
}

public struct Quantity: Sendable, Hashable {
    public var value: Double
    public var unit: QuantityUnit
    public init(_ value: Double, _ unit: QuantityUnit) {
        self.value = value
        self.unit = unit
    }
    public var formatted: String { Quantity.format(value, unit) }
}

/// A quantity as written, before the plan's context gives it a unit: the sign tells a change
/// (`+20%`, `-$5K`) from a level (`20%`, `$5K`).
public struct WrittenQuantity: Sendable, Hashable {
    public enum Suffix: Sendable, Hashable { case none, percent, points, ratio, duration }
    public var magnitude: Double  // without the sign
    public var sign: Int  // +1, -1, or 0 when no sign was written
    public var currency: String?  // from a symbol or an ISO code: `$`, `€`, `£`, `¥`, `CHF`, …
    /// The symbol written, when several currencies share it (`$`, `kr`, `¥`): see `resolved(planCurrency:)`.
    public var sharedSymbol: String? = nil
    public var suffix: Suffix
    public var period: Period?
    /// The written unit of a duration, a `3:1` ratio or `pts`: how values of this KPI are printed.
    public var style: WrittenStyle? = nil

    /// The quantity in a plan whose currency is `planCurrency`: a `$` there means its dollars
    /// (CAD, AUD, …), a `kr` its crowns, a `¥` its yen or yuan.
    public func resolved(planCurrency: String) -> WrittenQuantity {
        guard let sharedSymbol else { return self }
        var resolved = self
        resolved.currency = Currencies.currency(ofSymbol: sharedSymbol, planCurrency: planCurrency)
        return resolved
    }

    public var signedValue: Double { sign < 0 ? -magnitude : magnitude }
    public var isChange: Bool { sign != 0 }

    /// The unit this quantity has on its own, with `defaultCurrency` for plain numbers in a currency context.
    public func unit(currencyContext: String?) -> QuantityUnit {
        switch suffix {
        case .percent, .points: return QuantityUnit(kind: .percentage, period: period)
        case .ratio: return QuantityUnit(kind: .ratio, period: period, style: style)
        case .duration: return QuantityUnit(kind: .duration, period: period, style: style)
        case .none:
            if let currency { return QuantityUnit(kind: .currency, currency: currency, period: period) }
            if let currencyContext, style == nil { return QuantityUnit(kind: .currency, currency: currencyContext, period: period) }
            return QuantityUnit(kind: .count, period: period, style: style)
        }
    }
}

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
        if upper > lower {
            let last = bytes[upper - 1]
            if last == 0x25 {
                suffix = .percent
                upper -= 1
            }  // %
            else if ends(with: "pp") {
                suffix = .points
                upper -= 2
            } else if ends(with: "pts") {
                style = .scorePoints
                upper -= 3
            } else if ends(with: "min") {
                suffix = .duration
                style = .minutes
                upper -= 3
            } else if last == 0x78 {
                suffix = .ratio
                upper -= 1
            }  // x
            else if last == 0x64 {
                suffix = .duration
                style = .days
                upper -= 1
            }  // d
            else if last == 0x68 {
                suffix = .duration
                style = .hours
                upper -= 1
            }  // h
            else if last == 0x77 {
                suffix = .duration
                style = .weeks
                upper -= 1
            }  // w
            else if last == 0x73 {
                suffix = .duration
                style = .seconds
                upper -= 1
            }  // s
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

    /// Whole numbers with thousands separators, and up to two decimals: 10000 → "10,000".
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return unprintable(value) }
        let rounded = (value * 100).rounded() / 100
        let whole = Int(rounded.rounded(.towardZero))
        var digits = String(whole)
        var groupedText = ""
        while digits.count > 3 {
            groupedText = "," + digits.suffix(3) + groupedText
            digits.removeLast(3)
        }
        groupedText = digits + groupedText
        let fraction = rounded - Double(whole)
        if fraction > 0.004 {
            var decimals = fixed(fraction, decimals: 2).dropFirst(1)  // ".25"
            while decimals.hasSuffix("0") { decimals.removeLast() }
            groupedText += decimals
        }
        return groupedText
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

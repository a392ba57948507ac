// Quantities as people write them in plans — `$125K`, `€1.5M`, `+20%`, `3pp`, `400/month`: a
// number with its unit (kind, currency, period, the written style values are printed in). Reading
// them is `QuantityReading.swift`, printing them back `QuantityFormatting.swift`.

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

extension WrittenQuantity {
    /// What may follow the number, tried in this order (`pts` before `s`, `min` before nothing
    /// shorter): the kind of quantity it makes, and the written unit values are printed in.
    static let unitSuffixes: [(text: StaticString, suffix: Suffix, style: WrittenStyle?)] = [
        ("%", .percent, nil), ("pp", .points, nil), ("pts", .none, .scorePoints), ("min", .duration, .minutes),
        ("x", .ratio, nil), ("d", .duration, .days), ("h", .duration, .hours), ("w", .duration, .weeks),
        ("s", .duration, .seconds),
    ]
}

// Currencies as plans write them: `$`, `€`, `£`, `¥`, `₹`, `₩`, `kr`, or an ISO code before or
// after the number (`CHF500`, `500CHF`). A symbol several currencies share (`$`, `kr`, `¥`) means
// the plan's currency when the plan's currency is one of them: `$` is Canadian dollars in a
// `currency: CAD` plan, so no message names a currency the plan did not use.

public enum Currencies {
    /// The ISO codes a quantity may carry, before or after its number.
    public static let codes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "INR", "KRW", "CHF", "SEK", "NOK", "DKK", "ISK", "CAD", "AUD",
        "NZD", "SGD", "HKD", "MXN", "TWD", "BRL", "ZAR", "PLN", "CZK", "HUF", "TRY", "ILS", "AED", "SAR",
        "THB", "IDR", "MYR", "PHP", "VND", "CLP", "COP", "ARS", "PEN", "EGP", "NGN", "KES",
    ]

    /// Symbols shared by several currencies: the currency they mean unless the plan's currency is
    /// another of the family.
    static let families: [String: (default: String, members: Set<String>)] = [
        "$": ("USD", ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD", "CLP", "COP", "ARS"]),
        "kr": ("SEK", ["SEK", "NOK", "DKK", "ISK"]),
        "¥": ("JPY", ["JPY", "CNY"]),
    ]

    /// How an amount in each currency is printed: a symbol before the number, or the code after it.
    static let printedSymbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "CNY": "CN¥",
        "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "SGD": "S$", "HKD": "HK$", "MXN": "MX$", "TWD": "NT$",
    ]

    /// The currency a written symbol stands for in a plan whose currency is `planCurrency`.
    public static func currency(ofSymbol symbol: String, planCurrency: String) -> String? {
        if let family = families[symbol] { return family.members.contains(planCurrency) ? planCurrency : family.default }
        if codes.contains(symbol) { return symbol }
        return symbols.first { $0.symbol == symbol }?.code
    }

    /// Written symbols, longest first for matching, with the currency each means on its own.
    static let symbols: [(symbol: String, code: String)] = [
        ("€", "EUR"), ("£", "GBP"), ("₹", "INR"), ("₩", "KRW"), ("¥", "JPY"), ("$", "USD"), ("kr", "SEK"),
    ]

    /// The symbol or ISO code at the start of `bytes[range]`, with its length in bytes; the symbol
    /// is the written one (`$`, `CHF`), for `currency(ofSymbol:planCurrency:)`.
    static func prefix<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>) -> (symbol: String, length: Int)?
    where Bytes.Index == Int {
        for (symbol, _) in symbols where starts(bytes, range, with: symbol) {
            return (symbol, symbol.utf8.count)
        }
        if range.count > 3, let code = isoCode(bytes, range.lowerBound) { return (code, 3) }
        return nil
    }

    /// The symbol or ISO code at the end of `bytes[range]` (`500CHF`, `500kr`, `5€`).
    static func suffix<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>) -> (symbol: String, length: Int)?
    where Bytes.Index == Int {
        for (symbol, _) in symbols where symbol != "$" && ends(bytes, range, with: symbol) {
            return (symbol, symbol.utf8.count)
        }
        if range.count > 3, let code = isoCode(bytes, range.upperBound - 3) { return (code, 3) }
        return nil
    }

    private static func isoCode<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int) -> String? where Bytes.Index == Int {
        guard (start..<start + 3).allSatisfy({ bytes[$0] >= 0x41 && bytes[$0] <= 0x5A }) else { return nil }
        let code = String(decoding: bytes[start..<start + 3], as: UTF8.self)
        return codes.contains(code) ? code : nil
    }

    private static func starts<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>, with symbol: String) -> Bool
    where Bytes.Index == Int {
        let utf8 = symbol.utf8
        return range.count > utf8.count && bytes[range.lowerBound..<range.lowerBound + utf8.count].elementsEqual(utf8)
    }

    private static func ends<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ range: Range<Int>, with symbol: String) -> Bool
    where Bytes.Index == Int {
        let utf8 = symbol.utf8
        return range.count > utf8.count && bytes[range.upperBound - utf8.count..<range.upperBound].elementsEqual(utf8)
    }
}

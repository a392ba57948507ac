import KPIPlan
import Testing

/// Currencies written with any common symbol or an ISO code, before or after the number; a symbol
/// several currencies share means the plan's currency when it is one of them.
@Suite struct CurrencyTests {
    @Test(
        arguments: [
            ("¥180,000", 180_000.0, "JPY"),
            ("₹2.5M", 2_500_000, "INR"),
            ("₩900K", 900_000, "KRW"),
            ("CHF500", 500, "CHF"),
            ("500CHF", 500, "CHF"),
            ("-CHF5K", -5_000, "CHF"),
            ("+500kr", 500, "SEK"),
            ("kr1,200", 1_200, "SEK"),
            ("JPY180,000", 180_000, "JPY"),
            ("180,000JPY", 180_000, "JPY"),
            ("5€", 5, "EUR"),
            ("$500K", 500_000, "USD"),
            ("SEK2M/month", 2_000_000, "SEK"),
        ] as [(String, Double, String)])
    func symbolsAndCodes(_ text: String, _ value: Double, _ code: String) throws {
        let q = try #require(Quantity.parse(Substring(text)), "\(text)")
        #expect(q.signedValue == value)
        #expect(q.currency == code)
        #expect(q.suffix == .none)
    }

    @Test func aSharedSymbolMeansThePlansCurrency() throws {
        let dollars = try #require(Quantity.parse("$500K"))
        #expect(dollars.resolved(planCurrency: "CAD").currency == "CAD")
        #expect(dollars.resolved(planCurrency: "AUD").currency == "AUD")
        #expect(dollars.resolved(planCurrency: "EUR").currency == "USD")
        let crowns = try #require(Quantity.parse("500kr"))
        #expect(crowns.resolved(planCurrency: "NOK").currency == "NOK")
        let yuan = try #require(Quantity.parse("¥100"))
        #expect(yuan.resolved(planCurrency: "CNY").currency == "CNY")
        #expect(yuan.resolved(planCurrency: "USD").currency == "JPY")
        // A code is what it says, whatever the plan.
        #expect(try #require(Quantity.parse("USD5")).resolved(planCurrency: "CAD").currency == "USD")
    }

    @Test func amountsPrintWithTheirOwnSymbolOrCode() {
        #expect(Quantity.format(500_000, QuantityUnit(kind: .currency, currency: "CAD")) == "CA$500K")
        #expect(Quantity.format(180_000, QuantityUnit(kind: .currency, currency: "JPY")) == "¥180K")
        #expect(Quantity.format(2_000_000, QuantityUnit(kind: .currency, currency: "SEK")) == "2M SEK")
        #expect(Quantity.format(900, QuantityUnit(kind: .currency, currency: "CHF")) == "900 CHF")
    }

    @Test func notCurrencies() {
        for text in ["$5CHF", "CHF", "XYZ500", "500XYZ", "¥5%", "kr", "CHF5pp", "usd5"] {
            #expect(Quantity.parse(Substring(text)) == nil, "\(text)")
        }
    }
}

import KPIPlan
import Testing

@Suite struct QuantityParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var magnitude: Double
        var sign: Int = 0
        var currency: String? = nil
        var suffix: WrittenQuantity.Suffix = .none
        var period: Period? = nil
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "$125K", magnitude: 125_000, currency: "USD"),
        Case(text: "€1.5M", magnitude: 1_500_000, currency: "EUR"),
        Case(text: "£10,000", magnitude: 10_000, currency: "GBP"),
        Case(text: "+20%", magnitude: 20, sign: 1, suffix: .percent),
        Case(text: "-5%", magnitude: 5, sign: -1, suffix: .percent),
        Case(text: "+3pp", magnitude: 3, sign: 1, suffix: .points),
        Case(text: "400/month", magnitude: 400, period: .month),
        Case(text: "$10,000/month", magnitude: 10_000, currency: "USD", period: .month),
        Case(text: "2.5x", magnitude: 2.5, suffix: .ratio),
        Case(text: "+$1,100", magnitude: 1_100, sign: 1, currency: "USD"),
        Case(text: "-$5K", magnitude: 5_000, sign: -1, currency: "USD"),
        Case(text: "$+5K", magnitude: 5_000, sign: 1, currency: "USD"),
        Case(text: "−2%", magnitude: 2, sign: -1, suffix: .percent),
        Case(text: "1,500,000", magnitude: 1_500_000),
        Case(text: "3B", magnitude: 3_000_000_000),
        Case(text: "12d", magnitude: 12, suffix: .duration),
        Case(text: "36h", magnitude: 1.5, suffix: .duration),
        Case(text: "95%", magnitude: 95, suffix: .percent),
        Case(text: "0.5", magnitude: 0.5),
        Case(text: "5/Week", magnitude: 5, period: .week),
        Case(text: "5/WEE\u{212A}", magnitude: 5, period: .week),  // a Kelvin sign lowercases to `k`
        Case(text: "£2.5k/Year", magnitude: 2_500, currency: "GBP", period: .year),
        Case(text: "−€3", magnitude: 3, sign: -1, currency: "EUR"),
    ])
    func parses(_ c: Case) throws {
        let q = try #require(Quantity.parse(Substring(c.text)))
        #expect(abs(q.magnitude - c.magnitude) < 1e-9)
        #expect(q.sign == c.sign)
        #expect(q.currency == c.currency)
        #expect(q.suffix == c.suffix)
        #expect(q.period == c.period)
    }

    @Test(arguments: [
        "$1,50", "12abc", "$5%", "€3pp", "", "$", "+", "%", "K", "1,5000", ",500", "1.2.3", "5/fortnight",
        "1e5", "$1 000", "h", "x", "٣", "1.", "--5", "$€5",
    ])
    func rejects(_ text: String) {
        #expect(Quantity.parse(Substring(text)) == nil)
    }

    /// A quantity inside a longer text (a token of a line) reads the same as on its own.
    @Test func aSliceOfALongerTextReadsTheSame() throws {
        let line = "target: +$25K by FY2027"
        let token = line[line.index(line.startIndex, offsetBy: 8)..<line.index(line.startIndex, offsetBy: 13)]
        #expect(token == "+$25K")
        let q = try #require(Quantity.parse(token))
        #expect(q.magnitude == 25_000 && q.sign == 1 && q.currency == "USD")
        #expect(Quantity.parse(line[line.startIndex..<line.index(line.startIndex, offsetBy: 6)]) == nil)
        for empty in ["5/", "5p", "$1.5pp", "/month"] { #expect(Quantity.parse(Substring(empty)) == nil, "\(empty)") }
    }

    @Test func signedValueAndUnitInContext() throws {
        let change = try #require(Quantity.parse("-$5K"))
        #expect(change.signedValue == -5_000)
        #expect(change.isChange)
        let plain = try #require(Quantity.parse("400/month"))
        #expect(plain.unit(currencyContext: nil) == QuantityUnit(kind: .count, period: .month))
        #expect(plain.unit(currencyContext: "EUR") == QuantityUnit(kind: .currency, currency: "EUR", period: .month))
        #expect(try #require(Quantity.parse("+3pp")).unit(currencyContext: "USD") == .percentage)
    }

    @Test func unitCompatibility() {
        let usd = QuantityUnit(kind: .currency, currency: "USD")
        let usdMonth = QuantityUnit(kind: .currency, currency: "USD", period: .month)
        #expect(usd.isCompatible(with: usdMonth))
        #expect(!usdMonth.isCompatible(with: QuantityUnit(kind: .currency, currency: "USD", period: .year)))
        #expect(!usd.isCompatible(with: QuantityUnit(kind: .currency, currency: "EUR")))
        #expect(!usd.isCompatible(with: .count))
        #expect(usdMonth.description == "USD/month")
        #expect(QuantityUnit.percentage.description == "%")
    }
}

@Suite struct QuantityFormattingTests {
    static let usd = QuantityUnit(kind: .currency, currency: "USD")

    @Test(
        arguments: [
            (1_500.0, usd, false, "$1,500"),
            (125_000, usd, false, "$125K"),
            (5_770_000, usd, false, "$5.77M"),
            (5_766_503.9, usd, false, "$5.77M"),
            (10_000_000, usd, false, "$10M"),
            (136_830, usd, false, "$136.8K"),
            (25_000, usd, true, "+$25,000"),
            (-100, QuantityUnit(kind: .currency, currency: "USD", period: .month), false, "-$100/month"),
            (1_400, QuantityUnit(kind: .currency, currency: "USD", period: .month), false, "$1,400/month"),
            (46_000_000, QuantityUnit(kind: .currency, currency: "EUR"), false, "€46M"),
            (3_600_000, QuantityUnit(kind: .currency, currency: "GBP"), false, "£3.6M"),
            (900, QuantityUnit(kind: .currency, currency: "CHF"), false, "900 CHF"),
            (20.1, QuantityUnit.percentage, false, "20.1%"),
            (2.25, QuantityUnit.percentage, false, "2.25%"),
            (2.5, QuantityUnit(kind: .ratio), false, "2.5x"),
            (3_000, QuantityUnit(kind: .count, period: .month), false, "3,000/month"),
            (1_250_000_000, QuantityUnit.count, false, "1.25B"),
            (12.5, QuantityUnit(kind: .duration), false, "12.5d"),
            (0.25, QuantityUnit.count, false, "0.25"),
            (-0.001, QuantityUnit.count, false, "0"),
        ] as [(Double, QuantityUnit, Bool, String)])
    func formats(_ value: Double, _ unit: QuantityUnit, _ signed: Bool, _ expected: String) {
        #expect(Quantity.format(value, unit, signed: signed) == expected)
    }

    @Test func percentsAndPoints() {
        #expect(Quantity.formatPercent(0.201) == "20.1%")
        #expect(Quantity.formatPercent(0.2009, signed: true) == "+20.1%")
        #expect(Quantity.formatPercent(0.473, decimals: 0) == "47%")
        #expect(Quantity.formatPercent(-0.1) == "-10%")
        #expect(Quantity.formatPercent(-0.0001) == "0%")
        #expect(Quantity.formatPoints(3) == "+3pp")
        #expect(Quantity.formatPoints(-1.25) == "-1.3pp")
    }

    @Test func hugeAndOddValuesDoNotCrash() {
        // Plans can hold any number a user types; printing it must never trap.
        for value in [1e30, -1e30, 9.3e18, Double.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 1e15 + 0.5] {
            for unit in [Self.usd, .count, .percentage, QuantityUnit(kind: .ratio), QuantityUnit(kind: .duration)] {
                #expect(!Quantity.format(value, unit).isEmpty)
            }
            #expect(!Quantity.formatPercent(value).isEmpty)
            #expect(!Quantity.formatPoints(value).isEmpty)
        }
    }
}

@Suite struct PlanDateTests {
    static func day(_ text: String) -> Day {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Day(year: parts[0], month: parts[1], day: parts[2])!
    }

    @Test(
        arguments: [
            ("2027-12-31", 1, "2027-12-31", PlanDate.Form.day),
            ("2027-06", 1, "2027-06-30", .month),
            ("2027-02", 1, "2027-02-28", .month),
            ("2028-02", 1, "2028-02-29", .month),
            ("2027-Q3", 1, "2027-09-30", .quarter),
            ("2027-q4", 4, "2027-12-31", .quarter),
            ("Q3 2027", 1, "2027-09-30", .quarter),
            ("q1 2027", 1, "2027-03-31", .quarter),
            ("FY2027", 1, "2027-12-31", .fiscalYear),
            ("FY2027", 4, "2027-03-31", .fiscalYear),
            ("FY2028", 4, "2028-03-31", .fiscalYear),
            ("FY2027", 7, "2027-06-30", .fiscalYear),
            ("FY2027-Q3", 4, "2026-12-31", .fiscalQuarter),
            ("FY2027-Q1", 4, "2026-06-30", .fiscalQuarter),
            ("FY2027-Q4", 1, "2027-12-31", .fiscalQuarter),
            ("2027", 1, "2027-12-31", .year),
            ("2027", 4, "2027-12-31", .year),
            ("2024-02-29", 1, "2024-02-29", .day),
            ("2000-02-29", 1, "2000-02-29", .day),
        ] as [(String, Int, String, PlanDate.Form)])
    func resolves(_ text: String, _ fiscalYearStart: Int, _ expected: String, _ form: PlanDate.Form) throws {
        let words = text.split(separator: " ")
        let date = try #require(PlanDate.parse(words, fiscalYearStart: fiscalYearStart))
        #expect(date.day == Self.day(expected))
        #expect(date.form == form)
        #expect(date.periodStart <= date.day)
    }

    @Test func periodStarts() throws {
        #expect(try #require(PlanDate.parse(["FY2027"], fiscalYearStart: 4)).periodStart == Self.day("2026-04-01"))
        #expect(try #require(PlanDate.parse(["FY2027-Q3"], fiscalYearStart: 4)).periodStart == Self.day("2026-10-01"))
        #expect(try #require(PlanDate.parse(["Q3", "2027"], fiscalYearStart: 1)).periodStart == Self.day("2027-07-01"))
    }

    @Test(arguments: [
        "2027-02-30", "2023-02-29", "1900-02-29", "2027-13", "2027-00", "2027-Q5", "Q0 2027", "FY2", "FY2027-Q5",
        "27-12-31", "2027-1-31", "2027-12-31-1", "20270", "soon", "Q3 27", "0000-01-01", "2027-06-31", "FY",
        "Q3 +202", "FY+202", "2027-+1", "2027-+1-+1", "2027-1a", "FY2027-Q",
        "2027-12-3a", "2027/12/31", "2027-12--1", "٢٠٢٧-12-31", "2027-12-31\u{301}", "2027-Q0", "0000-Q1", "2027-Qx",
    ])
    func rejects(_ text: String) {
        #expect(PlanDate.parse(text.split(separator: " "), fiscalYearStart: 1) == nil)
    }

    @Test func days() throws {
        #expect(Day(year: 2027, month: 2, day: 29) == nil)
        #expect(Day(year: 2028, month: 2, day: 29) != nil)
        #expect(Day.daysIn(month: 2, year: 1900) == 28)
        #expect(Day.daysIn(month: 2, year: 2000) == 29)
        let start = Self.day("2026-12-31")
        #expect(start.days(until: Self.day("2027-12-31")) == 365)
        #expect(Self.day("2027-12-31").days(until: Self.day("2028-12-31")) == 366)
        #expect(Day(dayNumber: 0).description == "1970-01-01")
        #expect(Day(dayNumber: start.dayNumber) == start)
        #expect(start.adding(days: 60).description == "2027-03-01")
        #expect(start.longDescription == "31 December 2026")
        #expect(Day.endOf(year: 2027, month: 14) == Self.day("2028-02-29"))
        #expect(Day.endOf(year: 2027, month: 0) == Self.day("2026-12-31"))
        #expect(PlanDate.monthNumber("April") == 4)
        #expect(PlanDate.monthNumber("sep") == 9)
        #expect(PlanDate.monthNumber("12") == 12)
        #expect(PlanDate.monthNumber("Smarch") == nil)
    }

    @Test func dayNumbersRoundTripAcrossCenturies() {
        for number in stride(
            from: Day(year: 1, month: 1, day: 1)!.dayNumber, through: Day(year: 9999, month: 12, day: 31)!.dayNumber, by: 997)
        {
            let day = Day(dayNumber: number)
            #expect(day.dayNumber == number)
            // ISO form, each part zero-padded as the plain version wrote it.
            func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
            #expect(day.description == "\(pad(day.year, 4))-\(pad(day.month, 2))-\(pad(day.day, 2))")
        }
        #expect(Day(year: 42, month: 3, day: 7)!.description == "0042-03-07")
        #expect(Day(year: 2027, month: 12, day: 31)!.description == "2027-12-31")
    }

    @Test func yearsBetweenDays() {
        #expect(Analysis.years(from: Self.day("2026-12-31"), to: Self.day("2031-12-31")) == 5)
        #expect(Analysis.years(from: Self.day("2026-12-31"), to: Self.day("2027-09-30")) == 0.75)
        #expect(Analysis.years(from: Self.day("2027-03-31"), to: Self.day("2028-03-31")) == 1)
        #expect(abs(Analysis.years(from: Self.day("2027-01-15"), to: Self.day("2027-07-01")) - 167 / 365.25) < 1e-12)
    }
}

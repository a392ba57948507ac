import KPIPlan
import Testing

/// Durations, ratios and scores as people write them: read into one number, printed back in the
/// unit written, and refused with the one-word spelling when written in words.
@Suite struct WrittenUnitsTests {
    @Test(
        arguments: [
            ("45min", 45.0 / 1_440, WrittenStyle.minutes, "45min"),
            ("2.5s", 2.5 / 86_400, .seconds, "2.5s"),
            ("6h", 0.25, .hours, "6h"),
            ("0.5h", 0.5 / 24, .hours, "0.5h"),
            ("3d", 3, .days, "3d"),
            ("2w", 14, .weeks, "2w"),
            ("40h", 40.0 / 24, .hours, "40h"),
        ] as [(String, Double, WrittenStyle, String)])
    func durationsKeepTheirWrittenUnit(_ text: String, _ days: Double, _ style: WrittenStyle, _ printed: String) throws {
        let q = try #require(Quantity.parse(Substring(text)))
        #expect(q.suffix == .duration && q.style == style)
        #expect(abs(q.magnitude - days) < 1e-12)
        let unit = q.unit(currencyContext: nil)
        #expect(unit.kind == .duration && unit.style == style)
        #expect(Quantity.format(q.signedValue, unit) == printed)
    }

    @Test func aDurationIsOneAmountWhateverItsWrittenUnit() throws {
        let hours = try #require(Quantity.parse("24h")).unit(currencyContext: nil)
        let days = try #require(Quantity.parse("1d")).unit(currencyContext: nil)
        #expect(hours == days && hours.isCompatible(with: days))
        // 24h → 40h reads in hours, not as 1d → 1.7d.
        #expect(Quantity.format(40.0 / 24, hours) == "40h")
        #expect(Quantity.format(0.2, hours) == "4.8h")
        #expect(Quantity.format(1.5, QuantityUnit(kind: .duration)) == "1.5d")
    }

    @Test func ratiosWithAColonAndScorePoints() throws {
        let ratio = try #require(Quantity.parse("3:1"))
        #expect(ratio.suffix == .ratio && ratio.magnitude == 3 && ratio.style == .colonRatio)
        #expect(Quantity.format(3, ratio.unit(currencyContext: nil)) == "3:1")
        #expect(try #require(Quantity.parse("5:2")).magnitude == 2.5)
        #expect(try #require(Quantity.parse("3x")).unit(currencyContext: nil) == ratio.unit(currencyContext: nil))
        let points = try #require(Quantity.parse("+5pts"))
        #expect(points.sign == 1 && points.magnitude == 5 && points.style == .scorePoints)
        // Points of a score are a count, even in a currency metric.
        #expect(points.unit(currencyContext: "USD").kind == .count)
        #expect(Quantity.format(45, points.unit(currencyContext: nil)) == "45pts")
        for refused in ["3:0", "$3:1", ":1", "3:", "$5pts", "min", "pts", "5 s"] {
            #expect(Quantity.parse(Substring(refused)) == nil, "\(refused)")
        }
    }

    @Test(
        arguments: [
            (["8", "hours"], "write `8h`"),
            (["12", "minutes"], "write `12min`"),
            (["4", "per", "quarter"], "write `4/quarter`"),
            (["8", "hours", "per", "week"], "write `8h/week`"),
            (["$125", "thousand"], "write `$125K`"),
            (["$125", "K"], "write `$125K`"),
            (["20", "percent"], "write `20%`"),
            (["+3", "percentage", "points"], "write `+3pp`"),
            (["30", "seconds"], "write `30s`"),
            (["2", "weeks"], "write `2w`"),
            (["400", "monthly"], "write `400/month`"),
            (["8hrs"], "write `8h`"),
            (["45m"], "write `45min` for minutes or `45M` for millions"),
        ] as [([Substring], String)])
    func wordsGetTheirOneWordSpelling(_ words: [Substring], _ advice: String) {
        #expect(Quantity.spellingAdvice(words) == advice)
    }

    @Test func wordsThatAreNoQuantityGetNoAdvice() {
        for words in [["Head", "of", "Sales"], ["125", "thousand", "apples"], ["lots"], ["8", "fortnights"]] as [[Substring]] {
            #expect(Quantity.spellingAdvice(words) == nil, "\(words)")
        }
    }

    @Test func valuesShownTogetherArePrintedOneWay() {
        let usd = QuantityUnit(kind: .currency, currency: "USD")
        #expect(Quantity.format(together: [150_000, 25_000], usd, signed: [false, true]) == ["$150K", "+$25K"])
        #expect(Quantity.format(together: [10_000, 100_000], usd) == ["$10K", "$100K"])
        #expect(Quantity.format(together: [1_500, 10_000], usd) == ["$1,500", "$10,000"])
        #expect(Quantity.format(together: [10_000_000, 25_000], usd) == ["$10M", "$25,000"])
        #expect(Quantity.format(together: [4_000_000, 6_000_000], usd, signed: [false, true]) == ["$4M", "+$6M"])
        #expect(Quantity.format(together: [20, 3], .percentage) == ["20%", "3%"])
    }

    @Test func countsOfDaysAreSingularForOne() {
        #expect(Quantity.counted(1, "day") == "1 day")
        #expect(Quantity.counted(12, "day") == "12 days")
        #expect(Quantity.counted(0, "day") == "0 days")
    }
}

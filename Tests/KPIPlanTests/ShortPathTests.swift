import KPIPlan
import Testing

/// A target under a year away is shown quarter by quarter (month by month within a quarter), on
/// the plan's fiscal quarters, as a long one is shown year by year.
@Suite struct ShortPathTests {
    @Test func quartersOfTheFiscalYear() throws {
        let plan = """
            plan "P"
              fiscal-year-start: April
            kpi leads "Leads"
              top-level
              baseline: 1000 at 2027-03-31
              target: 1331 by 2027-12-31
              growth: linear

            """
        let analysis = analysis([mainPath: plan])
        let math = analysis.math(try analysis.ref("leads"))
        #expect(math.pathStep == .quarter)
        // Fiscal quarters end in June, September, December and March.
        #expect(math.path.map(\.date.description) == ["2027-06-30", "2027-09-30", "2027-12-31"])
        // Linear: 1,000 + 331 × f, f = days elapsed / 275 days: 91/275 and 183/275.
        #expect(math.path.map { Quantity.format($0.value, .count) } == ["1,109.53", "1,220.27", "1,331"])
        let table = try #require(analysis.explanation(try analysis.ref("leads")).tables.first)
        #expect(table.title == "Quarter-by-quarter path (linear)")
        #expect(table.header == ["Quarter end", "Path", "Plan"])
    }

    @Test func monthsWithinAQuarter() throws {
        let plan = """
            kpi mrr "MRR"
              top-level
              baseline: $125K at 2027-03-31
              target: $150K by 2027-06-30

            """
        let analysis = analysis([mainPath: plan])
        let math = analysis.math(try analysis.ref("mrr"))
        #expect(math.pathStep == .month)
        #expect(math.path.map(\.date.description) == ["2027-04-30", "2027-05-31", "2027-06-30"])
        #expect(math.path.last?.value == 150_000)
    }

    @Test func aTargetWithNoPeriodEndBeforeItHasNoTable() throws {
        let plan = "kpi mrr\n  top-level\n  baseline: $125K at 2027-06-30\n  target: $130K by 2027-07-20\n"
        let analysis = analysis([mainPath: plan])
        #expect(analysis.math(try analysis.ref("mrr")).path.isEmpty)
    }
}

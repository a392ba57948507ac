// `kpi actual`'s edit (`Analysis.recordActual`): the entry goes in date order under `actuals:`,
// which is added when missing; the result is still canonical and every other byte is unchanged;
// values that do not fit the KPI are refused with the reason (the command: `ActualCommandTests`).

import Foundation
import KPIPlan
import KPITestSupport
import Testing

@Suite struct RecordActualTests {
    /// The text after recording, or the refusal.
    func record(_ text: String, _ id: String, _ date: String, _ value: String) throws -> Result<String, ActualRefusal> {
        let analysis = analysis([mainPath: text])
        return analysis.recordActual(try analysis.ref(id), date: date, value: value).map { edit in
            var bytes = Array(text.utf8)
            bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    let plan = """
        kpi mrr "MRR"
          top-level
          baseline: $125K at 2026-12-31
          target: $150K by 2027-12-31
          actuals:
            2027-03-31: $131K   # after the price change
            2027-06-30: $133K
          owner: CFO

        kpi leads
          parent: mrr
          baseline: 400/month at 2026-12-31
          target: +50% by 2027-09-30
        # the end

        """

    @Test func insertsInDateOrderAmongTheEntries() throws {
        let between = try record(plan, "mrr", "2027-05-31", "$132K").get()
        #expect(between == plan.replacingOccurrences(of: "    2027-06-30: $133K\n", with: "    2027-05-31: $132K\n    2027-06-30: $133K\n"))
        let last = try record(plan, "mrr", "2027-09-30", "$135K").get()
        #expect(last == plan.replacingOccurrences(of: "    2027-06-30: $133K\n", with: "    2027-06-30: $133K\n    2027-09-30: $135K\n"))
        let first = try record(plan, "mrr", "2027-01-31", "  $126K ").get()
        #expect(first == plan.replacingOccurrences(of: "    2027-03-31: $131K", with: "    2027-01-31: $126K\n    2027-03-31: $131K"))
    }

    @Test func addsActualsAtTheEndOfABlockWithoutThem() throws {
        let added = try record(plan, "leads", "2027-06-30", "520/month").get()
        #expect(
            added
                == plan.replacingOccurrences(
                    of: "  target: +50% by 2027-09-30\n", with: "  target: +50% by 2027-09-30\n  actuals:\n    2027-06-30: 520/month\n"))
        // The last line of a file without a final newline gets one first.
        let bare = "kpi x\n  top-level\n  baseline: 10 at 2027-01-01"
        #expect(try record(bare, "x", "2027-02-28", "12").get() == bare + "\n  actuals:\n    2027-02-28: 12\n")
        // CRLF files get CRLF lines.
        let crlf = "kpi x\r\n  top-level\r\n  baseline: 10 at 2027-01-01\r\n"
        #expect(try record(crlf, "x", "2027-02-28", "12").get() == crlf + "  actuals:\r\n    2027-02-28: 12\r\n")
    }

    @Test func theResultIsCanonicalAndReadsBackAsTheActual() throws {
        for example in ["acme.kpi", "company.kpi"] {
            let text = Fixtures.example(example)
            let analysis = exampleAnalysis(example)
            for ref in analysis.allRefs where analysis.kpi(ref).unit != nil {
                let kpi = analysis.kpi(ref)
                let value = Quantity.format(kpi.baseline?.value.value ?? 1, kpi.unit!)
                let edit = try analysis.recordActual(ref, date: "2027-08-15", value: value).get()
                var bytes = Array(text.utf8)
                bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
                let after = String(decoding: bytes, as: UTF8.self)
                #expect(Formatter.format(after) == after, "\(example) \(kpi.id): not canonical")
                let reread = PlanFile(path: "examples/" + example, text: after)
                let actual = try #require(reread.kpis[ref.index].actuals.first { $0.date == day("2027-08-15") })
                #expect(actual.value.formatted == value)
                #expect(
                    reread.diagnostics.count == PlanFile(path: "examples/" + example, text: text).diagnostics.count, "\(example) \(kpi.id)")
            }
        }
    }

    @Test func refusesWhatDoesNotFit() throws {
        #expect(try record(plan, "mrr", "2027-09-30", "45%") == .failure(.wrongUnit(value: "45%", unit: "%", kpiUnit: "USD")))
        #expect(try record(plan, "mrr", "2027-09-30", "€135K") == .failure(.wrongUnit(value: "€135K", unit: "EUR", kpiUnit: "USD")))
        #expect(try record(plan, "leads", "2027-09-30", "$500") == .failure(.wrongUnit(value: "$500", unit: "USD", kpiUnit: "count/month")))
        #expect(try record(plan, "mrr", "2027-09-30", "+$5K") == .failure(.aChange("+$5K")))
        #expect(try record(plan, "mrr", "2027-09-30", "lots") == .failure(.notAValue("lots")))
        #expect(try record(plan, "mrr", "next week", "$1") == .failure(.notADate("next week")))
        #expect(
            try record(plan, "mrr", "2027-06-30", "$134K") == .failure(.alreadyRecorded(date: day("2027-06-30"), value: "$133K", line: 7)))
        #expect(ActualRefusal.wrongUnit(value: "45%", unit: "%", kpiUnit: "USD").message == "`45%` is in % but this KPI is measured in USD")
        #expect(ActualRefusal.aChange("+$5K").message == "`+$5K` is a change: an actual is the level measured, like $5K")
    }
}

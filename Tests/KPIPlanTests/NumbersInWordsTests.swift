// Issue 15, numbers: no `inf` or `nan` in checks, explanations or hovers (a growth too large to
// state is said in words), hover code spans that hold the amount and not the comma after it,
// and a rename refused when it would change what a reference resolves to.

import Testing

@testable import KPIPlan

@Suite struct NumbersInWordsTests {
    static let oneDay = """
        plan "P"
          as-of: 2027-01-01
        kpi big "Big"
          top-level
          owner: me
          baseline: $10 at 2027-01-01
          target: $1M by 2027-01-02

        """

    @Test func growthTooLargeToStateIsSaidInWords() throws {
        let oneDay = analysis(["plans/p.kpi": Self.oneDay])
        let unrealistic = try #require(oneDay.diagnostics(for: "plans/p.kpi").first { $0.code == .unrealisticTarget })
        #expect(
            unrealistic.message
                == "$10 → $1M is +9,999,900% in 1 day (more than a 1,000-fold increase a year if sustained), more than the 100% the ceiling allows in a whole year"
        )
        let text = oneDay.explanation(try oneDay.ref("big")).text()
        #expect(text.contains("  Growth needed: +9,999,900% in 1 day (more than a 1,000-fold increase a year if sustained)\n"), "\(text)")
        #expect(text.contains("  Target:        $1M, a change of +$1,000K (+9,999,900%)\n"), "\(text)")
        #expect(text.contains("1 day left"))
        let hover = try #require(oneDay.hover(at: 30, in: "plans/p.kpi"))
        for shown in [unrealistic.message, text, hover.markdown, hover.plainText] {
            #expect(shown.firstMatch(of: /\b(inf|nan)\b/) == nil, "\(shown)")
        }
    }

    @Test func percentagesAndAmountsNeverPrintInfOrNaN() {
        #expect(Quantity.formatPercent(.infinity) == "more than a trillion percent")
        #expect(Quantity.formatPercent(-.infinity) == "less than minus a trillion percent")
        #expect(Quantity.formatPercent(.nan) == "an undefined percentage")
        #expect(Quantity.formatPercent(99_999) == "9,999,900%")
        #expect(Quantity.formatGrowthRate(.infinity, per: "year") == "more than a 1,000-fold increase a year")
        #expect(Quantity.formatGrowthRate(998, per: "month", decimals: 2) == "99,800%/month")
        #expect(Quantity.formatGrowthRate(999, per: "month") == "more than a 1,000-fold increase a month")
        #expect(Quantity.formatGrowthRate(0.125, per: "quarter") == "12.5%/quarter")
        #expect(Quantity.grouped(.infinity) == "more than 1.8e+308")
        #expect(Quantity.grouped(.nan) == "an undefined amount")
        #expect(Quantity.grouped(1e30) == "1e+30")
    }

    @Test func codeSpansHoldTheAmountNotThePunctuationAfterIt() {
        #expect(Explanation.escaped("$0, a change of +$5,000.") == "`$0`, a change of `+$5,000`.")
        #expect(Explanation.escaped("$4.8M at 2026-12-31, $1,234.50/month; $7") == "`$4.8M` at 2026-12-31, `$1,234.50/month`; `$7`")
        let plan = """
            plan "P"
              as-of: 2027-01-01
            kpi zero "Zero"
              top-level
              owner: me
              baseline: $0 at 2027-01-01
              target: +$5K by 2027-12-31

            """
        let zero = analysis(["plans/z.kpi": plan])
        let markdown = zero.hover(at: 30, in: "plans/z.kpi")?.markdown ?? ""
        #expect(markdown.contains("`$0` at 2027-01-01"), "\(markdown)")
        #expect(markdown.contains("`$5,000`, a change of `+$5,000`"), "\(markdown)")
        #expect(markdown.firstMatch(of: /`[^`]*[,.]`/) == nil, "\(markdown)")
    }

    @Test func renameRefusedWhenAThirdFileWouldSeeTheNewIDTwice() throws {
        let files = [
            "plans/a.kpi": "kpi zeta \"Zeta\"\n  top-level\n  owner: me\n",
            "plans/b.kpi": "kpi mrr \"MRR\"\n  top-level\n  owner: me\n",
            "plans/c.kpi": "use \"a.kpi\"\nuse \"b.kpi\"\nkpi child \"Child\"\n  parent: mrr\n  owner: me\n",
        ]
        let seeingBoth = analysis(files)
        let result = seeingBoth.rename(at: 5, in: "plans/a.kpi", to: "mrr")
        #expect(result.map(\.count) == .failure(.ambiguous(id: "mrr", file: "plans/c.kpi", existing: "plans/b.kpi")))
        #expect(
            RenameError.ambiguous(id: "mrr", file: "plans/c.kpi", existing: "plans/b.kpi").description
                == "cannot rename to `mrr`: c.kpi sees this KPI and the `mrr` in b.kpi both, so a `parent: mrr` there could change which KPI it names"
        )
        // Without the third file the two never meet: the rename goes through.
        let apart = analysis(files.filter { $0.key != "plans/c.kpi" })
        #expect(try apart.rename(at: 5, in: "plans/a.kpi", to: "mrr").get().map(\.newText) == ["mrr"])
        // A new id no file sees twice is fine even with the third file.
        #expect(try seeingBoth.rename(at: 5, in: "plans/a.kpi", to: "arr").get().map(\.path) == ["plans/a.kpi"])
    }
}

/// One day is "1 day", in every message that counts days.
@Suite struct DayCountTests {
    @Test func oneDayIsSingular() throws {
        let plan = """
            plan "P"
              as-of: 2027-01-15
            kpi goal "Goal"
              top-level
              owner: me
              baseline: 10 at 2026-06-01
              target: 20 by 2027-06-30
              actions:
                - x
            kpi old "Old"
              parent: goal
              owner: me
              baseline: 10 at 2026-06-01
              target: 20 by 2027-01-14
              actions:
                - x
            kpi late "Late"
              parent: goal
              owner: me
              baseline: 10 at 2026-06-01
              target: 20 by 2027-07-01
              actions:
                - x

            """
        let diagnostics = analysis(["plans/p.kpi": plan]).diagnostics(for: "plans/p.kpi")
        let passed = try #require(diagnostics.first { $0.code == .deadlinePassed })
        #expect(passed.message == "the deadline 2027-01-14 passed 1 day ago (today is 2027-01-15)")
        let after = try #require(diagnostics.first { $0.code == .deadlineAfterParent })
        #expect(
            after.message
                == "deadline 2027-07-01 is 1 day after the deadline of its parent `goal`, 2027-06-30: a supporting goal must land first")
    }
}

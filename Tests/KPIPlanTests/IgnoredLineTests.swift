// `ignored-line`: a line indented under one that takes no lines below it is reported with what it
// is under and what to do, kept by the formatter, and unindented by its quick fix.

import KPIPlan
import KPITestSupport
import Testing

@Suite struct IgnoredLineTests {
    static let overIndented = """
        kpi mrr "Grow MRR"
          top-level
          owner: CFO
            ⟦metric: MRR⟧
          target: $150K by 2027-12-31
          baseline: $125K at 2026-12-31
          actions:
            - Raise prices

        """

    @Test func anOverIndentedFieldLineIsReported() throws {
        let found = try check(
            Self.overIndented, .ignoredLine,
            message:
                "this line is indented under `owner:`, which takes no lines below it, so it is ignored: unindent it to line up with `owner:`"
        )
        #expect(found.severity == .warning)
        // The model does not read it: no metric.
        let text = try Markers.extract(Self.overIndented).text
        let a = analysis([mainPath: text])
        #expect(a.kpi(try a.ref("mrr")).metric == nil)
        // The formatter keeps the line.
        #expect(Formatter.format(text).contains("metric: MRR"))
        // The quick fix lines it up with `owner:`, and then it is read.
        let fix = try #require(a.codeActions(in: mainPath, range: found.range).first { $0.diagnostic == found })
        #expect(fix.edits == [PlanEdit(path: mainPath, range: (found.range.lowerBound - 4)..<found.range.lowerBound, newText: "  ")])
        let fixed = text.replacingOccurrences(of: "    metric: MRR", with: "  metric: MRR")
        let b = analysis([mainPath: fixed])
        #expect(b.kpi(try b.ref("mrr")).metric?.value == "MRR")
        #expect(!b.diagnostics(for: mainPath).contains { $0.code == .ignoredLine })
    }

    @Test func aLineUnderTargetIsReported() throws {
        try check(
            """
            kpi mrr "Grow MRR"
              top-level
              owner: CFO
              target: $150K by 2027-12-31
                ⟦baseline: $125K at 2026-12-31⟧
              actions:
                - Raise prices

            """, .ignoredLine,
            message:
                "this line is indented under `target:`, which takes no lines below it, so it is ignored: unindent it to line up with `target:`"
        )
    }

    @Test func aLineUnderAUseLineIsReported() throws {
        try check(
            """
            use "company.kpi"
              ⟦kpi stray⟧
            kpi mrr "Grow MRR"
              top-level
              owner: CFO
              target: $150K by 2027-12-31
              baseline: $125K at 2026-12-31
              actions:
                - Raise prices

            """, .ignoredLine,
            message:
                "this line is indented under a `use` line, which takes no lines below it, so it is ignored: unindent it to line up with the `use` line"
        )
    }

    @Test func aTabIndentedLineAboveIsNamed() throws {
        // The tab counts as one space: `owner:` (two spaces) is nested under `metric:`.
        let plan =
            "kpi mrr \"Grow MRR\"\n  top-level\n\tmetric: MRR\n  ⟦owner: CFO⟧\n  target: $150K by 2027-12-31\n  baseline: $125K at 2026-12-31\n  actions:\n    - Raise prices\n"
        let found = try check(
            plan, .ignoredLine,
            message:
                "this line is indented under `metric:`, which takes no lines below it, so it is ignored: unindent it to line up with `metric:` (the line above is indented with a tab, which counts as one space: indent both with spaces)"
        )
        let text = try Markers.extract(plan).text
        #expect(Formatter.format(text).contains("owner: CFO"))
        let fix = try #require(analysis([mainPath: text]).codeActions(in: mainPath, range: found.range).first { $0.diagnostic == found })
        #expect(fix.edits.map(\.newText) == ["\t"])
    }

    @Test func linesUnderAFlagAListItemAndAnEntryAreReported() throws {
        let base = """
            kpi mrr "Grow MRR"
              top-level
              owner: CFO
              baseline: $125K at 2026-12-31
              target: $150K by 2027-12-31
              actions:
                - Raise prices
              actuals:
                2027-03-31: $130K

            """
        try check(
            base.replacingOccurrences(of: "  top-level\n", with: "  top-level\n    ⟦metric: MRR⟧\n"), .ignoredLine,
            message:
                "this line is indented under `top-level`, which takes no lines below it, so it is ignored: unindent it to line up with `top-level`"
        )
        try check(
            base.replacingOccurrences(of: "- Raise prices\n", with: "- Raise prices\n      ⟦- Cut churn⟧\n"), .ignoredLine,
            message:
                "this line is indented under a list item, which takes no lines below it, so it is ignored: unindent it to line up with the list item"
        )
        try check(
            base.replacingOccurrences(of: "$130K\n", with: "$130K\n      ⟦2027-06-30: $135K⟧\n"), .ignoredLine,
            message:
                "this line is indented under the entry `2027-03-31:`, which takes no lines below it, so it is ignored: unindent it to line up with the entry"
        )
        try check(
            "plan \"P\"\n  currency: EUR\n    ⟦as-of: 2027-07-15⟧\n" + base, .ignoredLine,
            message:
                "this line is indented under `currency:`, which takes no lines below it, so it is ignored: unindent it to line up with `currency:`"
        )
        try checkSilent(base, .ignoredLine)
    }
}

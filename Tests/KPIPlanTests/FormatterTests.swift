import Foundation
import KPIPlan
import KPISyntax
import KPITestSupport
import Testing

/// Formats `bytes` and checks the formatter's promises: idempotent, same model, same comments.
/// (The comparisons run outside `#expect`, which would otherwise record both sides of every one:
/// too slow for thousands of generated inputs.)
func checkFormatting(
    _ bytes: [UInt8], _ label: @autoclosure () -> String, original: PlanFile? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let original = original ?? PlanFile(path: "plans/x.kpi", bytes: bytes)
    let once = Formatter.format(original.tree)
    let formatted = PlanFile(path: "plans/x.kpi", text: once)
    let twice = Formatter.format(formatted.tree)
    let idempotent = once == twice
    #expect(idempotent, "not idempotent: \(label())\n--- once:\n\(once)\n--- twice:\n\(twice)", sourceLocation: sourceLocation)
    let (before, after) = (modelSummary(original), modelSummary(formatted))
    let sameModel = before == after
    #expect(
        sameModel,
        "formatting changed the model: \(label())\n--- before:\n\(before.filter { !after.contains($0) })\n--- after:\n\(after.filter { !before.contains($0) })\n--- formatted:\n\(once)",
        sourceLocation: sourceLocation)
    let sameComments = comments(formatted.tree) == comments(original.tree)
    #expect(sameComments, "formatting changed the comments: \(label())", sourceLocation: sourceLocation)
    let endsWithNewline = once.isEmpty || once.utf8.last == 0x0A
    #expect(endsWithNewline, "no final newline: \(label())", sourceLocation: sourceLocation)
}

@Suite struct FormatterTests {
    @Test(arguments: Fixtures.examples().map(\.name))
    func examplesAreCanonical(_ name: String) {
        let text = Fixtures.example(name)
        #expect(Formatter.format(text) == text)
        checkFormatting(Array(text.utf8), name)
    }

    @Test(arguments: Fixtures.goldenInputs().map(\.name))
    func goldenInputsFormatStably(_ name: String) throws {
        let input = try #require(Fixtures.goldenInputs().first { $0.name == name })
        checkFormatting(input.bytes, name)
    }

    @Test func workedExample() {
        let input = """
            # Header comment   \r
            plan   "Acme"
                currency: USD
                as-of :   2027-07-15     # today



            kpi   mrr    "Grow MRR"   # the goal
                  top-level
                  owner:   CFO
                  baseline:  $125K   at 2026-12-31
                  target:\t+20%  by   FY2027
                  actions:
                      -   Raise prices
                      -Upsell
                  actuals:
                      Q1  2027 :   $131K
                # a note about actuals
            kpi leads Grow leads
                    parent: mrr


            """
        let expected = """
            # Header comment
            plan "Acme"
              currency: USD
              as-of: 2027-07-15     # today

            kpi mrr "Grow MRR"   # the goal
              top-level
              owner: CFO
              baseline: $125K at 2026-12-31
              target: +20% by FY2027
              actions:
                - Raise prices
                - Upsell
              actuals:
                Q1  2027: $131K
            # a note about actuals
            kpi leads Grow leads
              parent: mrr

            """
        #expect(Formatter.format(input) == expected)
        checkFormatting(Array(input.utf8), "worked example")
    }

    @Test func crlfBecomesLFAndAFinalNewlineIsAdded() {
        #expect(Formatter.format("kpi a\r\n  owner:  x\r\n\r\n\r\nkpi b") == "kpi a\n  owner: x\n\nkpi b\n")
        #expect(Formatter.format("") == "")
        #expect(Formatter.format("\n\n# only a comment\n\n") == "# only a comment\n")
    }

    @Test func errorLinesAreKeptAsWritten() {
        let input = "kpi mrr   Grow    MRR\n  owner:    CFO\n  what  is   this\n"
        #expect(Formatter.format(input) == "kpi mrr   Grow    MRR\n  owner: CFO\n  what  is   this\n")
    }

    static let messy = """
        kpi   mrr    "Grow MRR"
              top-level
              owner:   CFO


              baseline:  $125K   at 2026-12-31
              target:  +20%  by   FY2027
        kpi    b
          top-level
        """

    @Test func rangeFormattingOfAWholeBlock() throws {
        let tree = Parser.parse(Self.messy)
        // Lines 0…6: the whole `mrr` block, reindented; `b` stays as written.
        let formatted = Formatter.format(tree, lines: 0...6)
        #expect(
            formatted == """
                kpi mrr "Grow MRR"
                  top-level
                  owner: CFO

                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                kpi    b
                  top-level
                """)
        #expect(modelSummary(PlanFile(path: "x", text: formatted)) == modelSummary(PlanFile(path: "x", tree: tree)))
        // The whole file as the range is the whole-file format.
        #expect(Formatter.format(tree, lines: 0...(tree.lines.lineCount - 1)) == Formatter.format(tree))
        // `top-level` cannot move to two spaces without taking `owner:` and the rest under it: unchanged.
        #expect(Formatter.format(tree, lines: 1...1) == Self.messy)
        // The last line is in range: it gets the final newline.
        #expect(Formatter.format(tree, lines: 8...8) == Self.messy + "\n")
    }

    @Test func rangeFormattingInsideABlockKeepsTheBlockTogether() throws {
        let tree = Parser.parse(Self.messy)
        // Lines 2…5: `owner:`, two blank lines and `baseline:`. Two spaces would put the `target:`
        // line after them (still at six) under `baseline:`, so they keep their six.
        let formatted = Formatter.format(tree, lines: 2...5)
        #expect(
            formatted == """
                kpi   mrr    "Grow MRR"
                      top-level
                      owner: CFO

                      baseline: $125K at 2026-12-31
                      target:  +20%  by   FY2027
                kpi    b
                  top-level
                """)
        #expect(modelSummary(PlanFile(path: "x", text: formatted)) == modelSummary(PlanFile(path: "x", tree: tree)))
    }

    @Test func linesAroundAKeptErrorLineStayInTheirBlocks() {
        // The header has an error, so it keeps its three spaces; two spaces would take `owner:` out of the KPI.
        let header = "   kpi mrr Grow MRR\n     owner: CFO\n"
        #expect(Formatter.format(header) == header)
        checkFormatting(Array(header.utf8), "indented header with an error")
        // A bad line between two list items: the second item must stay under `actions:`.
        let list = "kpi a\n actions:\n  - x\n  bad line\n  - y\n"
        #expect(Formatter.format(list) == "kpi a\n actions:\n    - x\n  bad line\n  - y\n")
        checkFormatting(Array(list.utf8), "bad line in a list")
    }

    @Test func rangeFormattingKeepsCRLFAndMissingFinalNewlineOutsideTheRange() {
        let input = "kpi  a\r\n  owner:  x\r\nkpi  b\r\n  owner:  y"
        let tree = Parser.parse(input)
        #expect(Formatter.format(tree, lines: 1...1) == "kpi  a\r\n  owner: x\nkpi  b\r\n  owner:  y")
        #expect(Formatter.format(tree, lines: 3...3) == "kpi  a\r\n  owner:  x\r\nkpi  b\r\n  owner: y\n")
    }
}

/// Splits bytes into lines, each with its line break.
func linesWithBreaks(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for (i, byte) in bytes.enumerated() where byte == 0x0A {
        lines.append(bytes[start...i])
        start = i + 1
    }
    if start < bytes.count { lines.append(bytes[start...]) }
    return lines
}

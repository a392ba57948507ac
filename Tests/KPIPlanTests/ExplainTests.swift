import Foundation
import KPIPlan
import KPITestSupport
import Testing

@Suite struct ExplainTests {
    let acme = exampleAnalysis("acme.kpi")

    @Test func fiveYearGoalShowsTheGrowthAndThePath() throws {
        let text = acme.explanation(try acme.ref("revenue-2031")).text()
        #expect(text.hasPrefix("`revenue-2031` — Reach $10M ARR in five years\n"))
        #expect(text.contains("  Growth needed: 20.1%/year compound · 4.69%/quarter · 1.54%/month\n"))
        #expect(text.contains("  Target:        $10M, a change of +$6M (+150%)\n"))
        #expect(
            text.contains(
                """
                Year-by-year path (compound):
                    Year end      Path             Plan
                    ----------  ------  ---------------
                    2026-12-31     $4M         baseline
                    2027-12-31   $4.8M  milestone $4.6M
                    2028-12-31  $5.77M
                    2029-12-31  $6.93M  milestone $5.5M
                    2030-12-31  $8.33M
                    2031-12-31    $10M

                """), "\(text)")
        #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "trailing blanks in:\n\(text)")
    }

    @Test func splitShowsTheTable() throws {
        let explanation = acme.explanation(try acme.ref("extra-revenue"))
        let table = try #require(explanation.tables.first { $0.title.hasPrefix("Split") })
        #expect(table.title == "Split (sum) of +$1,500/month")
        #expect(
            table.rows == [
                ["price-increase", "+$100/month", "6.7%"], ["repeat-customers", "+$300/month", "20%"],
                ["new-customers", "+$1,100/month", "73.3%"],
            ])
        #expect(table.footer == ["Sum", "+$1,500/month", "100%"])
        let text = explanation.text()
        #expect(
            text.contains(
                """
                Split (sum) of +$1,500/month:
                    Child              Contribution  Share
                    ----------------  -------------  -----
                    price-increase      +$100/month   6.7%
                    repeat-customers    +$300/month    20%
                    new-customers     +$1,100/month  73.3%
                    Sum               +$1,500/month   100%

                """), "\(text)")
        #expect(text.contains("  Remainder:     none: the split adds up\n"))
        #expect(text.contains("  Supports:      extra-revenue → mrr\n"))
    }

    @Test func unbalancedSplitShowsTheRemainder() throws {
        let analysis = exampleAnalysis("mistakes.kpi")
        let text = analysis.explanation(try analysis.ref("extra-revenue")).text()
        #expect(text.contains("Remainder:     +$100/month unallocated"), "\(text)")
        #expect(text.contains("Sum               +$1,400/month  93.3%"), "\(text)")
        #expect(analysis.summary(try analysis.ref("extra-revenue")) == "3 sub-KPIs · 93% allocated")
    }

    @Test func progressRow() throws {
        let text = acme.explanation(try acme.ref("mrr")).text()
        #expect(
            text.contains(
                "  Progress:      $133K on 2027-06-30: 32% of the way; the path expects $136.8K (47%) — behind; $137.9K expected today\n"),
            "\(text)")
        #expect(text.contains("  Deadline:      2027-12-31, 169 days left (today is 2027-07-15)\n"))
        #expect(text.contains("  Drivers:       inbound-leads, extra-revenue\n"))
    }

    @Test func contributionRow() throws {
        let text = acme.explanation(try acme.ref("price-increase")).text()
        #expect(
            text == """
                `price-increase`
                  Contributes: +$100
                  Deadline:    2027-12-31 (its parent's), 169 days left (today is 2027-07-15)
                  Supports:    price-increase → extra-revenue → mrr
                  Role:        component of `extra-revenue`: counted in its split

                """)
    }

    @Test func markdownHasTheSameNumbers() throws {
        // The Markdown layout is the hover's business; here only: same rows, same numbers.
        let markdown = acme.explanation(try acme.ref("extra-revenue")).markdown()
        for piece in [
            "Split (sum) of", "new-customers", "1,100/month", "73.3%", "6.7%", "1,500/month", "Remainder", "none: the split adds up",
        ] {
            #expect(markdown.contains(piece), "no `\(piece)` in:\n\(markdown)")
        }
    }
}

/// Amounts in Markdown are put in code spans by a byte scanner: it wraps exactly what the pattern
/// `[+-]?$[0-9][0-9.,]*[KMB]?(/[a-z]+)?` matches, checked against the regular expression on
/// written cases and on generated strings of the characters that matter.
@Suite struct MarkdownAmountTests {
    /// A `.` or `,` belongs to an amount only between digits (`$5,000`, not the comma in `$0, a change`).
    static let pattern = try! NSRegularExpression(pattern: #"[+\-]?\$[0-9]+([.,][0-9]+)*[KMB]?(/[a-z]+)?"#)

    static func byRegularExpression(_ text: String) -> String {
        guard text.contains("$") else { return text }
        return pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "`$0`")
    }

    @Test(arguments: [
        "no amounts", "$", "$$5", "+$1,500/month of -$100", "$4.8M → $10M", "€5 and $5K—$6B/yr", "a$1/", "$1/Month", "-$", "+-$3",
        "🚀$7.5K/quarter🚀",
    ])
    func writtenCases(_ text: String) {
        #expect(Explanation.escaped(text) == Self.byRegularExpression(text))
    }

    @Test func generatedStrings() {
        var random = SplitMix64(seed: 7)
        let alphabet: [Character] = ["$", "+", "-", "1", "9", ".", ",", "K", "M", "B", "/", "m", "o", " ", "€", "x"]
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...14, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(Explanation.escaped(text) == Self.byRegularExpression(text), "\(text)")
        }
    }
}

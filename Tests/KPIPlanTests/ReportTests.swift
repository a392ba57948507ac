// `kpi report` at the model level: the worked numbers of the examples appear in the rendered page
// where they should (the path chart, the waterfall, the header), statuses and roles are told apart,
// user text is escaped, and the same plans give the same bytes.

import Foundation
import KPIFiles
import KPIPlan
import KPITestSupport
import Testing

/// The HTML of one KPI's card (`<article id="kpi-ID" …>…</article>`).
func card(_ html: String, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let start = try #require(
        html.range(
            of: "<article class=\"card" + (html.contains("<article class=\"card goal-card\" id=\"kpi-\(id)\"") ? " goal-card" : "")
                + "\" id=\"kpi-\(id)\""),
        "no card for \(id)", sourceLocation: sourceLocation)
    let end = try #require(html.range(of: "</article>", range: start.upperBound..<html.endIndex), sourceLocation: sourceLocation)
    return String(html[start.lowerBound..<end.upperBound])
}

/// The capture groups of every match of `pattern`, in order ("" for a group that took no part).
func captures(_ pattern: String, in text: String) throws -> [[String]] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
        (1..<match.numberOfRanges).map { group in Range(match.range(at: group), in: text).map { String(text[$0]) } ?? "" }
    }
}

@Suite struct ReportTests {
    @Test func revenue2031PathChartHasTheYearEndsTheRateAndTheMilestoneBelowThePath() throws {
        let html = exampleAnalysis("acme.kpi").report()
        let card = try card(html, "revenue-2031")
        #expect(
            card.contains("<title>Path of revenue-2031: $4M → $10M by 2031-12-31 (compound, 20.1%/year)</title>")
        )
        #expect(
            card.contains(
                "Year ends on the path: 2027-12-31 $4.8M, 2028-12-31 $5.77M, 2029-12-31 $6.93M, 2030-12-31 $8.33M, 2031-12-31 $10M."))
        #expect(card.contains("Milestones: 2027-12-31 $4.6M (path: $4.8M); 2029-12-31 $5.5M (path: $6.93M), behind the path."))
        // The labels drawn at the year-end points, in order, and the growth row from `kpi explain`.
        let labels = try captures(
            #"<text class="label on-path (?:m|e)" x="[0-9.]+" y="[0-9.]+">([^<]+)</text>"#, in: card
        ).map { $0[0] }
        #expect(labels == ["$4.8M", "$5.77M", "$6.93M", "$8.33M", "$10M"])
        #expect(card.contains("<dt>Growth needed</dt><dd>20.1%/year compound · 4.69%/quarter · 1.54%/month</dd>"))

        // The $5.5M milestone is drawn under the path's $6.93M point of the same year end (SVG y grows down).
        let points = try captures(#"<circle class="path-point" cx="([0-9.]+)" cy="([0-9.]+)""#, in: card)
        let milestones = try captures(#"<path class="milestone( behind)?" d="M([0-9.]+) ([0-9.]+)l6 6"#, in: card)
        #expect(milestones.count == 2)
        let late = try #require(milestones.first { $0[0] == " behind" })
        let pathPoint = try #require(points.first { $0[0] == late[1] }, "no path point at the milestone's x \(late[1])")
        let milestoneCentre = try #require(Double(late[2])) + 6
        let pathY = try #require(Double(pathPoint[1]))
        #expect(milestoneCentre > pathY + 20, "milestone at y \(milestoneCentre), path at y \(pathY)")
        #expect(card.contains(">milestone $5.5M</text>"))
    }

    @Test func extraRevenueWaterfallAddsUp() throws {
        let card = try card(exampleAnalysis("acme.kpi").report(), "extra-revenue")
        #expect(
            card.contains("<title>Split of extra-revenue: $1,500 = $100 + $300 + $1,100 (per month)</title>"))
        let bars = try captures(#"<rect class="bar-(part|total|remainder|over)""#, in: card).map { $0[0] }
        #expect(bars == ["part", "part", "part", "total"])
        let waterfall = String(try #require(card.range(of: "split-chart").map { card[$0.lowerBound...] }))
        let labels = try captures(#"<text class="label m" x="[0-9.]+" y="[0-9.]+">([^<]+)</text><text class="tick m""#, in: waterfall).map {
            $0[0]
        }
        #expect(labels == ["+$100", "+$300", "+$1,100", "+$1,500"])
        #expect(
            card.contains(
                "price-increase +$100/month (6.7%), repeat-customers +$300/month (20%), new-customers +$1,100/month (73.3%). The split adds up."
            ))
    }

    @Test func aSplitThatDoesNotAddUpDrawsItsRemainderAndItsOverAllocation() throws {
        let plan = """
            kpi sales "Sales"
              top-level
              owner: CEO
              baseline: $1,000 at 2026-12-31
              target: +$500 by 2027-12-31
              split: sum
            kpi a
              parent: sales
              contributes: +$100
            kpi b
              parent: sales
              contributes: +$250
            """
        let short = try card(analysis([mainPath: plan]).report(), "sales")
        #expect(short.contains("Split of sales: $500 = $100 + $250 + $150 unallocated</title>"))
        #expect(
            try captures(#"<rect class="bar-(part|total|remainder|over)""#, in: short).map { $0[0] } == [
                "part", "part", "remainder", "total",
            ])
        #expect(short.contains(">+$150</text><text class=\"tick m\" x=\"") && short.contains(">unallocated</text>"))

        let over = try card(analysis([mainPath: plan.replacingOccurrences(of: "+$250", with: "+$700")]).report(), "sales")
        #expect(over.contains("Split of sales: $500 = $100 + $700 − $300 over-allocated</title>"))
        #expect(
            try captures(#"<rect class="bar-(part|total|remainder|over)""#, in: over).map { $0[0] } == ["part", "part", "over", "total"])
    }

    @Test func weightedSplitShowsWeightsAndRolledUpProgress() throws {
        let card = try card(exampleAnalysis("company.kpi").report(), "profit")
        #expect(card.contains("Weighted split of profit: weights total 100%, rolled-up progress 46%</title>"))
        #expect(card.contains("gross-margin weight 40%, progress 45%; cac weight 35%, progress 44%; churn weight 25%, progress 50%."))
    }

    @Test func headerCountsKPIsByStatusAndFindingsBySeverity() throws {
        let html = exampleAnalysis("acme.kpi").report()
        let counts = try captures(#"data-filter="([a-z-]+)" aria-pressed="false" disabled><span class="n">([0-9]+)</span>"#, in: html)
        #expect(counts.map { "\($0[0])=\($0[1])" } == ["met=0", "on-track=0", "at-risk=0", "behind=1", "deadline-passed=0", "no-data=6"])
        let findings = try captures(##"<li class="sev-([a-z]+)"><a href="#findings"><span class="n">([0-9]+)</span>"##, in: html)
        let expected = Dictionary(grouping: exampleAnalysis("acme.kpi").diagnostics(for: "examples/acme.kpi"), by: \.severity.name)
            .mapValues(\.count)
        #expect(findings.map { "\($0[0])=\($0[1])" } == ["error", "warning", "info", "hint"].map { "\($0)=\(expected[$0] ?? 0)" })
        #expect(html.contains("<span id=\"goal-count\">2 top-level goals</span>"))
        #expect(html.contains("As of <time>2027-07-15</time>"))
    }

    @Test func everyKPIHasATreeNodeAndACardAndEachRoleIsNamed() throws {
        let analysis = exampleAnalysis("acme.kpi")
        let html = analysis.report()
        let ids = analysis.allRefs.map { analysis.kpi($0).id }
        let nodes = try captures(#"<li class="node[^"]*" data-kpi="([^"]+)" data-status="[a-z-]+" data-depth="([0-9]+)""#, in: html)
        #expect(
            nodes.map { "\($0[0])@\($0[1])" } == [
                "mrr@0", "inbound-leads@1", "extra-revenue@1", "price-increase@2", "repeat-customers@2", "new-customers@2",
                "revenue-2031@0",
            ])
        let cards = try captures(#"<article class="card[^"]*" id="kpi-([^"]+)""#, in: html).map { $0[0] }
        #expect(Set(cards) == Set(ids) && cards.count == ids.count)
        // Drivers (children of a parent without a split) and components (parts of a split) are told apart.
        #expect(html.contains("<span class=\"role role-driver\">driver</span> <code>inbound-leads</code>"))
        #expect(html.contains("<span class=\"role role-component\">component</span> <code>price-increase</code>"))
        #expect(html.contains("<span class=\"role role-goal\">goal</span> <code>mrr</code>"))
    }

    @Test func aDriverUnderASplitIsDrawnAsADriver() throws {
        // NPS is no amount of dollars: it supports the split's parent without adding up to it.
        let plan = """
            kpi revenue
              top-level
              baseline: $1,000 at 2026-12-31
              target: $1,500 by 2027-12-31
              split: sum
            kpi price
              parent: revenue
              contributes: +$500
            kpi nps
              parent: revenue
              baseline: 30 at 2026-12-31
              target: 40 by 2027-12-31
            """
        let plans = analysis([mainPath: plan])
        let nps = try plans.ref("nps")
        let price = try plans.ref("price")
        #expect(plans.role(of: nps) == .driver && plans.role(of: price) == .component)
        let html = plans.report()
        #expect(html.contains("<span class=\"role role-component\">component</span> <code>price</code>"))
        #expect(html.contains("<span class=\"role role-driver\">driver</span> <code>nps</code>"))
        #expect(try card(html, "nps").contains("<span class=\"role role-driver\">driver</span> · <span class=\"loc\">"))
        #expect(try card(html, "nps").contains(" · supports <a href=\"#kpi-revenue\">"))
    }

    @Test func statusesReadTheCascadeAndTheDeadlineCheck() throws {
        let plan = """
            kpi late "Late"
              top-level
              owner: CEO
              baseline: 10 at 2025-01-01
              target: 20 by 2026-12-31
              actuals:
                2026-06-30: 12
            kpi done "Done"
              top-level
              owner: CEO
              baseline: 10 at 2027-01-01
              target: 20 by 2027-12-31
              actuals:
                2027-06-30: 21
            """
        let html = analysis([mainPath: plan]).report()
        #expect(try card(html, "late").contains("data-status=\"deadline-passed\""))
        #expect(try card(html, "late").contains("<span class=\"status s-deadline-passed\">✖ deadline passed</span>"))
        #expect(try card(html, "done").contains("<span class=\"status s-met\">✔ met</span>"))
    }

    @Test func aSubtreeReportHoldsOnlyThatKPIAndTheKPIsUnderIt() throws {
        let analysis = exampleAnalysis("acme.kpi")
        let html = analysis.report(ReportOptions(root: try analysis.ref("extra-revenue")))
        let nodes = try captures(#"<li class="node[^"]*" data-kpi="([^"]+)""#, in: html).map { $0[0] }
        #expect(nodes == ["extra-revenue", "price-increase", "repeat-customers", "new-customers"])
        #expect(!html.contains("id=\"kpi-mrr\""))
        #expect(html.contains("<span id=\"goal-count\">1 top-level goal</span>"))
    }

    @Test func userTextIsEscapedAndThePageRequestsNothing() throws {
        let html = analysis([mainPath: "kpi x \"<script>alert(1)</script> & co\"\n  top-level\n  owner: <b>me</b>\n"]).report()
        #expect(!html.contains("<script>alert") && !html.contains("<b>me</b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            ))
        for forbidden in ["src=", "href=\"http", "url(", "@import", "<link"] { #expect(!html.contains(forbidden), "\(forbidden)") }
    }

    @Test func aParentCycleIsReportedUnderNoGoal() throws {
        let plan = "kpi a\n  parent: b\nkpi b\n  parent: a\nkpi c\n  top-level\n"
        let html = analysis([mainPath: plan]).report()
        #expect(html.contains("<section class=\"goal unrooted\" id=\"unrooted\""))
        #expect(try captures(#"<article class="card[^"]*" id="kpi-([^"]+)""#, in: html).map { $0[0] } == ["c", "a", "b"])
    }

    @Test func everyPartTheScriptBuildsShowsAsWrittenWithoutIt() throws {
        let analysis = exampleAnalysis("acme.kpi")
        let html = analysis.report()
        // Each card in its own <noscript>, named by its anchor; the goals' cards and the trees are
        // marked for print, so a page built as it is read is whole when printed.
        let cards = try captures(
            #"<noscript class="later( print)?" data-id="(kpi-[^"]+)"><article class="card( goal-card)?" id="([^"]+)""#, in: html)
        #expect(
            cards.map { $0[1] } == [
                "kpi-mrr", "kpi-inbound-leads", "kpi-extra-revenue", "kpi-price-increase", "kpi-repeat-customers",
                "kpi-new-customers", "kpi-revenue-2031",
            ])
        #expect(cards.allSatisfy { $0[1] == $0[3] && ($0[0] == " print") == ($0[2] == " goal-card") })
        #expect(try captures(#"<noscript class="later print"><nav class="tree""#, in: html).count == 2)
        #expect(html.contains("<noscript class=\"later\"><p class=\"hint\">Perspectives"))
        #expect(html.contains("<noscript class=\"later\"><ul class=\"finding-list\">"))
        // 7 cards, 2 trees, the scorecard and the findings; each <noscript> closes before the next
        // opens (the browser ends its text at the first `</noscript`).
        let chunks = html.components(separatedBy: "<noscript").dropFirst()
        #expect(chunks.count == 7 + 2 + 2)
        #expect(chunks.allSatisfy { $0.components(separatedBy: "</noscript>").count == 2 })
    }

    @Test func aPathUnderAQuarterIsDrawnMonthByMonthAsExplainListsIt() throws {
        // 100 → 130 over 61 days: at 31 days the compound path is 100 × 1.3^(31/61) = 114.26.
        let plan = "kpi short\n  top-level\n  baseline: 100 at 2027-04-30\n  target: 130 by 2027-06-30\n"
        let plans = analysis([mainPath: plan])
        let chart = try card(plans.report(), "short")
        #expect(
            chart.contains("<desc>Month ends on the path: 2027-05-31 114.26, 2027-06-30 130. Today, 2027-07-15, the path is at 130.</desc>")
        )
        #expect(
            try captures(#"<text class="label on-path [me]" x="\d+" y="\d+">([^<]+)</text>"#, in: chart).map { $0[0] } == ["114.26", "130"])
        let table = try #require(plans.explanation(try plans.ref("short")).tables.first)
        #expect(table.title == "Month-by-month path (compound)" && table.rows.map { $0[1] } == ["100", "114.26", "130"])
    }

    @Test func anchorsKeepPlainIdsAndNumberRepeats() throws {
        let plan = "kpi arr_q1\n  top-level\nkpi ärr.q1\n  top-level\nkpi dup\n  top-level\nkpi dup\n  top-level\n"
        let html = analysis([mainPath: plan]).report()
        #expect(
            try captures(#"<article class="card[^"]*" id="([^"]+)""#, in: html).map { $0[0] } == [
                "kpi-arr_q1", "kpi-_rr_q1", "kpi-dup", "kpi-dup-2",
            ])
    }

    @Test func sameInputsGiveTheSameBytes() {
        let first = exampleAnalysis("acme.kpi", "company.kpi", "marketing.kpi").report()
        let second = exampleAnalysis("acme.kpi", "company.kpi", "marketing.kpi").report()
        #expect(first == second)
    }
}

/// The report in pieces (`ReportDocument`), written on several threads by `KPIFiles.writeReport`,
/// is the page `Analysis.report` writes on one.
@Suite struct ReportPiecesTests {
    @Test func piecesWrittenOnSeveralThreadsJoinToTheSamePage() throws {
        // 150 cards under one goal: three pieces of cards, so the threads share the goal.
        var plan = "kpi root\n  top-level\n  owner: CEO\n  baseline: $100 at 2026-12-31\n  target: $200 by 2028-12-31\n"
        for index in 1...150 {
            plan +=
                "kpi k\(index)\n  parent: root\n  owner: Team\n  baseline: \(index) at 2026-12-31\n  target: \(index * 2) by 2027-12-31\n"
        }
        let plans = analysis([mainPath: plan])
        let document = plans.reportDocument()
        // The head, the goal's start, 150 cards in pieces of 64, its end, the scorecard, the findings.
        #expect(document.pieceCount == 1 + 1 + 3 + 1 + 1 + 1)
        let page = plans.report()
        #expect(writeReport(plans) == page)
        #expect(
            try captures(#"<article class="card[^"]*" id="kpi-([^"]+)""#, in: page).map { $0[0] } == ["root"] + (1...150).map { "k\($0)" })
        let examples = exampleAnalysis("acme.kpi", "company.kpi", "marketing.kpi")
        #expect(writeReport(examples) == examples.report())
    }

    @Test func aReportFileIsWrittenWholeOrNotAtAll() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-report-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = exampleAnalysis("acme.kpi", "company.kpi")
        let page = examples.report()
        let path = folder.appendingPathComponent("report.html").path
        try "an older report".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try writeReport(examples, toFile: path).get() == page.utf8.count)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == page)
        // Into a folder that does not exist, or over a folder: the reason, and nothing left behind.
        let missing = #expect(throws: PlanWriter.WriteError.self) {
            try writeReport(examples, toFile: folder.appendingPathComponent("missing/report.html").path).get()
        }
        #expect(missing?.description == "no such file or directory")
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let overFolder = #expect(throws: PlanWriter.WriteError.self) { try writeReport(examples, toFile: sub.path).get() }
        #expect(overFolder?.description == "is a directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report.html", "sub"])
    }
}

// Completion: metrics after `metric: `, parent ids with their titles after `parent: `, the
// fields a block lacks, enumerated values, files inside `use "`, and the top-level snippets.
// Each case: a plan with the cursor `1️⃣` and the whole list the client gets (`UPDATE_EXPECT=1`
// rewrites it); every item's edit ends at the cursor.

import KPITestSupport
import LanguageServerProtocol
import Testing

@testable import KPILanguageServer

@Suite struct CompletionTests {
    struct Case: NamedCase {
        var name: String
        var plan: String
        /// The whole list in the order the client shows it (by sort text), one item a line:
        /// `label — detail`.
        var expected: ExpectedText
        var file = "plan.kpi"
        var others: [String: String] = [:]
    }

    static let twoBlocks = """
        plan "P"
          as-of: 2027-07-15

        kpi mrr "Grow MRR"
          top-level
          metric: MRR
          owner: CFO
          baseline: $125K at 2026-12-31
          target: +20% by FY2027

        kpi upsell "Upsell the add-on"
          parent: mrr
          metric: add-on revenue
          owner: CS

        """

    static let cases: [Case] = [
        Case(
            name: "metric: catalog metrics and workspace-only metrics",
            plan: mark(twoBlocks, "  owner: CFO\n", "  owner: CFO\n  metric: 1️⃣\n"),
            expected: expect(
                """
                ARR — sales · currency ↑
                Absenteeism Rate — people · percentage ↓
                Accounts Receivable Days — financial · duration ↓
                Active Users — customer · count ↑
                Average Deal Size — sales · currency ↑
                Average Handle Time — operational · duration ↓
                Average Revenue per User — customer · currency ↑
                Bookings — sales · currency ↑
                Budget Variance — financial · percentage ↕
                Burn Rate — financial · currency ↓
                Capacity Utilization — operational · percentage ↑
                Cash Flow — financial · currency ↑
                Churn Rate — customer · percentage ↓
                Conversion Rate — sales · percentage ↑
                Customer Acquisition Cost — financial · currency ↓
                Customer Count — customer · count ↑
                Customer Effort Score — customer · count ↑
                Customer Lifetime Value — customer · currency ↑
                Customer Retention Rate — customer · percentage ↑
                Customer Satisfaction Index — customer · percentage ↑
                Cycle Time — operational · duration ↓
                Defect Rate — operational · percentage ↓
                EBITDA — financial · currency ↑
                Employee Engagement — people · percentage ↑
                Employee Satisfaction — people · percentage ↑
                Employee Turnover — people · percentage ↓
                First Contact Resolution — operational · percentage ↑
                Gross Margin — financial · percentage ↑
                Gross Profit — financial · currency ↑
                Headcount — people · count ↑
                Inbound Leads — sales · count ↑
                Inventory Turnover — operational · ratio ↑
                Lead-to-Customer Conversion Rate — sales · percentage ↑
                MQL — sales · count ↑
                MRR — sales · currency ↑
                Market Share — sales · percentage ↑
                NPS — customer · count ↑
                Net Profit Margin — financial · percentage ↑
                Net Revenue Retention — customer · percentage ↑
                New Customers — sales · count ↑
                On-Time Delivery — operational · percentage ↑
                Operating Cash Flow — financial · currency ↑
                Operating Expenses — financial · currency ↓
                Operating Margin — financial · percentage ↑
                Order Fulfillment Time — operational · duration ↓
                Pipeline Value — sales · currency ↑
                Production Yield — operational · percentage ↑
                Profit — financial · currency ↑
                Quota Attainment — sales · percentage ↑
                ROI — financial · percentage ↑
                Repeat Purchase Rate — customer · percentage ↑
                Revenue — sales · currency ↑
                Revenue per Employee — people · currency ↑
                Runway — financial · duration ↑
                SQL — sales · count ↑
                Sales Cycle Length — sales · duration ↓
                Sales Growth — sales · percentage ↑
                Time to Hire — people · duration ↓
                Training Hours per Employee — people · duration ↑
                Uptime — operational · percentage ↑
                Win Rate — sales · percentage ↑
                add-on revenue — used in this workspace
                """)),
        Case(
            name: "parent in the team file: the company KPIs with their titles",
            plan: mark(Plans.team, "  parent: new-logos", "  parent: 1️⃣"),
            expected: expect(
                """
                new-logos — Win 40 more customers
                profit — Reach $2M operating profit (company.kpi)
                revenue — Grow revenue to $12M (company.kpi)
                """),
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "parent excludes the KPI itself and what is below it",
            plan: mark(Plans.team, "  parent: revenue", "  parent: 1️⃣"),
            expected: expect(
                """
                profit — Reach $2M operating profit (company.kpi)
                revenue — Grow revenue to $12M (company.kpi)
                """),
            file: "team.kpi", others: ["company.kpi": Plans.company]),
        Case(
            name: "parent after a partial id",
            plan: mark(Plans.acme, "kpi repeat-customers\n  parent: extra-revenue", "kpi repeat-customers\n  parent: ex1️⃣"),
            expected: expect(
                """
                extra-revenue — Add $1,500 of monthly revenue
                """)),
        Case(
            name: "fields the block does not have yet",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS\n  1️⃣\n"),
            expected: expect(
                """
                perspective — field
                category — field
                baseline — field
                target — field
                deadline — field
                split — field
                weight — field
                contributes — field
                growth — field
                better — field
                actions — field
                actuals — field
                milestones — field
                role — field
                """)),
        Case(
            name: "fields after a partial key",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS\n  tar1️⃣\n"),
            expected: expect(
                """
                target — field
                """)),
        Case(
            name: "plan settings in the plan block",
            plan: mark(twoBlocks, "  as-of: 2027-07-15\n", "  as-of: 2027-07-15\n  1️⃣\n"),
            expected: expect(
                """
                fiscal-year-start — field
                fiscal-year-name — field
                currency — field
                max-annual-growth — field
                max-annual-reduction — field
                """)),
        Case(
            name: "perspective values",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS\n  perspective: 1️⃣\n"),
            expected: expect(
                """
                customer — balanced-scorecard perspective
                financial — balanced-scorecard perspective
                internal — balanced-scorecard perspective
                learning — balanced-scorecard perspective
                """)),
        Case(
            name: "split values",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS\n  split: 1️⃣\n"),
            expected: expect(
                """
                sum — how children add up
                weighted — how children add up
                """)),
        Case(
            name: "growth values",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS\n  growth: 1️⃣\n"),
            expected: expect(
                """
                compound — path model
                linear — path model
                """)),
        Case(
            name: "use: the other file's relative path",
            plan: mark(Plans.team, "use \"company.kpi\"", "use \"1️⃣"),
            expected: expect(
                """
                company.kpi — plan file
                sub/other.kpi — plan file
                """),
            file: "team.kpi", others: ["company.kpi": Plans.company, "sub/other.kpi": "kpi other\n  top-level\n"]),
        Case(
            name: "top-level snippets at the start of a line",
            plan: mark(twoBlocks, "\nkpi upsell", "\nk1️⃣\n\nkpi upsell"),
            expected: expect(
                """
                kpi — a KPI that supports a parent goal
                kpi (top-level) — a root goal
                kpi (split) — a goal whose children add up
                """)),
        Case(
            name: "nothing inside a comment",
            plan: mark(twoBlocks, "  owner: CS\n", "  owner: CS # who1️⃣\n"),
            expected: expect("")),
        Case(
            name: "nothing in a list item",
            plan: mark(twoBlocks, "  owner: CFO\n", "  owner: CFO\n  actions:\n    - Raise 1️⃣\n"),
            expected: expect("")),
    ]

    @Test(arguments: cases)
    func completion(_ c: Case) throws {
        try checkCompletion(c)
    }

    func checkCompletion(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session(
            files: c.others, root: !c.others.isEmpty,
            capabilities: ClientCapabilities(completionSnippetSupport: true))
        let uri = session.open(c.file, marked.text)
        let list = try #require(try session.client.completion(uri, at: marked.position(marker: 1)), sourceLocation: sourceLocation)
        let shown = list.items.enumerated().sorted {
            ($0.element.sortText ?? $0.element.label, $0.offset) < ($1.element.sortText ?? $1.element.label, $1.offset)
        }
        c.expected.assert(
            shown.map { "\($0.element.label)" + ($0.element.detail.map { " — " + $0 } ?? "") }.joined(separator: "\n"),
            sourceLocation: sourceLocation)
        // Every edit replaces text on the cursor's line, ending at the cursor.
        let cursor = marked.position(marker: 1)
        for item in list.items {
            let range = try #require(item.textEdit?.range, "\(item.label) has no text edit", sourceLocation: sourceLocation)
            #expect(
                range.end == cursor && range.start.line == cursor.line && range.start.character <= cursor.character,
                "\(item.label): \(range)", sourceLocation: sourceLocation)
        }
    }

    @Test func theKPISnippetIsASnippetForClientsThatSupportThem() throws {
        let marked = try Markers.extract("kp1️⃣\n")
        let session = try Session(capabilities: ClientCapabilities(completionSnippetSupport: true))
        let uri = session.open("plan.kpi", marked.text)
        let list = try #require(try session.client.completion(uri, at: marked.position(marker: 1)))
        let kpi = try #require(list.items.first { $0.label == "kpi" })
        #expect(kpi.kind == .snippet)
        #expect(kpi.insertTextFormat == .snippet)
        #expect(kpi.textEdit?.newText.hasPrefix("kpi ${1:id} \"${2:Title}\"\n  parent: ${3:parent}\n") == true)
        #expect(kpi.textEdit?.range == LSPRange(start: Position(line: 0, character: 0), end: Position(line: 0, character: 2)))
    }

    @Test func clientsWithoutSnippetsGetPlainFieldsAndNoSnippets() throws {
        let marked = try Markers.extract("kpi a\n  top-level\n  1️⃣\n")
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let list = try #require(try session.client.completion(uri, at: marked.position(marker: 1)))
        #expect(list.items.allSatisfy { $0.insertTextFormat == .plainText })
        let actions = try #require(list.items.first { $0.label == "actions" })
        #expect(actions.textEdit?.newText == "actions:\n    - action")
        let atLineStart = try Markers.extract("k1️⃣\n")
        let uri2 = session.open("other.kpi", atLineStart.text)
        let snippets = try #require(try session.client.completion(uri2, at: atLineStart.position(marker: 1)))
        #expect(!snippets.items.contains { $0.kind == .snippet })
    }

    /// Documentation is markdown unless the client takes plain text only, in the list and through
    /// `completionItem/resolve` alike (as hovers do).
    @Test(arguments: [false, true])
    func documentationFollowsTheClientsFormat(resolves: Bool) throws {
        let marked = try Markers.extract(mark(Self.twoBlocks, "  owner: CS\n", "  owner: CS\n  metric: Chu1️⃣\n"))
        let markdown =
            "**Churn Rate** — Share of customers who stop buying or cancel in a period.\n\n"
            + "Unit: percentage · lower is better · from 0% to 100% · customer metric  \nAlso called: churn, customer churn, customer churn rate"
        let plain =
            "Churn Rate — Share of customers who stop buying or cancel in a period.\n\n"
            + "Unit: percentage · lower is better · from 0% to 100% · customer metric\nAlso called: churn, customer churn, customer churn rate"
        for (formats, expected) in [
            ([MarkupKind.plaintext], MarkupContent(kind: .plaintext, value: plain)),
            ([.markdown, .plaintext], MarkupContent(kind: .markdown, value: markdown)),
            ([], MarkupContent(kind: .markdown, value: markdown)),
        ] {
            let session = try Session(
                capabilities: ClientCapabilities(
                    completionResolveProperties: resolves ? ["documentation"] : nil,
                    completionDocumentationFormat: formats.isEmpty ? nil : formats))
            let uri = session.open("plan.kpi", marked.text)
            let list = try #require(try session.client.completion(uri, at: marked.position(marker: 1)))
            #expect(list.items.map(\.label) == ["Churn Rate"])
            let item = try #require(list.items.first)
            let documentation =
                resolves ? try session.client.request(CompletionItemResolveRequest.self, item).documentation : item.documentation
            #expect(documentation == expected, "\(formats)")
        }
    }

    /// Text with a space is a snippet for clients that take snippets (Neovim inserts a plain-text
    /// edit up to its first space), escaped so it inserts as written; plain text for the others.
    @Test func textWithASpaceIsASnippetForClientsThatTakeThem() throws {
        let marked = try Markers.extract(mark(Self.twoBlocks, "  owner: CS\n", "  owner: CS\n  metric: Chu1️⃣\n"))
        for snippets in [true, false] {
            let session = try Session(capabilities: ClientCapabilities(completionSnippetSupport: snippets))
            let uri = session.open("plan.kpi", marked.text)
            let item = try #require(try session.client.completion(uri, at: marked.position(marker: 1))?.items.first)
            #expect(item.label == "Churn Rate")
            #expect(item.textEdit?.newText == "Churn Rate")
            #expect(item.insertTextFormat == (snippets ? .snippet : .plainText))
        }
        #expect(Server.snippet(fromPlainText: "cost in $ {per} seat\\s") == "cost in \\$ {per\\} seat\\\\s")
    }
}

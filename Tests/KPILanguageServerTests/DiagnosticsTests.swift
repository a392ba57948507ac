// Published diagnostics: on open with exact ranges, codes and related information; after an
// incremental change; across files when a used file changes; once for a burst of changes; and
// pull diagnostics only for clients that declare them.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct DiagnosticsTests {
    struct Case: NamedCase {
        var name: String
        /// The plan, with each expected diagnostic's range marked `⟦…⟧`, in the order of `codes`.
        var plan: String
        var codes: [String]
        var messages: [String] = []
    }

    static let header = "plan \"P\"\n  as-of: 2027-07-15\n\n"

    @Test(arguments: [
        Case(
            name: "unknown parent",
            plan: header + """
                kpi mrr "MRR"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices

                kpi upsell "Upsell"
                  parent: ⟦mrrr⟧
                  metric: MRR
                  owner: CS
                  baseline: $8K at 2026-12-31
                  target: +25% by FY2027
                  actions:
                    - Offer a trial

                """, codes: ["unknown-parent"], messages: ["did you mean `mrr`?"]),
        Case(
            name: "unaligned, no owner, vague target",
            plan: header + """
                kpi ⟦⟦⟦plants⟧⟧⟧ "Plants"
                  metric: employee satisfaction

                """, codes: ["unaligned-kpi", "no-owner", "vague-target"]),
        Case(
            name: "unknown field",
            plan: header + """
                kpi cash "Cash"
                  top-level
                  metric: operating cash flow
                  ⟦ownr⟧: CFO
                  owner: CFO
                  baseline: $200K at 2026-12-31
                  target: +25% by FY2027
                  actions:
                    - Collect invoices

                """, codes: ["unknown-field"], messages: ["did you mean `owner`?"]),
        Case(
            name: "impossible target",
            plan: header + """
                kpi retention "Retention"
                  top-level
                  metric: customer retention rate
                  owner: CS
                  baseline: 88% at 2026-12-31
                  target: ⟦120%⟧ by FY2027
                  actions:
                    - Call every account

                """, codes: ["impossible-target"]),
    ])
    func publishedOnOpen(_ c: Case) throws {
        try checkPublished(c)
    }

    func checkPublished(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let marked = try Markers.extract(c.plan)
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text, version: 7)
        let published = try session.client.waitForDiagnostics(uri)
        #expect(published.version == 7, sourceLocation: sourceLocation)
        #expect(published.diagnostics.count == c.codes.count, "\(describe(published.diagnostics))", sourceLocation: sourceLocation)
        for (index, code) in c.codes.enumerated() {
            let range = marked.lspRange(index: index)
            let found = published.diagnostics.first { $0.code == code && $0.range == range }
            #expect(found != nil, "no \(code) at \(range) in\n\(describe(published.diagnostics))", sourceLocation: sourceLocation)
            #expect(found?.source == "kpi", sourceLocation: sourceLocation)
            if index < c.messages.count {
                #expect(found?.message.contains(c.messages[index]) == true, "\(found?.message ?? "-")", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func severitiesAndLinksFollowTheCodes() throws {
        let session = try Session()
        let uri = session.open("acme.kpi", Plans.acme)
        let diagnostics = try session.client.waitForDiagnostics(uri).diagnostics
        #expect(diagnostics.map(\.code) == ["off-track", "milestone-behind-path"])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        for diagnostic in diagnostics {
            if let href = diagnostic.codeDescription?.href { #expect(href.hasSuffix("#" + diagnostic.code!)) }
        }
    }

    @Test func splitMismatchListsTheChildrenAsRelatedInformation() throws {
        let marked = try Markers.extract(
            Self.header + """
                kpi mrr "MRR"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices

                kpi extra "Extra"
                  parent: mrr
                  metric: revenue
                  owner: VP Sales
                  baseline: $10,000/month at 2026-12-31
                  target: ⟦+$1,500/month⟧ by FY2027
                  split: sum
                  actions:
                    - Review

                kpi ⟦a⟧
                  parent: extra
                  contributes: +$100/month
                  owner: X
                kpi ⟦b⟧
                  parent: extra
                  contributes: +$1,200/month
                  owner: Y

                """)
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let published = try session.client.waitForDiagnostics(uri)
        let split = try #require(published.diagnostics.first { $0.code == "split-mismatch" }, "\(describe(published.diagnostics))")
        #expect(split.range == marked.lspRange(index: 0))
        #expect(split.message.contains("$200/month unallocated"))
        #expect(
            split.relatedInformation == [
                DiagnosticRelatedInformation(location: Location(uri: uri, range: marked.lspRange(index: 1)), message: "a: +$100/month"),
                DiagnosticRelatedInformation(location: Location(uri: uri, range: marked.lspRange(index: 2)), message: "b: +$1,200/month"),
            ])
    }

    @Test func anIncrementalChangeRepublishesWithTheNewVersion() throws {
        let marked = try Markers.extract(
            Self.header + """
                kpi mrr "MRR"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices

                kpi upsell "Upsell"
                  parent: mr⟦⟧r
                  owner: CS

                """)
        let session = try Session()
        let uri = session.open("plan.kpi", marked.text)
        let first = try session.client.waitForDiagnostics(uri)
        #expect(!first.diagnostics.contains { $0.code == "unknown-parent" })
        // Type a second `r` in the middle of `mrr`: now `mrrr` is unknown.
        let insertAt = marked.lspRange(index: 0)
        let since = session.client.notificationCount
        session.client.change(uri: uri, version: 2, range: insertAt, text: "r")
        let second = try session.client.waitForDiagnostics(uri, since: since)
        #expect(second.version == 2)
        let unknown = try #require(second.diagnostics.first { $0.code == "unknown-parent" }, "\(describe(second.diagnostics))")
        let start = Position(line: insertAt.start.line, character: 10)
        #expect(unknown.range == LSPRange(start: start, end: Position(line: start.line, character: 14)))
        #expect(unknown.message.contains("`mrrr`"))
        // And delete it again.
        let since2 = session.client.notificationCount
        session.client.change(
            uri: uri, version: 3,
            range: LSPRange(start: insertAt.start, end: Position(line: insertAt.start.line, character: insertAt.start.character + 1)),
            text: "")
        let third = try session.client.waitForDiagnostics(uri, since: since2)
        #expect(third.version == 3)
        #expect(!third.diagnostics.contains { $0.code == "unknown-parent" })
    }

    /// The team file's `new-logos` is due 2027-12-31; moving its parent's deadline earlier makes
    /// it `deadline-after-parent`, moving it back clears that.
    @Test func aTeamFileIsRecheckedWhenTheCompanyFileItUsesChanges() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team])
        let client = session.client
        let company = session.open("company.kpi", Plans.company)
        let team = session.open("team.kpi", Plans.team)
        try client.waitForDiagnostics(team)
        #expect(client.latestDiagnostics(team)?.diagnostics.contains { $0.code == "deadline-after-parent" } == false)

        let line = Plans.company.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.contains("target: $12M by 2027-12-31")
        }!
        let dateRange = LSPRange(start: Position(line: line, character: 18), end: Position(line: line, character: 28))
        var since = client.notificationCount
        client.change(uri: company, version: 2, range: dateRange, text: "2027-Q3")
        let after = try client.waitForDiagnostics(team, since: since) { $0.diagnostics.contains { $0.code == "deadline-after-parent" } }
        let late = try #require(after.diagnostics.first { $0.code == "deadline-after-parent" })
        #expect(late.message.contains("2027-09-30"), "\(late.message)")
        #expect(late.relatedInformation?.first?.location.uri == company)

        since = client.notificationCount
        client.change(
            uri: company, version: 3, range: LSPRange(start: dateRange.start, end: Position(line: line, character: 25)), text: "2027-12-31")
        try client.waitForDiagnostics(team, since: since) { !$0.diagnostics.contains { $0.code == "deadline-after-parent" } }
    }

    @Test func aBurstOfChangesPublishesOnlyForTheFinalVersion() throws {
        let session = try Session()
        let client = session.client
        let text = Self.header + "kpi upsell \"Upsell\"\n  parent: x\n  owner: CS\n"
        let uri = session.open("plan.kpi", text)
        try client.waitForDiagnostics(uri)
        try session.sync()
        let before = client.publishedDiagnostics(uri).count
        let since = client.notificationCount
        // Each change types one more letter into the parent id, so each version has other diagnostics.
        var burst: [UInt8] = []
        for version in 2...21 {
            let column = 11 + (version - 2)
            burst += try client.notificationMessage(
                DidChangeTextDocumentNotification.self,
                DidChangeTextDocumentParams(
                    textDocument: VersionedTextDocumentIdentifier(uri: uri, version: version),
                    contentChanges: [TextDocumentContentChangeEvent(range: LSPRange(at: Position(line: 4, character: column)), text: "y")]))
        }
        client.write(burst)
        let final = try client.waitForDiagnostics(uri, since: since) { $0.version == 21 }
        let unknown = try #require(final.diagnostics.first { $0.code == "unknown-parent" })
        #expect(unknown.message.contains("`x" + String(repeating: "y", count: 20) + "`"), "\(unknown.message)")
        try session.sync()
        let publishes = client.publishedDiagnostics(uri).dropFirst(before)
        #expect(publishes.count < 20, "\(publishes.count) publishes for one burst")
        #expect(publishes.last?.version == 21)
    }

    @Test func pullDiagnosticsForAClientThatDeclaresThem() throws {
        let marked = try Markers.extract(
            Self.header + "kpi ⟦a⟧\n  top-level\n  metric: MRR\n  owner: X\n  baseline: $1 at 2026-12-31\n  target: +1% by FY2027\n")
        let session = try Session(capabilities: ClientCapabilities(pullDiagnostics: true))
        let provider = try #require(session.initializeResult.capabilities.diagnosticProvider)
        #expect(provider.interFileDependencies)
        let uri = session.open("plan.kpi", marked.text)
        guard case .full(_, let items) = try session.client.pullDiagnostics(uri) else {
            Issue.record("expected a full report")
            return
        }
        #expect(items.map(\.code) == ["no-actions"])
        #expect(items.first?.range == marked.lspRange(index: 0))
    }

    /// A client that pulls and can be asked to pull again gets each warning once: after its first
    /// pull of a document the published set is cleared, and a change asks it to re-pull instead.
    @Test func aPullingClientIsNotAlsoPublishedTo() throws {
        let capabilities = ClientCapabilities(raw: [
            "textDocument": ["diagnostic": ["dynamicRegistration": false]],
            "workspace": ["diagnostics": ["refreshSupport": true]],
        ])
        let session = try Session(capabilities: capabilities)
        let uri = session.open("plan.kpi", Plans.acme)
        #expect(try session.client.waitForDiagnostics(uri).diagnostics.count == 2)
        guard case .full(_, let items) = try session.client.pullDiagnostics(uri) else {
            Issue.record("expected a full report")
            return
        }
        #expect(items.map(\.code) == ["off-track", "milestone-behind-path"])
        // The published set is cleared once the document is pulled.
        try session.client.waitForDiagnostics(uri) { $0.diagnostics.isEmpty }
        let publishesBefore = session.client.publishedDiagnostics(uri).count
        // A change that alters the diagnostics: the client is asked to re-pull, not published to.
        session.client.change(
            uri: uri, version: 2, text: Plans.acme.replacingOccurrences(of: "2027-06-30: $133K", with: "2027-06-30: $137K"))
        _ = try session.client.waitForServerRequest("workspace/diagnostic/refresh")
        try session.sync()
        #expect(session.client.publishedDiagnostics(uri).count == publishesBefore)
        guard case .full(_, let after) = try session.client.pullDiagnostics(uri) else {
            Issue.record("expected a full report")
            return
        }
        #expect(after.map(\.code) == ["milestone-behind-path"])
    }

    @Test func noPullDiagnosticsForAClientThatDoesNotDeclareThem() throws {
        let session = try Session()
        #expect(session.initializeResult.capabilities.diagnosticProvider == nil)
        let uri = session.open("plan.kpi", Plans.acme)
        let error = try session.client.requestError(
            DocumentDiagnosticRequest.self, DocumentDiagnosticParams(textDocument: TextDocumentIdentifier(uri: uri)))
        #expect(error.code == .methodNotFound)
        // Published diagnostics still arrive.
        #expect(try session.client.waitForDiagnostics(uri).diagnostics.count == 2)
    }

    @Test func closingAnUnsavedDocumentClearsItsDiagnostics() throws {
        let session = try Session()
        let uri = session.open("unsaved.kpi", Self.header + "kpi a\n")
        try session.client.waitForDiagnostics(uri) { !$0.diagnostics.isEmpty }
        let since = session.client.notificationCount
        session.client.close(uri: uri)
        try session.client.waitForDiagnostics(uri, since: since) { $0.diagnostics.isEmpty }
    }
}

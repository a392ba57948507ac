// The workspace: indexing the root folder on start (with progress), files changed on disk,
// settings from `workspace/configuration`, `didChangeConfiguration` and `initializationOptions`,
// a lone file that `use`s a file on disk, and requests about documents the server does not know.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct WorkspaceTests {
    /// The team plan with a misspelt parent, so it has an error of its own.
    static let brokenTeam = Plans.team.replacingOccurrences(of: "parent: revenue", with: "parent: revenu")

    @Test func filesNeverOpenedAreCheckedWithProgress() throws {
        let session = try Session(
            files: ["company.kpi": Plans.company, "team.kpi": Self.brokenTeam, "sub/other.kpi": "kpi lonely\n"],
            root: true, capabilities: ClientCapabilities(workDoneProgress: true))
        let client = session.client
        let team = try client.waitForDiagnostics(session.uri("team.kpi"))
        #expect(team.version == nil)
        let unknown = try #require(team.diagnostics.first { $0.code == "unknown-parent" })
        #expect(unknown.range == LSPRange(start: Position(line: 8, character: 10), end: Position(line: 8, character: 16)))
        #expect(unknown.message.contains("did you mean `revenue`?"))
        try client.waitForDiagnostics(session.uri("sub/other.kpi")) { $0.diagnostics.contains { $0.code == "unaligned-kpi" } }
        try client.waitForDiagnostics(session.uri("company.kpi")) { $0.diagnostics.isEmpty }

        let create = try client.waitForServerRequest(WorkDoneProgressCreateRequest.method)
        let token = try #require(create.params?["token"])
        let progress = client.notifications(ProgressNotification.method).filter { $0.params?["token"] == token }
        let kinds = progress.compactMap { $0.params?["value"]?["kind"]?.stringValue }
        #expect(kinds.first == "begin" && kinds.last == "end", "\(kinds)")
        #expect(progress.first?.params?["value"]?["title"]?.stringValue == "Indexing KPI plans")
        // Progress comes before the diagnostics of what it indexed.
        let all = client.notifications
        let end = try #require(all.firstIndex { $0.method == ProgressNotification.method && $0.params?["value"]?["kind"] == "end" })
        let firstDiagnostics = try #require(all.firstIndex { $0.method == PublishDiagnosticsNotification.method })
        #expect(end < firstDiagnostics)
    }

    /// The server turns paths into URIs and back itself: a folder indexed from disk and a document
    /// the editor opens must meet as one file, whatever characters the path has.
    @Test func pathsWithSpacesAndNonASCIIAreOneFileToServerAndEditor() throws {
        let name = "Q3 plans/€ — 🚀 #1 50%.kpi"
        let session = try Session(files: ["Q3 plans/company.kpi": Plans.company, name: Self.brokenTeam], root: true)
        let uri = session.uri(name)
        #expect(uri.hasSuffix("/Q3%20plans/%E2%82%AC%20%E2%80%94%20%F0%9F%9A%80%20%231%2050%25.kpi"))
        let indexed = try session.client.waitForDiagnostics(uri) { !$0.diagnostics.isEmpty }
        #expect(indexed.diagnostics.map(\.code) == ["unknown-parent"])
        // Opened under the editor's URI, it replaces the indexed file instead of adding a second
        // copy (which would report every KPI id twice).
        session.client.open(uri: uri, text: "# a note\n" + Self.brokenTeam, version: 1)
        let opened = try session.client.waitForDiagnostics(uri) { $0.version == 1 }
        #expect(opened.diagnostics.map(\.code) == ["unknown-parent"])
        #expect(opened.diagnostics.first?.range.start.line == indexed.diagnostics.first.map { $0.range.start.line + 1 })
    }

    @Test func noProgressForAClientThatCannotShowIt() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Self.brokenTeam], root: true)
        try session.client.waitForDiagnostics(session.uri("team.kpi")) { !$0.diagnostics.isEmpty }
        try session.sync()
        #expect(session.client.serverRequests(WorkDoneProgressCreateRequest.method).isEmpty)
        #expect(session.client.notifications(ProgressNotification.method).isEmpty)
    }

    @Test func excludedFilesAreNotIndexed() throws {
        let session = try Session(
            files: ["team.kpi": Self.brokenTeam, "company.kpi": Plans.company, "drafts/draft.kpi": "kpi draft\n"], root: true,
            capabilities: ClientCapabilities(workspaceConfiguration: true),
            configuration: ["files": ["exclude": ["drafts/**"]]])
        try session.client.waitForDiagnostics(session.uri("team.kpi")) { !$0.diagnostics.isEmpty }
        try session.sync()
        #expect(session.client.publishedDiagnostics(session.uri("drafts/draft.kpi")).isEmpty)
        #expect(try session.client.workspaceSymbols("draft") == [])
    }

    /// A workspace that is a repository: its gitignored fixtures, `.ignore`d corpora and
    /// dependencies are not indexed, at the start nor when the editor reports them created.
    @Test func ignoredFilesAreNotIndexed() throws {
        let session = try Session(
            files: [
                "company.kpi": Plans.company, ".gitignore": "/Tests/fixtures/\n*.draft.kpi\n",
                "Tests/fixtures/bad.kpi": "kpi fixture-kpi\n", "fuzz/.ignore": "*.kpi\n",
                "fuzz/corpus-kpi.kpi": "kpi corpus-kpi\n", "node_modules/pkg/dep.kpi": "kpi dependency-kpi\n",
                "plan.draft.kpi": "kpi draft-kpi\n", "sub/kept.kpi": "kpi kept-kpi\n  top-level\n",
            ], root: true)
        try session.sync()
        let names = { try session.client.workspaceSymbols("")?.map(\.name).filter { $0.hasSuffix("-kpi") } }
        #expect(try names() == ["kept-kpi"])
        // Reported created on disk: still not indexed when ignored.
        try session.folder.write("Tests/fixtures/new.kpi", "kpi new-fixture-kpi\n")
        try session.folder.write("sub/new.kpi", "kpi new-kpi\n  top-level\n")
        session.client.changeWatchedFiles([
            FileEvent(uri: session.uri("Tests/fixtures/new.kpi"), type: .created),
            FileEvent(uri: session.uri("sub/new.kpi"), type: .created),
        ])
        try session.sync()
        #expect(try names()?.sorted() == ["kept-kpi", "new-kpi"])
    }

    @Test func watchedFilesAreRegisteredForClientsThatAllowIt() throws {
        let session = try Session(capabilities: ClientCapabilities(watchedFilesDynamicRegistration: true))
        let registration = try session.client.waitForServerRequest(RegisterCapabilityRequest.method)
        let first = try #require(registration.params?["registrations"]?[0])
        #expect(first["method"] == "workspace/didChangeWatchedFiles")
        #expect(first["registerOptions"]?["watchers"]?[0]?["globPattern"] == "**/*.kpi")
        // Not for the others.
        let plain = try Session()
        try plain.sync()
        #expect(plain.client.serverRequests(RegisterCapabilityRequest.method).isEmpty)
    }

    @Test func aChangeOnDiskUpdatesTheDiagnosticsOfAnOpenFileThatUsesIt() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        let client = session.client
        let team = session.open("team.kpi", Plans.team)
        try client.waitForDiagnostics(team)
        try session.sync()
        #expect(client.latestDiagnostics(team)?.diagnostics.contains { $0.code == "deadline-after-parent" } == false)

        // The company plan moves `revenue`'s deadline to the end of Q3, on disk.
        try session.folder.write(
            "company.kpi", Plans.company.replacingOccurrences(of: "target: $12M by 2027-12-31", with: "target: $12M by 2027-Q3"))
        var since = client.notificationCount
        client.changeWatchedFiles([FileEvent(uri: session.uri("company.kpi"), type: .changed)])
        let late = try client.waitForDiagnostics(team, since: since) { $0.diagnostics.contains { $0.code == "deadline-after-parent" } }
        #expect(late.version == 1)

        // The company plan is deleted: `revenue` is gone.
        try FileManager.default.removeItem(atPath: session.folder.path("company.kpi"))
        since = client.notificationCount
        client.changeWatchedFiles([FileEvent(uri: session.uri("company.kpi"), type: .deleted)])
        let gone = try client.waitForDiagnostics(team, since: since) { !$0.diagnostics.contains { $0.code == "deadline-after-parent" } }
        #expect(gone.diagnostics.contains { $0.code == "unresolved-use" || $0.code == "unknown-parent" }, "\(describe(gone.diagnostics))")
    }

    @Test func aNewFileOnDiskIsIndexed() throws {
        let session = try Session(files: ["team.kpi": Self.brokenTeam], root: true)
        let client = session.client
        let team = session.open("team.kpi", Self.brokenTeam)
        try client.waitForDiagnostics(team) { $0.diagnostics.contains { $0.code == "unresolved-use" } }
        try session.folder.write("company.kpi", Plans.company)
        let since = client.notificationCount
        client.changeWatchedFiles([FileEvent(uri: session.uri("company.kpi"), type: .created)])
        // The misspelt parent now has a suggestion from the new file.
        let after = try client.waitForDiagnostics(team, since: since) { !$0.diagnostics.contains { $0.code == "unresolved-use" } }
        #expect(
            after.diagnostics.contains { $0.code == "unknown-parent" && $0.message.contains("did you mean `revenue`?") },
            "\(describe(after.diagnostics))")
    }

    @Test func aLoneFileResolvesItsUseFromDisk() throws {
        let team = try Markers.extract(mark(Plans.team, "  parent: revenue", "  parent: rev1️⃣enue"))
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": team.text], root: false)
        let uri = session.open("team.kpi", team.text)
        let published = try session.client.waitForDiagnostics(uri)
        #expect(published.diagnostics.isEmpty, "\(describe(published.diagnostics))")
        let definition = try #require(try session.client.definition(uri, at: team.position(marker: 1)))
        #expect(definition.map(\.uri) == [session.uri("company.kpi")])
        let hover = try #require(try session.client.hover(uri, at: team.position(marker: 1)))
        #expect(hover.contents.value.contains("`revenue` — Grow revenue to"))
    }

    @Test func aLoneFileWithAMissingUseSaysSo() throws {
        let session = try Session()
        let uri = session.open("team.kpi", Plans.team)
        let published = try session.client.waitForDiagnostics(uri)
        let unresolved = try #require(published.diagnostics.first { $0.code == "unresolved-use" }, "\(describe(published.diagnostics))")
        #expect(unresolved.range == LSPRange(start: Position(line: 5, character: 4), end: Position(line: 5, character: 17)))
    }
}

@Suite struct SettingsTests {
    static let capabilities = ClientCapabilities(workspaceConfiguration: true)

    func mrrTargetRange() -> LSPRange {
        let lines = Plans.acme.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("target: +20% by FY2027") }!
        return LSPRange(start: Position(line: line, character: 10), end: Position(line: line, character: 14))
    }

    @Test func aLowMaximumGrowthFromTheConfigurationMakesTwentyPercentUnrealistic() throws {
        let session = try Session(capabilities: Self.capabilities, configuration: ["realism": ["maxAnnualGrowth": 10]])
        let request = try session.client.waitForServerRequest(ConfigurationRequest.method)
        #expect(request.params?["items"]?[0]?["section"] == "kpi")
        let uri = session.open("acme.kpi", Plans.acme)
        let published = try session.client.waitForDiagnostics(uri) { $0.diagnostics.contains { $0.code == "unrealistic-target" } }
        #expect(
            published.diagnostics.contains { $0.code == "unrealistic-target" && $0.range == mrrTargetRange() },
            "\(describe(published.diagnostics))")
    }

    @Test func aCodeTurnedOffDisappears() throws {
        let session = try Session(
            capabilities: Self.capabilities,
            configuration: ["diagnostics": ["severity": ["off-track": "off", "milestone-behind-path": "error"]]])
        try session.client.waitForServerRequest(ConfigurationRequest.method)
        let uri = session.open("acme.kpi", Plans.acme)
        let published = try session.client.waitForDiagnostics(uri) { !$0.diagnostics.contains { $0.code == "off-track" } }
        #expect(published.diagnostics.map(\.code) == ["milestone-behind-path"])
        #expect(published.diagnostics.first?.severity == .error)
    }

    @Test func settingsPushedWithDidChangeConfiguration() throws {
        let session = try Session()
        let client = session.client
        let uri = session.open("acme.kpi", Plans.acme)
        try client.waitForDiagnostics(uri) { $0.diagnostics.contains { $0.code == "off-track" } }
        var since = client.notificationCount
        client.changeConfiguration(["kpi": ["diagnostics": ["severity": ["off-track": "off"]]]])
        try client.waitForDiagnostics(uri, since: since) { !$0.diagnostics.contains { $0.code == "off-track" } }
        since = client.notificationCount
        client.changeConfiguration(["kpi": ["realism": ["maxAnnualGrowth": 10]]])
        let strict = try client.waitForDiagnostics(uri, since: since) { $0.diagnostics.contains { $0.code == "unrealistic-target" } }
        // The new settings replace the old ones: off-track is back.
        #expect(strict.diagnostics.contains { $0.code == "off-track" }, "\(describe(strict.diagnostics))")
        since = client.notificationCount
        client.changeConfiguration(["kpi": [:]])
        let defaults = try client.waitForDiagnostics(uri, since: since) { !$0.diagnostics.contains { $0.code == "unrealistic-target" } }
        #expect(defaults.diagnostics.map(\.code) == ["off-track", "milestone-behind-path"])
    }

    @Test func didChangeConfigurationWithoutSettingsPullsThem() throws {
        let session = try Session(capabilities: Self.capabilities)
        let client = session.client
        try client.waitForServerRequest(ConfigurationRequest.method)
        let uri = session.open("acme.kpi", Plans.acme)
        try client.waitForDiagnostics(uri) { $0.diagnostics.contains { $0.code == "off-track" } }
        client.configuration = ["diagnostics": ["severity": ["off-track": "off"]]]
        let since = client.notificationCount
        client.changeConfiguration(nil)
        try client.waitForServerRequest(ConfigurationRequest.method, count: 2)
        try client.waitForDiagnostics(uri, since: since) { !$0.diagnostics.contains { $0.code == "off-track" } }
    }

    @Test func initializationOptionsAreSettingsToo() throws {
        let session = try Session(initializationOptions: ["realism": ["maxAnnualGrowth": 10]])
        let uri = session.open("acme.kpi", Plans.acme)
        let published = try session.client.waitForDiagnostics(uri)
        #expect(
            published.diagnostics.contains { $0.code == "unrealistic-target" && $0.range == mrrTargetRange() },
            "\(describe(published.diagnostics))")
    }
}

@Suite struct UnknownDocumentTests {
    struct Call: NamedCase {
        var method: String
        var params: JSONValue
        var name: String { method }
    }

    static func call<P: Encodable>(_ method: String, _ params: P) -> Call {
        Call(method: method, params: try! JSONValue(encoding: params))
    }

    static let calls: [Call] = {
        let document = TextDocumentIdentifier(uri: "file:///nowhere/never-opened.kpi")
        let at = TextDocumentPositionParams(textDocument: document, position: Position(line: 0, character: 0))
        let range = LSPRange(start: Position(line: 0, character: 0), end: Position(line: 3, character: 0))
        let options = FormattingOptions(tabSize: 2, insertSpaces: true)
        let item = TypeHierarchyItem(name: "x", kind: .class, uri: document.uri, range: range, selectionRange: range)
        return [
            call(HoverRequest.method, at),
            call(CompletionRequest.method, CompletionParams(textDocument: document, position: at.position)),
            call(DefinitionRequest.method, at),
            call(
                ReferencesRequest.method,
                ReferenceParams(textDocument: document, position: at.position, context: ReferenceContext(includeDeclaration: true))),
            call(DocumentHighlightRequest.method, at),
            call(TypeHierarchyPrepareRequest.method, at),
            call(PrepareRenameRequest.method, at),
            call(RenameRequest.method, RenameParams(textDocument: document, position: at.position, newName: "x")),
            call(DocumentSymbolRequest.method, TextDocumentParams(textDocument: document)),
            call(CodeActionRequest.method, CodeActionParams(textDocument: document, range: range, context: CodeActionContext())),
            call(DocumentFormattingRequest.method, DocumentFormattingParams(textDocument: document, options: options)),
            call(
                DocumentRangeFormattingRequest.method, DocumentRangeFormattingParams(textDocument: document, range: range, options: options)
            ),
            call(SemanticTokensFullRequest.method, TextDocumentParams(textDocument: document)),
            call(SemanticTokensDeltaRequest.method, SemanticTokensDeltaParams(textDocument: document, previousResultId: "1")),
            call(SemanticTokensRangeRequest.method, TextDocumentRangeParams(textDocument: document, range: range)),
            call(InlayHintRequest.method, TextDocumentRangeParams(textDocument: document, range: range)),
            call(CodeLensRequest.method, TextDocumentParams(textDocument: document)),
            call(FoldingRangeRequest.method, TextDocumentParams(textDocument: document)),
            call(TypeHierarchySupertypesRequest.method, TypeHierarchyItemParams(item: item)),
            call(TypeHierarchySubtypesRequest.method, TypeHierarchyItemParams(item: item)),
        ]
    }()

    @Test(arguments: calls)
    func aRequestAboutAnUnknownDocumentAnswersNull(_ c: Call) throws {
        let client = try LSPTestClient()
        try client.initialize()
        let answer = try client.requestRaw(method: c.method, params: c.params)
        #expect(answer == .success(.null), "\(c.method): \(answer)")
        #expect(client.isRunning)
    }

    @Test func aClosedUnsavedDocumentIsUnknownAgain() throws {
        let session = try Session()
        let uri = session.open("draft.kpi", Plans.acme)
        #expect(try session.client.hover(uri, at: Position(line: 8, character: 5)) != nil)
        session.client.close(uri: uri)
        #expect(try session.client.hover(uri, at: Position(line: 8, character: 5)) == nil)
        #expect(try session.client.documentSymbols(uri) == nil)
    }

    @Test func positionsPastTheEndAreClampedNotErrors() throws {
        let session = try Session()
        let uri = session.open("plan.kpi", Plans.acme)
        for position in [Position(line: 10_000, character: 0), Position(line: 8, character: 10_000)] {
            let answer = try session.client.requestRaw(
                method: HoverRequest.method,
                params: try JSONValue(
                    encoding: TextDocumentPositionParams(textDocument: TextDocumentIdentifier(uri: uri), position: position)))
            #expect(answer.error == nil, "\(position): \(answer)")
            _ = try session.client.completion(uri, at: position)
        }
        // A change past the end appends.
        session.client.change(
            uri: uri, version: 2, range: LSPRange(at: Position(line: 10_000, character: 0)), text: "\nkpi tail\n  parent: mrr\n")
        let symbols = try #require(try session.client.documentSymbols(uri))
        #expect(symbols.first?.children?.last?.name == "tail")
    }
}

@Suite struct DocumentSyncTests {
    @Test func aWholeDocumentChangeReplacesTheText() throws {
        let session = try Session()
        let client = session.client
        let uri = session.open("plan.kpi", Plans.acme)
        try client.waitForDiagnostics(uri) { !$0.diagnostics.isEmpty }
        let since = client.notificationCount
        client.change(uri: uri, version: 2, text: "kpi lonely\n  top-level\n  owner: X\n")
        let published = try client.waitForDiagnostics(uri, since: since) { $0.version == 2 }
        #expect(published.diagnostics.map(\.code).contains("vague-target"), "\(describe(published.diagnostics))")
        #expect(try client.documentSymbols(uri)?.map(\.name) == ["lonely"])
    }

    @Test func closingAFileOnDiskGoesBackToItsSavedText() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        let client = session.client
        let team = session.open("team.kpi", WorkspaceTests.brokenTeam, version: 4)
        let open = try client.waitForDiagnostics(team) { $0.version == 4 && $0.diagnostics.contains { $0.code == "unknown-parent" } }
        #expect(open.diagnostics.count == 1)
        let since = client.notificationCount
        client.close(uri: team)
        let closed = try client.waitForDiagnostics(team, since: since)
        #expect(closed.diagnostics.isEmpty, "\(describe(closed.diagnostics))")
        #expect(closed.version == nil)
        // Still in the workspace: its KPIs are found.
        #expect(try client.workspaceSymbols("demos").map { $0.map(\.name) } == ["demos"])
    }

    @Test func workspaceFoldersAddedAndRemoved() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": WorkspaceTests.brokenTeam])
        let client = session.client
        let folder = WorkspaceFolder(uri: session.folder.uri, name: "plans")
        client.notify(
            DidChangeWorkspaceFoldersNotification.self, DidChangeWorkspaceFoldersParams(event: WorkspaceFoldersChangeEvent(added: [folder]))
        )
        try client.waitForDiagnostics(session.uri("team.kpi")) { $0.diagnostics.contains { $0.code == "unknown-parent" } }
        #expect(client.logMessages.contains { $0.message.contains("indexed 2 plan files") }, "\(client.logMessages.map(\.message))")
        let since = client.notificationCount
        client.notify(
            DidChangeWorkspaceFoldersNotification.self,
            DidChangeWorkspaceFoldersParams(event: WorkspaceFoldersChangeEvent(removed: [folder])))
        try client.waitForDiagnostics(session.uri("team.kpi"), since: since) { $0.diagnostics.isEmpty }
        #expect(try client.workspaceSymbols("") == [])
    }

    @Test func stringRequestIdsAreAnsweredWithTheSameId() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let id = client.send(method: WorkspaceSymbolRequest.method, params: ["query": ""], id: .string("my-request"))
        #expect(try client.response(to: id) == .success(.array([])))
    }
}

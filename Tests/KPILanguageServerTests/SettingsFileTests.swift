// The team's `kpi.toml` in the server: read at start, its settings under the editor's (which win,
// severities code by code), read again when the client reports it changed, its problems published
// on the file at their exact ranges, and `kpi/settingsFile` naming it.

import Foundation
import KPILanguageServer
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct SettingsFileTests {
    static let turnsOffTrackOff = "[diagnostics.severity]\noff-track = \"off\"\n"

    @Test func theFilesSettingsApplyAndAChangeIsPickedUp() throws {
        let session = try Session(files: ["acme.kpi": Plans.acme, "kpi.toml": Self.turnsOffTrackOff], root: true)
        let client = session.client
        let uri = session.open("acme.kpi", Plans.acme)
        let first = try client.waitForDiagnostics(uri) { !$0.diagnostics.isEmpty }
        #expect(first.diagnostics.map(\.code) == ["milestone-behind-path"], "\(describe(first.diagnostics))")
        #expect(
            try client.request(SettingsFileRequest.self, NoParams())
                == SettingsFileResult(path: session.folder.path("kpi.toml"), problems: 0))

        // The team makes milestones errors instead: off-track is back, at its default severity.
        try session.folder.write("kpi.toml", "[diagnostics.severity]\nmilestone-behind-path = \"error\"\n")
        let since = client.notificationCount
        client.changeWatchedFiles([FileEvent(uri: session.uri("kpi.toml"), type: .changed)])
        let after = try client.waitForDiagnostics(uri, since: since) { $0.diagnostics.contains { $0.code == "off-track" } }
        #expect(after.diagnostics.map(\.code) == ["off-track", "milestone-behind-path"])
        #expect(after.diagnostics.map(\.severity) == [.warning, .error])

        // Deleted: the defaults again.
        try FileManager.default.removeItem(atPath: session.folder.path("kpi.toml"))
        let beforeDelete = client.notificationCount
        client.changeWatchedFiles([FileEvent(uri: session.uri("kpi.toml"), type: .deleted)])
        let defaults = try client.waitForDiagnostics(uri, since: beforeDelete) { $0.diagnostics.allSatisfy { $0.severity == .warning } }
        #expect(defaults.diagnostics.map(\.code) == ["off-track", "milestone-behind-path"])
        #expect(try client.request(SettingsFileRequest.self, NoParams()) == SettingsFileResult(path: nil, problems: 0))
    }

    /// The editor's settings override the file's: its growth ceiling wins, and its severities are
    /// merged with the file's code by code.
    @Test func editorSettingsOverrideTheFile() throws {
        let file = "[realism]\nmaxAnnualGrowth = 10\n\n[diagnostics.severity]\nunrealistic-target = \"error\"\noff-track = \"off\"\n"
        let fileOnly = try Session(files: ["acme.kpi": Plans.acme, "kpi.toml": file], root: true)
        let uri = fileOnly.open("acme.kpi", Plans.acme)
        let low = try fileOnly.client.waitForDiagnostics(uri) { $0.diagnostics.contains { $0.code == "unrealistic-target" } }
        #expect(low.diagnostics.filter { $0.code == "unrealistic-target" }.allSatisfy { $0.severity == .error })
        #expect(!low.diagnostics.contains { $0.code == "off-track" })

        let both = try Session(
            files: ["acme.kpi": Plans.acme, "kpi.toml": file], root: true,
            capabilities: ClientCapabilities(workspaceConfiguration: true),
            configuration: ["realism": ["maxAnnualGrowth": 500], "diagnostics": ["severity": ["off-track": "hint"]]])
        let uri2 = both.open("acme.kpi", Plans.acme)
        let edited = try both.client.waitForDiagnostics(uri2) { $0.diagnostics.contains { $0.code == "off-track" } }
        #expect(!edited.diagnostics.contains { $0.code == "unrealistic-target" }, "\(describe(edited.diagnostics))")
        #expect(edited.diagnostics.filter { $0.code == "off-track" }.map(\.severity) == [.hint])
    }

    @Test func problemsArePublishedOnTheFile() throws {
        let text = "[realsim]\nmaxAnnualGrowth = 150\n[diagnostics.severity]\noff-track = \"loud\"\n"
        let session = try Session(files: ["acme.kpi": Plans.acme, "kpi.toml": text], root: true)
        let published = try session.client.waitForDiagnostics(session.uri("kpi.toml"))
        #expect(
            published.diagnostics.map(\.message) == [
                "`realsim` is not a setting at the top level: did you mean `realism`?",
                "the severity of `off-track` is \"error\", \"warning\", \"information\", \"hint\" or \"off\"",
            ])
        #expect(
            published.diagnostics.map(\.range) == [
                LSPRange(start: Position(line: 0, character: 1), end: Position(line: 0, character: 8)),
                LSPRange(start: Position(line: 3, character: 12), end: Position(line: 3, character: 18)),
            ])
        #expect(published.diagnostics.map(\.severity) == [.warning, .error])
        #expect(
            try session.client.request(SettingsFileRequest.self, NoParams())
                == SettingsFileResult(path: session.folder.path("kpi.toml"), problems: 2))
        // The rest still applies: off-track keeps its default (its bad value is left out).
        let uri = session.open("acme.kpi", Plans.acme)
        let plan = try session.client.waitForDiagnostics(uri) { !$0.diagnostics.isEmpty }
        #expect(plan.diagnostics.map(\.code) == ["off-track", "milestone-behind-path"])
    }

    @Test func excludedGlobsOfTheFileAreNotIndexed() throws {
        let session = try Session(
            files: [
                "team.kpi": WorkspaceTests.brokenTeam, "drafts/draft.kpi": "kpi draft\n",
                "kpi.toml": "[files]\nexclude = [\"drafts/**\"]\n",
            ], root: true)
        try session.client.waitForDiagnostics(session.uri("team.kpi")) { !$0.diagnostics.isEmpty }
        try session.sync()
        #expect(session.client.publishedDiagnostics(session.uri("drafts/draft.kpi")).isEmpty)
        #expect(try session.client.workspaceSymbols("draft") == [])
    }
}

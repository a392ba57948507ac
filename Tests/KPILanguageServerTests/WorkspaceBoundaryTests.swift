// Issue 15, the server's reading: URIs are decoded and normalised (`..`, `%2E%2E`, linked
// folders) before any workspace test, so a `didClose` or watched-file event never makes the
// server read a plan outside its workspace; a watched file replaced by a FIFO loses its KPIs with
// the reason logged; only documents of language `kpi` (or `*.kpi`) are analysed; a used plan
// outside the workspace is read and reported in the log; the message queue is bounded.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Synchronization
import Testing

@testable import KPILanguageServer

@Suite struct WorkspaceBoundaryTests {
    @Test func uriPathsAreDecodedAndNormalised() {
        #expect(URIs.path("file:///ws/../../../etc/shadow") == "/etc/shadow")
        #expect(URIs.path("file:///ws/%2E%2E/%2e%2e/etc/shadow") == "/etc/shadow")
        #expect(URIs.path("file:///ws/team/..%2F..%2Fout/./x.kpi") == "/out/x.kpi")
        #expect(URIs.path("file:///ws//team/./a.kpi") == "/ws/team/a.kpi")
        #expect(URIs.path("file:///ws/team/a.kpi") == "/ws/team/a.kpi")
        #expect(URIs.path("untitled:Untitled-1") == "untitled:Untitled-1")
    }

    /// The one-pass test of a path's segments says what the five substring tests it replaced said.
    @Test func needsNormalisingMatchesItsDefinition() {
        func definition(_ path: String) -> Bool {
            path.contains("/./") || path.contains("/../") || path.contains("//") || path.hasSuffix("/.") || path.hasSuffix("/..")
        }
        let pieces = ["/", ".", "..", "...", "a", ".a", "a.", "kpi"]
        var paths = [""]
        for _ in 0..<4 { paths = paths + paths.flatMap { path in pieces.map { path + $0 } } }
        paths += [
            "/ws/team/a.kpi", "/ws//a.kpi", "/ws/./a.kpi", "/ws/../a.kpi", "/ws/.", "/ws/..", "/ws/...", "/ws/", "./a", "../a", "a/.", "/",
        ]
        for path in Set(paths) {
            #expect(URIs.needsNormalising(path) == definition(path), "\(path)")
        }
    }

    @Test func eventsForFilesOutsideTheWorkspaceReadNothing() throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.kpi", "kpi secret \"Secret\"\n  parent: nowhere\n")
        let session = try Session(files: ["team/team.kpi": "kpi team \"Team\"\n  top-level\n  owner: me\n"], root: true)
        try FileManager.default.createSymbolicLink(atPath: session.folder.path("link"), withDestinationPath: outside.path)
        let client = session.client
        try client.waitForDiagnostics(session.uri("team/team.kpi"))
        let relative = "../" + outside.url.lastPathComponent + "/secret.kpi"
        let uris = [
            session.folder.uri + "/" + relative,
            session.folder.uri + "/team/%2E%2E/%2e%2e/" + outside.url.lastPathComponent + "/secret.kpi",
            session.uri("link/secret.kpi"),
        ]
        for uri in uris {
            client.close(uri: uri)
            client.changeWatchedFiles([FileEvent(uri: uri, type: .changed), FileEvent(uri: uri, type: .created)])
        }
        try session.sync()
        #expect(try client.workspaceSymbols("secret") == [])
        #expect(
            !client.notifications(PublishDiagnosticsNotification.method).contains {
                $0.params?["uri"]?.stringValue?.contains("secret") == true
            })
    }

    @Test func aWatchedFileReplacedByAFIFOLosesItsKPIs() throws {
        let session = try Session(files: ["goals.kpi": "kpi fifo-goal \"Goal\"\n  top-level\n  owner: me\n"], root: true)
        let client = session.client
        try client.waitForDiagnostics(session.uri("goals.kpi"))
        #expect(try client.workspaceSymbols("fifo-goal")?.map(\.name) == ["fifo-goal"])
        let path = session.folder.path("goals.kpi")
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        client.changeWatchedFiles([FileEvent(uri: session.uri("goals.kpi"), type: .changed)])
        #expect(try client.workspaceSymbols("fifo-goal") == [])
        #expect(
            client.logMessages.contains {
                $0.message == "\(session.uri("goals.kpi")) is no longer read: it is not a plan file (it is a FIFO)"
            },
            "\(client.logMessages.map(\.message))")
    }

    @Test func onlyKPIDocumentsAreAnalysed() throws {
        let session = try Session(files: ["a.kpi": "kpi a \"A\"\n  top-level\n  owner: me\n"], root: true)
        let client = session.client
        try client.waitForDiagnostics(session.uri("a.kpi"))
        let text = "# Notes\nkpi x\n  parent: nowhere\n!!\n"
        client.open(uri: session.uri("README.md"), text: text, languageId: "markdown")
        client.open(uri: session.uri("tool.py"), text: text, languageId: "python")
        client.change(uri: session.uri("README.md"), version: 2, text: "kpi y\n")
        // A `.kpi` name counts whatever the language id says; so does language `kpi` under another name.
        client.open(uri: session.uri("b.kpi"), text: "kpi b\n", languageId: "plaintext")
        client.open(uri: "untitled:Untitled-1", text: "kpi u\n", languageId: "kpi")
        try client.waitForDiagnostics(session.uri("b.kpi"))
        try client.waitForDiagnostics("untitled:Untitled-1")
        try session.sync()
        let published = Set(client.notifications(PublishDiagnosticsNotification.method).compactMap { $0.params?["uri"]?.stringValue })
        #expect(published == [session.uri("a.kpi"), session.uri("b.kpi"), "untitled:Untitled-1"])
        #expect(try client.workspaceSymbols("")?.map(\.name).sorted() == ["a", "b", "u"])
        #expect(!client.logMessages.contains { $0.message.contains("README") })
    }

    @Test func aUsedPlanOutsideTheWorkspaceIsReadAndReported() throws {
        let shared = try TemporaryFolder()
        try shared.write("company.kpi", "kpi company \"Company\"\n  top-level\n  owner: CEO\n")
        let session = try Session(
            files: ["team.kpi": "use \"\(shared.path)/company.kpi\"\nkpi team \"Team\"\n  parent: company\n  owner: me\n"], root: true)
        let diagnostics = try session.client.waitForDiagnostics(session.uri("team.kpi"))
        #expect(!diagnostics.diagnostics.contains { $0.code == "unresolved-use" || $0.code == "unknown-parent" })
        try session.sync()
        #expect(
            session.client.logMessages.map(\.message).contains(
                "read \(URIs.uri(shared.path + "/company.kpi")), outside the workspace folders: a plan's `use` names it"))
        #expect(
            try session.client.request(OutsidePlansRequest.self, NoParams())
                == OutsidePlansResult(uris: [URIs.uri(shared.path + "/company.kpi")]))
    }

    @Test(.timeLimit(.minutes(1)))
    func theMessageQueueIsBounded() throws {
        let queue = MessageQueue(maxQueuedBytes: 1000)
        let message = ReaderEvent.message([UInt8](repeating: 0x20, count: 400))
        queue.push(message)
        queue.push(message)
        let pushed = Flag()
        let thread = Thread {
            queue.push(message)  // 1,200 bytes would wait: it blocks until the queue shortens
            pushed.set()
        }
        thread.start()
        usleep(200_000)
        #expect(!pushed.isSet)
        _ = queue.pop()
        _ = queue.pop()  // down to nothing: the push goes on
        for _ in 0..<100 where !pushed.isSet { usleep(20_000) }
        #expect(pushed.isSet)
        _ = queue.pop()
        #expect(queue.isEmpty)
    }
}

private final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

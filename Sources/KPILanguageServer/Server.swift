// The server's state and its message loop: the lifecycle (initialize, shutdown, exit), the open
// documents, the workspace of plan files, the settings, and the requests it sends to the client.
// Every answer is computed by the KPI model; the server only converts positions and types.

import KPIFiles
import KPIPlan
import KPISyntax
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

final class Server {
    enum Phase { case waiting, running, shuttingDown }

    let writer: MessageWriter
    let today: () -> Day
    var phase = Phase.waiting
    var encoding = ColumnEncoding.utf16
    var client = ClientCapabilities(raw: .object([:]))
    var folders: [String] = []
    /// Open documents: path → the version the editor last sent.
    var openDocuments: [String: Int] = [:]
    /// Open documents that are not plans (a README, a Python file): kept out of the workspace.
    var otherDocuments: Set<String> = []
    /// Plan files outside the workspace folders already reported in the log.
    var reportedOutside: Set<String> = []
    var workspace = Workspace()
    var settings = Settings()
    /// The analysis of the workspace as it is now, with the caches made for it; nil after a change.
    private var current: (analysis: Analysis, caches: AnalysisCaches)?
    /// The last analysis built, patched by the next one; the files changed since; whether to rebuild.
    private var previousAnalysis: Analysis?
    private var graphChanges: Set<String> = []
    /// For changed files of which only some KPIs were re-read: which, and how the text moved.
    private var graphEdits: [String: FileEdit] = [:]
    private var graphNeedsRebuild = true
    /// Every file's checks, kept between edits.
    let checks = DiagnosticsCache()
    /// Files changed since diagnostics were last published.
    var changedPaths: Set<String> = []
    var published: [String: [KPIPlan.Diagnostic]] = [:]
    /// Documents the client pulls diagnostics for (and can be asked to re-pull): not published twice.
    var pulledPaths: Set<String> = []
    var pendingResponses: [RequestID: (Result<JSONValue, ResponseError>) -> Void] = [:]
    var nextRequestID = 1
    var semanticTokenResults: [String: (id: String, data: [UInt32])] = [:]
    var completionDocuments = CompletionDocuments()
    var nextResultID = 1
    var stats = ServerStats()
    private var requestHandlers: [String: RequestHandler] = [:]
    private var notificationHandlers: [String: NotificationHandler] = [:]
    private var queue: MessageQueue?

    init(writer: MessageWriter, today: @escaping () -> Day) {
        self.writer = writer
        self.today = today
        (requestHandlers, notificationHandlers) = Server.dispatchTable()
    }

    // MARK: - The loop

    func run(_ queue: MessageQueue) -> Int32 {
        self.queue = queue
        while true {
            switch queue.pop() {
            case .message(let body):
                if let status = handle(body) { return status }
            case .framingError(let error):
                log("dropped a malformed message: \(Self.withoutContent(error))", .warning)
                send(error: ResponseError(code: .parseError, message: "Malformed message framing: \(error)"), id: nil)
            case .endOfInput(let truncated):
                if truncated > 0 { log("input ended inside a message (\(truncated) bytes)", .warning) }
                return phase == .shuttingDown ? 0 : 1
            }
            // Diagnostics once a burst of messages is handled: for the latest text, never for stale versions.
            if queue.isEmpty && !changedPaths.isEmpty && phase == .running { publishDiagnostics() }
        }
    }

    /// Handles one message body; returns an exit status when the server must stop.
    func handle(_ body: [UInt8]) -> Int32? {
        switch IncomingMessage(decoding: body) {
        case .request(let id, let method, let params):
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            if method == ExitNotification.method { return phase == .shuttingDown ? 0 : 1 }
            guard phase != .waiting, let handler = notificationHandlers[method] else { return nil }
            do { try handler.handle(self, params) } catch {
                log("\(method): \(error)", .error)
            }
        case .response(let id, let result):
            if let id, let callback = pendingResponses.removeValue(forKey: id) { callback(result) }
        case .invalid(let id, let error):
            send(error: error, id: id)
        }
        return nil
    }

    func handleRequest(id: RequestID, method: String, params: JSONValue?) {
        if phase == .waiting && method != InitializeRequest.method {
            return send(error: ResponseError(code: .serverNotInitialized, message: "the server is not initialized yet"), id: id)
        }
        if phase == .shuttingDown {
            return send(error: ResponseError(code: .invalidRequest, message: "the server is shutting down"), id: id)
        }
        if queue?.takeCancellation(id) == true {
            return send(error: ResponseError(code: .requestCancelled, message: "cancelled"), id: id)
        }
        guard let handler = requestHandlers[method] else {
            return send(error: ResponseError(code: .methodNotFound, message: "unknown method \(method)"), id: id)
        }
        do {
            try handler.handle(self, id, params)
        } catch let error as ResponseError {
            send(error: error, id: id)
        } catch {
            log("\(method) failed: \(error)", .error)
            send(error: ResponseError(code: .internalError, message: "\(method) failed: \(error)"), id: id)
        }
    }

    /// `$/cancelRequest` in its turn. The queue noted it on arrival, so the request it names, which
    /// came before it, has been handled by now: answered -32800 if it was still waiting, answered
    /// already if not. The note is dropped either way; a cancel that came after its answer would
    /// otherwise stay noted for good.
    func cancelRequest(_ params: CancelParams) throws {
        _ = queue?.takeCancellation(params.id)
    }

    // MARK: - Sending

    func respond(_ id: RequestID, _ result: some Encodable) {
        do { try writer.sendResponse(id: id, result: result) } catch { StandardError.log("kpi lsp: cannot write a response: \(error)") }
    }

    func send(error: ResponseError, id: RequestID?) {
        do { try writer.sendError(id: id, error: error) } catch { StandardError.log("kpi lsp: cannot write an error: \(error)") }
    }

    func notify<N: LSPNotification>(_ type: N.Type, _ params: N.Params) {
        do { try writer.sendNotification(type, params) } catch { StandardError.log("kpi lsp: cannot write \(N.method): \(error)") }
    }

    /// Sends a request to the client; `then` runs when its answer arrives.
    func request<R: LSPRequest>(_ type: R.Type, _ params: R.Params, then: @escaping (Result<JSONValue, ResponseError>) -> Void) {
        let id = RequestID.string("kpi-\(nextRequestID)")
        nextRequestID += 1
        pendingResponses[id] = then
        do { try writer.sendRequest(type, id: id, params) } catch {
            pendingResponses[id] = nil
            then(.failure(ResponseError(code: .internalError, message: "cannot write \(R.method)")))
        }
    }

    func log(_ message: String, _ type: MessageType = .info) {
        StandardError.log("kpi lsp: \(message)")
        if phase == .running { notify(LogMessageNotification.self, LogMessageParams(type: type, message: message)) }
    }

    // MARK: - The model

    /// The goal graph of the workspace as it is now, built once per change.
    var analysis: Analysis { currentAnalysis().analysis }

    /// What the checks, completion and hovers work out from `analysis`, kept until it changes.
    var caches: AnalysisCaches { currentAnalysis().caches }

    private func currentAnalysis() -> (analysis: Analysis, caches: AnalysisCaches) {
        if let current { return current }
        let started = Milliseconds.now()
        let options = settings.options(today: today())
        let fresh: Analysis
        if !graphNeedsRebuild, let previous = previousAnalysis.take() {
            // The last copy of the previous analysis (`current` was dropped with the change): its
            // tables are patched in place, not copied. Its files are freed on another thread: the
            // old syntax trees were a tenth of a keystroke.
            let replacedFiles = previous.workspace
            let (updated, invalidation) = (consume previous).updated(
                workspace, changed: graphChanges, edits: graphEdits, options: options)
            fresh = updated
            checks.invalidate(invalidation)
            BackgroundRelease.shared.release(replacedFiles)
        } else {
            fresh = workspace.analysis(options)
            checks.invalidate(Invalidation(all: true))
        }
        graphChanges = []
        graphEdits = [:]
        graphNeedsRebuild = false
        previousAnalysis = fresh
        stats.analysisBuilds += 1
        stats.lastAnalysisMs = Milliseconds.now() - started
        current = (fresh, AnalysisCaches(for: fresh))
        return current!
    }

    /// Everything changed (settings, a re-index): the next analysis is built from scratch.
    func invalidate() {
        current = nil
        graphNeedsRebuild = true
    }

    /// One file changed: the next analysis patches the last one, for the KPIs `edit` names when it
    /// names them (and every edit of the file since the last analysis did), else for the whole file.
    func invalidate(_ path: String, edit: FileEdit? = nil) {
        current = nil
        let first = graphChanges.insert(path).inserted
        if let edit, first || graphEdits[path] != nil {
            graphEdits[path] = graphEdits[path].map { $0.then(edit) } ?? edit
        } else {
            graphEdits[path] = nil
        }
    }

    /// Puts a file's new text into the workspace, loads what it `use`s, and marks it for re-checking.
    /// A file the workspace has is re-read where the text changed (`PlanFile.edited`).
    func update(path: String, bytes: [UInt8]) {
        var edit: FileEdit?
        if let old = workspace.files[path] {
            let (file, change) = old.edited(bytes)
            workspace.set(file)
            edit = change
        } else {
            workspace.set(PlanFile(path: path, bytes: bytes))
        }
        reportOutside(PlanFiles.loadUses(into: &workspace))
        changedPaths.insert(path)
        invalidate(path, edit: edit)
    }

    /// Plans may `use` a shared file outside the workspace (a company plan): allowed, and said once in the log.
    func reportOutside(_ loaded: [String]) {
        for path in loaded where !reportedOutside.contains(path) && !isInWorkspace(path) {
            reportedOutside.insert(path)
            log("read \(URIs.uri(path)), outside the workspace folders: a plan's `use` names it")
        }
    }

    func remove(path: String) {
        workspace.remove(path)
        changedPaths.insert(path)
        invalidate(path)
    }

    /// What a request about a document needs: the analysis, the path, and a position converter.
    /// nil for a document the server does not know (the request then answers an empty result).
    func document(_ uri: String) -> (analysis: Analysis, path: String, positions: PositionConverter)? {
        let path = URIs.path(uri)
        guard let file = workspace.files[path] else { return nil }
        return (analysis, path, PositionConverter(encoding: encoding, lines: file.tree.lines))
    }

    func positions(_ path: String) -> PositionConverter? {
        workspace.files[path].map { PositionConverter(encoding: encoding, lines: $0.tree.lines) }
    }

    func location(_ path: String, _ range: Range<Int>) -> Location? {
        positions(path).map { Location(uri: URIs.uri(path), range: $0.range(range)) }
    }

    func workspaceEdit(_ edits: [PlanEdit]) -> WorkspaceEdit {
        var changes: [DocumentURI: [TextEdit]] = [:]
        for edit in edits {
            guard let positions = positions(edit.path) else { continue }
            changes[URIs.uri(edit.path), default: []].append(TextEdit(range: positions.range(edit.range), newText: edit.newText))
        }
        return WorkspaceEdit(changes: changes)
    }
}

extension Server {
    /// A framing error for the log: its kind, not the bytes it quotes (after a wrong Content-Length,
    /// the "header" quoted can be a piece of a document, and logs never carry file contents).
    static func withoutContent(_ error: FramingError) -> String {
        switch error {
        case .malformedHeaderLine(let line): "malformed header line (\(line.utf8.count) bytes)"
        case .invalidContentLength(let value): "invalid Content-Length (\(value.utf8.count) bytes)"
        case .contentLengthTooLarge: "Content-Length exceeds the limit"
        case .missingContentLength, .headerTooLong: "\(error)"
        }
    }
}

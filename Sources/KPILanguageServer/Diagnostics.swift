// Inline warnings: every check of the model, published for a file and for the files whose
// checks its change can affect (those that use it and those it uses). Pull diagnostics answer the
// same list, for clients that ask for them; a document a client pulls (when the client can be asked
// to pull again) is no longer published, so no editor shows a warning twice.

import KPIPlan
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Server {
    func publishDiagnostics() {
        let started = Milliseconds.now()
        stats.lastAnalysisMs = 0
        let analysis = analysis
        var affected = Set<String>()
        // One walk each way for all the changed files (a walk per file is quadratic in a `use` chain).
        affected.formUnion(changedPaths)
        affected.formUnion(analysis.visible(fromAny: changedPaths))
        affected.formUnion(analysis.seeing(any: changedPaths))
        changedPaths.removeAll()
        let (rechecked, kpis) = checks.refresh(analysis, caches: caches)
        affected.formUnion(checks.lastMoved)  // findings that point into an edited file moved with its text
        var sent = 0
        defer {
            stats.passes += 1
            stats.lastFilesRechecked = rechecked
            stats.lastKPIsRechecked = kpis
            stats.totalKPIsRechecked += kpis
            stats.lastFilesPublished = sent
            stats.lastPublishMs = Milliseconds.now() - started
        }
        var refresh = false
        for path in affected.sorted() {
            // A file whose list has not changed since it was last compared is as published.
            if workspace.files[path] != nil && checks.unsynced.remove(path) == nil { continue }
            let diagnostics = workspace.files[path] == nil ? [] : checks.diagnostics(for: path)
            if published[path] == diagnostics { continue }
            published[path] = diagnostics.isEmpty && workspace.files[path] == nil ? nil : diagnostics
            if pulledPaths.contains(path) {
                refresh = true
                continue
            }
            sent += 1
            notify(
                PublishDiagnosticsNotification.self,
                PublishDiagnosticsParams(
                    uri: URIs.uri(path), version: openDocuments[path], diagnostics: lspDiagnostics(diagnostics, path: path)))
        }
        if refresh { request(DiagnosticRefreshRequest.self, NoParams()) { _ in } }
    }

    /// Whether the client can be asked to pull diagnostics again (`workspace/diagnostic/refresh`).
    var clientRefreshesDiagnostics: Bool {
        client.supportsPullDiagnostics && client.raw["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue == true
    }

    func pullDiagnostics(_ params: DocumentDiagnosticParams) throws -> DocumentDiagnosticReport {
        // Not announced to clients without `textDocument.diagnostic`, so not answered for them either.
        guard client.supportsPullDiagnostics else {
            throw ResponseError(code: .methodNotFound, message: "textDocument/diagnostic: the client did not declare pull diagnostics")
        }
        guard let (analysis, path, _) = document(params.textDocument.uri) else { return .full(items: []) }
        let diagnostics = analysis.diagnostics(for: path, caches: caches)
        if clientRefreshesDiagnostics, pulledPaths.insert(path).inserted, let shown = published[path], !shown.isEmpty {
            // From now on this document's diagnostics come by pull: clear the published ones.
            notify(
                PublishDiagnosticsNotification.self,
                PublishDiagnosticsParams(uri: URIs.uri(path), version: openDocuments[path], diagnostics: []))
        }
        published[path] = diagnostics
        return .full(items: lspDiagnostics(diagnostics, path: path))
    }

    func lspDiagnostics(_ diagnostics: [KPIPlan.Diagnostic], path: String) -> [LanguageServerProtocol.Diagnostic] {
        guard let positions = positions(path) else { return [] }
        return diagnostics.map { d in
            LanguageServerProtocol.Diagnostic(
                range: positions.range(d.range),
                severity: DiagnosticSeverity(rawValue: d.severity.rawValue),
                code: d.code.rawValue,
                codeDescription: DocsLocation.href(for: d.code).map { CodeDescription(href: $0) },
                source: "kpi",
                message: d.message,
                relatedInformation: d.related.isEmpty
                    ? nil
                    : d.related.compactMap { r in
                        location(r.path, r.range).map { DiagnosticRelatedInformation(location: $0, message: r.message) }
                    })
        }
    }
}

/// Where `docs/language.md` is, for diagnostic links: found beside the installed binary
/// (`share/kpi/language.md`) or in the source tree it was built from; no link when neither exists.
public enum DocsLocation {
    public static let base: String? = {
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            for candidate in ["docs/language.md", "share/kpi/language.md"] {
                let url = folder.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: url.path) { return url.absoluteString }
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    public static func href(for code: DiagnosticCode) -> String? { base.map { "\($0)#\(code.rawValue)" } }
}

/// `workspace/diagnostic/refresh`: asks a client that pulls diagnostics to pull them again.
enum DiagnosticRefreshRequest: LSPRequest {
    static let method = "workspace/diagnostic/refresh"
    typealias Params = NoParams
    typealias Response = NullResult
}

// The team's `kpi.toml` in the server: found from the workspace folders (upward, as `kpi check`
// finds it), read at `initialize` and again whenever the client reports it changed (watched
// files), its problems published as diagnostics on the file, and `kpi/settingsFile` saying which
// file is in effect (`:checkhealth kpi` shows it).

import KPIFiles
import KPIPlan
import KPISyntax
import LanguageServerProtocol

public struct SettingsFileResult: Codable, Sendable, Equatable {
    /// The `kpi.toml` in effect, as an absolute path; nil when there is none.
    public var path: String?
    /// How many problems it has (each a diagnostic on the file).
    public var problems: Int

    public init(path: String?, problems: Int) {
        self.path = path
        self.problems = problems
    }
}

/// `kpi/settingsFile`: which settings file the server reads.
public enum SettingsFileRequest: LSPRequest {
    public static let method = "kpi/settingsFile"
    public typealias Params = NoParams
    public typealias Response = SettingsFileResult
}

extension Server {
    /// Reads the settings file in effect for the workspace folders (the first folder that has one)
    /// and publishes its problems; clears those of a file no longer in effect.
    func loadSettingsFile() {
        let previous = settings.filePath
        let path = folders.lazy.compactMap { SettingsFiles.find(from: $0) }.first
        let (file, bytes) = path.map(SettingsFiles.load) ?? (SettingsFile(bytes: []), [])
        settings.filePath = path
        settings.file = file
        if let previous, previous != path {
            notify(PublishDiagnosticsNotification.self, PublishDiagnosticsParams(uri: URIs.uri(previous), diagnostics: []))
        }
        guard let path else { return }
        let positions = PositionConverter(encoding: encoding, lines: LineIndex(bytes))
        let diagnostics = file.problems.map { problem in
            LanguageServerProtocol.Diagnostic(
                range: positions.range(problem.range), severity: DiagnosticSeverity(rawValue: problem.severity.rawValue),
                source: "kpi", message: problem.message)
        }
        notify(PublishDiagnosticsNotification.self, PublishDiagnosticsParams(uri: URIs.uri(path), diagnostics: diagnostics))
        log(
            "settings file \(path)"
                + (file.problems.isEmpty ? "" : ": \(file.problems.count) problem\(file.problems.count == 1 ? "" : "s")"))
    }

    /// A watched `kpi.toml` was created, changed or deleted: read the settings again and check
    /// every file with them; when its excluded globs changed, index the folders again.
    func settingsFileChanged() {
        let excluded = settings.file.settings.exclude
        loadSettingsFile()
        if settings.file.settings.exclude != excluded {
            for path in workspace.files.keys where openDocuments[path] == nil && settings.fileExcludes(path) { remove(path: path) }
            index(progress: nil)
        }
        settingsChanged()
    }

    func settingsFile(_: NoParams) throws -> SettingsFileResult {
        SettingsFileResult(path: settings.filePath, problems: settings.file.problems.count)
    }
}

// Starting and stopping: `initialize` agrees on the position encoding and announces every
// feature; `initialized` asks for the settings, watches `*.kpi` files, and indexes the workspace
// folders (reporting progress when the client can show it); `shutdown` then `exit` ends with 0.

import KPIFiles
import KPIPlan
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

let serverVersion = "0.1.0"

extension Server {
    func initialize(_ params: InitializeParams) throws -> InitializeResult {
        // Only once a session: a second one must not renegotiate the encoding under open documents.
        guard phase == .waiting else { throw ResponseError(code: .invalidRequest, message: "the server is already initialized") }
        client = params.capabilities
        encoding = client.positionEncodings.contains(.utf8) ? .utf8 : .utf16
        if let folders = params.workspaceFolders, !folders.isEmpty {
            self.folders = folders.map { URIs.path($0.uri) }
        } else if let root = params.rootUri {
            folders = [URIs.path(root)]
        } else if let root = params.rootPath {
            folders = [root]
        }
        // Only absolute local paths: an empty or relative one (`file://`, `""`, an `https:` URI) would
        // make the server index its own current folder, which can be the whole disk.
        folders = folders.filter { $0.hasPrefix("/") }
        if let options = params.initializationOptions { settings.apply(options) }
        phase = .running
        return InitializeResult(capabilities: capabilities, serverInfo: ServerInfo(name: "kpi", version: serverVersion))
    }

    var capabilities: ServerCapabilities {
        ServerCapabilities(
            positionEncoding: encoding == .utf8 ? .utf8 : .utf16,
            textDocumentSync: TextDocumentSyncOptions(openClose: true, change: .incremental, save: SaveOptions(includeText: false)),
            hoverProvider: true,
            completionProvider: CompletionOptions(
                triggerCharacters: [":", " ", "\"", "/"],
                resolveProvider: client.completionResolveProperties.contains("documentation") ? true : nil),
            definitionProvider: true, referencesProvider: true, documentHighlightProvider: true,
            documentSymbolProvider: true, workspaceSymbolProvider: true,
            codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix, CodeActionKind(rawValue: "refactor.rewrite")]),
            renameProvider: RenameOptions(prepareProvider: true),
            documentFormattingProvider: true, documentRangeFormattingProvider: true,
            semanticTokensProvider: SemanticTokensOptions(
                legend: SemanticTokenLegend.legend, range: true, full: SemanticTokensFullOptions(delta: true)),
            inlayHintProvider: true, codeLensProvider: CodeLensOptions(resolveProvider: false),
            foldingRangeProvider: true, typeHierarchyProvider: true,
            // Pull diagnostics only for clients that ask for them; everyone gets published ones.
            diagnosticProvider: client.supportsPullDiagnostics ? DiagnosticOptions(identifier: "kpi", interFileDependencies: true) : nil,
            workspace: WorkspaceServerCapabilities(
                workspaceFolders: WorkspaceFoldersServerCapabilities(supported: true, changeNotifications: true)))
    }

    func initialized(_: InitializedParams) throws {
        loadSettingsFile()
        if client.supportsWatchedFilesDynamicRegistration {
            let watchers = JSONValue.object([
                "watchers": .array([.object(["globPattern": "**/*.kpi"]), .object(["globPattern": .string("**/" + SettingsFile.name)])])
            ])
            request(
                RegisterCapabilityRequest.self,
                RegistrationParams(registrations: [
                    Registration(id: "kpi-watch", method: DidChangeWatchedFilesNotification.method, registerOptions: watchers)
                ])
            ) { _ in }
        }
        pullConfiguration { [unowned self] in self.indexWorkspace() }
    }

    func shutdown(_: NoParams) throws -> NullResult {
        phase = .shuttingDown
        return NullResult()
    }

    // MARK: - Settings

    /// Asks the client for the `kpi` settings when it can answer; then continues.
    func pullConfiguration(then: @escaping () -> Void) {
        guard client.supportsWorkspaceConfiguration else { return then() }
        request(ConfigurationRequest.self, ConfigurationParams(items: [ConfigurationItem(section: "kpi")])) { [unowned self] result in
            if case .success(let value) = result, let first = value.arrayValue?.first, !first.isNull {
                self.settings.apply(first)
                self.settingsChanged()
            }
            then()
        }
    }

    func didChangeConfiguration(_ params: DidChangeConfigurationParams) throws {
        if let kpi = params.settings?["kpi"], !kpi.isNull {
            settings.apply(kpi)
            settingsChanged()
        } else {
            pullConfiguration {}
        }
    }

    func settingsChanged() {
        invalidate()
        changedPaths.formUnion(workspace.files.keys)
    }

    // MARK: - Workspace folders

    func indexWorkspace() {
        guard !folders.isEmpty else { return }
        guard client.supportsWorkDoneProgress else { return index(progress: nil) }
        let token = RequestID.string("kpi-index-\(nextRequestID)")
        request(WorkDoneProgressCreateRequest.self, WorkDoneProgressCreateParams(token: token)) { [unowned self] result in
            if case .success = result { self.index(progress: token) } else { self.index(progress: nil) }
        }
    }

    /// Reads every `*.kpi` file under the workspace folders (open documents keep the editor's text).
    func index(progress token: ProgressToken?, folders only: [String]? = nil) {
        let started = Date()
        let files = (only ?? folders).flatMap { PlanFiles.planFiles(under: $0, excluding: settings.exclude) }.filter {
            !settings.fileExcludes($0)
        }
        func report(_ value: WorkDoneProgress) {
            if let token { notify(ProgressNotification.self, ProgressParams(token: token, value: value.json)) }
        }
        report(.begin(title: "Indexing KPI plans", message: "\(files.count) files", percentage: 0))
        var lastPercent = 0
        // Files are read and parsed on every core, then put into the workspace in order.
        let wanted = files.enumerated().filter { openDocuments[$0.element] == nil }
        let parsed = Parallel.map(wanted.map(\.element), minimum: 2) { path -> PlanFile? in
            if case .success(let bytes) = PlanFiles.read(path) { return PlanFile(path: path, bytes: bytes) }
            return nil
        }
        for ((index, path), file) in zip(wanted, parsed) {
            if let file {
                workspace.set(file)
                changedPaths.insert(path)
            }
            let percent = (index + 1) * 100 / max(files.count, 1)
            if percent >= lastPercent + 10 {
                lastPercent = percent
                report(.report(message: "\(index + 1)/\(files.count) files", percentage: percent))
            }
        }
        reportOutside(PlanFiles.loadUses(into: &workspace))
        invalidate()
        report(.end(message: "\(files.count) files"))
        log(
            "indexed \(files.count) plan files, \(workspace.files.values.reduce(0) { $0 + $1.kpis.count }) KPIs in \(Int(Date().timeIntervalSince(started) * 1000)) ms"
        )
    }

    func didChangeWorkspaceFolders(_ params: DidChangeWorkspaceFoldersParams) throws {
        let removed = Set(params.event.removed.map { URIs.path($0.uri) })
        folders.removeAll { removed.contains($0) }
        for path in workspace.files.keys where openDocuments[path] == nil && removed.contains(where: { path.hasPrefix($0 + "/") }) {
            remove(path: path)
        }
        let added = params.event.added.map { URIs.path($0.uri) }.filter { $0.hasPrefix("/") }
        folders += added
        loadSettingsFile()
        index(progress: nil, folders: added)
    }
}

/// The server's settings: the editor's (`kpi.realism.maxAnnualGrowth` and `kpi.realism.maxAnnualReduction` in percent,
/// `kpi.diagnostics.severity`: code → error | warning | information | hint | off, `kpi.files.exclude`:
/// globs) over the team's `kpi.toml` (`SettingsFileSupport.swift`).
struct Settings {
    var editor = KPISettings()
    /// The `kpi.toml` in effect, where it is, and what it says.
    var filePath: String?
    var file = SettingsFile(bytes: [])

    /// Takes the whole `kpi` section: a setting it leaves out is back to the file's value or the
    /// default (a user who removes a setting expects that, not the value it had).
    mutating func apply(_ json: JSONValue) {
        editor = KPISettings()
        let growth = json["realism"]?["maxAnnualGrowth"] ?? json["realism.maxAnnualGrowth"]
        if let value = growth?.doubleValue, value > 0 { editor.maxAnnualGrowth = value / 100 }
        let reduction = json["realism"]?["maxAnnualReduction"] ?? json["realism.maxAnnualReduction"]
        if let value = reduction?.doubleValue, value > 0, value < 100 { editor.maxAnnualReduction = value / 100 }
        if let map = (json["diagnostics"]?["severity"] ?? json["diagnostics.severity"])?.objectValue {
            for (code, level) in map {
                guard let code = DiagnosticCode(rawValue: code), let severity = level.stringValue.flatMap(KPISettings.severity(named:))
                else { continue }
                editor.severities[code] = severity
            }
        }
        if let globs = (json["files"]?["exclude"] ?? json["files.exclude"])?.arrayValue {
            editor.exclude = globs.compactMap(\.stringValue)
        }
    }

    /// The editor's globs (relative to each workspace folder).
    var exclude: [String] { editor.exclude }

    /// Whether the file's globs (relative to the file's folder) exclude `path`.
    func fileExcludes(_ path: String) -> Bool {
        guard let filePath else { return false }
        return SettingsFiles.excludes(path, globs: file.settings.exclude, settingsFile: filePath)
    }

    func options(today: Day) -> AnalysisOptions {
        editor.over(file.settings).options(today: today)
    }
}

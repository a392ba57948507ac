// Keeping the workspace in step with the editor: open, incremental changes, close and save of
// documents, and `*.kpi` files created, changed or deleted on disk. Only KPI documents are
// analysed (language `kpi` or a `*.kpi` name), and only plan files in the workspace or named by a
// `use` are read from disk, after their URI is decoded and normalised.

import KPIFiles
import KPIPlan
import KPISyntax
import LanguageServerProtocol

extension Server {
    func didOpen(_ params: DidOpenTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        // A README or a Python file the client sends along is not a plan: it gets no KPI diagnostics.
        guard params.textDocument.languageId == "kpi" || path.hasSuffix(".kpi") else {
            otherDocuments.insert(path)
            return
        }
        openDocuments[path] = params.textDocument.version
        update(path: path, bytes: Array(params.textDocument.text.utf8))
    }

    func didChange(_ params: DidChangeTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        guard let current = openDocuments[path], let file = workspace.files[path] else {
            if otherDocuments.contains(path) { return }
            log("didChange for \(params.textDocument.uri), which is not open: ignored", .warning)
            return
        }
        if params.textDocument.version <= current {
            log("didChange version \(params.textDocument.version) is not newer than \(current); applied in the order received", .warning)
        }
        var bytes = file.tree.bytes
        var lineStarts: [Int]? = file.tree.lines.lineStarts  // of `bytes`, while they are the file's
        var buffer: EditBuffer?
        for change in params.contentChanges {
            guard let range = change.range else {
                buffer = nil
                bytes = Array(change.text.utf8)
                lineStarts = nil
                continue
            }
            if buffer == nil { buffer = EditBuffer(bytes, lineStarts: lineStarts ?? LineIndex(bytes).lineStarts) }
            buffer!.replace(range, with: Array(change.text.utf8), encoding: encoding)  // positions past the end clamp to it
        }
        if let buffer { bytes = buffer.bytes }
        openDocuments[path] = params.textDocument.version
        update(path: path, bytes: bytes)
    }

    func didClose(_ params: DidCloseTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        if otherDocuments.remove(path) != nil { return }
        openDocuments[path] = nil
        if pulledPaths.remove(path) != nil { published[path] = nil }  // a closed document's diagnostics are published again
        // What is on disk counts again; a file that is not there (untitled, deleted) leaves the workspace.
        // Only files in the workspace or named by a `use` are read (checked before reading).
        if isInWorkspace(path) || isUsed(path), case .success(let bytes) = PlanFiles.read(path) {
            update(path: path, bytes: bytes)
        } else if workspace.files[path] != nil {
            remove(path: path)
        }
    }

    func didSave(_: DidSaveTextDocumentParams) throws {}

    func didChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) throws {
        for change in params.changes {
            let path = URIs.path(change.uri)
            if path.hasSuffix("/" + SettingsFile.name) {
                settingsFileChanged()
                continue
            }
            guard path.hasSuffix(".kpi"), openDocuments[path] == nil else { continue }
            if change.type == .deleted {
                guard workspace.files[path] != nil else { continue }
                // The files that use it lose its KPIs and must say the file is gone: check them again.
                let users = workspace.files.values.filter { $0.uses.contains { $0.resolvedPath == path } }.map(\.path)
                remove(path: path)
                if !users.isEmpty { reportOutside(PlanFiles.loadUses(into: &workspace)) }
                changedPaths.formUnion(users)
            } else if isIndexed(path) || isUsed(path) {
                switch PlanFiles.read(path) {
                case .success(let bytes): update(path: path, bytes: bytes)
                case .failure(let error):
                    // Replaced by a FIFO, a link elsewhere, a folder: its KPIs go, and the files that use it say why.
                    guard workspace.files[path] != nil else { continue }
                    log("\(URIs.uri(path)) is no longer read: \(error)", .warning)
                    let users = workspace.files.values.filter { $0.uses.contains { $0.resolvedPath == path } }.map(\.path)
                    remove(path: path)
                    workspace.unreadable[path] = error.description
                    changedPaths.formUnion(users)
                    for user in users { invalidate(user) }
                }
            }
        }
    }

    /// Whether a path is inside a workspace folder once its folder's symbolic links are resolved
    /// (the URI's `%XX` escapes and `..` are resolved by `URIs.path`). The file itself may be a link
    /// to a plan elsewhere, as the indexer reads it (and logs it).
    func isInWorkspace(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        guard case .success(let realFolder) = PlanFiles.realPath(folder.isEmpty ? "/" : folder) else { return false }
        return realFolders.contains { realFolder == $0 || realFolder.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// The workspace folders with their symbolic links resolved (a folder that does not exist yet as written).
    var realFolders: [String] {
        folders.map { folder in
            if case .success(let real) = PlanFiles.realPath(folder) { return real }
            return folder
        }
    }

    /// Whether indexing reads a file: in a workspace folder, and neither passed over by the walk
    /// (hidden and build folders, what ignore files exclude) nor excluded by `kpi.files.exclude`.
    func isIndexed(_ path: String) -> Bool {
        guard isInWorkspace(path) else { return false }
        return !folders.contains { folder in
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            guard path.hasPrefix(prefix) else { return false }
            let relative = String(path.dropFirst(prefix.count))
            return IgnoreRules.skips(path, under: folder) || settings.exclude.contains { PlanFiles.matches(glob: $0, path: relative) }
        }
    }

    func isUsed(_ path: String) -> Bool {
        workspace.files.values.contains { $0.uses.contains { $0.resolvedPath == path } }
    }
}

/// A document's bytes and line starts while the changes of one `didChange` are applied in turn.
/// The line starts are patched after each change rather than found again in the whole text: 50
/// changes to a 10 MB document took over two minutes that way. Positions become offsets exactly
/// as `PositionConverter` (`LineIndex.offset(of:encoding:)`) makes them.
private struct EditBuffer {
    private(set) var bytes: [UInt8]
    private var lineStarts: [Int]

    init(_ bytes: [UInt8], lineStarts: [Int]) {
        self.bytes = bytes
        self.lineStarts = lineStarts
    }

    /// Where `lineStarts` has its first element greater than `offset`.
    private func firstStart(after offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func offset(_ position: Position, encoding: ColumnEncoding) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        var end = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
        if position.line + 1 < lineStarts.count && end > start && bytes[end - 1] == 0x0D { end -= 1 }
        // The column within the line, by the one converter, on the line alone.
        let line = LineIndex(Array(bytes[start..<end]))
        return start + line.offset(of: LineColumn(line: 0, column: position.character), encoding: encoding)
    }

    mutating func replace(_ range: LSPRange, with text: [UInt8], encoding: ColumnEncoding) {
        let a = offset(range.start, encoding: encoding)
        let b = offset(range.end, encoding: encoding)
        let lower = min(a, b)
        let upper = max(a, b)
        // Line starts inside the replaced bytes go, those of the new text come, the ones after move.
        let first = firstStart(after: lower)
        let past = firstStart(after: upper)
        var added: [Int] = []
        for (index, byte) in text.enumerated() where byte == 0x0A { added.append(lower + index + 1) }
        lineStarts.replaceSubrange(first..<past, with: added)
        let delta = text.count - (upper - lower)
        if delta != 0 {
            for index in (first + added.count)..<lineStarts.count { lineStarts[index] += delta }
        }
        bytes.replaceSubrange(lower..<upper, with: text)
    }
}

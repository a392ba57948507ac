// Keeping the workspace in step with the editor: open, incremental changes, close and save of
// documents, and `*.kpi` files created, changed or deleted on disk.

import KPIFiles
import KPIPlan
import KPISyntax
import LanguageServerProtocol

extension Server {
    func didOpen(_ params: DidOpenTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        openDocuments[path] = params.textDocument.version
        update(path: path, bytes: Array(params.textDocument.text.utf8))
    }

    func didChange(_ params: DidChangeTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        guard let current = openDocuments[path], var bytes = workspace.files[path]?.tree.bytes else {
            log("didChange for \(params.textDocument.uri), which is not open: ignored", .warning)
            return
        }
        if params.textDocument.version <= current {
            log("didChange version \(params.textDocument.version) is not newer than \(current); applied in the order received", .warning)
        }
        for change in params.contentChanges {
            guard let range = change.range else {
                bytes = Array(change.text.utf8)
                continue
            }
            let positions = PositionConverter(encoding: encoding, lines: LineIndex(bytes))
            let replaced = positions.offsets(range)   // positions past the end clamp to it
            bytes.replaceSubrange(replaced, with: Array(change.text.utf8))
        }
        openDocuments[path] = params.textDocument.version
        update(path: path, bytes: bytes)
    }

    func didClose(_ params: DidCloseTextDocumentParams) throws {
        let path = URIs.path(params.textDocument.uri)
        openDocuments[path] = nil
        if pulledPaths.remove(path) != nil { published[path] = nil }   // a closed document's diagnostics are published again
        // What is on disk counts again; a file that is not there (untitled, deleted) leaves the workspace.
        // Only files in the workspace or named by a `use` are read (checked before reading).
        if isInWorkspace(path) || isUsed(path), case .success(let bytes) = PlanFiles.read(path) {
            update(path: path, bytes: bytes)
        } else {
            remove(path: path)
        }
    }

    func didSave(_: DidSaveTextDocumentParams) throws {}

    func didChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) throws {
        for change in params.changes {
            let path = URIs.path(change.uri)
            guard path.hasSuffix(".kpi"), openDocuments[path] == nil else { continue }
            if change.type == .deleted {
                guard workspace.files[path] != nil else { continue }
                // The files that use it lose its KPIs and must say the file is gone: check them again.
                let users = workspace.files.values.filter { $0.uses.contains { $0.resolvedPath == path } }.map(\.path)
                remove(path: path)
                if !users.isEmpty { PlanFiles.loadUses(into: &workspace) }
                changedPaths.formUnion(users)
            } else if isInWorkspace(path) || isUsed(path), case .success(let bytes) = PlanFiles.read(path) {
                update(path: path, bytes: bytes)
            }
        }
    }

    func isInWorkspace(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    func isUsed(_ path: String) -> Bool {
        workspace.files.values.contains { $0.uses.contains { $0.resolvedPath == path } }
    }
}

// Rename a KPI id everywhere: its definition and every `parent:` that names it, across files.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func prepareRename(_ params: TextDocumentPositionParams) throws -> PrepareRenameResult? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        switch analysis.renameRange(at: positions.offset(params.position), in: path) {
        case .success(let found): return PrepareRenameResult(range: positions.range(found.range), placeholder: found.id)
        case .failure: return nil
        }
    }

    func rename(_ params: RenameParams) throws -> WorkspaceEdit? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        switch analysis.rename(at: positions.offset(params.position), in: path, to: params.newName) {
        case .success(let edits): return workspaceEdit(edits)
        case .failure(let error): throw ResponseError(code: .requestFailed, message: error.description)
        }
    }
}

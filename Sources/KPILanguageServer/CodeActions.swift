// Quick fixes and refactorings from the model: did-you-mean for parents and fields, `use` the
// file that defines a parent, add `top-level`, add the missing fields, rebalance a split.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func codeActions(_ params: CodeActionParams) throws -> [CodeAction]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        let only = params.context.only.map { Set($0.map(\.rawValue)) }
        return analysis.codeActions(in: path, range: positions.offsets(params.range), caches: caches).compactMap { action in
            if let only, !only.contains(where: { action.kind.rawValue.hasPrefix($0) }) { return nil }
            return CodeAction(
                title: action.title, kind: CodeActionKind(rawValue: action.kind.rawValue),
                diagnostics: action.diagnostic.map { lspDiagnostics([$0], path: path) },
                isPreferred: action.isPreferred ? true : nil, edit: workspaceEdit(action.edits))
        }
    }
}

// Inlay hints: a relative target's resolved level (`+20%` = $150K), a contribution's share of its
// parent's split, the day a period deadline resolves to.

import LanguageServerProtocol

extension Server {
    func inlayHints(_ params: TextDocumentRangeParams) throws -> [InlayHint]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        return analysis.inlayNotes(of: path, in: positions.offsets(params.range)).map {
            InlayHint(position: positions.position($0.offset), label: $0.label, tooltip: $0.tooltip, paddingLeft: true)
        }
    }
}

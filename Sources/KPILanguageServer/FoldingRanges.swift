// Folding: each block (plan, KPI, a field with its list), and runs of comment lines.

import LanguageServerProtocol

extension Server {
    func foldingRanges(_ params: TextDocumentParams) throws -> [FoldingRange]? {
        guard let (analysis, path, _) = document(params.textDocument.uri) else { return nil }
        return analysis.foldingRegions(of: path).map {
            FoldingRange(startLine: $0.startLine, endLine: $0.endLine, kind: $0.kind == .comment ? .comment : .region)
        }
    }
}

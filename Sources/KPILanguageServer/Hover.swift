// Hover: the cascade math on a KPI or a reference to it (the numbers of `kpi explain`), a
// metric's catalog entry, the day a date resolves to.

import LanguageServerProtocol

extension Server {
    func hover(_ params: TextDocumentPositionParams) throws -> Hover? {
        guard let (analysis, path, positions) = document(params.textDocument.uri),
            let content = analysis.hover(at: positions.offset(params.position), in: path, caches: caches)
        else { return nil }
        let markdown = client.hoverContentFormat.isEmpty || client.hoverContentFormat.contains(.markdown)
        return Hover(
            contents: MarkupContent(kind: markdown ? .markdown : .plaintext, value: markdown ? content.markdown : content.plainText),
            range: positions.range(content.range))
    }
}

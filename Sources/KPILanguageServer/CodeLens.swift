// A code lens over each KPI with sub-KPIs: "3 sub-KPIs · 93% allocated"; clicking it lists them.

import LanguageServerProtocol

extension Server {
    func codeLenses(_ params: TextDocumentParams) throws -> [CodeLens]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        return analysis.refs(in: path).compactMap { ref in
            guard let summary = analysis.summary(ref) else { return nil }
            let kpi = analysis.kpi(ref)
            let children = analysis.children(of: ref).compactMap { location($0.path, analysis.kpi($0).idRange) }
            let arguments: [JSONValue] = [
                .string(URIs.uri(path)), (try? JSONValue(encoding: positions.position(kpi.idRange.lowerBound))) ?? .null,
                (try? JSONValue(encoding: children)) ?? .array([]),
            ]
            return CodeLens(
                range: positions.range(kpi.headerRange),
                command: Command(title: summary, command: "editor.action.showReferences", arguments: arguments))
        }
    }
}

// The outline (the plan with its KPIs and their fields) and workspace-wide KPI search.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func documentSymbols(_ params: TextDocumentParams) throws -> [DocumentSymbol]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        func convert(_ item: OutlineItem) -> DocumentSymbol {
            let kind: SymbolKind =
                switch item.kind {
                case .plan: .namespace
                case .kpi: .class
                case .field: .property
                }
            return DocumentSymbol(
                name: item.name, detail: item.detail, kind: kind, range: positions.range(item.range),
                selectionRange: positions.range(item.selectionRange), children: item.children.map(convert))
        }
        return analysis.outline(of: path).map(convert)
    }

    func workspaceSymbols(_ params: WorkspaceSymbolParams) throws -> [SymbolInformation]? {
        let analysis = analysis
        return analysis.searchKPIs(params.query).compactMap { ref in
            let kpi = analysis.kpi(ref)
            return location(ref.path, kpi.idRange).map {
                SymbolInformation(name: kpi.id, kind: .class, containerName: kpi.title, location: $0)
            }
        }
    }
}

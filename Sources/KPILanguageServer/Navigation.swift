// Go to parent goal: definition on `parent: x` jumps to x in whichever file, on `use "file"`
// opens the file; references list a KPI's children and every mention; highlights mark them.

import LanguageServerProtocol

extension Server {
    func definition(_ params: TextDocumentPositionParams) throws -> [Location]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        return analysis.definition(at: positions.offset(params.position), in: path).compactMap { location($0.path, $0.range) }
    }

    func references(_ params: ReferenceParams) throws -> [Location]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        return analysis.references(at: positions.offset(params.position), in: path, includeDeclaration: params.context.includeDeclaration)
            .compactMap { location($0.path, $0.range) }
    }

    func documentHighlight(_ params: TextDocumentPositionParams) throws -> [DocumentHighlight]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri) else { return nil }
        return analysis.highlights(at: positions.offset(params.position), in: path).map {
            DocumentHighlight(range: positions.range($0.range), kind: $0.isDefinition ? .write : .read)
        }
    }
}

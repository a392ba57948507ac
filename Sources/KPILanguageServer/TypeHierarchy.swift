// The goal tree as a type hierarchy: prepare on any line of a KPI block (its `parent:` line too)
// gives that KPI, so its supertype is its parent goal; subtypes walk down to the KPIs that support it.

import KPIPlan
import LanguageServerProtocol

extension Server {
    func prepareTypeHierarchy(_ params: TextDocumentPositionParams) throws -> [TypeHierarchyItem]? {
        guard let (analysis, path, positions) = document(params.textDocument.uri),
            let ref = analysis.kpi(at: positions.offset(params.position), in: path)
        else { return nil }
        return hierarchyItem(ref, analysis).map { [$0] }
    }

    func supertypes(_ params: TypeHierarchyItemParams) throws -> [TypeHierarchyItem]? {
        guard let ref = kpiRef(params.item) else { return nil }
        return analysis.supertypes(of: ref).compactMap { hierarchyItem($0, analysis) }
    }

    func subtypes(_ params: TypeHierarchyItemParams) throws -> [TypeHierarchyItem]? {
        guard let ref = kpiRef(params.item) else { return nil }
        return analysis.subtypes(of: ref).compactMap { hierarchyItem($0, analysis) }
    }

    func hierarchyItem(_ ref: KPIRef, _ analysis: Analysis) -> TypeHierarchyItem? {
        guard let positions = positions(ref.path) else { return nil }
        let kpi = analysis.kpi(ref)
        return TypeHierarchyItem(
            name: kpi.id, kind: .class, detail: [kpi.title, analysis.summary(ref)].compactMap { $0 }.joined(separator: " · "),
            uri: URIs.uri(ref.path), range: positions.range(kpi.range), selectionRange: positions.range(kpi.idRange),
            data: .object(["id": .string(kpi.id)]))
    }

    /// The KPI an item names: by its id in its file (ranges may have moved since it was sent).
    func kpiRef(_ item: TypeHierarchyItem) -> KPIRef? {
        let path = URIs.path(item.uri)
        let id = item.data?["id"]?.stringValue ?? item.name
        return analysis.refs(in: path).first { analysis.kpi($0).id == id }
    }
}

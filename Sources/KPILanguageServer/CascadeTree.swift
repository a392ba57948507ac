// `kpi/cascadeTree`: the goal tree of the workspace (or of one file) for editor tree views —
// ids, titles, files, ranges, allocation, children, and whether a child of a split is one of its
// components or a driver.

import KPIPlan
import LanguageServerProtocol

public struct CascadeTreeParams: Codable, Sendable {
    public var uri: String?
    public init(uri: String? = nil) { self.uri = uri }
}

public struct CascadeNode: Codable, Sendable, Equatable {
    public var id: String
    public var title: String?
    public var uri: String
    public var range: LSPRange
    public var allocation: String?
    /// `component` or `driver` under a parent with a split; absent otherwise.
    public var role: String?
    public var children: [CascadeNode]
}

public struct CascadeTreeResult: Codable, Sendable, Equatable {
    public var roots: [CascadeNode]
}

public enum CascadeTreeRequest: LSPRequest {
    public static let method = "kpi/cascadeTree"
    public typealias Params = CascadeTreeParams
    public typealias Response = CascadeTreeResult
}

extension Server {
    func cascadeTree(_ params: CascadeTreeParams) throws -> CascadeTreeResult {
        let analysis = analysis
        var visited = Set<KPIRef>()
        func node(_ ref: KPIRef) -> CascadeNode? {
            guard visited.insert(ref).inserted, let positions = positions(ref.path) else { return nil }
            let kpi = analysis.kpi(ref)
            return CascadeNode(
                id: kpi.id, title: kpi.title, uri: URIs.uri(ref.path), range: positions.range(kpi.headerRange),
                allocation: analysis.summary(ref), role: analysis.role(of: ref)?.rawValue,
                children: analysis.children(of: ref).compactMap(node))
        }
        let only = params.uri.map(URIs.path)
        // One file's tree starts at its KPIs whose parent is not in that file (a team plan's goals
        // hang from the company plan's), not only at its root goals.
        var roots =
            (only.map { only in analysis.refs(in: only).filter { analysis.parent(of: $0)?.path != only } }
            ?? analysis.roots(in: nil)).compactMap(node)
        // KPIs in a parent cycle have no root above them: show each cycle once, from its first member.
        for ref in analysis.allRefs where !visited.contains(ref) && (only == nil || ref.path == only) && analysis.isInCycle(ref) {
            if let n = node(ref) { roots.append(n) }
        }
        return CascadeTreeResult(roots: roots)
    }
}

// Go to parent goal and its relatives: definition of `parent: x` and of `use "file"`, references
// (a KPI's children and every mention), highlights, rename of a KPI id across files, and the goal
// tree walked up and down as a type hierarchy.

import KPISyntax

public struct PlanLocation: Sendable, Hashable {
    public let path: String
    public let range: Range<Int>
    public init(path: String, range: Range<Int>) {
        self.path = path
        self.range = range
    }
}

public struct PlanEdit: Sendable, Hashable {
    public let path: String
    public let range: Range<Int>
    public let newText: String
    public init(path: String, range: Range<Int>, newText: String) {
        self.path = path
        self.range = range
        self.newText = newText
    }
}

public enum RenameError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAKPI
    case invalidID(String)
    case taken(String)
    /// The new id is already a KPI's (`existing`) that a file seeing both would then find twice: its
    /// references to either could change what they resolve to.
    case ambiguous(id: String, file: String, existing: String)
    public var description: String {
        switch self {
        case .ambiguous(let id, let file, let existing):
            "cannot rename to `\(id)`: \(file.split(separator: "/").last ?? "") sees this KPI and the `\(id)` in \(existing.split(separator: "/").last ?? "") both, so a `parent: \(id)` there could change which KPI it names"
        case .notAKPI: "only a KPI id can be renamed here"
        case .invalidID(let id): "`\(id)` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter"
        case .taken(let id): "a KPI `\(id)` already exists"
        }
    }
}

extension Analysis {
    public func definition(at offset: Int, in path: String) -> [PlanLocation] {
        guard let symbol = symbol(at: offset, in: path) else { return [] }
        switch symbol {
        case .kpiReference(_, _, let target?, _), .kpiDefinition(let target, _):
            let kpi = kpi(target)
            return [PlanLocation(path: target.path, range: kpi.idRange)]
        case .use(let use):
            guard file(use.resolvedPath) != nil else { return [] }
            return [PlanLocation(path: use.resolvedPath, range: 0..<0)]
        default:
            return []
        }
    }

    public func references(at offset: Int, in path: String, includeDeclaration: Bool) -> [PlanLocation] {
        guard let symbol = symbol(at: offset, in: path), let ref = kpiRef(for: symbol) else { return [] }
        return mentions(of: ref).filter { includeDeclaration || !$0.isDefinition }.map { PlanLocation(path: $0.path, range: $0.range) }
    }

    /// Mentions of the KPI under the cursor in this file.
    public func highlights(at offset: Int, in path: String) -> [(range: Range<Int>, isDefinition: Bool)] {
        guard let symbol = symbol(at: offset, in: path), let ref = kpiRef(for: symbol) else { return [] }
        return mentions(of: ref).filter { $0.path == path }.map { ($0.range, $0.isDefinition) }
    }

    /// The range of the id that a rename at this offset would change.
    public func renameRange(at offset: Int, in path: String) -> Result<(range: Range<Int>, id: String), RenameError> {
        guard let symbol = symbol(at: offset, in: path) else { return .failure(.notAKPI) }
        switch symbol {
        case .kpiDefinition(let ref, let range): return .success((range, kpi(ref).id))
        case .kpiReference(let id, let range, let target, _) where target != nil: return .success((range, id))
        default: return .failure(.notAKPI)
        }
    }

    public func rename(at offset: Int, in path: String, to newID: String) -> Result<[PlanEdit], RenameError> {
        guard let symbol = symbol(at: offset, in: path), let ref = kpiRef(for: symbol) else { return .failure(.notAKPI) }
        guard KPIIdentifier.isValid(newID) else { return .failure(.invalidID(newID)) }
        if newID != kpi(ref).id {
            let others = kpis(withID: newID)
            if others.contains(where: { sees(ref.path, $0.path) || sees($0.path, ref.path) }) {
                return .failure(.taken(newID))
            }
            // A third file that sees both the renamed KPI and another of the new id would find the id twice.
            for seer in ([ref.path] + users(of: ref.path).sorted()) {
                if let other = others.first(where: { sees(seer, $0.path) }) {
                    return .failure(.ambiguous(id: newID, file: seer, existing: other.path))
                }
            }
        }
        return .success(mentions(of: ref).map { PlanEdit(path: $0.path, range: $0.range, newText: newID) })
    }

    public func supertypes(of ref: KPIRef) -> [KPIRef] { parent(of: ref).map { [$0] } ?? [] }

    public func subtypes(of ref: KPIRef) -> [KPIRef] { children(of: ref) }

    /// The roots of the goal tree: KPIs without a resolved parent (or in a cycle), in file order.
    public func roots(in onlyPath: String? = nil) -> [KPIRef] {
        (onlyPath.map { [$0] } ?? paths).flatMap { refs(in: $0) }.filter { parent(of: $0) == nil }
    }
}

public enum KPIIdentifier {
    public static func isValid(_ id: String) -> Bool { Parser.isValidIdentifier(id) }
}

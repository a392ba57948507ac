// A set of plan files and the goal graph across them: which files a file `use`s, which KPI a
// `parent:` names, the children of every KPI, and parent cycles. The workspace does no I/O: the
// caller (the command line or the server) hands it file contents and says which files it could not read.

public struct KPIRef: Sendable, Hashable, Comparable {
    public let path: String
    public let index: Int
    public init(path: String, index: Int) {
        self.path = path
        self.index = index
    }
    public static func < (a: KPIRef, b: KPIRef) -> Bool { (a.path, a.index) < (b.path, b.index) }
}

public struct Workspace: Sendable {
    public private(set) var files: [String: PlanFile] = [:]
    /// Files a `use` names that the caller could not read, with the reason (e.g. "is a folder").
    public var unreadable: [String: String] = [:]

    public init() {}

    public init(files: [PlanFile]) {
        for file in files { self.files[file.path] = file }
    }

    public mutating func set(_ file: PlanFile) {
        files[file.path] = file
        unreadable[file.path] = nil
    }

    @discardableResult
    public mutating func remove(_ path: String) -> PlanFile? { files.removeValue(forKey: path) }

    /// The `use`d paths that are neither loaded nor known to be unreadable: the caller should try to load them.
    public var missingUses: [String] {
        var missing = Set<String>()
        for file in files.values {
            for use in file.uses where files[use.resolvedPath] == nil && unreadable[use.resolvedPath] == nil {
                missing.insert(use.resolvedPath)
            }
        }
        return missing.sorted()
    }

    public func analysis(_ options: AnalysisOptions) -> Analysis { Analysis(self, options: options) }
}

/// A snapshot of the workspace's goal graph, and the checks and cascade math on top of it.
public final class Analysis: Sendable {
    public let workspace: Workspace
    public let options: AnalysisOptions
    public let paths: [String]
    let kpisByID: [String: [KPIRef]]
    let visibleFiles: [String: Set<String>]
    let usersOf: [String: Set<String>]
    let parents: [KPIRef: KPIRef]
    public let children: [KPIRef: [KPIRef]]
    /// For a KPI in a parent cycle: the cycle, starting at that KPI.
    let cycles: [KPIRef: [KPIRef]]

    public init(_ workspace: Workspace, options: AnalysisOptions) {
        self.workspace = workspace
        self.options = options
        paths = workspace.files.keys.sorted()

        var byID: [String: [KPIRef]] = [:]
        for path in paths {
            for (index, kpi) in workspace.files[path]!.kpis.enumerated() where !kpi.id.isEmpty {
                byID[kpi.id, default: []].append(KPIRef(path: path, index: index))
            }
        }
        kpisByID = byID

        // Files visible from each file: itself and everything its `use`s reach.
        var visible: [String: Set<String>] = [:]
        for path in paths {
            var seen: Set<String> = [path]
            var stack = [path]
            while let next = stack.popLast() {
                for use in workspace.files[next]?.uses ?? [] where !seen.contains(use.resolvedPath) && workspace.files[use.resolvedPath] != nil {
                    seen.insert(use.resolvedPath)
                    stack.append(use.resolvedPath)
                }
            }
            visible[path] = seen
        }
        visibleFiles = visible
        var users: [String: Set<String>] = [:]
        for (path, seen) in visible {
            for other in seen where other != path { users[other, default: []].insert(path) }
        }
        usersOf = users

        var parentOf: [KPIRef: KPIRef] = [:]
        var childrenOf: [KPIRef: [KPIRef]] = [:]
        for path in paths {
            for (index, kpi) in workspace.files[path]!.kpis.enumerated() {
                guard let parentID = kpi.parent?.value else { continue }
                let ref = KPIRef(path: path, index: index)
                if let target = Analysis.resolve(parentID, from: path, byID: byID, visible: visible[path]!) {
                    parentOf[ref] = target
                    childrenOf[target, default: []].append(ref)
                }
            }
        }
        parents = parentOf
        children = childrenOf
        cycles = Analysis.findCycles(parentOf)
    }

    /// The KPI an id names as seen from a file: one in the file itself first, then in the files it uses.
    static func resolve(_ id: String, from path: String, byID: [String: [KPIRef]], visible: Set<String>) -> KPIRef? {
        guard let candidates = byID[id] else { return nil }
        if let own = candidates.first(where: { $0.path == path }) { return own }
        return candidates.first(where: { visible.contains($0.path) })
    }

    /// Every parent cycle, found in one pass over the parent links (each KPI has at most one parent).
    static func findCycles(_ parentOf: [KPIRef: KPIRef]) -> [KPIRef: [KPIRef]] {
        var state: [KPIRef: Int] = [:]  // 1: on the current walk, 2: done
        var result: [KPIRef: [KPIRef]] = [:]
        for start in parentOf.keys.sorted() where state[start] == nil {
            var walk: [KPIRef] = []
            var node: KPIRef? = start
            while let current = node, state[current] == nil {
                state[current] = 1
                walk.append(current)
                node = parentOf[current]
            }
            if let current = node, state[current] == 1, let begin = walk.firstIndex(of: current) {
                let cycle = Array(walk[begin...])
                for (offset, member) in cycle.enumerated() {
                    result[member] = Array(cycle[offset...] + cycle[..<offset])
                }
            }
            for member in walk { state[member] = 2 }
        }
        return result
    }

    // MARK: - Queries

    public func file(_ path: String) -> PlanFile? { workspace.files[path] }

    public func kpi(_ ref: KPIRef) -> KPI { workspace.files[ref.path]!.kpis[ref.index] }

    public func refs(in path: String) -> [KPIRef] {
        (workspace.files[path]?.kpis.indices).map { $0.map { KPIRef(path: path, index: $0) } } ?? []
    }

    public var allRefs: [KPIRef] { paths.flatMap { refs(in: $0) } }

    public func parent(of ref: KPIRef) -> KPIRef? { parents[ref] }

    public func children(of ref: KPIRef) -> [KPIRef] { children[ref] ?? [] }

    public func visible(from path: String) -> Set<String> { visibleFiles[path] ?? [path] }

    /// The files that use this one, directly or through others.
    public func users(of path: String) -> Set<String> { usersOf[path] ?? [] }

    /// The KPI an id names, as seen from a file.
    public func resolve(_ id: String, from path: String) -> KPIRef? {
        Analysis.resolve(id, from: path, byID: kpisByID, visible: visible(from: path))
    }

    /// Every KPI with this id, in any file.
    public func kpis(withID id: String) -> [KPIRef] { kpisByID[id] ?? [] }

    public var allIDs: [String] { kpisByID.keys.sorted() }

    /// The parent chain up to the root, nearest first (stops at a cycle).
    public func chain(of ref: KPIRef) -> [KPIRef] {
        var result: [KPIRef] = []
        var seen: Set<KPIRef> = [ref]
        var node = parents[ref]
        while let current = node, !seen.contains(current) {
            result.append(current)
            seen.insert(current)
            node = parents[current]
        }
        return result
    }

    /// The cycle this KPI's parent chain runs into, if it is part of one.
    public func cycle(of ref: KPIRef) -> [KPIRef]? { cycles[ref] }

    /// The KPI whose block holds a byte offset of a file.
    public func kpi(at offset: Int, in path: String) -> KPIRef? {
        guard let kpis = workspace.files[path]?.kpis else { return nil }
        for (index, kpi) in kpis.enumerated() where kpi.range.lowerBound <= offset && offset <= kpi.range.upperBound {
            return KPIRef(path: path, index: index)
        }
        return nil
    }

    /// "Today" for a file: its plan's `as-of:` date, else the options' date.
    public func today(for path: String) -> Day { workspace.files[path]?.settings.asOf?.value ?? options.today }

    public func maxAnnualGrowth(for path: String) -> Double {
        workspace.files[path]?.settings.maxAnnualGrowth ?? options.maxAnnualGrowth
    }

    public func fiscalYearStart(for path: String) -> Int { workspace.files[path]?.settings.fiscalYearStart ?? 1 }
}

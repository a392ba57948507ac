// The goal graph of a workspace as a snapshot, `Analysis` (a value): which files a file sees
// through `use`, which KPI each `parent:` names, the children of every KPI and parent cycles
// (found over KPIs numbered in order by `KPINumbering` rather than hashed by path). The checks
// (`Rules/`) and the cascade math (`Cascade.swift`) read it.

/// A snapshot of the workspace's goal graph, and the checks and cascade math on top of it.
///
/// A value: a copy answers as the snapshot it was copied from, whatever is built from it later.
/// Its tables are dictionaries, shared between copies until one is changed, so a copy costs a few
/// reference counts and an update never changes what another holder reads. Values worked out on
/// demand (did-you-mean indexes, completion's id lists) live beside it in `AnalysisCaches`.
///
/// A keystroke does not copy the workspace's tables: `updated(_:changed:edits:options:)` consumes
/// the analysis it patches, and when the caller hands over its last copy (the server does, with
/// `consume`), each table is uniquely referenced and patched in place. A caller that keeps a copy
/// gets the same result, with the tables copied once.
public struct Analysis: Sendable {
    public let workspace: Workspace
    public let options: AnalysisOptions
    public let paths: [String]
    // Patched in place by `updated` (which owns its copy); no one else changes them.
    var kpisByID: [String: [KPIRef]]
    /// The direct `use` edges, and which files a file sees, asked per pair (`UseGraph`).
    let useGraph: UseGraph
    var parents: [KPIRef: KPIRef]
    public internal(set) var children: [KPIRef: [KPIRef]]
    /// For a KPI in a parent cycle: the cycle, in parent order. Every member shares one array
    /// (a rotation per member would take memory quadratic in the cycle's length); `cycle(of:)`
    /// gives it starting at the member.
    var cycles: [KPIRef: [KPIRef]]
    /// The KPIs whose `parent:` names an id, resolved or not: whom to re-resolve when that id moves.
    /// Nil for an analysis built for checks only.
    var referrers: [String: [KPIRef]]?
    /// Which snapshot this is: shared by its copies, new for every build or update. `AnalysisCaches`
    /// made for one snapshot serve no other.
    let identity = AnalysisIdentity()

    public init(_ workspace: Workspace, options: AnalysisOptions, forEdits: Bool = true) {
        self.workspace = workspace
        self.options = options
        paths = workspace.files.keys.sorted()

        // Tables sized once (growing them was a third of building the graph at 100,000 KPIs), and
        // KPIs read in place, field by field, not copied whole.
        let total = paths.reduce(0) { $0 + workspace.files[$1]!.kpis.count }
        var byID: [String: [KPIRef]] = [:]
        byID.reserveCapacity(total)
        for path in paths {
            let kpis = workspace.files[path]!.kpis
            for index in kpis.indices where !kpis[index].id.isEmpty {
                byID[kpis[index].id, default: []].append(KPIRef(path: path, index: index))
            }
        }
        kpisByID = byID

        let graph = UseGraph(paths: paths, workspace: workspace)
        useGraph = graph

        var parentOf: [KPIRef: KPIRef] = [:]
        var childrenOf: [KPIRef: [KPIRef]] = [:]
        var referrersOf: [String: [KPIRef]] = [:]
        parentOf.reserveCapacity(total)
        childrenOf.reserveCapacity(total / 2)
        if forEdits { referrersOf.reserveCapacity(total / 2) }
        // The parent links again, with every KPI numbered in `KPIRef` order, for finding cycles
        // without hashing a path at every step.
        let numbering = KPINumbering(paths: paths, workspace: workspace)
        var parentNumbers = [Int](repeating: -1, count: numbering.count)
        for (file, path) in paths.enumerated() {
            let kpis = workspace.files[path]!.kpis
            for index in kpis.indices {
                guard let parentID = kpis[index].parent?.value else { continue }
                let ref = KPIRef(path: path, index: index)
                if forEdits { referrersOf[parentID, default: []].append(ref) }
                if let target = Analysis.resolve(parentID, from: path, byID: byID, graph: graph) {
                    parentOf[ref] = target
                    childrenOf[target, default: []].append(ref)
                    // A parent in the same file (most are) is numbered without hashing its path.
                    parentNumbers[numbering.number(file: file, index: index)] =
                        target.path == path ? numbering.number(file: file, index: target.index) : numbering.number(of: target)
                }
            }
        }
        parents = parentOf
        children = childrenOf
        cycles = Analysis.findCycles(parentNumbers, numbering)
        referrers = forEdits ? referrersOf : nil
    }

    init(
        workspace: Workspace, options: AnalysisOptions, paths: [String], kpisByID: [String: [KPIRef]],
        useGraph: UseGraph, parents: [KPIRef: KPIRef],
        children: [KPIRef: [KPIRef]], cycles: [KPIRef: [KPIRef]], referrers: [String: [KPIRef]]?
    ) {
        self.workspace = workspace
        self.options = options
        self.paths = paths
        self.kpisByID = kpisByID
        self.useGraph = useGraph
        self.parents = parents
        self.children = children
        self.cycles = cycles
        self.referrers = referrers
    }

    /// The KPI an id names as seen from a file: one in the file itself first, then in the files it uses.
    /// Each candidate's file is asked whether the file sees it, rather than listing all it sees.
    static func resolve(_ id: String, from path: String, byID: [String: [KPIRef]], graph: UseGraph) -> KPIRef? {
        guard let candidates = byID[id] else { return nil }
        if let own = candidates.first(where: { $0.path == path }) { return own }
        return candidates.first(where: { graph.sees(path, $0.path) })
    }

    /// A cycle in parent order, starting at its smallest member: the same array however it was found.
    static func canonicalCycle(_ walk: [KPIRef]) -> [KPIRef] {
        guard let first = walk.indices.min(by: { walk[$0] < walk[$1] }), first > 0 else { return walk }
        return Array(walk[first...] + walk[..<first])
    }

    /// Every parent cycle, found in one pass over the parent links (each KPI has at most one parent),
    /// given as `parents[number]`: the parent's number, or -1. Walks begin in number order, the
    /// order `KPIRef` sorts in, which decides where a walk begins.
    static func findCycles(_ parents: [Int], _ numbering: KPINumbering) -> [KPIRef: [KPIRef]] {
        let onWalk: UInt8 = 1
        let done: UInt8 = 2
        var state = [UInt8](repeating: 0, count: parents.count)
        var result: [KPIRef: [KPIRef]] = [:]
        // Each KPI is walked once at most: the walks are kept end to end in one array.
        var walks: [Int] = []
        for start in parents.indices where parents[start] >= 0 && state[start] == 0 {
            let walkStart = walks.count
            var node = start
            while node >= 0 && state[node] == 0 {
                state[node] = onWalk
                walks.append(node)
                node = parents[node]
            }
            let walk = walks[walkStart...]
            if node >= 0 && state[node] == onWalk, let begin = walk.firstIndex(of: node) {
                let cycle = canonicalCycle(walk[begin...].map { numbering.ref($0) })
                for member in cycle { result[member] = cycle }
            }
            for member in walk { state[member] = done }
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

    /// The files a file sees: itself and everything its `use`s reach (walked on each call).
    public func visible(from path: String) -> Set<String> { file(path) == nil ? [path] : useGraph.visible(from: [path]) }

    /// The files seen from any of these files (one walk for all of them).
    public func visible(fromAny paths: some Sequence<String>) -> Set<String> { useGraph.visible(from: paths) }

    /// Whether a file sees another (itself, or one its `use`s reach), without listing what it sees.
    public func sees(_ path: String, _ other: String) -> Bool { useGraph.sees(path, other) }

    /// The files that use this one, directly or through others (walked on each call).
    public func users(of path: String) -> Set<String> { useGraph.seeing([path]).subtracting([path]) }

    /// The files that see any of these files (these included; one walk for all of them).
    public func seeing(any paths: some Sequence<String>) -> Set<String> { useGraph.seeing(paths) }

    /// The KPI an id names, as seen from a file.
    public func resolve(_ id: String, from path: String) -> KPIRef? {
        Analysis.resolve(id, from: path, byID: kpisByID, graph: useGraph)
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
    public func cycle(of ref: KPIRef) -> [KPIRef]? {
        guard let cycle = cycles[ref] else { return nil }
        guard let start = cycle.firstIndex(of: ref), start > 0 else { return cycle }
        return Array(cycle[start...] + cycle[..<start])
    }

    /// Whether this KPI is part of a parent cycle (cheaper than `cycle(of:)`).
    public func isInCycle(_ ref: KPIRef) -> Bool { cycles[ref] != nil }

    /// The KPI whose block holds a byte offset of a file.
    public func kpi(at offset: Int, in path: String) -> KPIRef? {
        guard let kpis = workspace.files[path]?.kpis else { return nil }
        // The block holding the offset; at a block's end only when no next block starts there.
        // Blocks follow one another, so their ends ascend: two binary searches, not a walk over
        // every KPI before the offset (each a struct of several hundred bytes).
        func firstEnding(after bound: Int, orAt: Bool) -> Int {
            var low = 0
            var high = kpis.count
            while low < high {
                let middle = (low + high) / 2
                let end = kpis[middle].range.upperBound
                if end > bound || (orAt && end == bound) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let holding = firstEnding(after: offset, orAt: false)
        if holding < kpis.count && kpis[holding].range.contains(offset) { return KPIRef(path: path, index: holding) }
        let endingThere = firstEnding(after: offset, orAt: true)
        if endingThere < kpis.count && kpis[endingThere].range.upperBound == offset { return KPIRef(path: path, index: endingThere) }
        return nil
    }

    /// "Today" for a file: its plan's `as-of:` date, else the options' date.
    public func today(for path: String) -> Day { workspace.files[path]?.settings.asOf?.value ?? options.today }

    public func maxAnnualGrowth(for path: String) -> Double {
        workspace.files[path]?.settings.maxAnnualGrowth ?? options.maxAnnualGrowth
    }

    public func fiscalYearStart(for path: String) -> Int { workspace.files[path]?.settings.fiscalYearStart ?? 1 }
    public func fiscalYearNaming(for path: String) -> FiscalYearNaming { workspace.files[path]?.settings.fiscalYearNaming ?? .endYear }
}

/// The KPIs of an analysis numbered 0, 1, 2, … in `KPIRef` order (files in path order, then
/// their KPIs in order), so tables over every KPI can be arrays instead of hashed by path.
struct KPINumbering {
    let paths: [String]
    /// The number of each file's first KPI, by position in `paths`; the last entry is the count.
    private let firsts: [Int]
    private let fileNumbers: [String: Int]

    init(paths: [String], workspace: Workspace) {
        self.paths = paths
        var firsts = [0]
        firsts.reserveCapacity(paths.count + 1)
        for path in paths { firsts.append(firsts[firsts.count - 1] + workspace.files[path]!.kpis.count) }
        self.firsts = firsts
        fileNumbers = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
    }

    var count: Int { firsts[firsts.count - 1] }

    func number(file: Int, index: Int) -> Int { firsts[file] + index }

    func number(of ref: KPIRef) -> Int { firsts[fileNumbers[ref.path]!] + ref.index }

    func ref(_ number: Int) -> KPIRef {
        // The last file whose first KPI is at or before `number` (files without KPIs share it with the next).
        var low = 0
        var high = paths.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firsts[middle] <= number { low = middle } else { high = middle - 1 }
        }
        return KPIRef(path: paths[low], index: number - firsts[low])
    }
}

// A set of plan files and the goal graph across them: which files a file `use`s, which KPI a
// `parent:` names, the children of every KPI, and parent cycles. The workspace does no I/O: the
// caller (the command line or the server) hands it file contents and says which files it could not read.

import Synchronization

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

    /// The analysis of a workspace that will not be edited (`kpi check`): without the table that
    /// only patching the graph after an edit reads (`updated` then rebuilds instead).
    public func analysisForChecksOnly(_ options: AnalysisOptions) -> Analysis { Analysis(self, options: options, forEdits: false) }
}

/// A snapshot of the workspace's goal graph, and the checks and cascade math on top of it.
/// Immutable once built, except that `updated(_:changed:options:reusingStorage: true)` hands its
/// graph over to the analysis it builds (and must be the last use of this one).
public final class Analysis: @unchecked Sendable {
    public let workspace: Workspace
    public let options: AnalysisOptions
    public let paths: [String]
    private(set) var kpisByID: [String: [KPIRef]]
    let visibleFiles: [String: Set<String>]
    let usersOf: [String: Set<String>]
    private(set) var parents: [KPIRef: KPIRef]
    public private(set) var children: [KPIRef: [KPIRef]]
    /// For a KPI in a parent cycle: the cycle, in parent order. Every member shares one array
    /// (a rotation per member would take memory quadratic in the cycle's length); `cycle(of:)`
    /// gives it starting at the member.
    private(set) var cycles: [KPIRef: [KPIRef]]
    /// The KPIs whose `parent:` names an id, resolved or not: whom to re-resolve when that id moves.
    /// Nil for an analysis built for checks only.
    private(set) var referrers: [String: [KPIRef]]?
    /// "Did you mean" look-ups for unknown parents, per file, built when first needed.
    let suggestionIndexes = PerFileCache<SuggestionIndex>()
    /// Each file's KPI ids, end to end, for `parent:` completion (`IDList`).
    let idLists = PerFileCache<IDList>()
    /// The workspace's own metric names, built when first needed (`workspaceMetrics()`).
    let workspaceMetricList = LazyValue<[(name: String, users: Int)]>()

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
            let seen = visible[path]!
            for index in kpis.indices {
                guard let parentID = kpis[index].parent?.value else { continue }
                let ref = KPIRef(path: path, index: index)
                if forEdits { referrersOf[parentID, default: []].append(ref) }
                if let target = Analysis.resolve(parentID, from: path, byID: byID, visible: seen) {
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

    init(workspace: Workspace, options: AnalysisOptions, paths: [String], kpisByID: [String: [KPIRef]],
         visibleFiles: [String: Set<String>], usersOf: [String: Set<String>], parents: [KPIRef: KPIRef],
         children: [KPIRef: [KPIRef]], cycles: [KPIRef: [KPIRef]], referrers: [String: [KPIRef]]?) {
        self.workspace = workspace
        self.options = options
        self.paths = paths
        self.kpisByID = kpisByID
        self.visibleFiles = visibleFiles
        self.usersOf = usersOf
        self.parents = parents
        self.children = children
        self.cycles = cycles
        self.referrers = referrers
    }

    /// The KPI an id names as seen from a file: one in the file itself first, then in the files it uses.
    static func resolve(_ id: String, from path: String, byID: [String: [KPIRef]], visible: Set<String>) -> KPIRef? {
        guard let candidates = byID[id] else { return nil }
        if let own = candidates.first(where: { $0.path == path }) { return own }
        return candidates.first(where: { visible.contains($0.path) })
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
        let onWalk: UInt8 = 1, done: UInt8 = 2
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
            var low = 0, high = kpis.count
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
        var low = 0, high = paths.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firsts[middle] <= number { low = middle } else { high = middle - 1 }
        }
        return KPIRef(path: paths[low], index: number - firsts[low])
    }
}

// MARK: - Updating after an edit

/// What an edit can have changed in the checks, so only that is checked again: every check of the
/// edited files, and in the other files the KPIs and file-level checks that read what they define.
public struct Invalidation: Sendable {
    /// Everything: the files, their `use`s or the options changed.
    public var all = false
    /// Files checked again from scratch (changed, added or removed).
    public var files: Set<String> = []
    /// KPIs of other files whose checks read something of the edited files: the parents and
    /// children of their KPIs, KPIs whose `parent:` resolves differently, members of parent cycles.
    public var kpis: Set<KPIRef> = []
    /// Other files whose file-level checks (duplicate ids) read the ids of the edited files.
    public var fileChecks: Set<String> = []
    /// Files of which only some KPIs were read again: how their text moved. Findings kept from
    /// before must be moved with it (their own ranges, and related places in those files).
    public var moves: [String: FileEdit] = [:]

    public init(all: Bool = false) { self.all = all }

    public mutating func formUnion(_ other: Invalidation) {
        all = all || other.all
        files.formUnion(other.files)
        kpis.formUnion(other.kpis)
        fileChecks.formUnion(other.fileChecks)
        for (path, edit) in other.moves {
            moves[path] = moves[path].map { $0.then(edit) } ?? edit
        }
    }
}

extension Analysis {
    /// The analysis of `workspace`, which differs from this one's only in the files at `changed`:
    /// the goal graph is patched where those files reach instead of rebuilt, and the result says
    /// which checks can have changed. Falls back to a full build (and `Invalidation.all`) when files
    /// were added or removed, `use` lines or unreadable files changed, or the options differ.
    /// The result is the same analysis `Analysis(workspace, options:)` builds. With `reusingStorage`
    /// the graph's tables move to the new analysis instead of being copied, and this one is left
    /// empty: the caller must not use it again.
    public func updated(_ workspace: Workspace, changed: Set<String>, edits: [String: FileEdit] = [:], options: AnalysisOptions,
                        reusingStorage: Bool = false) -> (Analysis, Invalidation) {
        // Every changed path must be a file of both workspaces to be patched (one in neither, like a
        // document closed without ever being opened, would leave nothing to patch: rebuilt too).
        let inBoth = changed.allSatisfy({ self.workspace.files[$0] != nil && workspace.files[$0] != nil })
        let newPaths = inBoth && workspace.files.count == self.workspace.files.count ? paths : workspace.files.keys.sorted()
        let sameUses = changed.allSatisfy { path in
            self.workspace.files[path]?.uses.map(\.resolvedPath) == workspace.files[path]?.uses.map(\.resolvedPath)
        }
        guard inBoth, options == self.options, newPaths == paths, sameUses, workspace.unreadable == self.workspace.unreadable,
              var referrersOf = referrers else {
            return (Analysis(workspace, options: options), Invalidation(all: true))
        }
        // What was read again: whole files, or in a file with a `FileEdit` only its re-read KPIs
        // (the others are the same KPIs at the same indices, moved in the text).
        let edits = edits.filter { changed.contains($0.key) }
        let wholeFiles = changed.subtracting(edits.keys)
        func isReread(_ ref: KPIRef) -> Bool {
            wholeFiles.contains(ref.path) || edits[ref.path].map { $0.kpis.contains(ref.index) } ?? false
        }
        func rereadRefs(_ file: PlanFile) -> [KPIRef] {
            let indices = edits[file.path]?.kpis ?? file.kpis.indices
            return indices.map { KPIRef(path: file.path, index: $0) }
        }
        var invalid = Invalidation()
        invalid.files = wholeFiles
        invalid.moves = edits
        for (path, edit) in edits {
            invalid.fileChecks.insert(path)
            for index in edit.kpis { invalid.kpis.insert(KPIRef(path: path, index: index)) }
        }
        let oldFiles = changed.sorted().map { self.workspace.files[$0]! }, newFiles = changed.sorted().map { workspace.files[$0]! }

        // The tables to patch: moved out of this analysis when it is not used again, else copied.
        var byID = kpisByID
        var parentOf = parents
        var childrenOf = children
        var cyclesOf = cycles
        if reusingStorage {
            kpisByID = [:]
            referrers = [:]
            parents = [:]
            children = [:]
            cycles = [:]
        }
        // Ids: the lists of KPIs per id, patched for the ids the re-read KPIs define (before or after).
        var touched = Set<String>()
        for file in oldFiles + newFiles {
            for ref in rereadRefs(file) where !file.kpis[ref.index].id.isEmpty { touched.insert(file.kpis[ref.index].id) }
        }
        var newRefs: [String: [KPIRef]] = [:]
        for file in newFiles {
            for ref in rereadRefs(file) where !file.kpis[ref.index].id.isEmpty {
                newRefs[file.kpis[ref.index].id, default: []].append(ref)
            }
        }
        var changedIDs = Set<String>()
        for id in touched {
            let before = byID[id] ?? []
            var list = before.filter { !isReread($0) } + (newRefs[id] ?? [])
            list.sort()
            if list != before { changedIDs.insert(id) }
            byID[id] = list.isEmpty ? nil : list
            // Duplicate-id checks of every file defining one of these ids read the re-read KPIs.
            for ref in list + before where !wholeFiles.contains(ref.path) { invalid.fileChecks.insert(ref.path) }
        }

        var dirtyTargets = Set<KPIRef>()
        var oldNames = Set<String>()
        var relinked: [KPIRef] = []
        func unlink(_ ref: KPIRef) -> KPIRef? {
            guard let target = parentOf.removeValue(forKey: ref) else { return nil }
            childrenOf[target]?.removeAll { $0 == ref }
            dirtyTargets.insert(target)
            return target
        }
        func link(_ ref: KPIRef, _ target: KPIRef) {
            parentOf[ref] = target
            childrenOf[target, default: []].append(ref)
            dirtyTargets.insert(target)
        }
        // The re-read KPIs as they were leave the graph; their parents and children are checked again.
        for file in oldFiles {
            for ref in rereadRefs(file) {
                for child in childrenOf[ref] ?? [] where !isReread(child) { invalid.kpis.insert(child) }
                if let target = parentOf.removeValue(forKey: ref) {
                    dirtyTargets.insert(target)
                    if !isReread(target) { invalid.kpis.insert(target) }
                }
                if let name = file.kpis[ref.index].parent?.value { oldNames.insert(name) }
            }
        }
        for name in oldNames {
            referrersOf[name]?.removeAll { isReread($0) }
            if referrersOf[name]?.isEmpty ?? false { referrersOf[name] = nil }
        }
        for target in dirtyTargets { childrenOf[target]?.removeAll { isReread($0) } }
        // KPIs elsewhere whose `parent:` names a changed id resolve again.
        for id in changedIDs {
            for ref in referrersOf[id] ?? [] where !isReread(ref) {
                invalid.kpis.insert(ref)
                let target = Analysis.resolve(id, from: ref.path, byID: byID, visible: visibleFiles[ref.path]!)
                guard target != parentOf[ref] else { continue }
                if let old = unlink(ref), !isReread(old) { invalid.kpis.insert(old) }
                if let target {
                    link(ref, target)
                    if !isReread(target) { invalid.kpis.insert(target) }
                }
                relinked.append(ref)
            }
        }
        // The re-read KPIs join the graph.
        for file in newFiles {
            for ref in rereadRefs(file) {
                relinked.append(ref)
                guard let name = file.kpis[ref.index].parent?.value else { continue }
                referrersOf[name, default: []].append(ref)
                if let target = Analysis.resolve(name, from: file.path, byID: byID, visible: visibleFiles[file.path]!) {
                    link(ref, target)
                    if !isReread(target) { invalid.kpis.insert(target) }
                }
            }
        }
        for target in dirtyTargets {
            if childrenOf[target]?.isEmpty ?? false { childrenOf[target] = nil } else { childrenOf[target]?.sort() }
        }
        for file in newFiles {
            for ref in rereadRefs(file) {
                for child in childrenOf[ref] ?? [] where !isReread(child) { invalid.kpis.insert(child) }
            }
        }
        // An unresolved `parent:` suggests ids of the files it sees: those that see an edited file
        // whose ids changed check theirs again.
        let idsChanged = zip(oldFiles, newFiles).contains { old, new in
            rereadRefs(new).map { new.kpis[$0.index].id } != rereadRefs(old).map { old.kpis[$0.index].id }
        }
        if idsChanged {
            var seeing = Set(edits.keys)   // a file sees its own ids
            for path in changed { seeing.formUnion(usersOf[path] ?? []) }
            seeing.subtract(wholeFiles)
            for (_, refs) in referrersOf {
                for ref in refs where seeing.contains(ref.path) && !isReread(ref) && parentOf[ref] == nil { invalid.kpis.insert(ref) }
            }
        }

        // Cycles: those through a changed link are gone; new ones run through a changed link.
        let relinkedSet = Set(relinked)
        for (member, cycle) in cyclesOf where cyclesOf[member] != nil && (isReread(member) || relinkedSet.contains(member)) {
            for ref in cycle {
                cyclesOf[ref] = nil
                if !isReread(ref) { invalid.kpis.insert(ref) }
            }
        }
        for start in relinked where cyclesOf[start] == nil {
            var walk = [start]
            var seen: Set<KPIRef> = [start]
            var node = parentOf[start]
            while let current = node, !seen.contains(current) {
                walk.append(current)
                seen.insert(current)
                node = parentOf[current]
            }
            guard node == start else { continue }
            let cycle = Analysis.canonicalCycle(walk)
            for member in walk {
                cyclesOf[member] = cycle
                if !isReread(member) { invalid.kpis.insert(member) }
            }
        }

        let analysis = Analysis(workspace: workspace, options: options, paths: paths, kpisByID: byID,
                                visibleFiles: visibleFiles, usersOf: usersOf, parents: parentOf, children: childrenOf,
                                cycles: cyclesOf, referrers: referrersOf)
        return (analysis, invalid)
    }
}

/// A value worked out when first asked for, once, however many threads ask (the checks and the
/// server's requests read one analysis from several threads).
final class LazyValue<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    func value(_ make: () -> Value) -> Value {
        stored.withLock { stored in
            if let value = stored { return value }
            let value = make()
            stored = value
            return value
        }
    }
}

// After an edit: the goal graph patched for the files that changed instead of rebuilt, and what
// the edit can have changed in the checks (`Invalidation`), so only that is checked again.

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
    /// The result is the same analysis `Analysis(workspace, options:)` builds.
    ///
    /// Consumes this analysis: its tables become the new one's. Handed the caller's last copy
    /// (`(consume analysis).updated(…)`), they are patched in place, which is what keeps a keystroke
    /// in a large workspace from copying every table; if the caller keeps a copy, that copy still
    /// answers as before and the tables are copied once.
    public consuming func updated(
        _ workspace: Workspace, changed: Set<String>, edits: [String: FileEdit] = [:], options: AnalysisOptions
    ) -> (Analysis, Invalidation) {
        // Every changed path must be a file of both workspaces to be patched (one in neither, like a
        // document closed without ever being opened, would leave nothing to patch: rebuilt too).
        let inBoth = changed.allSatisfy({ self.workspace.files[$0] != nil && workspace.files[$0] != nil })
        let newPaths = inBoth && workspace.files.count == self.workspace.files.count ? paths : workspace.files.keys.sorted()
        let sameUses = changed.allSatisfy { path in
            self.workspace.files[path]?.uses.map(\.resolvedPath) == workspace.files[path]?.uses.map(\.resolvedPath)
        }
        guard inBoth, options == self.options, newPaths == paths, sameUses, workspace.unreadable == self.workspace.unreadable,
            var referrersOf = referrers.take()
        else {
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
        let oldFiles = changed.sorted().map { self.workspace.files[$0]! }
        let newFiles = changed.sorted().map { workspace.files[$0]! }

        // The tables to patch, taken out of this analysis (which is not used again) so that each is
        // referenced once and changed in place, unless the caller kept a copy.
        var byID = take(&kpisByID, [:])
        var parentOf = take(&parents, [:])
        var childrenOf = take(&children, [:])
        var cyclesOf = take(&cycles, [:])
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
                let target = Analysis.resolve(id, from: ref.path, byID: byID, graph: useGraph)
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
                if let target = Analysis.resolve(name, from: file.path, byID: byID, graph: useGraph) {
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
            var seeing = Set(edits.keys)  // a file sees its own ids
            seeing.formUnion(self.seeing(any: changed))
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

        let analysis = Analysis(
            workspace: workspace, options: options, paths: paths, kpisByID: byID,
            useGraph: useGraph, parents: parentOf, children: childrenOf,
            cycles: cyclesOf, referrers: referrersOf)
        return (analysis, invalid)
    }
}

/// The value of `variable`, leaving `empty` in its place: the caller then holds the only reference.
private func take<Value>(_ variable: inout Value, _ empty: Value) -> Value {
    var value = empty
    swap(&value, &variable)
    return value
}

// The checks of every file, kept between edits: per file its file-level checks and each KPI's
// checks, and the list they make. After an edit only what the edit can affect is checked again
// (`Invalidation`, from `Analysis.updated`); the rest is reused. The lists are the same ones
// `Analysis.diagnostics(for:)` returns.

import KPIFiles
import KPIPlan

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

final class DiagnosticsCache {
    struct FileChecks {
        var fileChecks: [KPIPlan.Diagnostic] = []
        var kpiChecks: [[KPIPlan.Diagnostic]] = []
        var diagnostics: [KPIPlan.Diagnostic] = []
    }

    private(set) var files: [String: FileChecks] = [:]
    private var pending = Invalidation(all: true)
    /// Files whose list changed since it was last compared with what was published.
    var unsynced: Set<String> = []
    /// Files whose findings the last refresh moved with an edit of a file they point into.
    private(set) var lastMoved: Set<String> = []

    func invalidate(_ invalidation: Invalidation) { pending.formUnion(invalidation) }

    func diagnostics(for path: String) -> [KPIPlan.Diagnostic] { files[path]?.diagnostics ?? [] }

    /// Brings every list up to date with `analysis`; returns the files and KPIs checked again.
    @discardableResult
    func refresh(_ analysis: Analysis, caches: AnalysisCaches) -> (files: Int, kpis: Int) {
        let work = pending
        pending = Invalidation()
        if work.all {
            unsynced.formUnion(files.keys)
            files = [:]
        }
        // What to compute: whole files, single KPIs, file-level checks.
        var whole = work.all ? Set(analysis.paths) : work.files
        for path in whole where analysis.file(path) == nil {
            files[path] = nil
            unsynced.insert(path)
            whole.remove(path)
        }
        var jobs: [(path: String, index: Int)] = []  // index -1: the file-level checks
        for path in whole.sorted() {
            jobs.append((path, -1))
            for index in analysis.file(path)!.kpis.indices { jobs.append((path, index)) }
        }
        for path in work.fileChecks where !whole.contains(path) && files[path] != nil { jobs.append((path, -1)) }
        for ref in work.kpis where !whole.contains(ref.path) {
            guard let count = files[ref.path]?.kpiChecks.count, ref.index < count else { continue }
            jobs.append((ref.path, ref.index))
        }
        let moved = move(work.moves, except: whole, computed: &jobs, analysis: analysis)
        let results = Self.run(jobs, analysis, caches)

        for path in whole {
            files[path] = FileChecks(kpiChecks: Array(repeating: [], count: analysis.file(path)!.kpis.count))
        }
        var touched = Set<String>()
        var kpis = 0
        for (job, found) in zip(jobs, results) {
            touched.insert(job.path)
            if job.index < 0 {
                files[job.path]!.fileChecks = found
            } else {
                files[job.path]!.kpiChecks[job.index] = found
                kpis += 1
            }
        }
        touched.formUnion(moved)
        lastMoved = moved
        for path in touched {
            let checks = files[path]!
            files[path]!.diagnostics = analysis.diagnostics(for: path, fileChecks: checks.fileChecks, kpiChecks: checks.kpiChecks)
        }
        unsynced.formUnion(touched)
        return (touched.count, kpis)
    }

    /// Moves the findings kept from before with the text of files that were partly re-read (their
    /// own ranges and related places in those files). A finding that pointed into a re-read part
    /// is computed again (added to `jobs`). Returns the files whose findings moved.
    private func move(
        _ moves: [String: FileEdit], except whole: Set<String>, computed jobs: inout [(path: String, index: Int)],
        analysis: Analysis
    ) -> Set<String> {
        guard !moves.isEmpty else { return [] }
        var scheduled = Set(jobs.map { KPIRef(path: $0.path, index: $0.index) })
        var moved = Set<String>()
        // A KPI's findings point at itself, its parent and its children: into the files it sees or
        // that see it. Only those files' KPI findings can mention a moved file (file-level findings,
        // duplicate ids, can point anywhere: every file's are looked at).
        var seeing = Set<String>()
        seeing.formUnion(moves.keys)
        seeing.formUnion(analysis.seeing(any: moves.keys))
        seeing.formUnion(analysis.visible(fromAny: moves.keys))
        let movedPaths = Array(moves.keys)  // compared directly: hashing a path per finding cost more
        func mentions(_ diagnostic: KPIPlan.Diagnostic) -> Bool {
            movedPaths.contains(diagnostic.path) || diagnostic.related.contains { movedPaths.contains($0.path) }
        }
        // Lists are changed in place, and only those that mention a moved file (most are empty):
        // copying every file's lists would cost more than the checks of the edit.
        func move(_ path: String, _ index: Int, _ list: inout [KPIPlan.Diagnostic]) {
            guard list.contains(where: mentions), !scheduled.contains(KPIRef(path: path, index: index)) else { return }
            moved.insert(path)
            let result = list.compactMap { $0.moved(moves) }
            if result.count < list.count {
                jobs.append((path, index))
                scheduled.insert(KPIRef(path: path, index: index))
            }
            list = result
        }
        // Through the dictionary's own positions: a look-up by path per KPI cost more than the moving.
        for position in files.indices {
            let path = files.keys[position]
            guard !whole.contains(path) else { continue }
            move(path, -1, &files.values[position].fileChecks)
            guard seeing.contains(path) else { continue }
            let kpiChecks = files.values[position].kpiChecks  // read once; written only where something moves
            for index in kpiChecks.indices where !kpiChecks[index].isEmpty && kpiChecks[index].contains(where: mentions) {
                move(path, index, &files.values[position].kpiChecks[index])
            }
        }
        return moved
    }

    private static func run(_ jobs: [(path: String, index: Int)], _ analysis: Analysis, _ caches: AnalysisCaches) -> [[KPIPlan.Diagnostic]]
    {
        Parallel.map(jobs, minimum: 256) { job in
            job.index < 0
                ? analysis.rawFileDiagnostics(for: job.path)
                : analysis.rawDiagnostics(of: KPIRef(path: job.path, index: job.index), caches: caches)
        }
    }
}

enum Parallel {
    /// `items.map(transform)`, on every core when there are at least `minimum` items, on threads
    /// with large stacks (a deeply nested plan recurses as deeply there as on the main thread).
    static func map<T: Sendable, R: Sendable>(_ items: [T], minimum: Int, _ transform: @escaping @Sendable (T) -> R) -> [R] {
        guard items.count >= minimum else { return items.map(transform) }
        return mapOnLargeStacks(items, transform)
    }
}

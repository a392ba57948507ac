// What the checks, completion and hovers work out from one analysis when first asked for and then
// keep for as long as that analysis is current: did-you-mean indexes of each file's ids, each
// file's ids end to end for `parent:` completion, the workspace's own metric names. They live
// beside the `Analysis` they were made for, never in it, and serve no other analysis.

import Synchronization

/// Which snapshot an `Analysis` is. Its copies share one; every build and update makes a new one.
/// Compared by identity; held strongly by the caches, so a freed one is never mistaken for a new one.
final class AnalysisIdentity: Sendable {}

/// The values worked out on demand from one analysis, shared by every request and check on it
/// (several threads: the checks of several files run in parallel). The server and the command line
/// make one with each analysis (`AnalysisCaches(for:)`) and pass it to the queries that read it;
/// given with another analysis, it is not used (`Analysis.caches(_:)`).
public final class AnalysisCaches: Sendable {
    private let owner: AnalysisIdentity
    /// "Did you mean" look-ups for unknown parents, per file.
    let suggestionIndexes = PerFileCache<SuggestionIndex>()
    /// Each file's KPI ids, end to end, for `parent:` completion (`IDList`).
    let idLists = PerFileCache<Analysis.IDList>()
    /// The workspace's own metric names with how many KPIs use each (`workspaceMetrics`).
    let workspaceMetricList = LazyValue<[(name: String, users: Int)]>()

    public init(for analysis: Analysis) { owner = analysis.identity }

    /// Whether these caches were made for this analysis (or a copy of it).
    public func serve(_ analysis: Analysis) -> Bool { owner === analysis.identity }
}

extension Analysis {
    /// The caches to read: those given when they were made for this analysis, else new ones that
    /// last as long as the call (a stale cache must not answer for a newer snapshot).
    func caches(_ given: AnalysisCaches?) -> AnalysisCaches {
        if let given, given.serve(self) { return given }
        return AnalysisCaches(for: self)
    }
}

/// Values worked out per file on demand, each once for the life of one analysis (did-you-mean
/// indexes of a file's ids, the ids themselves for completion): a file's value serves every file
/// that sees it. Checks of several files run in parallel, hence the lock.
public final class PerFileCache<Value: Sendable>: Sendable {
    private let values = Mutex<[String: Value]>([:])

    public init() {}

    public func value(for path: String, build: () -> Value) -> Value {
        if let found = values.withLock({ $0[path] }) { return found }
        let built = build()
        values.withLock { $0[path] = built }
        return built
    }
}

/// A value worked out when first asked for, once, however many threads ask.
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

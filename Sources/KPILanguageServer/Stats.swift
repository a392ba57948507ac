// `kpi/stats`: counters for benchmarks and for checking that re-checking after an edit stays
// proportional to what the edit can affect — how many files and KPIs the last diagnostics pass
// re-checked, how many files it published, and how long the passes took.

import Dispatch
import KPIPlan
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public struct StatsResult: Codable, Sendable, Equatable {
    /// Files and KPIs in the workspace now.
    public var files: Int
    public var kpis: Int
    /// The last diagnostics pass: files whose diagnostics were computed, the KPIs checked for them,
    /// and the files whose diagnostics were sent (unchanged ones are not sent again).
    public var lastFilesRechecked: Int
    public var lastKPIsRechecked: Int
    public var lastFilesPublished: Int
    /// Milliseconds of the last diagnostics pass: the goal graph (re)built, and the whole pass.
    public var lastAnalysisMs: Double
    public var lastPublishMs: Double
    /// Since start: diagnostics passes, goal graphs built, KPIs checked.
    public var passes: Int
    public var analysisBuilds: Int
    public var totalKPIsRechecked: Int
}

public enum StatsRequest: LSPRequest {
    public static let method = "kpi/stats"
    public typealias Params = NoParams
    public typealias Response = StatsResult
}

/// What the server counts as it works.
struct ServerStats {
    var lastFilesRechecked = 0
    var lastKPIsRechecked = 0
    var lastFilesPublished = 0
    var lastAnalysisMs = 0.0
    var lastPublishMs = 0.0
    var passes = 0
    var analysisBuilds = 0
    var totalKPIsRechecked = 0
}

/// Monotonic milliseconds, for the counters.
enum Milliseconds {
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000 }
}

extension Server {
    func stats(_: NoParams) throws -> StatsResult {
        // The pass for changes already handled runs first, so the answer counts every change sent
        // before the request (a pass otherwise waits until no message is queued).
        if !changedPaths.isEmpty && phase == .running { publishDiagnostics() }
        return StatsResult(
            files: workspace.files.count, kpis: workspace.files.values.reduce(0) { $0 + $1.kpis.count },
            lastFilesRechecked: stats.lastFilesRechecked, lastKPIsRechecked: stats.lastKPIsRechecked,
            lastFilesPublished: stats.lastFilesPublished, lastAnalysisMs: stats.lastAnalysisMs,
            lastPublishMs: stats.lastPublishMs, passes: stats.passes, analysisBuilds: stats.analysisBuilds,
            totalKPIsRechecked: stats.totalKPIsRechecked)
    }
}

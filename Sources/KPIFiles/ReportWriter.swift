// `kpi report` on every core: the report's pieces (`ReportDocument`: the head, each goal's tree, its
// cards a few dozen at a time, the scorecard and findings) written on several threads and joined in
// order, the same bytes as `Analysis.report` on one thread. The model stays single-threaded and pure.

import KPIPlan

/// The report of the workspace (or of one KPI's subtree), its pieces written in parallel.
public func writeReport(_ analysis: Analysis, _ options: ReportOptions = ReportOptions()) -> String {
    let document = analysis.reportDocument(options)
    let parts = mapOnLargeStacks(Array(0..<document.pieceCount), stackSize: 64 << 20) { document.piece($0) }
    return document.joined(parts)
}

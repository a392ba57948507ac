// `kpi report` on every core: the KPIs' math, the files' findings and the report's pieces
// (`ReportDocument`: the head, each goal's tree, its cards a few dozen at a time, the scorecard and
// findings) computed on several threads and joined in order, the same bytes as `Analysis.report`
// on one thread. The model stays single-threaded and pure.

import KPIPlan

/// The report's pieces, written in parallel; joined in order they are the page.
func reportPieces(_ analysis: Analysis, _ options: ReportOptions) -> [String] {
    let outline = analysis.reportOutline(options)
    let math = mapOnLargeStacks(Array(0..<outline.kpiCount), stackSize: 64 << 20) { outline.math(at: $0) }
    let diagnostics = mapOnLargeStacks(Array(0..<outline.fileCount), stackSize: 64 << 20) { outline.diagnostics(inFile: $0) }
    let document = ReportDocument(outline, math: math, diagnostics: diagnostics)
    return mapOnLargeStacks(Array(0..<document.pieceCount), stackSize: 64 << 20) { document.piece($0) }
}

/// The report of the workspace (or of one KPI's subtree), its pieces written in parallel.
public func writeReport(_ analysis: Analysis, _ options: ReportOptions = ReportOptions()) -> String {
    let pieces = reportPieces(analysis, options)
    var page = ""
    page.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count })
    for piece in pieces { page += piece }
    return page
}

/// Writes the report to the file at `path`, piece by piece, without the whole page in memory
/// twice (`PlanWriter.create`: a temporary file beside it, renamed over it once complete).
/// Returns the page's size in bytes.
public func writeReport(_ analysis: Analysis, _ options: ReportOptions = ReportOptions(), toFile path: String)
    -> Result<Int, PlanWriter.WriteError>
{
    PlanWriter.create(path, from: reportPieces(analysis, options))
}

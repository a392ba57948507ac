// `kpi report` on every core: the KPIs' math, the files' findings and the report's pieces
// (`ReportDocument`: the head, each goal's tree, its cards a few dozen at a time, the scorecard and
// findings) computed on several threads and joined in order, the same bytes as `Analysis.report`
// on one thread. The model stays single-threaded and pure.

import KPIPlan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
/// twice: into a temporary file beside it, renamed over it once complete, so a failed or
/// interrupted write leaves the old file as it was. Returns the page's size in bytes.
public func writeReport(_ analysis: Analysis, _ options: ReportOptions = ReportOptions(), toFile path: String) -> Result<
    Int, PlanWriter.WriteError
> {
    let pieces = reportPieces(analysis, options)
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = folder + ".\(name).kpi-report-\(getpid())"
    TemporaryFileCleanup.register(temporary)
    defer { TemporaryFileCleanup.unregister() }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { return .failure(PlanWriter.WriteError(errno)) }
    func fail(_ code: Int32) -> Result<Int, PlanWriter.WriteError> {
        close(fd)
        unlink(temporary)
        return .failure(PlanWriter.WriteError(code))
    }
    var size = 0
    for piece in pieces {
        var piece = piece
        let failed: Int32? = piece.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failed { return fail(failed) }
        size += piece.utf8.count
    }
    guard close(fd) == 0 else {
        let code = errno
        unlink(temporary)
        return .failure(PlanWriter.WriteError(code))
    }
    guard rename(temporary, path) == 0 else {
        let code = errno
        unlink(temporary)
        return .failure(PlanWriter.WriteError(code))
    }
    return .success(size)
}

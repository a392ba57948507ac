// `kpi explain ID`: the cascade math of one KPI, laid out as the hover shows it.

import CHeap
import Dispatch
import KPIFiles
import KPILanguageServer
import KPIPlan
import KPISyntax
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

func explain(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: [], values: ["--today", "--max-annual-growth", "--max-annual-reduction"])
    guard let id = arguments.positional.first else {
        throw UsageError(message: "explain needs a KPI id, like `kpi explain mrr examples/acme.kpi`")
    }
    let (workspace, _) = loadWorkspace(Array(arguments.positional.dropFirst()))
    let analysis = workspace.analysisForChecksOnly(try analysisOptions(arguments))
    let matches = analysis.kpis(withID: id)
    guard !matches.isEmpty else {
        let hint = Suggestions.closest(to: id, in: analysis.allIDs).map { ": did you mean `\($0)`?" } ?? ""
        fail("no KPI `\(id)` in \(workspace.files.count) file\(workspace.files.count == 1 ? "" : "s")\(hint)")
    }
    var out = ""
    for ref in matches {
        let position = workspace.files[ref.path]!.tree.lines.position(of: analysis.kpi(ref).idRange.lowerBound)
        out += analysis.explanation(ref).text() + "  (\(ref.path):\(position.line + 1))\n"
    }
    printOut(out)
    return 0
}

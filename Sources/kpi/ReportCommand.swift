// `kpi report`: writes the plans as one self-contained HTML page (the cascade tree, path charts,
// split waterfalls, scorecard and findings; see docs/report.md) to kpi-report.html, another file
// (`-o FILE`) or standard output (`-o -`).

import KPIFiles
import KPIPlan
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

func report(_ raw: ArraySlice<String>) throws -> Int32 {
    // `-o FILE` is the one short option: taken out before the long ones are read.
    var rest: [String] = []
    var output = "kpi-report.html"
    var iterator = raw.makeIterator()
    while let argument = iterator.next() {
        if argument == "-o" || argument == "--output" {
            guard let value = iterator.next() else { throw UsageError(message: "\(argument) needs a file name (or - for standard output)") }
            output = value
        } else {
            rest.append(argument)
        }
    }
    let arguments = try Arguments(rest[...], flags: [], values: ["--today", "--kpi"])
    let (workspace, _) = loadWorkspace(arguments.positional, keepingSyntax: false)
    let analysis = workspace.analysisForChecksOnly(try analysisOptions(arguments))
    var options = ReportOptions()
    if let id = arguments.values["--kpi"] {
        guard let ref = analysis.kpis(withID: id).first else {
            let hint = Suggestions.closest(to: id, in: analysis.allIDs).map { ": did you mean `\($0)`?" } ?? ""
            fail("no KPI `\(id)` in \(workspace.files.count) file\(workspace.files.count == 1 ? "" : "s")\(hint)")
        }
        options.root = ref
    }
    if output == "-" {
        printOut(writeReport(analysis, options))
    } else {
        switch writeReport(analysis, options, toFile: output) {
        case .success(let size): StandardError.log("kpi: wrote \(output) (\(analysis.allRefs.count) KPIs, \(size / 1024) KB)")
        case .failure(let error): fail("cannot write \(output): \(error)")
        }
    }
    keptUntilExit = analysis
    return 0
}

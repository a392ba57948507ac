// `kpi check`: the findings of the plans named, as text lines (`path:line:col: severity: message [code]`) or JSON, for CI and scripts.

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

func check(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(
        raw, flags: ["--strict", "--show-ignored"],
        values: ["--format", "--max-annual-growth", "--max-annual-reduction", "--today", "--severity", "--docs-url"])
    let format = arguments.values["--format"] ?? "text"
    guard ["text", "json", "sarif", "github"].contains(format) else {
        throw UsageError(message: "--format takes text, json, sarif or github")
    }
    let timing = Timing(enabled: ProcessInfo.processInfo.environment["KPI_TIMING"] == "1")
    let (workspace, roots) = loadWorkspace(arguments.positional, keepingSyntax: false)
    timing.mark("load")
    let analysis = workspace.analysisForChecksOnly(try analysisOptions(arguments))
    let caches = AnalysisCaches(for: analysis)  // a file's did-you-mean index serves every file that sees it
    timing.mark("goal graph")
    let reported = roots.filter { workspace.files[$0] != nil }
    // Files are checked on all cores (the analysis is a Sendable value), and listed in the order named.
    let showIgnored = arguments.flags.contains("--show-ignored")
    let perFile = mapOnLargeStacks(reported) { path in
        showIgnored
            ? analysis.diagnosticsAndSilenced(for: path, caches: caches)
            : (kept: analysis.diagnostics(for: path, caches: caches), silenced: [])
    }
    let all = perFile.flatMap(\.kept)
    timing.mark("checks")
    let silenced = perFile.flatMap(\.silenced)

    if format == "sarif" {
        printOut(
            try SarifOutput.log(
                kept: all, ignored: silenced, workspace: workspace,
                docsURL: arguments.values["--docs-url"] ?? DocsLocation.base,
                workingDirectory: FileManager.default.currentDirectoryPath))
    } else if format == "github" {
        printOut(GitHubOutput.commands(all, workspace: workspace))
    } else if format == "json" {
        printOut(try JSONOutput.findings(kept: all, ignored: silenced, workspace: workspace))
    } else {
        var out = ""
        for d in all { out += line(d, workspace) }
        for d in silenced { out += line(d, workspace, prefix: "ignored ") }
        let counts = Dictionary(grouping: all, by: \.severity).mapValues(\.count)
        let summary = [Severity.error, .warning, .information, .hint].compactMap { s in
            counts[s].map { "\($0) \(s == .information ? "info" : s.name)\($0 == 1 || s == .information ? "" : "s")" }
        }
        out +=
            "\(reported.count) file\(reported.count == 1 ? "" : "s") checked: "
            + (summary.isEmpty ? "no problems" : summary.joined(separator: ", ")) + "\n"
        printOut(out)
    }
    timing.mark("output")
    timing.throughput(workspace)
    let failing = all.contains { $0.severity == .error || (arguments.flags.contains("--strict") && $0.severity == .warning) }
    keptUntilExit = analysis
    return failing ? 1 : 0
}

/// The analysis `kpi check` built (and the workspace in it), kept for the process to drop at exit:
/// freeing the syntax trees node by node takes some 25 ms of a 10,000-KPI workspace, for nothing.
nonisolated(unsafe) var keptUntilExit: (any Sendable)?

func line(_ d: KPIPlan.Diagnostic, _ workspace: Workspace, prefix: String = "") -> String {
    let position = workspace.files[d.path]!.tree.lines.position(of: d.range.lowerBound)
    return "\(d.path):\(position.line + 1):\(position.column + 1): \(prefix)\(d.severity.name): \(d.message) [\(d.code.rawValue)]\n"
}

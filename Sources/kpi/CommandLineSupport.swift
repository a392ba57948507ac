// Shared by the subcommands: argument parsing, usage errors, writing to stdout, and loading the plans named on the command line with the files they use.

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

struct UsageError: Error { let message: String }

func fail(_ message: String, code: Int32 = 2) -> Never {
    StandardError.log("kpi: \(message)")
    exit(code)
}

/// Writes to standard output in one piece (`kpi check` reports can be megabytes).
func printOut(_ text: String) {
    try? FileDescriptorOutput.writeAll(Array(text.utf8), to: STDOUT_FILENO)
}

/// Whether a command-line path names a folder (or a link to one).
func isFolder(_ path: String) -> Bool {
    var isDirectory = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
}

/// `value` with `digits` decimals, for the timing lines.
func fixed(_ value: Double, _ digits: Int) -> String {
    let scale = Int(pow(10, Double(digits)))
    let scaled = Int((value * Double(scale)).rounded())
    let fraction = String(scaled % scale)
    return digits == 0 ? "\(scaled)" : "\(scaled / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
}

/// Splits arguments into options (with their values) and positional arguments.
struct Arguments {
    var positional: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]

    init(_ raw: ArraySlice<String>, flags known: Set<String>, values takesValue: Set<String>) throws {
        var iterator = raw.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                var name = argument
                var inline: String?
                if let eq = argument.firstIndex(of: "=") {
                    name = String(argument[..<eq])
                    inline = String(argument[argument.index(after: eq)...])
                }
                if known.contains(name) {
                    flags.insert(name)
                } else if takesValue.contains(name) {
                    guard let value = inline ?? iterator.next() else { throw UsageError(message: "\(name) needs a value") }
                    values[name] = value
                } else {
                    throw UsageError(message: "unknown option \(argument)")
                }
            } else {
                positional.append(argument)
            }
        }
    }
}

/// The options of the checks: the flags over the team's `kpi.toml` over the defaults.
func analysisOptions(_ arguments: Arguments) throws -> AnalysisOptions {
    var flags = KPISettings()
    var today = PlanFiles.today()
    if let text = arguments.values["--today"] {
        guard let date = PlanDate.parse([Substring(text)], fiscalYearStart: 1) else {
            throw UsageError(message: "--today takes a date like 2027-07-15")
        }
        today = date.day
    }
    if let text = arguments.values["--max-annual-growth"] {
        guard let number = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), number > 0 else {
            throw UsageError(message: "--max-annual-growth takes a percentage like 150%")
        }
        flags.maxAnnualGrowth = number / 100
    }
    if let text = arguments.values["--max-annual-reduction"] {
        guard let number = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), number > 0, number < 100 else {
            throw UsageError(message: "--max-annual-reduction takes a percentage between 0% and 100%, like 80%")
        }
        flags.maxAnnualReduction = number / 100
    }
    // `--severity off-track=off,no-owner=hint`: the same per-code severities as the editor setting.
    for pair in (arguments.values["--severity"] ?? "").split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " \t") }
        guard parts.count == 2, let code = DiagnosticCode(rawValue: parts[0]) else {
            throw UsageError(message: "--severity takes CODE=LEVEL pairs, like off-track=off,no-owner=hint (unknown: \(pair))")
        }
        guard let severity = KPISettings.severity(named: parts[1]) else {
            throw UsageError(message: "--severity: `\(parts[1])` is not error, warning, info, hint or off")
        }
        flags.severities[code] = severity
    }
    return flags.over(TeamSettings.current.file.settings).options(today: today)
}

/// Loads the plans named on the command line (files or folders) and the files they use; without
/// `keepingSyntax`, only what the checks read (see `PlanFile.withoutSyntax`).
func loadWorkspace(_ paths: [String], keepingSyntax: Bool = true) -> (Workspace, [String]) {
    var workspace = Workspace()
    var roots: [String] = []
    var workspaceFolders: Set<String> = []
    for argument in paths.isEmpty ? ["."] : paths {
        let path = PlanFile.resolve(argument, from: "")
        if isFolder(argument) {
            roots += PlanFiles.planFiles(under: path.isEmpty ? "." : path).filter { !TeamSettings.current.excludes($0) }
        } else {
            roots.append(path)
            if let folder = PlanFiles.workspaceFolder(of: path) { workspaceFolders.insert(folder) }
        }
    }
    // Read on all cores, then added in the order named: the first unreadable one stops `kpi`, as before.
    for (path, result) in zip(roots, PlanFiles.load(roots, keepingSyntax: keepingSyntax)) {
        switch result {
        case .success(let file): workspace.set(file)
        case .failure(let error): fail("cannot read \(path): \(error)")
        }
    }
    // What the editor would load too: the plans of each named file's workspace that use it.
    let named = Set(roots)
    for folder in workspaceFolders.sorted() {
        let others = PlanFiles.planFiles(under: folder).filter { workspace.files[$0] == nil }
        let readable = PlanFiles.load(others, keepingSyntax: keepingSyntax).compactMap { try? $0.get() }
        for file in PlanFiles.users(of: named, among: readable) { workspace.set(file) }
    }
    PlanFiles.loadUses(into: &workspace, keepingSyntax: keepingSyntax)
    return (workspace, roots)
}

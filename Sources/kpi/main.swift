// `kpi`: the command line. `kpi check` for CI and scripts, `kpi fmt` for the canonical form,
// `kpi explain` for the cascade math, and `kpi lsp` for editors. Exit codes: 0 fine, 1 findings
// (errors, or warnings with --strict; files to reformat with fmt --check), 2 bad usage or unreadable input.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CHeap
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KPIFiles
import KPILanguageServer
import KPIPlan
import KPISyntax
import LanguageServerProtocol

let version = "0.1.0"

let usage = """
kpi \(version) — checks, formats and explains KPI plans (*.kpi), and serves them to editors.

usage:
  kpi check [PATH...] [--format text|json] [--strict] [--max-annual-growth PCT] [--today DATE]
            [--severity CODE=LEVEL,...] [--show-ignored]
  kpi fmt [--check] PATH...        (PATH - reads stdin and writes stdout)
  kpi explain ID [PATH...] [--today DATE]
  kpi lsp [--stdio]                the language server, over stdin/stdout
  kpi --version

PATH is a plan file or a folder (searched for *.kpi); the default is the current folder.
"""

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

func analysisOptions(_ arguments: Arguments) throws -> AnalysisOptions {
    var options = AnalysisOptions(today: PlanFiles.today())
    if let text = arguments.values["--today"] {
        guard let date = PlanDate.parse([Substring(text)], fiscalYearStart: 1) else { throw UsageError(message: "--today takes a date like 2027-07-15") }
        options.today = date.day
    }
    if let text = arguments.values["--max-annual-growth"] {
        guard let number = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), number > 0 else {
            throw UsageError(message: "--max-annual-growth takes a percentage like 150%")
        }
        options.maxAnnualGrowth = number / 100
    }
    // `--severity off-track=off,no-owner=hint`: the same per-code severities as the editor setting.
    for pair in (arguments.values["--severity"] ?? "").split(separator: ",") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " \t") }
        guard parts.count == 2, let code = DiagnosticCode(rawValue: parts[0]) else {
            throw UsageError(message: "--severity takes CODE=LEVEL pairs, like off-track=off,no-owner=hint (unknown: \(pair))")
        }
        if parts[1] == "off" { options.severities[code] = .some(nil) } else if let severity = Severity(name: parts[1]) {
            options.severities[code] = severity
        } else {
            throw UsageError(message: "--severity: `\(parts[1])` is not error, warning, info, hint or off")
        }
    }
    return options
}

/// Loads the plans named on the command line (files or folders) and the files they use; without
/// `keepingSyntax`, only what the checks read (see `PlanFile.withoutSyntax`).
func loadWorkspace(_ paths: [String], keepingSyntax: Bool = true) -> (Workspace, [String]) {
    var workspace = Workspace()
    var roots: [String] = []
    for argument in paths.isEmpty ? ["."] : paths {
        let path = PlanFile.resolve(argument, from: "")
        if isFolder(argument) {
            roots += PlanFiles.planFiles(under: path.isEmpty ? "." : path)
        } else {
            roots.append(path)
        }
    }
    // Read on all cores, then added in the order named: the first unreadable one stops `kpi`, as before.
    for (path, result) in zip(roots, PlanFiles.load(roots, keepingSyntax: keepingSyntax)) {
        switch result {
        case .success(let file): workspace.set(file)
        case .failure(let error): fail("cannot read \(path): \(error)")
        }
    }
    PlanFiles.loadUses(into: &workspace, keepingSyntax: keepingSyntax)
    return (workspace, roots)
}

// MARK: - kpi check

func check(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: ["--strict", "--show-ignored"], values: ["--format", "--max-annual-growth", "--today", "--severity"])
    let format = arguments.values["--format"] ?? "text"
    guard format == "text" || format == "json" else { throw UsageError(message: "--format takes text or json") }
    let timing = Timing(enabled: ProcessInfo.processInfo.environment["KPI_TIMING"] == "1")
    let (workspace, roots) = loadWorkspace(arguments.positional, keepingSyntax: false)
    timing.mark("load")
    let analysis = workspace.analysisForChecksOnly(try analysisOptions(arguments))
    timing.mark("goal graph")
    let reported = roots.filter { workspace.files[$0] != nil }
    // Files are checked on all cores (the analysis is immutable), and listed in the order named.
    let showIgnored = arguments.flags.contains("--show-ignored")
    let perFile = mapOnLargeStacks(reported) { path in
        showIgnored ? analysis.diagnosticsAndSilenced(for: path) : (kept: analysis.diagnostics(for: path), silenced: [])
    }
    let all = perFile.flatMap(\.kept)
    timing.mark("checks")
    let silenced = perFile.flatMap(\.silenced)

    if format == "json" {
        // Keys in the order `.sortedKeys` puts them (see `PrettyJSON`).
        let encode: (KPIPlan.Diagnostic, Bool) -> PrettyJSON = { d, ignored in
            let lines = workspace.files[d.path]!.tree.lines
            let start = lines.position(of: d.range.lowerBound), end = lines.position(of: d.range.upperBound)
            let related = d.related.map { r -> PrettyJSON in
                let p = workspace.files[r.path].map { $0.tree.lines.position(of: r.range.lowerBound) }
                return .object([("column", .int((p?.column ?? 0) + 1)), ("line", .int((p?.line ?? 0) + 1)),
                                ("message", .string(r.message)), ("path", .string(r.path))])
            }
            return .object([("code", .string(d.code.rawValue)), ("column", .int(start.column + 1)), ("endColumn", .int(end.column + 1)),
                             ("endLine", .int(end.line + 1))] + (ignored ? [("ignored", .bool(true))] : []) + [
                             ("line", .int(start.line + 1)), ("message", .string(d.message)), ("path", .string(d.path)),
                             ("related", .array(related)), ("severity", .string(d.severity.name))])
        }
        var out = ""
        PrettyJSON.array(all.map { encode($0, false) } + silenced.map { encode($0, true) }).write(to: &out)
        out += "\n"
        printOut(out)
    } else {
        var out = ""
        for d in all { out += line(d, workspace) }
        for d in silenced { out += line(d, workspace, prefix: "ignored ") }
        let counts = Dictionary(grouping: all, by: \.severity).mapValues(\.count)
        let summary = [Severity.error, .warning, .information, .hint].compactMap { s in counts[s].map { "\($0) \(s == .information ? "info" : s.name)\($0 == 1 || s == .information ? "" : "s")" } }
        out += "\(reported.count) file\(reported.count == 1 ? "" : "s") checked: " + (summary.isEmpty ? "no problems" : summary.joined(separator: ", ")) + "\n"
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
nonisolated(unsafe) var keptUntilExit: AnyObject?

/// JSON as `JSONSerialization` writes it with `[.prettyPrinted, .sortedKeys]`, byte for byte (the
/// format `kpi check --format json` has always had), for the values `kpi check` writes. Written
/// directly: `JSONSerialization` took 170 ms for the 1,661 diagnostics of a 10,000-KPI workspace,
/// longer than all the checks. Object keys are written in the order given: list them sorted.
indirect enum PrettyJSON {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([PrettyJSON])
    case object([(key: String, value: PrettyJSON)])

    func write(to out: inout String, indent: Int = 0) {
        switch self {
        case .string(let text): Self.write(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let elements):
            // `[`, each element on its own line, `]`: an empty array still has its two line breaks.
            out += "[\n"
            for (index, element) in elements.enumerated() {
                if index > 0 { out += ",\n" }
                out += String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            out += "{\n"
            for (index, member) in members.enumerated() {
                if index > 0 { out += ",\n" }
                out += String(repeating: " ", count: indent + 2)
                Self.write(member.key, to: &out)
                out += " : "
                member.value.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// A string with `JSONSerialization`'s escapes: `"`, `\`, `/`, the short forms of backspace, form
    /// feed, line feed, carriage return and tab, `\u00XX` (lower-case hex) for other control characters.
    static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1f}": out += (scalar.value < 0x10 ? "\\u000" : "\\u00") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// `KPI_TIMING=1 kpi check …`: a hidden switch for benchmarks. Prints to stderr how long each
/// phase took, and the parser's throughput in MB/s beside a plain byte scan of the same bytes
/// (the memory-bandwidth limit of the machine). The output of `kpi check` itself is unchanged.
final class Timing {
    let enabled: Bool
    private var last = DispatchTime.now()
    private var phases: [String] = []

    init(enabled: Bool) { self.enabled = enabled }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    func mark(_ phase: String) {
        guard enabled else { return }
        phases.append("\(phase) \(fixed(Timing.seconds(since: last) * 1000, 1)) ms")
        last = DispatchTime.now()
    }

    func throughput(_ workspace: Workspace) {
        guard enabled else { return }
        let files = workspace.files.values.map(\.tree.bytes)
        let bytes = files.reduce(0) { $0 + $1.count }
        let megabytes = Double(bytes) / 1e6
        // Best of three of each, so a cold cache or a busy core does not decide the figure.
        func best(_ body: () -> Int) -> (Double, Int) {
            var fastest = Double.infinity, result = 0
            for _ in 0..<3 {
                let start = DispatchTime.now()
                result = body()
                fastest = min(fastest, Timing.seconds(since: start))
            }
            return (fastest, result)
        }
        let (scan, lines) = best {
            var newlines = 0
            for file in files { for byte in file where byte == 0x0A { newlines += 1 } }
            return newlines
        }
        let (parse, nodes) = best { files.reduce(0) { $0 + Parser.parse(bytes: $1).root.children.count } }
        let (read, kpis) = best { files.reduce(0) { $0 + PlanFile(path: "", bytes: $1).kpis.count } }
        func rate(_ seconds: Double) -> String { "\(fixed(megabytes / seconds, 0)) MB/s (\(fixed(seconds * 1000, 1)) ms)" }
        var out = "kpi timing: \(phases.joined(separator: ", "))\n"
        out += "kpi timing: \(files.count) files, \(fixed(megabytes, 2)) MB, \(lines) lines, \(nodes) top-level nodes, \(kpis) KPIs\n"
        out += "kpi timing: byte scan \(rate(scan)); parse \(rate(parse)); parse + read into the model \(rate(read))\n"
        StandardError.log(out)
    }
}

func line(_ d: KPIPlan.Diagnostic, _ workspace: Workspace, prefix: String = "") -> String {
    let position = workspace.files[d.path]!.tree.lines.position(of: d.range.lowerBound)
    return "\(d.path):\(position.line + 1):\(position.column + 1): \(prefix)\(d.severity.name): \(d.message) [\(d.code.rawValue)]\n"
}

// MARK: - kpi fmt

func fmt(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: ["--check"], values: [])
    guard !arguments.positional.isEmpty else { throw UsageError(message: "fmt needs a file or folder (or - for stdin)") }
    if arguments.positional == ["-"] {
        let input: [UInt8]
        switch PlanFiles.readAll(from: STDIN_FILENO) {
        case .success(let bytes): input = bytes
        case .failure(let error): fail("cannot read standard input: \(error)")
        }
        let formatted = Formatter.format(PlanFile(path: "-", bytes: input).tree)
        if arguments.flags.contains("--check") { return Array(formatted.utf8) == input ? 0 : 1 }
        printOut(formatted)
        return 0
    }
    var changed: [String] = []
    for argument in arguments.positional {
        let files = isFolder(argument)
            ? PlanFiles.planFiles(under: argument) : [argument]
        for path in files {
            let bytes: [UInt8]
            switch PlanFiles.read(path) {
            case .success(let b): bytes = b
            case .failure(let error): fail("cannot read \(path): \(error)")
            }
            let formatted = Array(Formatter.format(PlanFile(path: path, bytes: bytes).tree).utf8)
            guard formatted != bytes else { continue }
            changed.append(path)
            if !arguments.flags.contains("--check") {
                do { try Data(formatted).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                    fail("cannot write \(path): \(error)")
                }
            }
        }
    }
    let verb = arguments.flags.contains("--check") ? "would reformat" : "reformatted"
    for path in changed { print("\(verb) \(path)") }
    return arguments.flags.contains("--check") && !changed.isEmpty ? 1 : 0
}

// MARK: - kpi explain

func explain(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: [], values: ["--today", "--max-annual-growth"])
    guard let id = arguments.positional.first else { throw UsageError(message: "explain needs a KPI id, like `kpi explain mrr examples/acme.kpi`") }
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

// MARK: - Dispatch

/// Runs a command; on a thread with a large stack (`runOnLargeStack`): deeply indented plans nest deeply.
func dispatch(_ arguments: ArraySlice<String>) {
do {
    switch arguments.first {
    case "check": exit(try check(arguments.dropFirst()))
    case "fmt": exit(try fmt(arguments.dropFirst()))
    case "explain": exit(try explain(arguments.dropFirst()))
    case "lsp": exit(LanguageServer.runOverStandardIO())
    case "--version", "version": print("kpi \(version)")
    case "--help", "-h", "help": print(usage)
    case nil: StandardError.log(usage); exit(2)
    case let other?: throw UsageError(message: "unknown command `\(other)`\n\n\(usage)")
    }
} catch let error as UsageError {
    fail(error.message)
} catch {
    fail("\(error)")
}
}

// Large workspaces allocate hundreds of MB: the heap grows in 64 MB steps (CHeap.c says why).
kpi_grow_heap_in_large_steps()
runOnLargeStack { [arguments = CommandLine.arguments.dropFirst()] in dispatch(arguments) }

// The `kpi` command line, run as a process: the built binary is found next to the test bundle
// (`swift test` builds it with the tests; see `KPIExecutable`), and run from the package root so
// it prints paths like `examples/acme.kpi`.

import Foundation
import KPITestSupport
import Testing

struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `kpi` with `arguments` in `folder` (the package root unless told), feeding it `input`.
func kpi(_ arguments: String..., in folder: URL = Fixtures.packageRoot, input: String = "") throws -> CLIRun {
    try kpi(arguments: arguments, in: folder, input: input)
}

func kpi(arguments: [String], in folder: URL = Fixtures.packageRoot, input: String = "") throws -> CLIRun {
    let process = Process()
    process.executableURL = try KPIExecutable.url()
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Read both pipes while the process runs, so a full pipe never blocks it.
    let group = DispatchGroup()
    let box = OutputBox()
    for (pipe, isError) in [(stdout, false), (stderr, true)] {
        group.enter()
        DispatchQueue.global().async {
            box.set(pipe.fileHandleForReading.readDataToEndOfFile(), isError: isError)
            group.leave()
        }
    }
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    guard group.wait(timeout: .now() + 30) == .success else {
        process.terminate()
        throw CLIFailure(message: "`kpi \(arguments.joined(separator: " "))` did not finish within 30 s")
    }
    process.waitUntilExit()
    let (out, err) = box.values
    return CLIRun(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
}

struct CLIFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private final class OutputBox: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var out = Data(), err = Data()
    func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
    var values: (Data, Data) { lock.withLock { (out, err) } }
}

/// A fresh temporary folder with `files` (name → text) in it.
func temporaryFolder(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    return folder
}

/// `path:line:col: severity: message [code]` (a function: a `Regex` is not `Sendable`, so it cannot be a global).
func diagnosticLine() -> Regex<
    (Substring, path: Substring, line: Substring, column: Substring, severity: Substring, message: Substring, code: Substring)
> {
    #/^(?<path>[^:]+\.kpi):(?<line>\d+):(?<column>\d+): (?<severity>error|warning|info|hint): (?<message>.+) \[(?<code>[a-z0-9-]+)\]$/#
}

func expectNoCrash(_ run: CLIRun, sourceLocation: SourceLocation = #_sourceLocation) {
    for sign in ["Fatal error", "Stack dump", "Program crashed", "Backtrace", "Current stack trace"] {
        #expect(!run.stderr.contains(sign), "stderr: \(run.stderr)", sourceLocation: sourceLocation)
    }
}

@Suite struct CLITests {
    @Test func checkAcmePrintsOneLinePerFindingAndExitsZero() throws {
        let run = try kpi("check", "examples/acme.kpi")
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                examples/acme.kpi:21:17: warning: behind: $133K on 2027-06-30 is 32% of the way to $150K; the compound path expects $136.8K (47%) [off-track]
                examples/acme.kpi:76:11: warning: the 2029-12-31 milestone, $5.5M, is behind the compound path to $10M, which is at $6.93M by then [milestone-behind-path]
                1 file checked: 2 warnings

                """)
        #expect(run.stderr.isEmpty)
    }

    @Test func strictFailsOnWarnings() throws {
        let run = try kpi("check", "--strict", "examples/acme.kpi")
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("1 file checked: 2 warnings\n"))
    }

    @Test func errorsExitOne() throws {
        let run = try kpi("check", "examples/mistakes.kpi")
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "1 file checked: 2 errors, 8 warnings, 1 info")
        let findings = lines.dropLast()
        #expect(findings.count == 11)
        for line in findings {
            let match = try #require(line.wholeMatch(of: diagnosticLine()), "not `path:line:col: severity: message [code]`: \(line)")
            #expect(match.output.path == "examples/mistakes.kpi")
        }
        #expect(findings.first == "examples/mistakes.kpi:21:11: error: no KPI `mrrr` is visible here: did you mean `mrr`? [unknown-parent]")
        #expect(
            findings.contains(
                "examples/mistakes.kpi:42:11: warning: children add up to $1,400/month of the $1,500/month target: $100/month unallocated [split-mismatch]"
            ))
        #expect(
            findings.contains("examples/mistakes.kpi:140:5: info: `cash` has no owner: add `owner:` so someone is accountable [no-owner]"))
    }

    @Test func checkAFolder() throws {
        let run = try kpi("check", "examples")
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("10 files checked: 2 errors, 13 warnings, 1 info, 1 hint\n"))
        #expect(run.stdout.split(separator: "\n").dropLast().allSatisfy { $0.wholeMatch(of: diagnosticLine()) != nil })
        expectNoCrash(run)
    }

    @Test func aMissingFileExitsTwoWithAMessage() throws {
        let run = try kpi("check", "examples/nope.kpi")
        #expect(run.status == 2)
        #expect(run.stderr == "kpi: cannot read examples/nope.kpi: no such file\n")
        #expect(run.stdout.isEmpty)
        expectNoCrash(run)
    }

    @Test(arguments: [
        (["check", "--bogus", "examples/acme.kpi"], "kpi: unknown option --bogus\n"),
        (["check", "--format", "xml", "examples/acme.kpi"], "kpi: --format takes text, json, sarif or github\n"),
        (["check", "--today", "soon", "examples/acme.kpi"], "kpi: --today takes a date like 2027-07-15\n"),
        (["check", "--format"], "kpi: --format needs a value\n"),
        (["fmt"], "kpi: fmt needs a file or folder (or - for stdin)\n"),
        (["fmt", "--check", "examples/nope.kpi"], "kpi: cannot read examples/nope.kpi: no such file\n"),
        (["explain", "mrrr", "examples/acme.kpi"], "kpi: no KPI `mrrr` in 1 file: did you mean `mrr`?\n"),
    ])
    func badUsageExitsTwoWithAMessage(_ arguments: [String], _ message: String) throws {
        let process = try kpi(arguments: arguments)
        #expect(process.status == 2)
        #expect(process.stderr == message)
        expectNoCrash(process)
    }

    @Test func unknownCommandShowsTheUsage() throws {
        let run = try kpi("frobnicate")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("kpi: unknown command `frobnicate`\n\nkpi 0.1.0"))
        #expect(run.stderr.contains("usage:"))
    }

    @Test func version() throws {
        let run = try kpi("--version")
        #expect(run.status == 0)
        #expect(run.stdout == "kpi 0.1.0\n")
    }

    @Test func jsonOutput() throws {
        let run = try kpi("check", "--format", "json", "examples/mistakes.kpi")
        #expect(run.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let objects = try #require(parsed as? [[String: Any]])
        #expect(objects.count == 11)
        for object in objects {
            #expect(Set(object.keys) == ["path", "line", "column", "endLine", "endColumn", "severity", "code", "message", "related"])
        }
        let first = try #require(objects.first)
        #expect(first["path"] as? String == "examples/mistakes.kpi")
        #expect(first["line"] as? Int == 21)
        #expect(first["column"] as? Int == 11)
        #expect(first["endLine"] as? Int == 21)
        #expect(first["endColumn"] as? Int == 15)
        #expect(first["severity"] as? String == "error")
        #expect(first["code"] as? String == "unknown-parent")
        #expect(first["message"] as? String == "no KPI `mrrr` is visible here: did you mean `mrr`?")
        let split = try #require(objects.first { $0["code"] as? String == "split-mismatch" })
        let related = try #require(split["related"] as? [[String: Any]])
        #expect(
            related.map { $0["message"] as? String } == [
                "price-increase: +$100/month", "repeat-customers: +$300/month", "new-customers: +$1,000/month",
            ])
        #expect(related.first?["line"] as? Int == 47)
    }

    /// The JSON is written by hand: it must stay what `JSONSerialization` writes, byte for byte.
    @Test func jsonOutputIsWhatJSONSerializationWrites() throws {
        let folder = try temporaryFolder([
            "a.kpi":
                "kpi rev \"Révenue / 💶\"   # kpi-ignore: no-owner\n  top-level\n  baseline: $1M at 2026-12-31\n  target: $9M by 2027-12-31\n\n"
                + "kpi x \"X\"\n  parent: ünknöwn/i\\d\"q\n\nkpi c \"C\"\n  parent: p\u{1}q\u{1f}r\u{8}s\u{c}t\n\nkpi dup \"D\"\n  top-level\n",
            "b.kpi": "use \"a.kpi\"\nuse \"mi\\\\ss ü/ing.kpi\"\n\nkpi dup \"again\"\n  parent: rev\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try kpi("check", "--format", "json", "--show-ignored", "--today", "2027-07-15", ".", in: folder)
        for expected in ["\\/", "\\u0001", "\\u001f", "\\b", "\\f", "\\\"", "\\\\", "ü", "\"ignored\" : true", "\"related\" : [\n\n    ]"] {
            #expect(run.stdout.contains(expected), "\(expected)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let rewritten = try JSONSerialization.data(withJSONObject: parsed, options: [.prettyPrinted, .sortedKeys])
        #expect(run.stdout == String(decoding: rewritten, as: UTF8.self) + "\n")
        let clean = try temporaryFolder([
            "plan.kpi":
                "kpi mrr \"M\"\n  top-level\n  owner: Ann\n  baseline: $1 at 2026-12-31\n  target: $2 by 2027-12-31\n  actions:\n    - Go\n"
        ])
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(try kpi("check", "--format", "json", "--today", "2027-07-15", "plan.kpi", in: clean).stdout == "[\n\n]\n")
    }

    @Test func showIgnored() throws {
        let folder = try temporaryFolder([
            "plan.kpi":
                "kpi mrr \"M\"   # kpi-ignore: no-owner\n  top-level\n  baseline: $1 at 2026-12-31\n  target: $2 by 2027-12-31\n  actions:\n    - Go\n"
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try kpi("check", "--today", "2027-07-15", "plan.kpi", in: folder).stdout == "1 file checked: no problems\n")
        let run = try kpi("check", "--today", "2027-07-15", "--show-ignored", "plan.kpi", in: folder)
        #expect(
            run.stdout
                == "plan.kpi:1:5: ignored info: `mrr` has no owner: add `owner:` so someone is accountable [no-owner]\n1 file checked: no problems\n"
        )
        #expect(run.status == 0)
    }

    @Test func fmtCheck() throws {
        #expect(try kpi("fmt", "--check", "examples").status == 0)
        let messy = "kpi   mrr \"M\"\n    top-level\n"
        let folder = try temporaryFolder(["messy.kpi": messy, "clean.kpi": "kpi mrr \"M\"\n  top-level\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try kpi("fmt", "--check", ".", in: folder)
        #expect(check.status == 1)
        #expect(check.stdout == "would reformat messy.kpi\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("messy.kpi"), encoding: .utf8) == messy)  // --check writes nothing

        let write = try kpi("fmt", "messy.kpi", in: folder)
        #expect(write.status == 0)
        #expect(write.stdout == "reformatted messy.kpi\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("messy.kpi"), encoding: .utf8) == "kpi mrr \"M\"\n  top-level\n")
        #expect(try kpi("fmt", "--check", ".", in: folder).status == 0)
    }

    @Test func fmtStdin() throws {
        let run = try kpi("fmt", "-", input: "kpi   mrr \"M\"\n    top-level\n\n\n")
        #expect(run.status == 0)
        #expect(run.stdout == "kpi mrr \"M\"\n  top-level\n")
        #expect(try kpi("fmt", "--check", "-", input: "kpi mrr \"M\"\n  top-level\n").status == 0)
        #expect(try kpi("fmt", "--check", "-", input: "kpi mrr  \"M\"\n").status == 1)
    }

    @Test func explainMRR() throws {
        let run = try kpi("explain", "mrr", "examples/acme.kpi")
        #expect(run.status == 0)
        #expect(
            run.stdout == """
                `mrr` — Grow monthly recurring revenue 20% this fiscal year
                  Metric:        MRR — Recurring revenue billed per month from subscriptions.
                  Baseline:      $125K at 2026-12-31
                  Target:        $150K, a change of +$25K (+20%)
                  Deadline:      2027-12-31, 169 days left (today is 2027-07-15)
                  Growth needed: 20%/year compound · 4.66%/quarter · 1.53%/month
                  Trend:         +13.3%/year since 2026-12-31; reaches $150K by 2028-06-15
                  Progress:      $133K on 2027-06-30: 32% of the way; the path expects $136.8K (47%) — behind; $137.9K expected today
                  Drivers:       inbound-leads, extra-revenue
                  Quarter-by-quarter path (compound):
                    Quarter end     Path      Plan
                    -----------  -------  --------
                    2026-12-31     $125K  baseline
                    2027-03-31   $130.7K
                    2027-06-30   $136.8K
                    2027-09-30   $143.3K
                    2027-12-31     $150K
                  (examples/acme.kpi:9)

                """)
    }

}

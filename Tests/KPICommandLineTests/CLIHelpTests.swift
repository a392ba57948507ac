// `kpi SUBCOMMAND --help`: every subcommand the usage lists answers `--help`, `-h` and
// `kpi help SUBCOMMAND` with its help on stdout and exit 0, and `docs/kpi.1.md` shows exactly
// those texts; the options each help lists are the ones docs/language.md's synopsis gives.

import Foundation
import KPITestSupport
import Testing

@Suite struct CLIHelpTests {
    /// The text of the first ```text block after `heading` in `markdown`.
    static func block(after heading: String, in markdown: String) throws -> String {
        let start = try #require(markdown.range(of: "\n" + heading + "\n"), "no heading \(heading)")
        let open = try #require(markdown.range(of: "```text\n", range: start.upperBound..<markdown.endIndex))
        let close = try #require(markdown.range(of: "\n```\n", range: open.upperBound..<markdown.endIndex))
        return String(markdown[open.upperBound..<close.lowerBound]) + "\n"
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: Fixtures.packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// The subcommands `kpi --help` lists (`kpi NAME …` lines, but `--version`).
    static func subcommands() throws -> [String] {
        let usage = try kpi("--help").stdout
        return usage.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            return words.count >= 2 && words[0] == "kpi" && !words[1].hasPrefix("-") && line.hasPrefix("  ") ? String(words[1]) : nil
        }
    }

    @Test func usageListsTheSubcommands() throws {
        #expect(try Self.subcommands() == ["check", "fmt", "explain", "report", "actual", "lsp"])
        let run = try kpi("--help")
        #expect(run.status == 0)
        #expect(
            run.stdout
                == (try Self.block(after: "## SYNOPSIS", in: Self.read("docs/kpi.1.md"))).replacingOccurrences(
                    of: "`kpi --help` prints:\n\n", with: ""))
    }

    @Test func everySubcommandHasHelpMatchingTheManualPage() throws {
        let manual = try Self.read("docs/kpi.1.md")
        for command in try Self.subcommands() {
            let expected = try Self.block(after: "### kpi \(command)", in: manual)
            #expect(expected.hasPrefix("usage: kpi \(command)"))
            for arguments in [[command, "--help"], [command, "-h"], ["help", command], [command, "some.kpi", "--strict", "--help"]] {
                let run = try kpi(arguments: arguments)
                #expect(run.status == 0, "kpi \(arguments.joined(separator: " "))")
                #expect(run.stderr == "")
                #expect(run.stdout == expected, "kpi \(arguments.joined(separator: " "))")
            }
        }
    }

    /// The options in a subcommand's help are the ones in docs/language.md's synopsis of it.
    @Test func helpListsTheOptionsOfTheSpecsSynopsis() throws {
        let synopsis = try Self.block(after: "## The command line", in: Self.read("docs/language.md"))
        let option = #/--[a-z-]+/#
        for command in try Self.subcommands() {
            // The synopsis lines of `command`: its line and the indented ones continuing it.
            var lines: [Substring] = []
            var inCommand = false
            for line in synopsis.split(separator: "\n") {
                if line.hasPrefix("kpi ") { inCommand = line.hasPrefix("kpi \(command) ") || line == "kpi \(command)" }
                if inCommand { lines.append(line) }
            }
            let documented = Set(lines.joined(separator: " ").matches(of: option).map { String($0.output) })
            let help = try kpi(command, "--help").stdout
            let listed = Set(
                help.split(separator: "\n").filter { $0.hasPrefix("  -") }.flatMap {
                    $0.matches(of: option).prefix(1).map { String($0.output) }
                })
            #expect(listed.subtracting(["--help"]) == documented, "kpi \(command)")
        }
    }

    @Test func unknownSubcommandHelpIsStillTheUsageError() throws {
        let run = try kpi("frobnicate", "--help")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("kpi: unknown command `frobnicate`"))
    }
}

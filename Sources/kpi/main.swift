// `kpi`: the command line. `kpi check` for CI and scripts, `kpi fmt` for the canonical form,
// `kpi explain` for the cascade math, and `kpi lsp` for editors. Exit codes: 0 fine, 1 findings
// (errors, or warnings with --strict; files to reformat with fmt --check), 2 bad usage or unreadable input.

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

let version = "0.1.0"

let usage = """
    kpi \(version) — checks, formats and explains KPI plans (*.kpi), and serves them to editors.

    usage:
      kpi check [PATH...] [--format text|json|sarif|github] [--strict] [--max-annual-growth PCT]
                [--max-annual-reduction PCT] [--today DATE] [--severity CODE=LEVEL,...] [--show-ignored]
                [--docs-url URL]
      kpi fmt [--check] PATH...        (PATH - reads stdin and writes stdout)
      kpi explain ID [PATH...] [--today DATE] [--max-annual-growth PCT] [--max-annual-reduction PCT]
      kpi report [PATH...] [-o|--output FILE] [--today DATE] [--kpi ID]
                                       the plans as one HTML page (kpi-report.html; -o - for stdout)
      kpi actual ID DATE VALUE [PATH...]
                                       records an actual in the KPI's block
      kpi lsp [--stdio]                the language server, over stdin/stdout
      kpi --version

    PATH is a plan file or a folder (searched for *.kpi); the default is the current folder.
    `kpi COMMAND --help` describes a command and its options.
    """

// MARK: - Dispatch

/// Runs a command; on a thread with a large stack (`runOnLargeStack`): deeply indented plans nest deeply.
func dispatch(_ arguments: ArraySlice<String>) {
    do {
        if let help = Help.requested(arguments) {
            print(help)
            exit(0)
        }
        switch arguments.first {
        case "check": exit(try check(arguments.dropFirst()))
        case "fmt": exit(try fmt(arguments.dropFirst()))
        case "explain": exit(try explain(arguments.dropFirst()))
        case "report": exit(try report(arguments.dropFirst()))
        case "actual": exit(try actual(arguments.dropFirst()))
        case "lsp": exit(LanguageServer.runOverStandardIO())
        case "--version", "version": print("kpi \(version)")
        case "--help", "-h", "help": print(usage)
        case nil:
            StandardError.log(usage)
            exit(2)
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

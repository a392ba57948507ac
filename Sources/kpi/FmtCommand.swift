// `kpi fmt`: rewrites plans in the canonical form (`--check` only says which would change).

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
            ? PlanFiles.planFiles(under: argument).filter { !TeamSettings.current.excludes($0) } : [argument]
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


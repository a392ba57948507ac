// `kpi fmt`: rewrites plans in the canonical form (`--check` only says which would change).

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

func fmt(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: ["--check"], values: [])
    guard !arguments.positional.isEmpty else { throw UsageError(message: "fmt needs a file or folder (or - for stdin)") }
    let checkOnly = arguments.flags.contains("--check")
    if arguments.positional == ["-"] {
        let input: [UInt8]
        switch PlanFiles.readAll(from: STDIN_FILENO) {
        case .success(let bytes): input = bytes
        case .failure(let error): fail("cannot read standard input: \(error)")
        }
        let formatted = Formatter.format(bytes: input)
        if checkOnly { return formatted == input ? 0 : 1 }
        try? FileDescriptorOutput.writeAll(formatted, to: STDOUT_FILENO)
        return 0
    }
    // Every file gets its outcome: one that cannot be read or written does not stop the others.
    var changed = 0
    var failed = 0
    var processed = 0
    for argument in arguments.positional {
        let files = isFolder(argument) ? PlanFiles.planFiles(under: argument).filter { !TeamSettings.current.excludes($0) } : [argument]
        for path in files {
            processed += 1
            let bytes: [UInt8]
            switch PlanFiles.read(path) {
            case .success(let read): bytes = read
            case .failure(let error):
                StandardError.log("kpi: cannot read \(path): \(error)")
                failed += 1
                continue
            }
            let formatted = Formatter.format(bytes: bytes)
            guard formatted != bytes else { continue }  // a canonical file is not touched at all
            if !checkOnly, case .failure(let error) = PlanWriter.replace(path, original: bytes, with: formatted) {
                StandardError.log("kpi: cannot write \(path): \(error)")
                failed += 1
                continue
            }
            changed += 1
            printOut("\(checkOnly ? "would reformat" : "reformatted") \(path)\n")
        }
    }
    if failed > 0 {
        if processed > 1 { StandardError.log("kpi: \(failed) of \(processed) files could not be formatted") }
        return 2
    }
    return checkOnly && changed > 0 ? 1 : 0
}

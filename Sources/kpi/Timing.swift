// `KPI_TIMING=1`: how long each phase of `kpi check` took, for the benchmark.

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
            var fastest = Double.infinity
            var result = 0
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

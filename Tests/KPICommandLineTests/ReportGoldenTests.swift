// Golden files of `kpi report`: the report of each example (and of the whole examples folder) with
// a fixed `--today`, run through the real command line, compared byte for byte with
// `Golden/report-NAME.html`. `UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` rewrites them
// after an intended change; review the diff (and look at the page) before committing.

import Foundation
import KPITestSupport
import Testing

enum ReportGolden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }
    /// Each example file, and `examples` for the folder as a whole.
    static var inputs: [String] { Fixtures.examples().map { String($0.name.dropLast(4)) } + ["examples"] }
}

@Suite struct ReportGoldenTests {
    @Test(arguments: ReportGolden.inputs)
    func reportMatchesGolden(_ name: String) throws {
        let path = name == "examples" ? "examples" : "examples/\(name).kpi"
        let run = try kpi("report", path, "-o", "-", "--today", "2027-07-15")
        #expect(run.status == 0, "\(run.stderr)")
        let url = ReportGolden.folder.appendingPathComponent("report-\(name).html")
        if ReportGolden.updating { try Data(run.stdout.utf8).write(to: url) }
        let golden = try #require(
            try? String(contentsOf: url, encoding: .utf8), "no golden file report-\(name).html: run with UPDATE_GOLDEN=1")
        #expect(run.stdout == golden, "the report of \(path) differs from report-\(name).html (UPDATE_GOLDEN=1 rewrites it)")
        // The same plans and --today give the same bytes, run after run.
        #expect(try kpi("report", path, "-o", "-", "--today", "2027-07-15").stdout == run.stdout)
    }

    @Test func writesTheDefaultFileAndRefusesBadArguments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Fixtures.example("acme.kpi").utf8).write(to: folder.appendingPathComponent("acme.kpi"))
        let run = try kpi("report", in: folder)
        #expect(run.status == 0)
        #expect(
            run.stderr
                == "kpi: wrote kpi-report.html (7 KPIs, \(try Data(contentsOf: folder.appendingPathComponent("kpi-report.html")).count / 1024) KB)\n"
        )
        let html = try String(contentsOf: folder.appendingPathComponent("kpi-report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("id=\"kpi-revenue-2031\""))

        let missingValue = try kpi("report", "-o")
        #expect(missingValue.status == 2 && missingValue.stderr == "kpi: -o needs a file name (or - for standard output)\n")
        let unknown = try kpi("report", "examples/acme.kpi", "--kpi", "revenue2031", "-o", "-")
        #expect(unknown.status == 2 && unknown.stderr == "kpi: no KPI `revenue2031` in 1 file: did you mean `revenue-2031`?\n")
        let subtree = try kpi("report", "examples/acme.kpi", "--kpi", "extra-revenue", "-o", "-")
        #expect(
            subtree.status == 0 && subtree.stdout.contains("<span id=\"goal-count\">1 top-level goal</span>")
                && !subtree.stdout.contains("id=\"kpi-mrr\""))
    }
}

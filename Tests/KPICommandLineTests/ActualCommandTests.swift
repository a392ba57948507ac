// `kpi actual` run as a process: it writes the actual into the file and says where, refuses a
// value that does not fit with exit status 1, and a call missing arguments with status 2.

import Foundation
import KPITestSupport
import Testing

@Suite struct ActualCommandTests {
    @Test func commandWritesTheFileAndRefusesWithExitOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-actual-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("acme.kpi")
        let original = Fixtures.example("acme.kpi")
        try Data(original.utf8).write(to: file)
        let run = try kpi("actual", "mrr", "2027-09-30", "$135K", in: folder)
        #expect(run.status == 0 && run.stdout == "recorded mrr 2027-09-30: $135K in acme.kpi:22\n", "\(run.stderr)")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(
            written == original.replacingOccurrences(of: "    2027-06-30: $133K\n", with: "    2027-06-30: $133K\n    2027-09-30: $135K\n"))
        let refused = try kpi("actual", "mrr", "2027-10-31", "45%", in: folder)
        #expect(refused.status == 1 && refused.stderr == "kpi: `45%` is in % but this KPI is measured in USD\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == written)
        let usage = try kpi("actual", "mrr", in: folder)
        #expect(usage.status == 2 && usage.stderr.hasPrefix("kpi: actual needs a KPI id, a date and a value"))
    }
}

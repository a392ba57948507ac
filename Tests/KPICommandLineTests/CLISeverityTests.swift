// `kpi check --severity CODE=LEVEL,…`: the editor's per-code severities on the command line.

import Foundation
import KPITestSupport
import Testing

@Suite struct CLISeverityTests {
    var acme: String { Fixtures.packageRoot.appendingPathComponent("examples/acme.kpi").path }

    @Test func severitiesTurnCodesOffOrRaiseThem() throws {
        let run = try KPIExecutable.run(["check", acme, "--severity", "off-track=off,milestone-behind-path=error"])
        #expect(run.status == 1)  // an error now
        #expect(!run.stdout.contains("[off-track]"))
        #expect(
            run.stdout.contains(
                ":76:11: error: the 2029-12-31 milestone, $5.5M, is behind the compound path to $10M, which is at $6.93M by then [milestone-behind-path]"
            ))
        #expect(run.stdout.hasSuffix("1 file checked: 1 error\n"))
    }

    @Test func anUnknownCodeIsAUsageError() throws {
        let run = try KPIExecutable.run(["check", acme, "--severity", "offtrack=off"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--severity takes CODE=LEVEL pairs"))
        #expect(run.stdout.isEmpty)
    }
}

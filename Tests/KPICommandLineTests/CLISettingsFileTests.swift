// `kpi check` with the team's `kpi.toml`: found from the current folder upward, its settings
// under the flags, its excluded globs skipped in the folders searched, and its problems printed
// at their lines (an error stops the command with exit 2, as a bad flag does).

import Foundation
import Testing

@Suite struct CLISettingsFileTests {
    static let plan =
        "kpi a \"A\"\n  top-level\n  owner: CFO\n  baseline: 100 at 2026-12-31\n  target: 400 by 2027-12-31\n  actions:\n    - Sell\n"
    static let settings = """
        [realism]
        maxAnnualGrowth = 500

        [diagnostics.severity]
        no-owner = "off"

        [files]
        exclude = ["plans/drafts/**"]

        """

    func folder() throws -> URL {
        let folder = try temporaryFolder(["kpi.toml": Self.settings])
        for name in ["plans/a.kpi", "plans/drafts/b.kpi"] {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(Self.plan.replacingOccurrences(of: "  owner: CFO\n", with: "").utf8).write(to: url)
        }
        return folder
    }

    @Test func theFileAppliesFromASubfolder() throws {
        let folder = try folder()
        let atRoot = try kpi("check", "--today", "2027-01-01", in: folder)
        #expect(atRoot.stdout == "1 file checked: no problems\n")
        #expect(atRoot.status == 0)
        let inPlans = try kpi("check", "--today", "2027-01-01", in: folder.appendingPathComponent("plans"))
        #expect(inPlans.stdout == "1 file checked: no problems\n")
        // Named on the command line, an excluded file is checked.
        let named = try kpi("check", "--today", "2027-01-01", "plans/drafts/b.kpi", in: folder)
        #expect(named.stdout == "1 file checked: no problems\n")
    }

    @Test func flagsOverrideTheFile() throws {
        let folder = try folder()
        let run = try kpi(
            "check", "--today", "2027-01-01", "--max-annual-growth", "100%", "--severity", "no-owner=hint", "plans/a.kpi", in: folder)
        #expect(
            run.stdout == """
                plans/a.kpi:1:5: hint: `a` has no owner: add `owner:` so someone is accountable [no-owner]
                plans/a.kpi:4:11: warning: 100 → 400 needs 300% compound growth a year over 1 year; the ceiling is 100%/year [unrealistic-target]
                1 file checked: 1 warning, 1 hint

                """)
    }

    @Test func problemsArePrintedAtTheirLines() throws {
        let folder = try folder()
        try Data("[realsim]\nmaxAnnualGrowth = 5\n".utf8).write(to: folder.appendingPathComponent("kpi.toml"))
        let warned = try kpi("check", "--today", "2027-01-01", "plans/a.kpi", in: folder)
        #expect(warned.status == 0)
        #expect(warned.stderr == "kpi.toml:1:2: warning: `realsim` is not a setting at the top level: did you mean `realism`?\n")
        try Data("[realism]\nmaxAnnualGrowth = \"fast\"\n".utf8).write(to: folder.appendingPathComponent("kpi.toml"))
        let failed = try kpi("check", "plans", in: folder)
        #expect(failed.status == 2)
        #expect(failed.stdout == "")
        #expect(
            failed.stderr == """
                kpi.toml:2:19: error: `maxAnnualGrowth` takes a number of percent above 0, like 150
                kpi: kpi.toml has errors: the command did not run

                """)
        let fromBelow = try kpi("check", ".", in: folder.appendingPathComponent("plans"))
        #expect(fromBelow.stderr.hasPrefix(folder.path + "/kpi.toml:2:19: error:"))
        expectNoCrash(fromBelow)
    }
}

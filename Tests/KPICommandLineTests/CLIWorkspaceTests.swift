// `kpi check FILE` gives the answer the editor gives: it loads the plans of the file's workspace
// (the folder with `.git` above it) that use the file, and reports only the file named.

import Foundation
import Testing

@Suite struct CLIWorkspaceTests {
    static let company = """
        plan "Company"
          as-of: 2027-07-15
        kpi mrr "Grow MRR"
          top-level
          owner: CFO
          baseline: $500K at 2026-12-31
          target: +$90K by FY2027
          split: sum
          actions:
            - Review the bridge monthly

        """
    static let team = """
        use "../company.kpi"
        kpi new-biz "New business"
          parent: mrr
          contributes: +$90K
        kpi stray "Nobody's goal"
          owner: Nobody

        """

    func folder(withGit: Bool) throws -> URL {
        let folder = try temporaryFolder(["company.kpi": Self.company])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("teams"), withIntermediateDirectories: true)
        try Data(Self.team.utf8).write(to: folder.appendingPathComponent("teams/sales.kpi"))
        if withGit { try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true) }
        return folder
    }

    @Test func aFileAloneIsCheckedWithThePlansThatUseIt() throws {
        let folder = try folder(withGit: true)
        let run = try kpi("check", "company.kpi", in: folder)
        // The team file's contribution is counted; its own findings (stray has no parent) are not printed.
        #expect(run.stdout == "1 file checked: no problems\n", "\(run.stdout)")
        #expect(run.status == 0)
        // From the team's folder, by a path that climbs to the workspace: the same answer.
        let nested = try kpi("check", "../company.kpi", in: folder.appendingPathComponent("teams"))
        #expect(nested.stdout == "1 file checked: no problems\n", "\(nested.stdout)")
        // `kpi explain` loads the same workspace.
        let explain = try kpi("explain", "mrr", "company.kpi", in: folder)
        #expect(explain.stdout.contains("new-biz"), "\(explain.stdout)")
    }

    @Test func withoutAWorkspaceOnlyTheFileAndWhatItUsesAreRead() throws {
        let folder = try folder(withGit: false)
        let run = try kpi("check", "company.kpi", in: folder)
        #expect(
            run.stdout == """
                company.kpi:8:10: warning: `split: sum` but no KPI names `mrr` as its parent [split-mismatch]
                1 file checked: 1 warning

                """, "\(run.stdout)")
    }
}

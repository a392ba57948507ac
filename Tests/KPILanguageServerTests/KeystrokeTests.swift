// A keystroke re-reads the KPI block it falls in and re-checks that KPI and the KPIs that read it,
// not the file: the findings of the other KPIs are kept and move with the text, in this file and
// in the files whose findings point into it.

import Foundation
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct KeystrokeTests {
    /// The company plan with a KPI above `revenue`, and `revenue` due by Q3 so that the team's
    /// `new-logos` (due 2027-12-31) lands after its parent: a finding in team.kpi that points
    /// into company.kpi.
    static let company = Plans.company
        .replacingOccurrences(of: "kpi revenue", with: "kpi churn \"Keep churn low\"\n  top-level\n  owner: COO\n\nkpi revenue")
        .replacingOccurrences(of: "target: $12M by 2027-12-31", with: "target: $12M by 2027-09-30")

    static func line(_ text: String, containing needle: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }!
    }

    @Test func aLineAddedAboveAParentMovesTheRelatedPlaceInTheTeamFile() throws {
        let session = try Session(files: ["company.kpi": Self.company, "team.kpi": Plans.team])
        let client = session.client
        let company = session.open("company.kpi", Self.company)
        let team = session.open("team.kpi", Plans.team)
        let first = try client.waitForDiagnostics(team) { $0.diagnostics.contains { $0.code == "deadline-after-parent" } }
        let late = try #require(first.diagnostics.first { $0.code == "deadline-after-parent" })
        let related = try #require(late.relatedInformation?.first)
        let deadlineLine = Self.line(Self.company, containing: "target: $12M by 2027-09-30")
        #expect(related.location.uri == company)
        #expect(
            related.location.range
                == LSPRange(start: Position(line: deadlineLine, character: 18), end: Position(line: deadlineLine, character: 28)))
        try session.sync()

        // A comment line typed into `churn`, above `revenue`: only `churn` is read and checked again.
        let ownerLine = Self.line(Self.company, containing: "owner: COO")
        let since = client.notificationCount
        client.change(
            uri: company, version: 2, range: LSPRange(at: Position(line: ownerLine + 1, character: 0)), text: "  # asked by the board\n")
        let after = try client.waitForDiagnostics(team, since: since)
        let moved = try #require(after.diagnostics.first { $0.code == "deadline-after-parent" })
        #expect(moved.message == late.message)
        #expect(moved.range == late.range)
        #expect(
            moved.relatedInformation?.first?.location.range
                == LSPRange(start: Position(line: deadlineLine + 1, character: 18), end: Position(line: deadlineLine + 1, character: 28)))
        let stats = try client.requestRaw(method: "kpi/stats", params: nil).get()
        #expect(stats["lastKPIsRechecked"]?.intValue == 1, "\(stats)")
    }

    @Test func aKeystrokeInATitleRechecksThatKPIAndItsNeighboursAlone() throws {
        let session = try Session(files: ["company.kpi": Self.company, "team.kpi": Plans.team])
        let client = session.client
        let company = session.open("company.kpi", Self.company)
        let team = session.open("team.kpi", Plans.team)
        try client.waitForDiagnostics(company)
        try client.waitForDiagnostics(team)
        // `revenue` has one child, `new-logos` in team.kpi: both are checked again, nothing else.
        let titleLine = Self.line(Self.company, containing: "kpi revenue")
        client.change(uri: company, version: 2, range: LSPRange(at: Position(line: titleLine, character: 20)), text: "x")
        let stats = try client.requestRaw(method: "kpi/stats", params: nil).get()
        #expect(stats["lastKPIsRechecked"]?.intValue == 2, "\(stats)")
        #expect(stats["kpis"]?.intValue == 5)
    }
}

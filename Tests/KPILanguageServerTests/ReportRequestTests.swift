// `kpi/report` over the real `kpi lsp`: the report of the workspace (the page `kpi report`
// writes, from the open text), of one KPI's subtree by id or by position, and the errors.

import Foundation
import KPILanguageServer
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct ReportRequestTests {
    /// The `data-kpi` of every tree row, in order.
    func rows(_ html: String) -> [String] {
        html.components(separatedBy: "<li class=\"node").dropFirst().compactMap { row in
            row.range(of: "data-kpi=\"").map { String(row[$0.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    @Test func reportsTheWorkspaceAsOpen() throws {
        let session = try Session(files: ["company.kpi": Plans.company, "team.kpi": Plans.team], root: true)
        session.open("acme.kpi", Plans.acme)
        let report = try session.client.request(ReportRequest.self, ReportParams())
        #expect(report.id == nil)
        #expect(report.html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(
            rows(report.html) == [
                "mrr", "inbound-leads", "extra-revenue", "price-increase", "repeat-customers", "new-customers",
                "revenue-2031", "revenue", "new-logos", "demos", "profit",
            ])
        #expect(report.html.contains("Path of revenue-2031: $4M → $10M by 2031-12-31 (compound, 20.1%/year)"))
        // The open text, not the disk: an edit shows in the next report.
        session.open(
            "acme.kpi", Plans.acme.replacingOccurrences(of: "target: $10M by 2031-12-31", with: "target: $12M by 2031-12-31"), version: 2)
        let edited = try session.client.request(ReportRequest.self, ReportParams())
        #expect(edited.html.contains("Path of revenue-2031: $4M → $12M by 2031-12-31"))
    }

    @Test func reportsOneSubtreeByIdOrPosition() throws {
        let session = try Session()
        let uri = session.open("acme.kpi", Plans.acme)
        let byID = try session.client.request(ReportRequest.self, ReportParams(id: "extra-revenue"))
        #expect(byID.id == "extra-revenue")
        #expect(rows(byID.html) == ["extra-revenue", "price-increase", "repeat-customers", "new-customers"])
        #expect(byID.html.contains("Split of extra-revenue: $1,500 = $100 + $300 + $1,100 (per month)"))
        let lines = Plans.acme.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("kpi revenue-2031") }) + 3
        let byPosition = try session.client.request(
            ReportRequest.self, ReportParams(uri: uri, position: Position(line: line, character: 4)))
        #expect(byPosition.id == "revenue-2031")
        #expect(rows(byPosition.html) == ["revenue-2031"])
        #expect(byPosition.html == (try session.client.request(ReportRequest.self, ReportParams(id: "revenue-2031"))).html)
    }

    @Test func anUnknownKPIIsAnError() throws {
        let session = try Session()
        session.open("acme.kpi", Plans.acme)
        let error = try session.client.requestError(ReportRequest.self, ReportParams(id: "nope"))
        #expect(error.code == .invalidParams && error.message == "no KPI `nope` in the workspace")
    }
}

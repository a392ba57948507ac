// Drivers in the editor: the cascade tree and the outline mark them apart from the components of
// a split, the code lens counts only components, and the hover says which a KPI is.

import Foundation
import KPILanguageServer
import KPITestSupport
import LanguageServerProtocol
import Testing

@Suite struct DriversTests {
    /// The plan, with a pipeline in dollars stated a driver.
    static let plan = """
        kpi mrr "Grow MRR"
          top-level
          baseline: $500K at 2026-12-31
          target: +$90K by FY2027
          split: sum
        kpi new-biz "New business"
          parent: mrr
          contributes: +$90K
          split: sum
        kpi mid-market
          parent: new-biz
          contributes: +$85K
        kpi win-rate "Win more deals"
          parent: new-biz
          baseline: 22% at 2026-12-31
          target: +4pp by 2027-Q3
        kpi pipeline
          parent: new-biz
          role: driver
          baseline: $6M at 2026-12-31
          target: $9M by 2027-Q3

        """

    @Test func theTreeMarksDrivers() throws {
        let session = try Session()
        session.open("sales.kpi", Self.plan)
        let tree = try session.client.request(CascadeTreeRequest.self, CascadeTreeParams())
        let mrr = try #require(tree.roots.first)
        #expect(mrr.role == nil)
        let newBiz = try #require(mrr.children.first)
        #expect(newBiz.role == "component")
        #expect(newBiz.allocation == "3 sub-KPIs (2 drivers) · 94% allocated")
        #expect(newBiz.children.map(\.id) == ["mid-market", "win-rate", "pipeline"])
        #expect(newBiz.children.map(\.role) == ["component", "driver", "driver"])
    }

    @Test func theCodeLensCountsOnlyComponents() throws {
        let session = try Session()
        let uri = session.open("sales.kpi", Self.plan)
        let titles = try #require(try session.client.codeLenses(uri)).compactMap { $0.command?.title }
        #expect(titles == ["1 sub-KPI · 100% allocated", "3 sub-KPIs (2 drivers) · 94% allocated"])
    }

    @Test func theOutlineAndTheHoverSayDriver() throws {
        let session = try Session()
        let uri = session.open("sales.kpi", Self.plan)
        let symbols = try #require(try session.client.documentSymbols(uri))
        #expect(symbols.map(\.detail) == ["Grow MRR", "New business", nil, "Win more deals · driver", "driver"])
        // The hovers count days: from a fixed today, in a copy of the plan with a header.
        let dated = "plan \"Sales\"\n  as-of: 2027-07-15\n\n" + Self.plan
        let datedURI = session.open("dated.kpi", dated)
        let line = dated.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0 == "kpi win-rate \"Win more deals\""
        }!
        let hover = try #require(try session.client.hover(datedURI, at: Position(line: line, character: 5)))
        expect(
            """
            `win-rate` — Win more deals

            **Baseline:** 22% at 2026-12-31··
            **Target:** 26%, a change of +4pp··
            **Deadline:** 2027-09-30, 77 days left (today is 2027-07-15)··
            **Growth needed:** +18.2% in 9 months (24.9%/year if sustained)··
            **Supports:** win-rate → new-biz → mrr··
            **Role:** driver of `new-biz`: supports its goal, not added up into its split··

            **Quarter-by-quarter path (compound)**

            | Quarter end |  Path |     Plan |
            | :---------- | ----: | -------: |
            | 2026-12-31  |   22% | baseline |
            | 2027-03-31  | 23.2% |          |
            | 2027-06-30  | 24.6% |          |
            | 2027-09-30  |   26% |          |

            """
        ).assert(visibleTrailingSpaces(hover.contents.value))
        let parentLine = dated.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0 == "kpi new-biz \"New business\""
        }!
        let parent = try #require(try session.client.hover(datedURI, at: Position(line: parentLine, character: 5)))
        expect(
            """
            `new-biz` — New business

            **Contributes:** `+$90,000`··
            **Deadline:** 2027-12-31 (its parent's), 169 days left (today is 2027-07-15)··
            **Supports:** new-biz → mrr··
            **Remainder:** `+$5,000` unallocated··
            **Drivers:** win-rate, pipeline (aligned, not added up)··
            **Role:** component of `mrr`: counted in its split··

            **Split (sum) of +$90,000**

            | Child      | Contribution | Share |
            | :--------- | -----------: | ----: |
            | mid-market |     `+$85,000` | 94.4% |
            | Sum        |     `+$85,000` | 94.4% |

            3 sub-KPIs (2 drivers) · 94% allocated

            """
        ).assert(visibleTrailingSpaces(parent.contents.value))
    }
}

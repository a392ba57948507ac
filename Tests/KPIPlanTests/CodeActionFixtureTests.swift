// Code actions, in process: every quick fix and refactoring, each with the files it edits shown
// after its edits — did-you-mean for a parent or a field, `use` the file that defines a parent,
// unindent an ignored line, `top-level`, the realism fixes, the parent's deadline, the trend's
// level, the sign of a contribution, a split's remainder, and a KPI's missing fields.

import KPITestSupport
import Testing

@Suite struct CodeActionFixtureTests {
    static let root = """
        plan "P"
          as-of: 2027-07-15

        kpi mrr "MRR — €"
          top-level
          metric: MRR
          owner: CFO
          baseline: $125K at 2026-12-31
          target: +20% by FY2027
          actions:
            - Raise prices

        """

    @Test func didYouMeanForAMisspeltParent() throws {
        try checkCodeActions(
            Self.root + "kpi upsell \"Upsell 🚀\"\n  parent: ⟦mrrr⟧\n  owner: CS\n  actions:\n    - Call\n",
            expect(
                """
                [quickfix, preferred] Change to `mrr`
                  fixes unknown-parent at main.kpi:13:11-13:15 "mrrr"
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi upsell "Upsell 🚀"
                  parent: mrr
                  owner: CS
                  actions:
                    - Call

                [refactor.rewrite] Add the missing fields of `upsell`
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi upsell "Upsell 🚀"
                  parent: mrrr
                  owner: CS
                  actions:
                    - Call
                  metric: TODO
                  baseline: TODO at 2027-07-15
                  target: TODO by FY2028
                """))
    }

    @Test func didYouMeanForAMisspeltField() throws {
        try checkCodeActions(
            Self.root + "kpi upsell\n  parent: mrr\n  ⟦ownr⟧: CS\n  actions:\n    - Call\n",
            expect(
                """
                [quickfix, preferred] Change to `owner`
                  fixes unknown-field at main.kpi:14:3-14:7 "ownr"
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi upsell
                  parent: mrr
                  owner: CS
                  actions:
                    - Call

                [refactor.rewrite] Add the missing fields of `upsell`
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi upsell
                  parent: mrr
                  ownr: CS
                  actions:
                    - Call
                  metric: TODO
                  owner: TODO
                  baseline: TODO at 2027-07-15
                  target: TODO by FY2028
                """))
    }

    @Test func useTheFileThatDefinesTheParent() throws {
        try checkCodeActions(
            """
            //- /team.kpi
            plan "Team"
              as-of: 2027-07-15

            kpi logos
              parent: ⟦revenue⟧
              owner: X
              actions:
                - Call
            //- /company.kpi
            kpi revenue
              top-level
              owner: CEO
            """,
            expect(
                """
                [quickfix, preferred] Add `use "company.kpi"`
                  fixes unknown-parent at team.kpi:5:11-5:18 "revenue"
                //- /team.kpi
                plan "Team"
                  as-of: 2027-07-15
                use "company.kpi"

                kpi logos
                  parent: revenue
                  owner: X
                  actions:
                    - Call

                [refactor.rewrite] Add the missing fields of `logos`
                //- /team.kpi
                plan "Team"
                  as-of: 2027-07-15

                kpi logos
                  parent: revenue
                  owner: X
                  actions:
                    - Call
                  metric: TODO
                  baseline: TODO at 2027-07-15
                  target: TODO by FY2028
                """))
    }

    @Test func unindentAnIgnoredLine() throws {
        try checkCodeActions(
            """
            kpi mrr "Grow MRR"
              top-level
              owner: CFO
              target: $150K by 2027-12-31
                ⟦baseline⟧: $125K at 2026-12-31
              actions:
                - Raise prices
            """,
            expect(
                """
                [quickfix, preferred] Unindent the line so that it is read
                  fixes ignored-line at main.kpi:5:5-5:34 "baseline: $125K at 2026-12-31"
                //- /main.kpi
                kpi mrr "Grow MRR"
                  top-level
                  owner: CFO
                  target: $150K by 2027-12-31
                  baseline: $125K at 2026-12-31
                  actions:
                    - Raise prices

                [refactor.rewrite] Add the missing fields of `mrr`
                //- /main.kpi
                kpi mrr "Grow MRR"
                  top-level
                  owner: CFO
                  target: $150K by 2027-12-31
                    baseline: $125K at 2026-12-31
                  actions:
                    - Raise prices
                  metric: TODO
                  baseline: TODO at 2027-07-15
                """))
    }

    @Test func markAnUnalignedKPITopLevel() throws {
        try checkCodeActions(
            "plan \"P\"\n  as-of: 2027-07-15\n\nkpi ⟦plants⟧ \"Plants\"\n  owner: X\n",
            expect(
                """
                [quickfix] Mark `plants` as `top-level`
                  fixes unaligned-kpi at main.kpi:4:5-4:11 "plants"
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi plants "Plants"
                  top-level
                  owner: X

                [refactor.rewrite] Add the missing fields of `plants`
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi plants "Plants"
                  owner: X
                  parent: TODO
                  metric: TODO
                  baseline: TODO at 2027-07-15
                  target: TODO by FY2028
                  actions:
                    - TODO
                """))
    }

    @Test func lowerAnUnrealisticTargetOrMoveItsDeadline() throws {
        try checkCodeActions(
            """
            kpi enterprise "Quintuple enterprise revenue"
              top-level
              metric: revenue
              owner: CRO
              baseline: $2M at 2026-12-31
              target: ⟦+400%⟧ by FY2027
              actions:
                - Hire
            """,
            expect(
                """
                [quickfix, preferred] Lower the target to $4M by 2027-12-31, what the ceiling allows
                  fixes unrealistic-target at main.kpi:6:11-6:16 "+400%"
                //- /main.kpi
                kpi enterprise "Quintuple enterprise revenue"
                  top-level
                  metric: revenue
                  owner: CRO
                  baseline: $2M at 2026-12-31
                  target: $4M by FY2027
                  actions:
                    - Hire

                [quickfix] Move the deadline to 2029-04-28, the first day the ceiling allows the target
                  fixes unrealistic-target at main.kpi:6:11-6:16 "+400%"
                //- /main.kpi
                kpi enterprise "Quintuple enterprise revenue"
                  top-level
                  metric: revenue
                  owner: CRO
                  baseline: $2M at 2026-12-31
                  target: +400% by 2029-04-28
                  actions:
                    - Hire
                """))
    }

    @Test func raiseATooDeepCut() throws {
        try checkCodeActions(
            """
            kpi backlog "Clear the support backlog"
              top-level
              owner: Support
              baseline: 900 at 2027-06-30
              target: ⟦20⟧ by 2027-09-30
              actions:
                - Triage
            """,
            expect(
                """
                [quickfix, preferred] Raise the target to 180 by 2027-09-30, what the ceiling allows
                  fixes unrealistic-target at main.kpi:5:11-5:13 "20"
                //- /main.kpi
                kpi backlog "Clear the support backlog"
                  top-level
                  owner: Support
                  baseline: 900 at 2027-06-30
                  target: 180 by 2027-09-30
                  actions:
                    - Triage

                [quickfix] Move the deadline to 2029-11-10, the first day the ceiling allows the target
                  fixes unrealistic-target at main.kpi:5:11-5:13 "20"
                //- /main.kpi
                kpi backlog "Clear the support backlog"
                  top-level
                  owner: Support
                  baseline: 900 at 2027-06-30
                  target: 20 by 2029-11-10
                  actions:
                    - Triage

                [refactor.rewrite] Add the missing fields of `backlog`
                //- /main.kpi
                kpi backlog "Clear the support backlog"
                  top-level
                  owner: Support
                  baseline: 900 at 2027-06-30
                  target: 20 by 2027-09-30
                  actions:
                    - Triage
                  metric: TODO
                """))
    }

    @Test func moveADeadlineToTheParents() throws {
        try checkCodeActions(
            """
            kpi mrr "Grow MRR"
              top-level
              owner: CFO
              target: $150K by FY2027
              actions:
                - Raise prices
            kpi leads "More leads"
              parent: mrr
              owner: CMO
              target: 600 by ⟦FY2028⟧
              actions:
                - Webinars
            """,
            expect(
                """
                [quickfix, preferred] Move the deadline to 2027-12-31, its parent's
                  fixes deadline-after-parent at main.kpi:10:18-10:24 "FY2028"
                //- /main.kpi
                kpi mrr "Grow MRR"
                  top-level
                  owner: CFO
                  target: $150K by FY2027
                  actions:
                    - Raise prices
                kpi leads "More leads"
                  parent: mrr
                  owner: CMO
                  target: 600 by 2027-12-31
                  actions:
                    - Webinars

                [refactor.rewrite] Add the missing fields of `leads`
                //- /main.kpi
                kpi mrr "Grow MRR"
                  top-level
                  owner: CFO
                  target: $150K by FY2027
                  actions:
                    - Raise prices
                kpi leads "More leads"
                  parent: mrr
                  owner: CMO
                  target: 600 by FY2028
                  actions:
                    - Webinars
                  metric: TODO
                  baseline: TODO at 2027-07-15
                """))
    }

    @Test func setATargetTheTrendPassesEarly() throws {
        try checkCodeActions(
            """
            kpi mrr "Grow MRR to $150K"
              top-level
              owner: CFO
              baseline: $100K at 2026-12-31
              target: ⟦$150K⟧ by FY2027
              actions:
                - Raise prices
              actuals:
                2027-03-31: $125K
            """,
            expect(
                """
                [quickfix] Set the target to $247.2K, where the trend is by 2027-12-31
                  fixes target-below-trend at main.kpi:5:11-5:16 "$150K"
                //- /main.kpi
                kpi mrr "Grow MRR to $150K"
                  top-level
                  owner: CFO
                  baseline: $100K at 2026-12-31
                  target: $247.2K by FY2027
                  actions:
                    - Raise prices
                  actuals:
                    2027-03-31: $125K

                [refactor.rewrite] Add the missing fields of `mrr`
                //- /main.kpi
                kpi mrr "Grow MRR to $150K"
                  top-level
                  owner: CFO
                  baseline: $100K at 2026-12-31
                  target: $150K by FY2027
                  actions:
                    - Raise prices
                  actuals:
                    2027-03-31: $125K
                  metric: TODO
                """))
    }

    @Test func turnTheSignOfAContribution() throws {
        try checkCodeActions(
            """
            kpi costs "Cut costs by $20K"
              top-level
              owner: CFO
              baseline: $200K at 2026-12-31
              target: ⟦-$20K⟧ by FY2027
              split: sum
              actions:
                - Review
            kpi hosting
              parent: costs
              contributes: -$15K
              owner: Ops
            kpi travel
              parent: costs
              contributes: $5K
              owner: Ops
            """,
            expect(
                """
                [quickfix, preferred] Write `-$5,000` for `travel`: the sign of the change
                  fixes split-mismatch at main.kpi:5:11-5:16 "-$20K"
                //- /main.kpi
                kpi costs "Cut costs by $20K"
                  top-level
                  owner: CFO
                  baseline: $200K at 2026-12-31
                  target: -$20K by FY2027
                  split: sum
                  actions:
                    - Review
                kpi hosting
                  parent: costs
                  contributes: -$15K
                  owner: Ops
                kpi travel
                  parent: costs
                  contributes: -$5,000
                  owner: Ops

                [quickfix] Put the -$10,000 remainder on `hosting` (-$15,000 → -$25,000)
                  fixes split-mismatch at main.kpi:5:11-5:16 "-$20K"
                //- /main.kpi
                kpi costs "Cut costs by $20K"
                  top-level
                  owner: CFO
                  baseline: $200K at 2026-12-31
                  target: -$20K by FY2027
                  split: sum
                  actions:
                    - Review
                kpi hosting
                  parent: costs
                  contributes: -$25,000
                  owner: Ops
                kpi travel
                  parent: costs
                  contributes: $5K
                  owner: Ops

                [quickfix] Put the -$10,000 remainder on `travel` (+$5,000 → -$5,000)
                  fixes split-mismatch at main.kpi:5:11-5:16 "-$20K"
                //- /main.kpi
                kpi costs "Cut costs by $20K"
                  top-level
                  owner: CFO
                  baseline: $200K at 2026-12-31
                  target: -$20K by FY2027
                  split: sum
                  actions:
                    - Review
                kpi hosting
                  parent: costs
                  contributes: -$15K
                  owner: Ops
                kpi travel
                  parent: costs
                  contributes: -$5,000
                  owner: Ops

                [refactor.rewrite] Add the missing fields of `costs`
                //- /main.kpi
                kpi costs "Cut costs by $20K"
                  top-level
                  owner: CFO
                  baseline: $200K at 2026-12-31
                  target: -$20K by FY2027
                  split: sum
                  actions:
                    - Review
                  metric: TODO
                kpi hosting
                  parent: costs
                  contributes: -$15K
                  owner: Ops
                kpi travel
                  parent: costs
                  contributes: $5K
                  owner: Ops
                """))
    }

    @Test func putASplitsRemainderOnAChild() throws {
        try checkCodeActions(
            Self.root + """
                kpi extra "Extra"
                  parent: mrr
                  metric: revenue
                  owner: VP Sales
                  baseline: $10,000/month at 2026-12-31
                  target: ⟦+$1,500⟧ by FY2027
                  split: sum
                  actions:
                    - Review
                kpi a
                  parent: extra
                  contributes: +$100
                  owner: X
                kpi b
                  parent: extra
                  contributes: +$1,200
                  owner: Y
                """,
            expect(
                """
                [quickfix] Put the +$200/month remainder on `a` (+$100/month → +$300/month)
                  fixes split-mismatch at main.kpi:17:11-17:18 "+$1,500"
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi extra "Extra"
                  parent: mrr
                  metric: revenue
                  owner: VP Sales
                  baseline: $10,000/month at 2026-12-31
                  target: +$1,500 by FY2027
                  split: sum
                  actions:
                    - Review
                kpi a
                  parent: extra
                  contributes: +$300
                  owner: X
                kpi b
                  parent: extra
                  contributes: +$1,200
                  owner: Y

                [quickfix] Put the +$200/month remainder on `b` (+$1,200/month → +$1,400/month)
                  fixes split-mismatch at main.kpi:17:11-17:18 "+$1,500"
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi extra "Extra"
                  parent: mrr
                  metric: revenue
                  owner: VP Sales
                  baseline: $10,000/month at 2026-12-31
                  target: +$1,500 by FY2027
                  split: sum
                  actions:
                    - Review
                kpi a
                  parent: extra
                  contributes: +$100
                  owner: X
                kpi b
                  parent: extra
                  contributes: +$1,400
                  owner: Y
                """))
    }

    @Test func addTheMissingFields() throws {
        try checkCodeActions(
            Self.root + "kpi ⟦bare⟧ \"Bare — 🚀\"\n  parent: mrr\n",
            expect(
                """
                [refactor.rewrite] Add the missing fields of `bare`
                //- /main.kpi
                plan "P"
                  as-of: 2027-07-15

                kpi mrr "MRR — €"
                  top-level
                  metric: MRR
                  owner: CFO
                  baseline: $125K at 2026-12-31
                  target: +20% by FY2027
                  actions:
                    - Raise prices
                kpi bare "Bare — 🚀"
                  parent: mrr
                  metric: TODO
                  owner: TODO
                  baseline: TODO at 2027-07-15
                  target: TODO by FY2028
                  actions:
                    - TODO
                """))
    }

    @Test func nothingOnAGoodLine() throws {
        try checkCodeActions(
            Self.root.replacing("owner: CFO", with: "owner: ⟦CFO⟧"),
            expect(
                """
                no code actions
                """))
    }
}

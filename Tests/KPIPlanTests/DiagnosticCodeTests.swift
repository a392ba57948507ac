// One data-driven case per diagnostic code: a small plan with the offending text marked `⟦…⟧`, the
// code, a piece of the message with its numbers, and a fixed variant of the same plan that does not
// report the code. Some codes have more than one case (e.g. across files).

import KPIPlan
import KPITestSupport
import Testing

struct CodeCase: Sendable, CustomTestStringConvertible {
    var code: DiagnosticCode
    var name: String = ""
    var plan: String
    var message: String
    var fixed: String
    var others: [String: String] = [:]
    var fixedOthers: [String: String]? = nil
    var unreadable: [String: String] = [:]
    var testDescription: String { code.rawValue + (name.isEmpty ? "" : " (\(name))") }
}

/// A sound root goal the cases hang their KPIs from.
let root = """
    kpi mrr "Grow MRR"
      top-level
      metric: MRR
      owner: CFO
      baseline: $125K at 2026-12-31
      target: +20% by FY2027
      actions:
        - Raise prices

    """

/// A sound child KPI of `mrr`, with `EXTRA` for more fields.
func child(_ id: String = "leads", extra: String = "") -> String {
    """
    kpi \(id) "Leads"
      parent: mrr
      owner: CMO
      baseline: 400/month at 2026-12-31
      target: +50% by 2027-Q3
    \(extra)  actions:
        - Publish case studies

    """
}

let codeCases: [CodeCase] = [
    CodeCase(
        code: .syntaxError, plan: root + "kpi leads ⟦Grow leads⟧\n  parent: mrr\n  owner: CMO\n",
        message: "the title must be in double quotes",
        fixed: root + "kpi leads \"Grow leads\"\n  parent: mrr\n  owner: CMO\n"),
    CodeCase(
        code: .syntaxError, name: "stray list item",
        plan: root + "kpi leads\n  parent: mrr\n  owner: CMO\n  ⟦- Publish case studies⟧\n",
        message: "a list item belongs under `actions:`",
        fixed: root + "kpi leads\n  parent: mrr\n  owner: CMO\n  actions:\n    - Publish case studies\n"),
    CodeCase(
        code: .unknownField, plan: root + child(extra: "  ⟦ownr⟧: CFO\n"),
        message: "`ownr` is not a field of a KPI: did you mean `owner`?",
        fixed: root + child()),
    CodeCase(
        code: .unknownField, name: "plan", plan: "plan \"P\"\n  ⟦curency⟧: EUR\n" + root,
        message: "`curency` is not a field of a plan: did you mean `currency`?",
        fixed: "plan \"P\"\n  currency: EUR\n" + root),
    CodeCase(
        code: .duplicateField, plan: root + child(extra: "  ⟦owner⟧: CEO\n"),
        message: "`owner` is given twice; the first one counts",
        fixed: root + child()),
    CodeCase(
        code: .duplicateField, name: "actuals",
        plan: root + child(extra: "  actuals:\n    2027-03-31: 450/month\n    ⟦2027-Q1⟧: 460/month\n"),
        message: "2027-03-31 is given twice",
        fixed: root + child(extra: "  actuals:\n    2027-03-31: 450/month\n    2027-Q2: 460/month\n")),
    CodeCase(
        code: .duplicateKPI, plan: "use \"other.kpi\"\n" + root + child("⟦leads⟧"),
        message: "`leads` is already defined in plans/other.kpi; KPI ids must be unique across the files that `use` connects",
        fixed: "use \"other.kpi\"\n" + root + child("more-leads"),
        others: ["other.kpi": child("leads").replacingOccurrences(of: "parent: mrr", with: "top-level")]),
    CodeCase(
        code: .duplicateKPI, name: "same file", plan: root + child() + child("⟦leads⟧"),
        message: "`leads` is already defined above",
        fixed: root + child() + child("leads-2")),
    CodeCase(
        code: .invalidQuantity, plan: root + child().replacingOccurrences(of: "400/month at", with: "⟦$1,50⟧ at"),
        message: "`$1,50` is not a quantity: write an amount like `$125K`",
        fixed: root + child()),
    CodeCase(
        code: .invalidQuantity, name: "baseline without a value",
        plan: root + child().replacingOccurrences(of: "400/month at", with: "⟦at⟧"),
        message: "`baseline:` needs a value before `at`, like `$125K at 2026-12-31`",
        fixed: root + child()),
    CodeCase(
        code: .invalidDate, name: "signed month", plan: root + child().replacingOccurrences(of: "by 2027-Q3", with: "by ⟦2027-+9⟧"),
        message: "`2027-+9` is not a date",
        fixed: root + child()),
    CodeCase(
        code: .invalidDate, plan: root + child().replacingOccurrences(of: "by 2027-Q3", with: "by ⟦2027-02-30⟧"),
        message: "`2027-02-30` is not a date: write `2027-12-31`",
        fixed: root + child()),
    CodeCase(
        code: .invalidDate, name: "nothing after by", plan: root + child().replacingOccurrences(of: "by 2027-Q3", with: "⟦by⟧"),
        message: "`by` needs a date after it",
        fixed: root + child()),
    CodeCase(
        code: .invalidValue, plan: root + child(extra: "  perspective: ⟦sideways⟧\n"),
        message: "`sideways` is not a perspective: write learning, internal, customer or financial",
        fixed: root + child(extra: "  perspective: customer\n")),
    CodeCase(
        code: .unresolvedUse, plan: "use ⟦\"missing.kpi\"⟧\n" + root,
        message: "cannot find `missing.kpi` (looked for plans/missing.kpi)",
        fixed: "use \"missing.kpi\"\n" + root, fixedOthers: ["missing.kpi": "# found after all\n"]),
    CodeCase(
        code: .unresolvedUse, name: "unreadable", plan: "use ⟦\"folder.kpi\"⟧\n" + root,
        message: "cannot use `folder.kpi`: it is a folder, not a plan file",
        fixed: root, unreadable: ["folder.kpi": "it is a folder, not a plan file"]),
    CodeCase(
        code: .useCycle, plan: "use ⟦\"other.kpi\"⟧\n" + root,
        message: "`use \"other.kpi\"` leads back to this file: the files use each other in a loop",
        fixed: "use \"other.kpi\"\n" + root,
        others: ["other.kpi": "use \"main.kpi\"\n"], fixedOthers: ["other.kpi": "# uses nothing\n"]),
    CodeCase(
        code: .ignoredLine, plan: root + child().replacingOccurrences(of: "by 2027-Q3\n", with: "by 2027-Q3\n    ⟦weight: 50%⟧\n"),
        message:
            "this line is indented under `target:`, which takes no lines below it, so it is ignored: unindent it to line up with `target:`",
        fixed: root + child()),
    CodeCase(
        code: .unknownParent, plan: root + child().replacingOccurrences(of: "parent: mrr", with: "parent: ⟦mrrr⟧"),
        message: "no KPI `mrrr` is visible here: did you mean `mrr`?",
        fixed: root + child()),
    CodeCase(
        code: .unknownParent, name: "in a file not used", plan: child().replacingOccurrences(of: "parent: mrr", with: "parent: ⟦mrr⟧"),
        message: "no KPI `mrr` is visible here: it is defined in plans/other.kpi, which this file does not `use`",
        fixed: "use \"other.kpi\"\n" + child(), others: ["other.kpi": root]),
    CodeCase(
        code: .parentCycle,
        plan: root + child("a").replacingOccurrences(of: "parent: mrr", with: "parent: ⟦b⟧")
            + child("b").replacingOccurrences(of: "parent: mrr", with: "parent: a"),
        message: "the parent chain loops back to `a`: a → b → a",
        fixed: root + child("a") + child("b").replacingOccurrences(of: "parent: mrr", with: "parent: a")),
    CodeCase(
        code: .unalignedKPI, plan: root + child("⟦lonely⟧").replacingOccurrences(of: "  parent: mrr\n", with: ""),
        message: "`lonely` supports no goal: add `parent: <id>` for the goal it drives, or `top-level` if it is a root goal",
        fixed: root + child("lonely").replacingOccurrences(of: "parent: mrr", with: "top-level")),
    CodeCase(
        code: .deadlineAfterParent, plan: root + child().replacingOccurrences(of: "by 2027-Q3", with: "by ⟦2028-06-30⟧"),
        message: "deadline 2028-06-30 is 182 days after the deadline of its parent `mrr`, 2027-12-31: a supporting goal must land first",
        fixed: root + child()),
    CodeCase(
        code: .splitMismatch,
        plan: """
            kpi extra "Add revenue"
              top-level
              owner: VP Sales
              baseline: $10,000/month at 2026-12-31
              target: ⟦+$1,500/month⟧ by FY2027
              split: sum
              actions:
                - Review the bridge
            kpi price
              parent: extra
              contributes: +$100/month
            kpi repeat
              parent: extra
              contributes: +$300/month
            kpi new
              parent: extra
              contributes: +$1,000/month

            """,
        message: "children add up to $1,400/month of the $1,500/month target: $100/month unallocated",
        fixed: """
            kpi extra "Add revenue"
              top-level
              owner: VP Sales
              baseline: $10,000/month at 2026-12-31
              target: +$1,500/month by FY2027
              split: sum
              actions:
                - Review the bridge
            kpi price
              parent: extra
              contributes: +$100/month
            kpi repeat
              parent: extra
              contributes: +$300/month
            kpi new
              parent: extra
              contributes: +$1,100/month

            """),
    CodeCase(
        code: .splitMismatch, name: "over-allocated",
        plan: root.replacingOccurrences(of: "+20%", with: "⟦+$25K⟧")
            .replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:")
            + "kpi a\n  parent: mrr\n  contributes: +$20K\nkpi b\n  parent: mrr\n  contributes: +$10K\n",
        message: "children add up to $30,000 of the $25,000 target: over-allocated by $5,000",
        fixed: root.replacingOccurrences(of: "+20%", with: "+$25K").replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:")
            + "kpi a\n  parent: mrr\n  contributes: +$15K\nkpi b\n  parent: mrr\n  contributes: +$10K\n"),
    CodeCase(
        code: .splitMismatch, name: "no children", plan: root.replacingOccurrences(of: "  actions:", with: "  split: ⟦sum⟧\n  actions:"),
        message: "`split: sum` but no KPI names `mrr` as its parent",
        fixed: root),
    CodeCase(
        code: .splitMismatch, name: "contributes without a sum", plan: root + "kpi a\n  parent: mrr\n  contributes: ⟦+$5K⟧\n",
        message: "`contributes:` counts only under a parent with `split: sum`, and `mrr` has no split",
        fixed: root.replacingOccurrences(of: "+20%", with: "+$5K").replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:")
            + "kpi a\n  parent: mrr\n  contributes: +$5K\n"),
    CodeCase(
        code: .unitMismatch, plan: root.replacingOccurrences(of: "+20%", with: "⟦€150K⟧"),
        message: "`€150K` is in EUR but this KPI is measured in USD",
        fixed: root.replacingOccurrences(of: "+20%", with: "$150K")),
    CodeCase(
        code: .unitMismatch, name: "contribution",
        plan: root.replacingOccurrences(of: "+20%", with: "+$5K")
            .replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:") + "kpi a\n  parent: mrr\n  contributes: ⟦+5%⟧\n",
        message: "contributes +5%, in %, to `mrr`, which is measured in USD",
        fixed: root.replacingOccurrences(of: "+20%", with: "+$5K").replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:")
            + "kpi a\n  parent: mrr\n  contributes: +$5K\n"),
    CodeCase(
        code: .weightsNot100,
        plan: root.replacingOccurrences(of: "  actions:", with: "  split: ⟦weighted⟧\n  actions:")
            + child("a", extra: "  weight: 50%\n") + child("b", extra: "  weight: 40%\n"),
        message: "weights add up to 90%, not 100%: 10% unassigned",
        fixed: root.replacingOccurrences(of: "  actions:", with: "  split: weighted\n  actions:")
            + child("a", extra: "  weight: 60%\n") + child("b", extra: "  weight: 40%\n")),
    CodeCase(
        code: .weightsNot100, name: "missing weight",
        plan: root.replacingOccurrences(of: "  actions:", with: "  split: weighted\n  actions:")
            + child("a", extra: "  weight: 100%\n") + child("⟦b⟧", extra: "  role: component\n"),
        message: "`mrr` is a weighted split: give `b` a `weight:`",
        fixed: root.replacingOccurrences(of: "  actions:", with: "  split: weighted\n  actions:")
            + child("a", extra: "  weight: 60%\n") + child("b", extra: "  weight: 40%\n")),
    CodeCase(
        code: .perspectiveOrder,
        plan: root.replacingOccurrences(of: "  metric:", with: "  perspective: customer\n  metric:")
            + child(extra: "  perspective: ⟦financial⟧\n"),
        message:
            "a financial KPI supports a customer goal `mrr`: the balanced-scorecard chain runs learning → internal → customer → financial",
        fixed: root.replacingOccurrences(of: "  metric:", with: "  perspective: customer\n  metric:")
            + child(extra: "  perspective: internal\n")),
    CodeCase(
        code: .unrealisticTarget,
        plan: root.replacingOccurrences(of: "baseline: $125K", with: "baseline: $2M")
            .replacingOccurrences(of: "+20%", with: "⟦+400%⟧"),
        message: "$2M → $10M needs 400% compound growth a year over 1 year; the ceiling is 100%/year",
        fixed: root.replacingOccurrences(of: "baseline: $125K", with: "baseline: $2M").replacingOccurrences(of: "+20%", with: "+80%")),
    CodeCase(
        code: .unrealisticTarget, name: "against the trend",
        plan: root.replacingOccurrences(of: "+20%", with: "⟦+60%⟧")
            + "  actuals:\n    2027-06-30: $127.5K\n",
        message: "$125K → $200K needs 60%/year, over 3× the 4.1%/year trend of its actuals",
        fixed: root + "  actuals:\n    2027-06-30: $137K\n"),
    CodeCase(
        code: .impossibleTarget,
        plan: child(extra: "  metric: customer retention rate\n")
            .replacingOccurrences(of: "parent: mrr", with: "top-level").replacingOccurrences(of: "400/month", with: "88%")
            .replacingOccurrences(of: "+50%", with: "⟦120%⟧"),
        message: "the target works out to 120%, above 100%, which Customer Retention Rate cannot exceed",
        fixed: child(extra: "  metric: customer retention rate\n").replacingOccurrences(of: "parent: mrr", with: "top-level")
            .replacingOccurrences(of: "400/month", with: "88%").replacingOccurrences(of: "+50%", with: "92%")),
    CodeCase(
        code: .impossibleTarget, name: "negative count",
        plan: child().replacingOccurrences(of: "parent: mrr", with: "top-level")
            .replacingOccurrences(of: "+50%", with: "⟦-500/month⟧"),
        message: "the target works out to -100/month: a count cannot be negative",
        fixed: child().replacingOccurrences(of: "parent: mrr", with: "top-level").replacingOccurrences(of: "+50%", with: "-300/month")),
    CodeCase(
        code: .impossibleTarget, name: "NPS above 100",
        plan: """
            kpi nps "Delight customers"
              top-level
              metric: NPS
              owner: CX
              baseline: 90 at 2026-12-31
              target: ⟦110⟧ by FY2027
              actions:
                - Call every detractor

            """,
        message: "the target works out to 110, above 100, which NPS cannot exceed",
        fixed:
            "kpi nps \"Delight customers\"\n  top-level\n  metric: NPS\n  owner: CX\n  baseline: 90 at 2026-12-31\n  target: 95 by FY2027\n  actions:\n    - Call every detractor\n"
    ),
    CodeCase(
        code: .wrongDirection,
        plan: """
            kpi churn "Reduce churn"
              top-level
              metric: churn rate
              owner: Head of CS
              baseline: 3% at 2026-12-31
              target: ⟦3.5%⟧ by FY2027
              actions:
                - Call every account at risk

            """,
        message: "3% → 3.5% (+0.5pp) moves the wrong way: for Churn Rate, lower is better",
        fixed:
            "kpi churn \"Reduce churn\"\n  top-level\n  metric: churn rate\n  owner: Head of CS\n  baseline: 3% at 2026-12-31\n  target: 2.5% by FY2027\n  actions:\n    - Call every account at risk\n"
    ),
    CodeCase(
        code: .wrongDirection, name: "the title says",
        plan: """
            kpi frt "Cut first response time"
              top-level
              owner: Head of Support
              baseline: 24h at 2026-12-31
              target: ⟦40h⟧ by FY2027
              actions:
                - Staff the queue at peak hours

            """,
        message: "24h → 40h (+16h) moves the wrong way: the title says lower is better",
        fixed:
            "kpi frt \"Cut first response time\"\n  top-level\n  owner: Head of Support\n  baseline: 24h at 2026-12-31\n  target: 8h by FY2027\n  actions:\n    - Staff the queue at peak hours\n"
    ),
    CodeCase(
        code: .percentOfRate,
        plan: """
            kpi conversion "Convert more visitors"
              top-level
              metric: conversion rate
              owner: Head of Growth
              baseline: 2% at 2026-12-31
              target: ⟦+1%⟧ by FY2027
              actions:
                - Shorten the sign-up form

            """,
        message: "`+1%` of 2% is 2.02%: a relative change; did you mean `+1pp` (3%)?",
        fixed:
            "kpi conversion \"Convert more visitors\"\n  top-level\n  metric: conversion rate\n  owner: Head of Growth\n  baseline: 2% at 2026-12-31\n  target: +1pp by FY2027\n  actions:\n    - Shorten the sign-up form\n"
    ),
    CodeCase(
        code: .targetAlreadyMet, plan: root.replacingOccurrences(of: "+20%", with: "⟦$125K⟧"),
        message: "the target equals the baseline ($125K): it asks for no change",
        fixed: root),
    CodeCase(
        code: .targetAlreadyMet, name: "actual reached it", plan: root + "  actuals:\n    2027-06-30: ⟦$151K⟧\n",
        message: "already met: the actual of 2027-06-30, $151K, has reached the $150K target",
        fixed: root + "  actuals:\n    2027-06-30: $140K\n"),
    CodeCase(
        code: .deadlinePassed, plan: root.replacingOccurrences(of: "FY2027", with: "⟦2027-03-31⟧"),
        message: "the deadline 2027-03-31 passed 106 days ago (today is 2027-07-15)",
        fixed: root),
    CodeCase(
        code: .milestoneBehindPath,
        plan: """
            kpi arr "Reach $10M ARR"
              top-level
              metric: ARR
              owner: CEO
              baseline: $4M at 2026-12-31
              target: $10M by 2031-12-31
              actions:
                - Open an office
              milestones:
                2027: $4.6M
                2029: ⟦$5.5M⟧

            """,
        message: "the 2029-12-31 milestone, $5.5M, is behind the compound path to $10M, which is at $6.93M by then",
        fixed: """
            kpi arr "Reach $10M ARR"
              top-level
              metric: ARR
              owner: CEO
              baseline: $4M at 2026-12-31
              target: $10M by 2031-12-31
              actions:
                - Open an office
              milestones:
                2027: $4.8M
                2029: $7M

            """),
    CodeCase(
        code: .lateFirstCheckpoint,
        plan: """
            kpi arr "Reach $10M ARR"
              top-level
              metric: ARR
              owner: CEO
              baseline: $4M at 2026-12-31
              target: ⟦$10M⟧ by 2031-12-31
              actions:
                - Open an office
              milestones:
                2028-01-31: $4.9M

            """,
        message: "with no milestone or actual in its first year (by 2027-12-31): add a `milestones:` entry so a slip shows early",
        fixed: """
            kpi arr "Reach $10M ARR"
              top-level
              metric: ARR
              owner: CEO
              baseline: $4M at 2026-12-31
              target: $10M by 2031-12-31
              actions:
                - Open an office
              milestones:
                2027-12-31: $4.8M

            """),
    CodeCase(
        code: .offTrack, plan: root + "  actuals:\n    2027-03-31: $131K\n    2027-06-30: ⟦$133K⟧\n",
        message: "behind: $133K on 2027-06-30 is 32% of the way to $150K; the compound path expects $136.8K (47%)",
        fixed: root + "  actuals:\n    2027-03-31: $131K\n    2027-06-30: $137K\n"),
    CodeCase(
        code: .offTrack, name: "at risk", plan: root + "  actuals:\n    2027-06-30: ⟦$126K⟧\n",
        message: "at risk: $126K on 2027-06-30 is 4% of the way to $150K",
        fixed: root + "  actuals:\n    2027-06-30: $136K\n"),
    CodeCase(
        code: .targetBelowTrend, plan: root.replacingOccurrences(of: "+20%", with: "⟦+20%⟧") + "  actuals:\n    2027-03-31: $140K\n",
        message:
            "the trend of the actuals, +58.4%/year, reaches $150K by 2027-05-25, 7 months before the 2027-12-31 deadline: the target may ask too little (the trend gives $197.9K by then)",
        fixed: root + "  actuals:\n    2027-03-31: $131K\n"),
    CodeCase(
        code: .vagueTarget, plan: root + child().replacingOccurrences(of: "+50% by 2027-Q3", with: "⟦lots more leads⟧ by 2027-Q3"),
        message: "`lots more leads` has no number: write a level (`$150K`), a change (`+20%`, `+$25K`) or `at least 95%`",
        fixed: root + child()),
    CodeCase(
        code: .vagueTarget, name: "no target",
        plan: root + child("⟦leads⟧").replacingOccurrences(of: "  target: +50% by 2027-Q3\n", with: ""),
        message: "`leads` has no target: add `target:` with a number and a deadline, like `target: +20% by FY2027`",
        fixed: root + child()),
    CodeCase(
        code: .vagueTarget, name: "empty target",
        plan: root + child().replacingOccurrences(of: "target: +50% by 2027-Q3", with: "⟦target⟧:"),
        message: "`target:` has no number",
        fixed: root + child()),
    CodeCase(
        code: .missingDeadline, plan: root + child().replacingOccurrences(of: "+50% by 2027-Q3", with: "at least ⟦600/month⟧"),
        message: "the target has no deadline: add `by DATE`, like `by FY2027` or `by 2027-Q3`",
        fixed: root + child().replacingOccurrences(of: "+50% by 2027-Q3", with: "at least 600/month by 2027-Q3")),
    CodeCase(
        code: .missingDeadline, name: "contribution",
        plan: root.replacingOccurrences(of: "+20% by FY2027", with: "+$25K")
            .replacingOccurrences(of: "  actions:", with: "  split: sum\n  actions:") + "kpi a\n  parent: mrr\n  contributes: ⟦+$25K⟧\n",
        message: "the contribution has no deadline, and its parent has none to share",
        fixed: root.replacingOccurrences(of: "+20% by FY2027", with: "+$25K by FY2027").replacingOccurrences(
            of: "  actions:", with: "  split: sum\n  actions:")
            + "kpi a\n  parent: mrr\n  contributes: +$25K\n"),
    CodeCase(
        code: .missingBaseline,
        plan: root
            + child().replacingOccurrences(of: "  baseline: 400/month at 2026-12-31\n", with: "")
            .replacingOccurrences(of: "+50%", with: "⟦+50%⟧"),
        message: "a relative target needs a baseline to start from: add `baseline: VALUE at DATE`",
        fixed: root + child()),
    CodeCase(
        code: .noActions, plan: root + child("⟦leads⟧").replacingOccurrences(of: "  actions:\n    - Publish case studies\n", with: ""),
        message: "`leads` lists no actions: add `actions:` with what the team will do",
        fixed: root + child()),
    CodeCase(
        code: .noOwner, plan: root + child("⟦leads⟧").replacingOccurrences(of: "  owner: CMO\n", with: ""),
        message: "`leads` has no owner: add `owner:` so someone is accountable",
        fixed: root + child()),
]

@Suite struct DiagnosticCodeTests {
    @Test func everyCodeHasACase() {
        let covered = Set(codeCases.map(\.code))
        let missing = DiagnosticCode.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "codes without a case: \(missing.map(\.rawValue))")
    }

    @Test(arguments: codeCases)
    func reportsTheCodeOnTheMarkedRange(_ c: CodeCase) throws {
        try check(c.plan, c.code, message: c.message, others: c.others, unreadable: c.unreadable)
    }

    @Test(arguments: codeCases)
    func theFixedPlanDoesNotReportIt(_ c: CodeCase) throws {
        try checkSilent(c.fixed, c.code, others: c.fixedOthers ?? c.others)
    }

    /// Each rule of the registry: its own code, a `### section` of docs/language.md with its
    /// default severity in the table there, and a case above that triggers it and a fixed plan
    /// that does not (both run by the two tests above).
    @Test func everyRuleIsDocumentedTriggeredAndSilenced() {
        let rules = RuleRegistry.all
        #expect(Set(rules.map { $0.code }).count == rules.count, "two rules share a code")
        let lines = DocsExamplesTests.document.components(separatedBy: "\n")
        for rule in rules {
            let code = rule.code.rawValue
            #expect(rule.documentationSection == code, "\(code) is documented under another name")
            #expect(
                lines.contains("### \(rule.documentationSection)"), "docs/language.md has no `### \(rule.documentationSection)` section")
            let row =
                "| [\(code)](#\(rule.documentationSection)) | \(rule.defaultSeverity == .information ? "information" : rule.defaultSeverity.name) |"
            #expect(lines.contains { $0.hasPrefix(row) }, "docs/language.md's table does not give \(code) as \(rule.defaultSeverity.name)")
            #expect(
                codeCases.contains { $0.code == rule.code && !$0.plan.isEmpty && !$0.fixed.isEmpty },
                "\(code) has no case that triggers it and a fixed plan that does not")
        }
        #expect(DiagnosticCode.allCases.count == rules.count, "a code without a rule")
        #expect(DiagnosticCode(rawValue: "no-such-code") == nil && DiagnosticCode(rawValue: "no-owner") == .noOwner)
    }

    @Test func theCodesHaveTheirDocumentedSeverities() {
        #expect(DiagnosticCode.allCases.filter { $0.defaultSeverity == .error }.count == 10)
        #expect(DiagnosticCode.syntaxError.defaultSeverity == .error)
        #expect(DiagnosticCode.splitMismatch.defaultSeverity == .warning)
        #expect(DiagnosticCode.noOwner.defaultSeverity == .information)
        #expect(DiagnosticCode.perspectiveOrder.defaultSeverity == .hint)
        #expect(DiagnosticCode.noOwner.documentationAnchor == "docs/language.md#no-owner")
        #expect(Severity(name: "info") == .information && Severity(name: "Warning") == .warning && Severity(name: "fatal") == nil)
    }
}

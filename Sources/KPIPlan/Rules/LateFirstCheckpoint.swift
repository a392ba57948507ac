// `late-first-checkpoint`: a target over more than a year with no milestone or actual in its
// first year, so a slip would show late.

extension DiagnosticCode { public static let lateFirstCheckpoint = DiagnosticCode(declaring: "late-first-checkpoint") }

public enum LateFirstCheckpointRule: KPIRule {
    public static let code = DiagnosticCode.lateFirstCheckpoint
    public static let defaultSeverity = Severity.information
    public static let documentationSection = "late-first-checkpoint"
    public static let summary = "No milestone or actual in the first year of a long target."

    public struct Finding: RuleFinding {
        public typealias Owner = LateFirstCheckpointRule
        public let years: Double
        public let firstYearEnd: Day
        public var message: String {
            "a \(Quantity.describe(years: years, adjective: true)) target with no milestone or actual in its first year (by \(firstYearEnd)): add a `milestones:` entry so a slip shows early"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        let kpi = check.kpi
        guard let target = kpi.target, math.baseline != nil, math.target != nil,
            math.isMultiYear, let start = math.baselineDate
        else { return }
        // One year after the start (the 28th for a 29 February start); not `+ 366 days`, which
        // runs a day into the second year unless that year has a 29 February.
        let firstYearEnd =
            Day(year: start.year + 1, month: start.month, day: start.day)
            ?? Day(year: start.year + 1, month: start.month, day: Day.daysIn(month: start.month, year: start.year + 1))
            ?? start.adding(days: 366)
        let early = kpi.milestones.contains { $0.date <= firstYearEnd } || kpi.actuals.contains { $0.date <= firstYearEnd }
        if !early {
            findings.report(Finding(years: math.years ?? 0, firstYearEnd: firstYearEnd), at: target.range)
        }
    }
}

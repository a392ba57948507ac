// `off-track`: the latest actual is behind (or at risk against) the path to the target.

extension DiagnosticCode { public static let offTrack = DiagnosticCode(declaring: "off-track") }

public enum OffTrackRule: KPIRule {
    public static let code = DiagnosticCode.offTrack
    public static let defaultSeverity = Severity.warning
    public static let documentationSection = "off-track"
    public static let summary = "The latest actual is behind or at risk on the path to the target."

    public struct Finding: RuleFinding {
        public typealias Owner = OffTrackRule
        public let status: ProgressStatus
        public let actual: Quantity
        public let date: Day
        /// How far along the way to the target the actual is (1 is all the way).
        public let progress: Double
        public let target: Double
        public let growth: Growth
        /// What the path expects by `date`, as a value and as progress.
        public let expectedValue: Double
        public let expectedProgress: Double
        public let unit: QuantityUnit

        public var message: String {
            "\(status.rawValue): \(actual.formatted) on \(date) is \(Quantity.formatPercent(progress, decimals: 0)) of the way to \(Quantity.format(target, unit)); the \(growth.rawValue) path expects \(Quantity.format(expectedValue, unit)) (\(Quantity.formatPercent(expectedProgress, decimals: 0)))"
        }
    }

    static func check(_ check: KPICheck, _ findings: inout Findings) {
        let math = check.math
        guard check.kpi.target != nil, math.baseline != nil, let t = math.target, let progress = math.progress,
            progress.status == .behind || progress.status == .atRisk
        else { return }
        findings.report(
            Finding(
                status: progress.status, actual: progress.actual.value, date: progress.actual.date,
                progress: progress.progress, target: t, growth: math.growth,
                expectedValue: progress.expectedValue, expectedProgress: progress.expectedProgress, unit: math.unit ?? .count),
            at: progress.actual.valueRange)
    }
}

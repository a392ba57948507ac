// The cascade math of a KPI — baseline → target level, the change, the growth it needs per
// month, quarter and year, the year-by-year path worked backwards from a multi-year target,
// progress of actuals against that path, and how a split's children add up. Hovers, inlay hints,
// code lenses, `kpi explain` and the checks all read these numbers from here.

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum ProgressStatus: String, Sendable {
    case onTrack = "on track"
    case behind = "behind"
    case atRisk = "at risk"
    case met = "met"
}

public struct PathPoint: Sendable, Hashable {
    public let date: Day
    public let value: Double
}

public struct ProgressMath: Sendable {
    public let actual: Checkpoint
    /// (actual − baseline) / (target − baseline).
    public let progress: Double
    /// Where the path says the KPI should be on the actual's date, as progress and as a value.
    public let expectedProgress: Double
    public let expectedValue: Double
    public let status: ProgressStatus
    /// Where the path says the KPI should be today.
    public let expectedToday: Double?
}

public struct SplitMath: Sendable {
    public struct Part: Sendable {
        public let child: KPIRef
        public let contribution: Double?  // in the parent's unit; nil when it cannot be counted
        public let share: Double?  // of the parent's change (sum) or its weight (weighted)
        /// Its own progress, else the progress rolled up from its own split.
        public let progress: Double?
    }
    public let kind: SplitKind
    /// The components: the children that add up or carry weight.
    public let parts: [Part]
    /// The drivers: the children that support the parent without adding up (`Roles.swift`).
    public let drivers: [KPIRef]
    /// Sum: the parent's change and the children's total; weighted: 1.0 and the weights' total.
    public let whole: Double
    public let total: Double
    public var remainder: Double { whole - total }
    /// Progress rolled up from the components' latest actuals, or their own roll-ups, through any depth.
    public let rolledUpProgress: Double?
    public var isBalanced: Bool { adds(up: total) }
    /// Whether a total matches the whole within the tolerance: 0.5% of the whole.
    func adds(up total: Double) -> Bool { abs(whole - total) <= max(abs(whole) * 0.005, 1e-9) }
    /// The components whose contribution runs against the parent's change (+$5K under a -$20K change).
    public var oppositeSignParts: [Part] { parts.filter { ($0.contribution ?? 0) * whole < 0 } }
    /// Whether the split would add up with those contributions' signs turned: a sign left out.
    public var addsUpWithSignsTurned: Bool {
        let opposite = oppositeSignParts
        return !opposite.isEmpty && adds(up: total - 2 * opposite.reduce(0) { $0 + ($1.contribution ?? 0) })
    }
    public var allocatedFraction: Double? { whole == 0 ? nil : total / whole }
}

public struct KPIMath: Sendable {
    public var unit: QuantityUnit?
    public var baseline: Double?
    public var baselineDate: Day?
    public var baselineDateIsAsOf = false
    public var target: Double?
    public var deadline: Day?
    public var deadlineFromParent = false
    public var change: Double?
    public var relativeChange: Double?
    public var years: Double?
    public var growth: Growth = .compound
    /// Compound growth needed per year, quarter and month (nil when it does not apply).
    public var perYear: Double?
    public var perQuarter: Double?
    public var perMonth: Double?
    /// Linear change needed per year, in the KPI's unit.
    public var linearPerYear: Double?
    public var path: [PathPoint] = []
    /// Years for a target over a year away; quarters or months for a shorter one (`ShortPath.swift`).
    public var pathStep: PathStep = .year
    public var progress: ProgressMath?
    /// The target held against its ceiling (`Realism.swift`), and the trend of the actuals.
    public var realism: RealismMath?
    public var trend: TrendMath?
    public var split: SplitMath?
    public var chain: [KPIRef] = []
    public var today: Day
    public var daysLeft: Int? { deadline.map { today.days(until: $0) } }
    public var isMultiYear: Bool { (years ?? 0) > 1.0 + 1e-9 }
    /// The KPI's own deadline is before today and its latest actual has not reached the target
    /// (the `deadline-passed` check; the report's "deadline passed" status).
    public var deadlinePassed: Bool {
        guard let deadline, !deadlineFromParent else { return false }
        return deadline < today && (progress?.progress ?? 0) < 1
    }

    public func format(_ value: Double, signed: Bool = false) -> String {
        Quantity.format(value, unit ?? .count, signed: signed)
    }

    /// The value the path expects on a day (the baseline before it starts, the target after it ends).
    /// Time runs in years from the baseline date (whole years, then days within the year), so each
    /// year end is exactly one year's growth further on, whatever the leap days.
    public func pathValue(at day: Day) -> Double? {
        guard let b = baseline, let t = target, let start = baselineDate, let end = deadline else { return nil }
        let total = Self.elapsedYears(from: start, to: end)
        guard total > 0 else { return t }
        let fraction = min(max(Self.elapsedYears(from: start, to: day) / total, 0), 1)
        if growth == .compound && b > 0 && t > 0 {
            return b * power(t / b, fraction)
        }
        return b + (t - b) * fraction
    }

    /// Years from `start` to `day`: the whole years to the last anniversary of `start` on or before
    /// `day`, plus the days since that anniversary over the length of that year (negative before `start`).
    static func elapsedYears(from start: Day, to day: Day) -> Double {
        let startIsMonthEnd = start.day == Day.daysIn(month: start.month, year: start.year)
        func anniversary(_ years: Int) -> Day? {
            let year = start.year + years
            guard (1...9999).contains(year) else { return nil }
            let last = Day.daysIn(month: start.month, year: year)
            return Day(year: year, month: start.month, day: startIsMonthEnd ? last : min(start.day, last))
        }
        guard start < day else { return Double(start.days(until: day)) / 365.25 }
        var whole = max(0, day.year - start.year - 1)
        while let next = anniversary(whole + 1), next <= day { whole += 1 }
        guard let from = anniversary(whole) else { return Double(start.days(until: day)) / 365.25 }
        guard let to = anniversary(whole + 1) else { return Double(whole) + Double(from.days(until: day)) / 365.25 }
        return Double(whole) + Double(from.days(until: day)) / Double(from.days(until: to))
    }

    /// (value − baseline) / (target − baseline): 0 at the baseline, 1 at the target, mirrored for decreases.
    public func progress(of value: Double) -> Double? {
        guard let b = baseline, let t = target, t != b else { return nil }
        return (value - b) / (t - b)
    }
}

/// Status thresholds, in points of progress short of the path (documented in docs/language.md).
public enum ProgressThresholds {
    public static let onTrack = 0.05  // within 5 points of the path, or ahead of it
    public static let behind = 0.20  // 5 to 20 points short; beyond that: at risk
    public static func status(progress: Double, expected: Double) -> ProgressStatus {
        if progress >= 1 { return .met }
        let gap = expected - progress
        if gap <= onTrack { return .onTrack }
        if gap <= behind { return .behind }
        return .atRisk
    }
}

extension Analysis {
    /// The cascade math of one KPI.
    public func math(_ ref: KPIRef) -> KPIMath {
        math(ref, includeSplit: true)
    }

    /// `includeChain: false` leaves `chain` empty: walking every KPI's parent chain for the checks
    /// would take time quadratic in the depth of the goal tree (a 10,000-long chain or cycle).
    func math(_ ref: KPIRef, includeSplit: Bool, includeChain: Bool = true) -> KPIMath {
        math(ref, kpi(ref), includeSplit: includeSplit, includeChain: includeChain)
    }

    /// The same for a KPI the caller already holds: a copy of a KPI out of the workspace retains
    /// every field, and the checks of a 10,000-KPI workspace spent a fifth of their time on them.
    /// `includePath: false` leaves `path` empty (only explanations and the report draw it; the
    /// rules read `pathValue(at:)`), `includeDetail: false` leaves out the realism and the trend
    /// too: what a split reads of its children (their change, unit and progress) needs none of
    /// them, and working them out for every child of every split (and again for each level a
    /// progress is rolled up through) was a third of the checks' time at 10,000 KPIs.
    func math(
        _ ref: KPIRef, _ kpi: KPI, includeSplit: Bool, includeChain: Bool = true, includePath: Bool = true,
        includeDetail: Bool = true
    ) -> KPIMath {
        var m = KPIMath(today: today(for: ref.path))
        m.unit = kpi.unit
        m.growth = kpi.growth?.value ?? .compound
        if includeChain { m.chain = chain(of: ref) }
        m.baseline = kpi.baseline?.value.value
        if kpi.baseline != nil {
            if let date = kpi.baselineDate?.value {
                m.baselineDate = date
            } else {
                m.baselineDate = m.today
                m.baselineDateIsAsOf = true
            }
        }
        m.deadline = kpi.deadline?.value
        if m.deadline == nil, kpi.target == nil, kpi.contributes != nil, cycles[ref] == nil {
            m.deadline = sharedDeadline(above: ref)
            m.deadlineFromParent = m.deadline != nil
        }

        if let target = kpi.target {
            let b = m.baseline
            switch target.kind {
            case .level(let q), .atLeast(let q), .atMost(let q): m.target = q.value
            case .relative(let p): m.target = b.map { $0 * (1 + p) }
            case .absolute(let q): m.target = b.map { $0 + q.value }
            case .points(let pp): m.target = b.map { $0 + pp }
            }
        }
        if let b = m.baseline, let t = m.target {
            m.change = t - b
            m.relativeChange = b != 0 ? (t - b) / abs(b) : nil
        } else if let c = kpi.contributes?.value.value {
            m.change = c
        }

        if let start = m.baselineDate, let end = m.deadline, start < end {
            m.years = Self.years(from: start, to: end)
        }
        if let b = m.baseline, let t = m.target, let years = m.years, years > 0 {
            if b > 0 && t > 0 {
                let g = Self.compoundGrowthPerYear(from: b, to: t, years: years)
                m.perYear = g
                m.perQuarter = power(1 + g, 0.25) - 1
                m.perMonth = power(1 + g, 1.0 / 12) - 1
            }
            m.linearPerYear = (t - b) / years
            if includePath, let start = m.baselineDate, let end = m.deadline {
                let fiscalYearStart = fiscalYearStart(for: ref.path)
                m.pathStep = m.isMultiYear ? .year : Self.shortPathStep(years: years)
                let days =
                    m.isMultiYear
                    ? yearEnds(after: start, through: end, fiscalYearStart: fiscalYearStart)
                    : periodEnds(after: start, through: end, fiscalYearStart: fiscalYearStart, step: m.pathStep)
                m.path = days.compactMap { day in m.pathValue(at: day).map { PathPoint(date: day, value: $0) } }
            }
        }
        if includeDetail {
            m.realism = realism(ref.path, m)
            m.trend = TrendMath(kpi, m)
        }
        if let latest = kpi.actuals.last, let p = m.progress(of: latest.value.value) {
            let expectedValue = m.pathValue(at: latest.date) ?? latest.value.value
            let expected = m.progress(of: expectedValue) ?? 0
            m.progress = ProgressMath(
                actual: latest, progress: p, expectedProgress: expected, expectedValue: expectedValue,
                status: ProgressThresholds.status(progress: p, expected: expected),
                expectedToday: m.pathValue(at: m.today))
        }
        if includeSplit, let split = kpi.split?.value {
            m.split = splitMath(ref, kind: split, parentMath: m)
        }
        return m
    }

    /// How many levels of contributes-only KPIs a deadline is passed down, and a split's progress
    /// rolled up: far deeper than any plan, and it keeps a 10,000-long chain linear.
    static let cascadeDepthLimit = 32

    /// The deadline a contributes-only KPI shares: its parent's, or, when the parent is
    /// contributes-only too, the one that parent shares.
    func sharedDeadline(above ref: KPIRef) -> Day? {
        var current = ref
        for _ in 0..<Self.cascadeDepthLimit {
            guard let parentRef = parent(of: current), cycles[parentRef] == nil else { return nil }
            let parent = kpi(parentRef)
            if let deadline = parent.deadline?.value { return deadline }
            guard parent.target == nil, parent.contributes != nil else { return nil }
            current = parentRef
        }
        return nil
    }

    /// The growth per year, compounded, that takes `start` to `end` in `years` years (0.2 is +20%
    /// a year): the planned rate from baseline to target, and the trend of the actuals.
    static func compoundGrowthPerYear(from start: Double, to end: Double, years: Double) -> Double {
        power(end / start, 1 / years) - 1
    }

    /// Years between two days: whole months / 12 when both are the same day of the month (or both
    /// month ends), else days / 365.25. `2026-12-31 → 2031-12-31` is exactly 5.
    public static func years(from start: Day, to end: Day) -> Double {
        let startIsMonthEnd = start.day == Day.daysIn(month: start.month, year: start.year)
        let endIsMonthEnd = end.day == Day.daysIn(month: end.month, year: end.year)
        if start.day == end.day || (startIsMonthEnd && endIsMonthEnd) {
            return Double((end.year - start.year) * 12 + end.month - start.month) / 12
        }
        return Double(start.days(until: end)) / 365.25
    }

    /// The ends of the fiscal years after `start`, up to `end`, and `end` itself.
    func yearEnds(after start: Day, through end: Day, fiscalYearStart: Int) -> [Day] {
        var result: [Day] = []
        let endMonth = fiscalYearStart == 1 ? 12 : fiscalYearStart - 1
        var year = start.year - 1
        while result.count < 200 {
            guard let candidate = Day.endOf(year: year, month: endMonth) else { break }
            year += 1
            if candidate <= start { continue }
            if candidate >= end { break }
            result.append(candidate)
        }
        result.append(end)
        return result
    }

    /// How the children of a split add up (or weigh in) to the parent.
    func splitMath(_ ref: KPIRef, kind: SplitKind, parentMath: KPIMath, depth: Int = 0) -> SplitMath {
        var parts: [SplitMath.Part] = []
        var drivers: [KPIRef] = []
        var total = 0.0
        var achieved = 0.0
        var achievedCount = 0
        var weightedProgress = 0.0
        var weightedCount = 0
        for child in children(of: ref) where cycles[child] == nil {
            let childKPI = kpi(child)
            let childMath = math(child, childKPI, includeSplit: false, includeChain: false, includePath: false, includeDetail: false)
            guard role(of: childKPI, math: childMath, under: kind, parentUnit: parentMath.unit) == .component else {
                drivers.append(child)
                continue
            }
            let progress = childMath.progress?.progress ?? rolledUpProgress(child, childKPI, childMath, depth: depth)
            switch kind {
            case .sum:
                let contribution = contribution(of: childKPI, math: childMath, toUnit: parentMath.unit)  // the parent's unit
                if let c = contribution { total += c }
                if let last = childKPI.actuals.last, let b = childMath.baseline, contribution != nil {
                    achieved += last.value.value - b
                    achievedCount += 1
                } else if let c = contribution, let p = progress {
                    achieved += p * c  // a grouping child: its own roll-up, of its part
                    achievedCount += 1
                }
                let share = contribution.flatMap { c in parentMath.change.flatMap { $0 != 0 ? c / $0 : nil } }
                parts.append(.init(child: child, contribution: contribution, share: share, progress: progress))
            case .weighted:
                let weight = childKPI.weight?.value
                if let w = weight { total += w }
                if let w = weight, let p = progress {
                    weightedProgress += w * p
                    weightedCount += 1
                }
                parts.append(.init(child: child, contribution: nil, share: weight, progress: progress))
            }
        }
        let whole = kind == .sum ? (parentMath.change ?? 0) : 1.0
        var rolled: Double?
        if kind == .sum, achievedCount > 0, let change = parentMath.change, change != 0 { rolled = achieved / change }
        if kind == .weighted, weightedCount > 0 { rolled = weightedProgress }
        return SplitMath(kind: kind, parts: parts, drivers: drivers, whole: whole, total: total, rolledUpProgress: rolled)
    }

    /// The progress a KPI without actuals of its own takes from its split: a perspective of a
    /// scorecard, a grouping goal. Nil without a split, or past the depth limit.
    func rolledUpProgress(_ ref: KPIRef, _ kpi: KPI, _ math: KPIMath, depth: Int) -> Double? {
        guard let split = kpi.split?.value, depth < Self.cascadeDepthLimit else { return nil }
        return splitMath(ref, kind: split, parentMath: math, depth: depth + 1).rolledUpProgress
    }

    /// A child's contribution to a sum split, in the parent's unit: its `contributes:`, else its own change.
    func contribution(of child: KPI, math: KPIMath, toUnit unit: QuantityUnit?) -> Double? {
        if let c = child.contributes?.value {
            guard let unit, !c.unit.isCompatible(with: unit) else { return c.value }
            return nil
        }
        guard let change = math.change, let childUnit = child.unit else { return nil }
        if let unit, !childUnit.isCompatible(with: unit) { return nil }
        return change
    }
}

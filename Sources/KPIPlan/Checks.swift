// The checks that need the goal graph: alignment (parents, cycles, splits, weights, perspectives),
// realism (growth ceilings, impossible levels, paths, deadlines) and measurability (vague targets,
// missing deadlines and baselines, actions, owners). Each finding states its numbers.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Analysis {
    /// Every diagnostic of a file, sorted by position, after `# kpi-ignore:` comments and the
    /// severity settings have been applied.
    public func diagnostics(for path: String) -> [Diagnostic] {
        filtered(rawDiagnostics(for: path), path: path).kept
    }

    /// The diagnostics a file's `# kpi-ignore:` comments silence.
    public func silencedDiagnostics(for path: String) -> [Diagnostic] {
        filtered(rawDiagnostics(for: path), path: path).silenced
    }

    /// Both lists at once: the diagnostics of a file and those its `# kpi-ignore:` comments silence.
    public func diagnosticsAndSilenced(for path: String) -> (kept: [Diagnostic], silenced: [Diagnostic]) {
        filtered(rawDiagnostics(for: path), path: path)
    }

    func filtered(_ diagnostics: [Diagnostic], path: String) -> (kept: [Diagnostic], silenced: [Diagnostic]) {
        guard let file = file(path) else { return ([], []) }
        var kept: [Diagnostic] = []
        var silenced: [Diagnostic] = []
        for var diagnostic in diagnostics {
            let line = file.tree.lines.line(of: diagnostic.range.lowerBound)
            if let codes = file.ignores[line], codes.contains(diagnostic.code.rawValue) {
                silenced.append(diagnostic)
                continue
            }
            if let override = options.severities[diagnostic.code] {
                guard let severity = override else { continue }
                diagnostic.severity = severity
            }
            kept.append(diagnostic)
        }
        let order: (Diagnostic, Diagnostic) -> Bool = {
            ($0.range.lowerBound, $0.range.upperBound, $0.code.rawValue, $0.message) < ($1.range.lowerBound, $1.range.upperBound, $1.code.rawValue, $1.message)
        }
        return (kept.sorted(by: order), silenced.sorted(by: order))
    }

    /// The checks of one KPI, before `# kpi-ignore:` comments and severities: its part of `rawDiagnostics(for:)`.
    public func rawDiagnostics(of ref: KPIRef) -> [Diagnostic] {
        guard let file = file(ref.path) else { return [] }
        var checker = Checker(analysis: self, file: file)
        checker.check(ref)
        return checker.found
    }

    /// The file-level checks of a file (`use` lines, duplicate ids): its part of `rawDiagnostics(for:)`.
    public func rawFileDiagnostics(for path: String) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        var checker = Checker(analysis: self, file: file)
        checker.checkUses()
        checker.checkDuplicates()
        return checker.found
    }

    /// A file's diagnostics put together from parts computed earlier (`rawFileDiagnostics(for:)` and
    /// `rawDiagnostics(of:)` of each of its KPIs, in order): the list `diagnostics(for:)` returns.
    public func diagnostics(for path: String, fileChecks: [Diagnostic], kpiChecks: [[Diagnostic]]) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        return filtered(file.diagnostics + fileChecks + kpiChecks.joined(), path: path).kept
    }

    func rawDiagnostics(for path: String) -> [Diagnostic] {
        guard let file = file(path) else { return [] }
        var checker = Checker(analysis: self, file: file)
        checker.checkUses()
        checker.checkDuplicates()
        for ref in refs(in: path) { checker.check(ref) }
        return file.diagnostics + checker.found
    }
}

private struct Checker {
    let analysis: Analysis
    let file: PlanFile
    var found: [Diagnostic] = []

    init(analysis: Analysis, file: PlanFile) {
        self.analysis = analysis
        self.file = file
    }

    var path: String { file.path }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ range: Range<Int>, related: [RelatedLocation] = []) {
        found.append(Diagnostic(code, message, path: path, range: range, related: related))
    }

    func describe(_ ref: KPIRef) -> String {
        let kpi = analysis.kpi(ref)
        return ref.path == path ? "`\(kpi.id)`" : "`\(kpi.id)` (\(ref.path.split(separator: "/").last ?? ""))"
    }

    func related(_ ref: KPIRef, _ message: String) -> RelatedLocation {
        let kpi = analysis.kpi(ref)
        return RelatedLocation(path: ref.path, range: kpi.idRange, message: message)
    }

    // MARK: Files

    mutating func checkUses() {
        for use in file.uses {
            if let reason = analysis.workspace.unreadable[use.resolvedPath] {
                report(.unresolvedUse, "cannot use `\(use.written)`: \(reason)", use.range)
            } else if analysis.file(use.resolvedPath) == nil {
                report(.unresolvedUse, "cannot find `\(use.written)` (looked for \(use.resolvedPath))", use.range)
            } else if use.resolvedPath == path || analysis.visible(from: use.resolvedPath).contains(path) {
                report(.useCycle, "`use \"\(use.written)\"` leads back to this file: the files use each other in a loop", use.range)
            }
        }
    }

    mutating func checkDuplicates() {
        let visible = analysis.visible(from: path)
        // By index (a KPI copied out of the file retains every field), and only the first earlier definition.
        for index in file.kpis.indices {
            let id = file.kpis[index].id
            guard !id.isEmpty else { continue }
            let first = analysis.kpis(withID: id).first { other in
                other.path == path ? other.index < index : visible.contains(other.path)
            }
            guard let first else { continue }
            let where_ = first.path == path ? "above" : "in \(first.path)"
            report(.duplicateKPI, "`\(id)` is already defined \(where_); KPI ids must be unique across the files that `use` connects",
                   file.kpis[index].idRange, related: [related(first, "first `\(id)`")])
        }
    }

    // MARK: KPIs

    mutating func check(_ ref: KPIRef) {
        let kpi = file.kpis[ref.index]   // the checker's file is the KPI's
        guard !kpi.id.isEmpty else { return }
        let math = analysis.math(ref, kpi, includeSplit: true, includeChain: false)
        checkAlignment(ref, kpi, math)
        checkSplit(ref, kpi, math)
        checkRealism(ref, kpi, math)
        checkMeasurability(ref, kpi, math)
    }

    mutating func checkAlignment(_ ref: KPIRef, _ kpi: KPI, _ math: KPIMath) {
        guard let parentName = kpi.parent else {
            if kpi.topLevel == nil && analysis.children(of: ref).isEmpty {
                report(.unalignedKPI, "`\(kpi.id)` supports no goal: add `parent: <id>` for the goal it drives, or `top-level` if it is a root goal", kpi.idRange)
            }
            return
        }
        guard let parentRef = analysis.parent(of: ref) else {
            var message = "no KPI `\(parentName.value)` is visible here"
            if let elsewhere = analysis.kpis(withID: parentName.value).first {
                message += ": it is defined in \(elsewhere.path), which this file does not `use`"
            } else {
                // The ids visible here, from indexes built once per file and analysis: listing and
                // lowercasing them for every unknown parent made a plan of 10,000 such KPIs take a minute.
                let indexes = analysis.visible(from: path).map { visiblePath in
                    analysis.suggestionIndexes.value(for: visiblePath) {
                        SuggestionIndex(analysis.workspace.files[visiblePath]?.kpis.map(\.id) ?? [])
                    }
                }
                if let suggestion = SuggestionIndex.closest(to: parentName.value, in: indexes) {
                    message += ": did you mean `\(suggestion)`?"
                }
            }
            report(.unknownParent, message, parentName.range)
            return
        }
        if let cycle = analysis.cycles[ref] {
            // The first KPIs of the loop from this one: its parents (not a rotation of the whole
            // cycle, which for every member of a 10,000-long loop would be quadratic).
            var names: [String] = []
            var member: KPIRef? = ref
            while names.count < min(6, cycle.count), let current = member {
                names.append(analysis.kpi(current).id)
                member = analysis.parent(of: current)
            }
            let shown = (names + [kpi.id]).joined(separator: " → ")
            let more = cycle.count > 6 ? " (\(cycle.count) KPIs in the loop)" : ""
            report(.parentCycle, "the parent chain loops back to `\(kpi.id)`: \(cycle.count > 6 ? names.joined(separator: " → ") + " → …" : shown)\(more)",
                   parentName.range, related: cycle.count > 1 ? [related(parentRef, "parent in the loop")] : [])
            return
        }
        // The parent's four fields these checks read, read where the parent lies: a copy of the
        // whole KPI is some thirty references retained and released, for every KPI checked.
        let parent = analysis.workspace.files[parentRef.path]!.kpis.withUnsafeBufferPointer { kpis in
            (deadline: kpis[parentRef.index].deadline, perspective: kpis[parentRef.index].perspective,
             split: kpis[parentRef.index].split, unit: kpis[parentRef.index].unit)
        }
        if let deadline = kpi.deadline, let parentDeadline = parent.deadline, deadline.value > parentDeadline.value {
            report(.deadlineAfterParent,
                   "deadline \(deadline.value) is \(parentDeadline.value.days(until: deadline.value)) days after the deadline of its parent \(describe(parentRef)), \(parentDeadline.value): a supporting goal must land first",
                   deadline.range, related: [RelatedLocation(path: parentRef.path, range: parentDeadline.range, message: "parent's deadline")])
        }
        if let own = kpi.perspective, let theirs = parent.perspective, own.value.rank > theirs.value.rank {
            report(.perspectiveOrder,
                   "a \(own.value.rawValue) KPI supports a \(theirs.value.rawValue) goal \(describe(parentRef)): the balanced-scorecard chain runs learning → internal → customer → financial",
                   own.range, related: [RelatedLocation(path: parentRef.path, range: theirs.range, message: "parent's perspective")])
        }
        // A contribution only counts under a `split: sum` parent.
        if let contributes = kpi.contributes, parent.split?.value != .sum {
            report(.splitMismatch, "`contributes:` counts only under a parent with `split: sum`, and \(describe(parentRef)) has \(parent.split.map { "`split: \($0.value.rawValue)`" } ?? "no split")",
                   contributes.range, related: [related(parentRef, "parent")])
        }
        if let contributes = kpi.contributes, parent.split?.value == .sum, let unit = parent.unit, !contributes.value.unit.isCompatible(with: unit) {
            report(.unitMismatch, "contributes \(Quantity.format(contributes.value.value, contributes.value.unit, signed: contributes.value.value >= 0)), in \(contributes.value.unit.description), to \(describe(parentRef)), which is measured in \(unit.description)",
                   contributes.range, related: [related(parentRef, "parent")])
        } else if kpi.contributes == nil, parent.split?.value == .sum, let unit = parent.unit, let own = kpi.unit, !own.isCompatible(with: unit) {
            report(.unitMismatch, "`\(kpi.id)` is measured in \(own.description) but its parent \(describe(parentRef)) splits \(unit.description): add `contributes:` in \(unit.description)",
                   kpi.baseline?.range ?? kpi.idRange, related: [related(parentRef, "parent")])
        }
        if parent.split?.value == .weighted && kpi.weight == nil {
            report(.weightsNot100, "\(describe(parentRef)) is a weighted split: give `\(kpi.id)` a `weight:`", kpi.idRange, related: [related(parentRef, "parent")])
        }
    }

    mutating func checkSplit(_ ref: KPIRef, _ kpi: KPI, _ math: KPIMath) {
        guard let split = kpi.split, let splitMath = math.split else { return }
        // The children with what each counts for: worked out only for a split that is reported.
        var related: [RelatedLocation] { splitMath.parts.map { part -> RelatedLocation in
            let child = analysis.kpi(part.child)
            let what: String
            switch splitMath.kind {
            case .sum: what = part.contribution.map { math.format($0, signed: true) } ?? "not counted"
            case .weighted: what = part.share.map { Quantity.formatPercent($0) } ?? "no weight"
            }
            return RelatedLocation(path: part.child.path, range: child.idRange, message: "\(child.id): \(what)")
        } }
        if splitMath.parts.isEmpty {
            report(.splitMismatch, "`split: \(split.value.rawValue)` but no KPI names `\(kpi.id)` as its parent", split.range)
            return
        }
        switch splitMath.kind {
        case .sum:
            guard let change = math.change else { return }
            guard !splitMath.isBalanced else { return }
            let total = math.format(splitMath.total)
            let whole = math.format(change)
            let remainder = splitMath.remainder
            let verdict = (remainder > 0) == (change > 0)
                ? "\(math.format(abs(remainder))) unallocated"
                : "over-allocated by \(math.format(abs(remainder)))"
            report(.splitMismatch, "children add up to \(total) of the \(whole) target: \(verdict)",
                   kpi.target?.range ?? split.range, related: related)
        case .weighted:
            guard !splitMath.isBalanced else { return }
            let missing = 1 - splitMath.total
            let verdict = missing > 0 ? "\(Quantity.formatPercent(missing)) unassigned" : "\(Quantity.formatPercent(-missing)) too much"
            report(.weightsNot100, "weights add up to \(Quantity.formatPercent(splitMath.total)), not 100%: \(verdict)", split.range, related: related)
        }
    }

    mutating func checkRealism(_ ref: KPIRef, _ kpi: KPI, _ math: KPIMath) {
        guard let target = kpi.target else { return }
        let unit = math.unit ?? .count
        // Levels that cannot exist.
        if let t = math.target {
            let catalog = kpi.catalogMetric
            // Bounds only matter for percentages: not worked out for the other units.
            let bounds = unit.kind == .percentage ? Self.percentageBounds(kpi, catalog: catalog) : (lower: nil, upper: nil)
            if unit.kind == .percentage, let low = bounds.lower, t < low {
                report(.impossibleTarget, "the target works out to \(Quantity.format(t, unit)), below \(Quantity.format(low, unit)), which \(catalog?.name ?? "this percentage") cannot go under", target.range)
            } else if unit.kind == .percentage, let high = bounds.upper, t > high {
                report(.impossibleTarget, "the target works out to \(Quantity.format(t, unit)), above \(Quantity.format(high, unit)), which \(catalog?.name ?? "a rate") cannot exceed", target.range)
            } else if unit.kind == .count && t < 0 && (catalog == nil || catalog?.unit == .count) && catalog?.name != "NPS" {
                report(.impossibleTarget, "the target works out to \(Quantity.format(t, unit)): a count cannot be negative", target.range)
            }
        }
        // A passed deadline needs no baseline to be seen.
        if let deadline = kpi.deadline, math.deadlinePassed {
            report(.deadlinePassed, "the deadline \(deadline.value) passed \(deadline.value.days(until: math.today)) days ago (today is \(math.today))", deadline.range)
        }
        guard let b = math.baseline, let t = math.target else { return }

        // Growth beyond the ceiling, or far beyond the trend of the actuals.
        if let g = math.perYear, let years = math.years, t > b {
            let ceiling = analysis.maxAnnualGrowth(for: path)
            // Written only into a finding: most targets are within the ceiling.
            var span: String { years < 1 ? "a year (annualized over \(Quantity.describe(years: years)))" : "a year over \(Quantity.describe(years: years))" }
            if g > ceiling {
                report(.unrealisticTarget,
                       "\(math.format(b)) → \(math.format(t)) needs \(Quantity.growthInWords(g) ?? Quantity.formatPercent(g) + " compound growth") \(span); the ceiling is \(Quantity.formatGrowthRate(ceiling, per: "year"))",
                       target.range)
            } else if let trend = trend(kpi, math), trend > 0, g > 3 * trend {
                report(.unrealisticTarget,
                       "\(math.format(b)) → \(math.format(t)) needs \(Quantity.formatGrowthRate(g, per: "year")), over 3× the \(Quantity.formatGrowthRate(trend, per: "year")) trend of its actuals",
                       target.range)
            }
        }
        // Already there, or nothing asked.
        if t == b, case .atLeast = target.kind {} else if t == b, case .atMost = target.kind {} else if t == b {
            report(.targetAlreadyMet, "the target equals the baseline (\(math.format(b))): it asks for no change", target.range)
        } else if let progress = math.progress, progress.progress >= 1, !isKeep(target) {
            report(.targetAlreadyMet,
                   "already met: the actual of \(progress.actual.date), \(progress.actual.value.formatted), has reached the \(math.format(t)) target",
                   progress.actual.valueRange)
        }
        // Milestones against the path.
        for milestone in kpi.milestones {
            guard let expected = math.pathValue(at: milestone.date), let p = math.progress(of: milestone.value.value),
                  let e = math.progress(of: expected), e - p > ProgressThresholds.onTrack else { continue }
            report(.milestoneBehindPath,
                   "the \(milestone.date) milestone, \(milestone.value.formatted), is behind the \(math.growth.rawValue) path to \(math.format(t)), which is at \(math.format(expected)) by then",
                   milestone.valueRange)
        }
        if math.isMultiYear, let start = math.baselineDate {
            // One year after the start (the 28th for a 29 February start); not `+ 366 days`, which
            // runs a day into the second year unless that year has a 29 February.
            let firstYearEnd = Day(year: start.year + 1, month: start.month, day: start.day)
                ?? Day(year: start.year + 1, month: start.month, day: Day.daysIn(month: start.month, year: start.year + 1))
                ?? start.adding(days: 366)
            let early = (kpi.milestones + kpi.actuals).contains { $0.date <= firstYearEnd }
            if !early {
                report(.lateFirstCheckpoint,
                       "a \(Quantity.describe(years: math.years ?? 0, adjective: true)) target with no milestone or actual in its first year (by \(firstYearEnd)): add a `milestones:` entry so a slip shows early",
                       target.range)
            }
        }
        if let progress = math.progress, progress.status == .behind || progress.status == .atRisk {
            report(.offTrack,
                   "\(progress.status.rawValue): \(progress.actual.value.formatted) on \(progress.actual.date) is \(Quantity.formatPercent(progress.progress, decimals: 0)) of the way to \(math.format(t)); the \(math.growth.rawValue) path expects \(math.format(progress.expectedValue)) (\(Quantity.formatPercent(progress.expectedProgress, decimals: 0)))",
                   progress.actual.valueRange)
        }
    }

    /// The range a percentage metric can take: 0–100% for rates and shares; growth, returns and
    /// variances can go below 0 and above 100%; margins below 0; attainment and net retention above 100%.
    static func percentageBounds(_ kpi: KPI, catalog: Metric?) -> (lower: Double?, upper: Double?) {
        if let catalog, let bounds = catalogBounds[catalog.name] { return bounds }
        return percentageBounds(name: catalog?.name ?? kpi.metric?.value ?? "", inCatalog: catalog != nil)
    }

    /// The bounds of every catalog metric, worked out once: most percentage KPIs name one.
    static let catalogBounds: [String: (lower: Double?, upper: Double?)] = Dictionary(
        MetricCatalog.all.map { ($0.name, percentageBounds(name: $0.name, inCatalog: true)) }, uniquingKeysWith: { first, _ in first })

    static func percentageBounds(name written: String, inCatalog: Bool) -> (lower: Double?, upper: Double?) {
        let name = LowercasedName(written)
        let unboundedBelow = ["growth", "roi", "return", "variance", "change", "margin"].contains { name.contains($0) }
        let unboundedAbove = ["growth", "roi", "return", "variance", "change", "attainment", "net revenue retention", "nrr", "turnover"].contains { name.contains($0) }
        if !inCatalog {
            // A metric of the workspace's own: only the rates and shares it names are bounded.
            let isRate = ["rate", "share", "satisfaction", "yield", "uptime", "%"].contains { name.contains($0) }
            return (unboundedBelow ? nil : 0, isRate && !unboundedAbove ? 100 : nil)
        }
        return (unboundedBelow ? nil : 0, unboundedAbove ? nil : 100)
    }

    func isKeep(_ target: Target) -> Bool {
        switch target.kind {
        case .atLeast, .atMost: true
        default: false
        }
    }

    /// The compound growth per year of the actuals so far: from the first dated point (the baseline
    /// or the first actual) to the latest actual, when they span at least 90 days.
    func trend(_ kpi: KPI, _ math: KPIMath) -> Double? {
        var points: [(Day, Double)] = []
        if let b = math.baseline, let d = kpi.baselineDate?.value { points.append((d, b)) }
        points += kpi.actuals.map { ($0.date, $0.value.value) }
        guard points.count >= 2, let first = points.first, let last = points.last, first.0.days(until: last.0) >= 90,
              first.1 > 0, last.1 > 0 else { return nil }
        let years = Double(first.0.days(until: last.0)) / 365.25
        return Analysis.compoundGrowthPerYear(from: first.1, to: last.1, years: years)
    }


    mutating func checkMeasurability(_ ref: KPIRef, _ kpi: KPI, _ math: KPIMath) {
        let contributesOnly = kpi.contributes != nil && kpi.target == nil
        if kpi.target == nil && !contributesOnly {
            if kpi.fieldRange("target") == nil {
                report(.vagueTarget, "`\(kpi.id)` has no target: add `target:` with a number and a deadline, like `target: +20% by FY2027`", kpi.idRange)
            }
        }
        if let target = kpi.target {
            if kpi.deadline == nil {
                report(.missingDeadline, "the target has no deadline: add `by DATE`, like `by FY2027` or `by 2027-Q3`", target.range)
            }
            if kpi.baseline == nil {
                switch target.kind {
                case .relative, .absolute, .points:
                    report(.missingBaseline, "a relative target needs a baseline to start from: add `baseline: VALUE at DATE`", target.range)
                default: break
                }
            }
        } else if contributesOnly && math.deadline == nil && kpi.deadline == nil {
            if let c = kpi.contributes {
                report(.missingDeadline, "the contribution has no deadline, and its parent has none to share", c.range)
            }
        }
        if !contributesOnly {
            if kpi.target != nil && kpi.actions.isEmpty && analysis.children(of: ref).isEmpty {
                report(.noActions, "`\(kpi.id)` lists no actions: add `actions:` with what the team will do", kpi.idRange)
            }
            if kpi.owner == nil {
                report(.noOwner, "`\(kpi.id)` has no owner: add `owner:` so someone is accountable", kpi.idRange)
            }
        }
    }
}

/// A metric name lowercased once, to search for words in. An ASCII name (nearly every one) is
/// searched byte by byte, which finds what Foundation's `contains` finds there without its
/// per-call cost; any other name goes through Foundation as before.
struct LowercasedName {
    private let ascii: [UInt8]?
    private let text: String

    init(_ name: String) {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii = name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            text = ""
        } else {
            ascii = nil
            text = name.lowercased()
        }
    }

    func contains(_ word: String) -> Bool {
        // An empty word is never found (as with Foundation's `contains`).
        guard !word.isEmpty else { return false }
        guard let ascii else { return text.contains(word) }
        let count = word.utf8.count
        guard count <= ascii.count else { return false }
        search: for start in 0...(ascii.count - count) {
            var i = start
            for byte in word.utf8 {
                guard ascii[i] == byte else { continue search }
                i += 1
            }
            return true
        }
        return false
    }
}

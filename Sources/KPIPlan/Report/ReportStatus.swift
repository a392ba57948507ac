// The status `kpi report` shows for each KPI, as a word and an icon as well as a colour: the
// progress status the cascade math gives its latest actual (met, on track, behind, at risk), or
// "deadline passed" when the `deadline-passed` check fires, or "no data" without an actual.

public enum ReportStatus: String, Sendable, CaseIterable {
    case met = "met"
    case onTrack = "on track"
    case atRisk = "at risk"
    case behind = "behind"
    case deadlinePassed = "deadline passed"
    case noData = "no data"

    public init(_ math: KPIMath) {
        if math.deadlinePassed {
            self = .deadlinePassed
        } else if let progress = math.progress {
            switch progress.status {
            case .met: self = .met
            case .onTrack: self = .onTrack
            case .behind: self = .behind
            case .atRisk: self = .atRisk
            }
        } else {
            self = .noData
        }
    }

    /// The class and `data-status` value: `on-track`.
    var slug: String {
        switch self {
        case .met: "met"
        case .onTrack: "on-track"
        case .atRisk: "at-risk"
        case .behind: "behind"
        case .deadlinePassed: "deadline-passed"
        case .noData: "no-data"
        }
    }

    /// Shown before the word, so the status never rests on colour alone.
    var icon: String {
        switch self {
        case .met: "✔"
        case .onTrack: "●"
        case .behind: "◐"
        case .atRisk: "▲"
        case .deadlinePassed: "✖"
        case .noData: "○"
        }
    }

    /// `<span class="status s-on-track">● on track</span>`
    var badge: String { "<span class=\"status s-\(slug)\">\(icon) \(rawValue)</span>" }
}

/// How a KPI sits under its parent: the top of a cascade, a component that adds up or weighs in to
/// its parent's split, or a driver that supports its parent without adding up (under a parent
/// without a split, or under a split it does not count in: `Analysis.role`).
enum ReportRole: String {
    case goal, component, driver

    static func of(_ ref: KPIRef, in context: ReportContext) -> ReportRole {
        guard context.analysis.parent(of: ref) != nil else { return .goal }
        return context.analysis.role(of: ref, math: context.math[ref]) == .component ? .component : .driver
    }
}

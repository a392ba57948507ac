// The path of a target less than a year away, quarter by quarter (or month by month, for a
// target a quarter or less away), as a long target's path is shown year by year: `kpi explain`
// and the hover show where the KPI should be at each fiscal quarter end on the way.

/// The step of a KPI's tabulated path.
public enum PathStep: String, Sendable, Hashable {
    case year, quarter, month

    /// "Year-by-year", for the path table's title.
    public var title: String {
        switch self {
        case .year: "Year-by-year"
        case .quarter: "Quarter-by-quarter"
        case .month: "Month-by-month"
        }
    }
    /// "Year end", for the path table's first column.
    public var columnTitle: String {
        switch self {
        case .year: "Year end"
        case .quarter: "Quarter end"
        case .month: "Month end"
        }
    }
}

extension Analysis {
    /// The step of the path for a target `years` away: quarters over a quarter, else months.
    static func shortPathStep(years: Double) -> PathStep { years > 0.25 + 1e-9 ? .quarter : .month }

    /// The ends of the fiscal quarters (or months) strictly after `start` and before `end`, then
    /// `end`; empty when there is none in between (a path of one step says nothing).
    func periodEnds(after start: Day, through end: Day, fiscalYearStart: Int, step: PathStep) -> [Day] {
        var result: [Day] = []
        var year = start.year
        var month = start.month
        while result.count < 24 {
            guard let candidate = Day.endOf(year: year, month: month) else { break }
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
            // A fiscal quarter ends in the third month after the fiscal year's start, and every third after it.
            let endsQuarter = (candidate.month - fiscalYearStart + 12 + 1) % 3 == 0
            if candidate <= start || (step == .quarter && !endsQuarter) { continue }
            if candidate >= end { break }
            result.append(candidate)
        }
        return result.isEmpty ? [] : result + [end]
    }
}

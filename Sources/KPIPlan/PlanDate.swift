// Dates as plans write them — `2027-12-31`, `2027-06`, `2027-Q3`, `Q3 2027`, `FY2027`,
// `FY2027-Q3`, `2027` — resolved to the calendar day they end on, using the plan's fiscal year.

/// A calendar day, with arithmetic by day number (days since 1970-01-01).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(dayNumber: Int) {
        // Civil-from-days (proleptic Gregorian calendar).
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func endOf(year: Int, month: Int) -> Day? {
        var y = year
        var m = month
        while m > 12 {
            m -= 12
            y += 1
        }
        while m < 1 {
            m += 12
            y -= 1
        }
        return Day(year: y, month: m, day: daysIn(month: m, year: y))
    }

    public static func < (a: Day, b: Day) -> Bool { a.dayNumber < b.dayNumber }

    public func days(until other: Day) -> Int { other.dayNumber - dayNumber }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    /// ISO form, `2027-12-31`.
    public var description: String {
        // Ten ASCII bytes, digit by digit (years are 1-9999): reports print tens of thousands.
        func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(n % 10) }
        let bytes: [UInt8] = [
            digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), UInt8(ascii: "-"),
            digit(month / 10), digit(month), UInt8(ascii: "-"), digit(day / 10), digit(day),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// Readable form, `31 December 2027`.
    public var longDescription: String { "\(day) \(Day.monthNames[month - 1]) \(year)" }
}

/// Which calendar year names a fiscal year that does not start in January: April 2027 – March
/// 2028 is FY2028 in the US government's and India's convention (the year it ends), FY2027 in
/// Japan's (the year it starts).
public enum FiscalYearNaming: String, Sendable, Hashable, CaseIterable {
    case endYear = "end"
    case startYear = "start"
}

/// A date as written in a plan, and the day it stands for.
public struct PlanDate: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        case day, month, quarter, year, fiscalYear, fiscalQuarter, fiscalHalf, half
    }
    public let form: Form
    public let day: Day  // the last day of the period written
    public let periodStart: Day  // the first day of the period written

    /// Reads a date from its words (`["Q3", "2027"]` or `["FY2027"]`); nil when they are not a date.
    public static func parse(_ words: [Substring], fiscalYearStart: Int, naming: FiscalYearNaming = .endYear) -> PlanDate? {
        if words.count == 2 {
            // `Q3 2027`, `H1 2027`
            guard words[1].count == 4, let year = digits(words[1]) else { return nil }
            if let half = halfNumber(words[0]) { return calendarHalf(year: year, half: half) }
            guard let quarter = quarterNumber(words[0]) else { return nil }
            return calendarQuarter(year: year, quarter: quarter)
        }
        guard words.count == 1 else { return nil }
        let word = words[0]
        if let date = quickDate(word) { return date }
        if word.hasPrefix("FY") || word.hasPrefix("fy") {
            let body = word.dropFirst(2)
            let parts = body.split(separator: "-", omittingEmptySubsequences: false)
            // `FY28` is FY2028: two digits name a year of this century.
            guard let fyText = parts.first, fyText.count == 4 || fyText.count == 2, var fy = digits(fyText) else { return nil }
            if fyText.count == 2 { fy += 2000 }
            guard fy > 1 else { return nil }
            // The calendar year the fiscal year starts in.
            let startYear = fiscalYearStart == 1 || naming == .startYear ? fy : fy - 1
            guard let yearStart = Day(year: startYear, month: fiscalYearStart, day: 1) else { return nil }
            if parts.count == 1 {
                guard let end = Day.endOf(year: yearStart.year, month: yearStart.month + 11) else { return nil }
                return PlanDate(form: .fiscalYear, day: end, periodStart: yearStart)
            }
            let months: Int
            let index: Int
            let form: Form
            if parts.count == 2, let quarter = quarterNumber(parts[1]) {
                (months, index, form) = (3, quarter, .fiscalQuarter)
            } else if parts.count == 2, let half = halfNumber(parts[1]) {
                (months, index, form) = (6, half, .fiscalHalf)
            } else {
                return nil
            }
            let startMonth = yearStart.month + months * (index - 1)
            guard let end = Day.endOf(year: yearStart.year, month: startMonth + months - 1),
                let first = Day.endOf(year: yearStart.year, month: startMonth).map({ Day(year: $0.year, month: $0.month, day: 1)! })
            else { return nil }
            return PlanDate(form: form, day: end, periodStart: first)
        }
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(yearText)
        else { return nil }
        switch parts.count {
        case 1:
            guard let end = Day(year: year, month: 12, day: 31), let start = Day(year: year, month: 1, day: 1) else { return nil }
            return PlanDate(form: .year, day: end, periodStart: start)
        case 2:
            if let quarter = quarterNumber(parts[1]) { return calendarQuarter(year: year, quarter: quarter) }
            if let half = halfNumber(parts[1]) { return calendarHalf(year: year, half: half) }
            guard parts[1].count == 2, let month = digits(parts[1]), let end = Day.endOf(year: year, month: month), (1...12).contains(month)
            else { return nil }
            return PlanDate(form: .month, day: end, periodStart: Day(year: year, month: month, day: 1)!)
        case 3:
            guard parts[1].count == 2, parts[2].count == 2, let month = digits(parts[1]), let dayOfMonth = digits(parts[2]),
                let day = Day(year: year, month: month, day: dayOfMonth)
            else { return nil }
            return PlanDate(form: .day, day: day, periodStart: day)
        default:
            return nil
        }
    }

    /// True when the words look like an attempt at a date (so a failure is `invalid-date`, not `invalid-quantity`).
    public static func looksLikeDate(_ words: [Substring]) -> Bool {
        guard let first = words.first else { return false }
        if first.hasPrefix("FY") || quarterNumber(first) != nil || halfNumber(first) != nil { return true }
        return first.count >= 4 && first.prefix(4).allSatisfy { $0.isASCII && $0.isNumber }
            && (first.count == 4 || first.dropFirst(4).first == "-")
    }

    /// `2027-12-31` and `2027-Q3`, by far the most common forms, straight from their bytes: what
    /// the general reading gives them, without splitting words and classifying characters. Nil for
    /// any other word (and for days that do not exist), left to the general reading.
    static func quickDate(_ word: Substring) -> PlanDate? { quickDate(bytes: word.utf8) }

    /// `quickDate` on a word's bytes, as a plan file's reader has them (no String made).
    static func quickDate(bytes word: some Collection<UInt8>) -> PlanDate? {
        let count = word.count
        guard count == 10 || count == 7 else { return nil }
        var year = 0
        var second = 0
        var third = 0
        for (offset, byte) in word.enumerated() {
            let digit = byte &- UInt8(ascii: "0")  // wraps past 9 for anything but a digit
            switch offset {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return nil }
            case 5 where count == 7: guard byte == UInt8(ascii: "Q") || byte == UInt8(ascii: "q") else { return nil }
            default:
                guard digit < 10 else { return nil }
                if offset < 4 {
                    year = year * 10 + Int(digit)
                } else if offset < 7 {
                    second = second * 10 + Int(digit)
                } else {
                    third = third * 10 + Int(digit)
                }
            }
        }
        if count == 7 { return (1...4).contains(second) ? calendarQuarter(year: year, quarter: second) : nil }
        return Day(year: year, month: second, day: third).map { PlanDate(form: .day, day: $0, periodStart: $0) }
    }

    /// The number a run of ASCII digits spells; nil for anything else (`Int("+1")` would take the sign).
    static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func quarterNumber(_ text: Substring) -> Int? {
        guard text.count == 2, text.first == "Q" || text.first == "q", let n = Int(text.dropFirst()), (1...4).contains(n) else {
            return nil
        }
        return n
    }

    static func halfNumber(_ text: Substring) -> Int? {
        guard text.count == 2, text.first == "H" || text.first == "h", let n = Int(text.dropFirst()), (1...2).contains(n) else {
            return nil
        }
        return n
    }

    static func calendarHalf(year: Int, half: Int) -> PlanDate? {
        guard let end = Day.endOf(year: year, month: half * 6), let start = Day(year: year, month: half * 6 - 5, day: 1) else { return nil }
        return PlanDate(form: .half, day: end, periodStart: start)
    }

    static func calendarQuarter(year: Int, quarter: Int) -> PlanDate? {
        guard let end = Day.endOf(year: year, month: quarter * 3), let start = Day(year: year, month: quarter * 3 - 2, day: 1) else {
            return nil
        }
        return PlanDate(form: .quarter, day: end, periodStart: start)
    }

    /// Month number from an English month name or its three-letter abbreviation.
    public static func monthNumber(_ name: Substring) -> Int? {
        let lower = name.lowercased()
        if let n = Int(lower), (1...12).contains(n) { return n }
        for (index, month) in Day.monthNames.enumerated() {
            let m = month.lowercased()
            if lower == m || (lower.count >= 3 && m.hasPrefix(lower)) { return index + 1 }
        }
        return nil
    }
}

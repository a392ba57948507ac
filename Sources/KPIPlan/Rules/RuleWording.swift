// Wording that several rules' messages share.

enum RuleWording {
    /// "5 years", or "5-year" as an adjective ("a 5-year target").
    static func describe(years: Double, adjective: Bool = false) -> String {
        func unit(_ count: String, _ singular: String, plural: Bool) -> String {
            adjective ? "\(count)-\(singular)" : "\(count) \(singular)\(plural ? "s" : "")"
        }
        if years >= 1 && abs(years - years.rounded()) < 0.01 {
            let n = Int(years.rounded())
            return unit(String(n), "year", plural: n != 1)
        }
        let months = Int((years * 12).rounded())
        if months < 24 { return unit(String(months), "month", plural: months != 1) }
        return unit(Quantity.trimmed(years, decimals: 1), "year", plural: true)
    }
}

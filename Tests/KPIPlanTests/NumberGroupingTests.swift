// `Quantity.grouped` writes whole numbers with thousands separators digit by digit; checked here
// against the plain string version it replaced, over 300,000 values, and at its edges.

import Testing

@testable import KPIPlan

@Suite struct NumberGroupingTests {
    /// The plain version: the number's digits, cut into threes from the right.
    static func reference(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let whole = Int(rounded.rounded(.towardZero))
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        let fraction = rounded - Double(whole)
        if fraction > 0.004 {
            var decimals = Quantity.fixed(fraction, decimals: 2).dropFirst(1)
            while decimals.hasSuffix("0") { decimals.removeLast() }
            grouped += decimals
        }
        return grouped
    }

    @Test func equalsThePlainVersion() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var mismatches: [Double] = []
        for index in 0..<300_000 {
            // Whole numbers, hundredths, and values of any magnitude up to a trillion.
            let value: Double =
                switch index % 3 {
                case 0: Double(index)
                case 1: Double(index) / 100
                default: Double(next() % 1_000_000_000_000_000) / 1000
                }
            if Quantity.grouped(value) != Self.reference(value) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }

    @Test(arguments: [
        (0.0, "0"), (0.004, "0"), (0.005, "0.01"), (0.1, "0.1"), (0.25, "0.25"), (999.995, "1,000"), (1000, "1,000"),
        (1234.5, "1,234.5"), (123_456_789.01, "123,456,789.01"), (999_999_999_999_999, "999,999,999,999,999"),
    ])
    func edges(_ value: Double, _ text: String) {
        #expect(Quantity.grouped(value) == text)
    }

    @Test func negativeNumbersKeepTheirSignOutsideTheGroups() {
        #expect(Quantity.grouped(-123) == "-123")
        #expect(Quantity.grouped(-1234.5) == "-1,234.5")
        #expect(Quantity.grouped(-0.001) == "0")
    }
}

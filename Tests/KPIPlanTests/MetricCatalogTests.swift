// The fast paths of metric look-ups give what the general, Unicode-aware code gives.

import Foundation
import Testing

@testable import KPIPlan

@Suite struct MetricCatalogTests {
    /// Names and aliases of the catalog written every way people write them, and some odd ASCII.
    static let spellings: [String] = {
        var names = MetricCatalog.all.flatMap { [$0.name] + $0.aliases }
        names +=
            names.map { $0.uppercased() } + names.map { $0.replacingOccurrences(of: " ", with: "-") }
            + names.map { "  " + $0.replacingOccurrences(of: " ", with: "_ \t") + " \r\n" }
        names += [
            "", " ", "-", "_ _", "a\u{0B}b", "a\u{0C}b", "a\u{1F}b", "a\u{7F}b", "A\u{00}B", "MRR ", " MRR", "m  r r", "Churn\u{00A0}Rate",
            "ÉBITDA", "churn rate\u{301}",
        ]
        return names
    }()

    @Test func asciiNormalizingMatchesTheGeneralOne() {
        for name in Self.spellings where name.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(MetricCatalog.normalizeASCII(name) == MetricCatalog.normalize(name), "\(Array(name.utf8))")
        }
    }

    /// A KPI looks its metric up when the metric is set (and again only when the name changes):
    /// what it keeps is what a look-up of its current name gives, through every change.
    @Test func aKPIsCatalogMetricFollowsItsMetric() {
        var kpi = KPI(id: "k", idRange: 0..<1, range: 0..<1, headerRange: 0..<1, path: "p.kpi")
        #expect(kpi.catalogMetric == nil && kpi.higherIsBetter)
        for name in ["MRR", "churn rate", "Churn-Rate", "no such metric", "ÉBITDA", "churn rate", ""] {
            kpi.metric = Located(name, 3..<9)
            #expect(kpi.catalogMetric == MetricCatalog.lookup(name), "\(name)")
            #expect(kpi.higherIsBetter == (MetricCatalog.lookup(name)?.higherIsBetter ?? true), "\(name)")
            kpi.metric = kpi.metric.map { Located($0.value, 20..<26) }  // moved by an edit: the same metric
            #expect(kpi.catalogMetric == MetricCatalog.lookup(name), "\(name) moved")
        }
        #expect(MetricCatalog.lookup("churn rate")?.higherIsBetter == false)
        kpi.metric = nil
        #expect(kpi.catalogMetric == nil && kpi.catalogIndex == nil)
    }

    @Test func lookupMatchesTheGeneralNormalizing() {
        let byKey = Dictionary(
            MetricCatalog.all.flatMap { m in ([m.name] + m.aliases).map { (MetricCatalog.normalize($0), m) } },
            uniquingKeysWith: { first, _ in first })
        for name in Self.spellings {
            #expect(MetricCatalog.lookup(name) == byKey[MetricCatalog.normalize(name)], "\(Array(name.utf8))")
        }
    }

    @Test func lowercasedNameFindsWhatFoundationFinds() {
        let words = ["growth", "roi", "return", "variance", "margin", "nrr", "net revenue retention", "%", "rate", "", "a b"]
        for name in Self.spellings + ["Uptime %", "NRR", "Gross Margin", "x", "ROIC"] {
            let lowered = LowercasedName(name)
            for word in words {
                #expect(lowered.contains(word) == name.lowercased().contains(word), "\(Array(name.utf8)) \(word)")
            }
        }
    }
}

// The fast path of `parent:` completion (ids end to end, character masks, byte matching, early
// stop at the limit) against the plain definition: every visible KPI but the one edited and those
// below it, ranked by `TypedText.tier`, stable in file order, cut at the limit.

import Testing

@testable import KPIPlan

@Suite struct ParentCandidatesTests {
    static let typed = [
        "", "mrr", "MRR", "rev-2", "é", "€", "🚀", "x\ty", "gr", "GROW", "ëx", "k", "q3.x", "a_b", "27", "q3+", "Z", "re", "e",
    ]
    static let ids = [
        "mrr", "MRR-emea", "revenue-2027", "Revenue-2", "café-growth", "€-budget", "launch-🚀", "x\ty", "growth", "GRÖW", "ËXTRA", "",
        "\u{212A}pi", "Q3.xyz", "q3-x", "a_b", "a-b", "q3+x", "q3!", "zeta", "extra-revenue", "pre-rev",
    ]  // a Kelvin sign lowercases to "k"

    /// Each id's tier, fast, equals the plain tier, for ids end to end and each on its own.
    @Test func theFastTiersAreThePlainTiers() {
        var matched = 0
        let list = Analysis.IDList(Self.ids)
        for t in Self.typed {
            let filter = Analysis.TypedFilter(Array(t.utf8))
            let plain = TypedText(t)
            let expected = Self.ids.indices.compactMap { index in plain.tier(of: Self.ids[index]).map { (index, $0) } }
            #expect(list.matches(of: filter).map(\.index) == expected.map(\.0), "\(t)")
            #expect(list.matches(of: filter).map(\.tier) == expected.map(\.1), "\(t)")
            for id in Self.ids {
                #expect(Analysis.IDList([id]).matches(of: filter).first?.tier == plain.tier(of: id), "\(t) in \(id)")
            }
            matched += expected.count
        }
        #expect(matched > 50)
    }

    /// The candidates of a workspace of several files (one using the others), from several KPIs
    /// and a new block, for every typed text and limits small enough to cut.
    @Test(arguments: [1, 3, 7, 200])
    func theCandidatesAreThePlainCandidates(limit: Int) {
        var main = "use \"b.kpi\"\nuse \"c.kpi\"\nkpi root\n  top-level\n"
        for (index, id) in Self.ids.enumerated() where !id.isEmpty && !id.contains("\t") {
            main += "kpi \(id.replacing("\u{212A}", with: "k"))-m\(index)\n  parent: \(index % 3 == 0 ? "root" : "growth-b")\n"
        }
        let b = "kpi growth-b\n  parent: root\nkpi rev-b\n  parent: growth-b\nkpi mrr-b\n  top-level\n"
        let c = "kpi q3-c\n  top-level\nkpi zeta-c\n  parent: q3-c\n"
        let analysis = Workspace(files: [
            PlanFile(path: "a.kpi", text: main), PlanFile(path: "b.kpi", text: b), PlanFile(path: "c.kpi", text: c),
        ])
        .analysis(AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!))
        let owners: [KPIRef?] = [nil] + (Array(analysis.refs(in: "a.kpi").prefix(4)) + analysis.refs(in: "b.kpi")).map { $0 }
        for owner in owners {
            for t in Self.typed {
                let fast = analysis.parentCandidates(from: "a.kpi", excluding: owner, typed: t, limit: limit)
                let plain = plainCandidates(analysis, owner: owner, typed: t, limit: limit)
                #expect(fast.refs == plain.refs, "\(t) from \(String(describing: owner)) at \(limit)")
                #expect(fast.isCut == plain.isCut, "\(t) from \(String(describing: owner)) at \(limit)")
            }
        }
    }

    func plainCandidates(_ analysis: Analysis, owner: KPIRef?, typed: String, limit: Int) -> (refs: [KPIRef], isCut: Bool) {
        var below: Set<KPIRef> = []
        var stack = owner.map { [$0] } ?? []
        while let next = stack.popLast() {
            if below.insert(next).inserted { stack += analysis.children(of: next) }
        }
        let text = TypedText(typed)
        let ranked = analysis.visible(from: "a.kpi").sorted().flatMap { analysis.refs(in: $0) }
            .filter { !below.contains($0) }
            .compactMap { ref in text.tier(of: analysis.kpi(ref).id).map { (ref: ref, tier: $0) } }
            .enumerated().sorted { ($0.element.tier, $0.offset) < ($1.element.tier, $1.offset) }
            .map(\.element.ref)
        return (Array(ranked.prefix(limit)), ranked.count > limit)
    }
}

// An analysis is a value: one an update was built from still answers as it did, and caches made
// for one analysis never answer for another.

import KPISyntax
import Testing

@testable import KPIPlan

@Suite struct AnalysisSnapshotTests {
    static let options = AnalysisOptions(today: Day(year: 2027, month: 3, day: 1)!)
    static let before = """
        kpi revenue "Revenue"
          top-level
          metric: revenue
          baseline: $100/month at 2026-12-31
          target: $120/month by 2027-12-31
          split: sum

        kpi upsell
          parent: revenue
          contributes: +$20/month

        kpi leads
          parent: revenu

        """
    /// `revenue` renamed `income`: `upsell` loses its parent, and the suggestion for `leads` changes.
    static let after = before.replacing("kpi revenue \"Revenue\"", with: "kpi income \"Revenue\"")

    /// Everything the goal graph and the checks answer, one line each.
    static func answers(_ analysis: Analysis, caches: AnalysisCaches? = nil) -> [String] {
        var lines = analysis.allRefs.map { ref in
            let parent = analysis.parent(of: ref).map { analysis.kpi($0).id } ?? "-"
            let children = analysis.children(of: ref).map { analysis.kpi($0).id }.joined(separator: ",")
            return "\(analysis.kpi(ref).id) parent=\(parent) children=[\(children)] cycle=\(analysis.isInCycle(ref))"
        }
        lines += analysis.allIDs.map { "id \($0): \(analysis.kpis(withID: $0).count)" }
        lines += analysis.paths.flatMap { path in
            analysis.diagnostics(for: path, caches: caches).map { "\($0.code.rawValue) \($0.range): \($0.message)" }
        }
        return lines
    }

    /// The UTF-8 offset just after the last `marker` in `text`.
    static func offset(after marker: String, in text: String) -> Int {
        let bytes = Array(text.utf8)
        let m = Array(marker.utf8)
        let start = (0...(bytes.count - m.count)).last { Array(bytes[$0..<($0 + m.count)]) == m }!
        return start + m.count
    }

    @Test func anAnalysisAnUpdateWasBuiltFromStillAnswersAsBefore() throws {
        let file = PlanFile(path: "p.kpi", bytes: Array(Self.before.utf8))
        let old = Workspace(files: [file]).analysis(Self.options)
        let oldAnswers = Self.answers(old)
        let (editedFile, change) = file.edited(Array(Self.after.utf8))
        let edit = try #require(change)
        let edited = Workspace(files: [editedFile])

        // `old` is used below, so the update gets a copy: it must not empty or change `old`.
        let (new, invalidation) = old.updated(edited, changed: ["p.kpi"], edits: ["p.kpi": edit], options: Self.options)
        #expect(!invalidation.all)

        #expect(Self.answers(old) == oldAnswers)
        #expect(Self.answers(old) == Self.answers(Workspace(files: [file]).analysis(Self.options)))
        #expect(Self.answers(new) == Self.answers(edited.analysis(Self.options)))
        #expect(
            oldAnswers.prefix(3) == [
                "revenue parent=- children=[upsell] cycle=false", "upsell parent=revenue children=[] cycle=false",
                "leads parent=- children=[] cycle=false",
            ])
        #expect(
            Self.answers(new).prefix(3) == [
                "income parent=- children=[] cycle=false", "upsell parent=- children=[] cycle=false",
                "leads parent=- children=[] cycle=false",
            ])
        #expect(
            old.diagnostics(for: "p.kpi").filter { $0.code == .unknownParent }.map(\.message) == [
                "no KPI `revenu` is visible here: did you mean `revenue`?"
            ])
        #expect(
            new.diagnostics(for: "p.kpi").filter { $0.code == .unknownParent }.map(\.message) == [
                "no KPI `revenue` is visible here", "no KPI `revenu` is visible here",
            ])
    }

    @Test func cachesServeOnlyTheAnalysisTheyWereMadeFor() throws {
        let file = PlanFile(path: "p.kpi", bytes: Array(Self.before.utf8))
        let old = Workspace(files: [file]).analysis(Self.options)
        let copy = old
        let oldCaches = AnalysisCaches(for: old)
        #expect(oldCaches.serve(old) && oldCaches.serve(copy))
        // Filled from the old analysis: its ids (completion) and its did-you-mean indexes (checks).
        #expect(
            old.completions(at: Self.offset(after: "parent: rev", in: Self.before), in: "p.kpi", caches: oldCaches).map(\.label) == [
                "revenue"
            ])
        #expect(Self.answers(old, caches: oldCaches) == Self.answers(old))

        let edited = Workspace(files: [file.edited(Array(Self.after.utf8)).file])
        let (new, _) = old.updated(edited, changed: ["p.kpi"], options: Self.options)
        #expect(!oldCaches.serve(new))
        // Given the old caches, the new analysis answers from its own ids, not theirs.
        let typed = Self.offset(after: "parent: rev", in: Self.after)
        #expect(new.completions(at: typed, in: "p.kpi", caches: oldCaches).map(\.label) == [])
        #expect(new.completions(at: typed - 3, in: "p.kpi", caches: oldCaches).map(\.label) == ["income", "upsell"])
        #expect(Self.answers(new, caches: oldCaches) == Self.answers(edited.analysis(Self.options)))
    }
}

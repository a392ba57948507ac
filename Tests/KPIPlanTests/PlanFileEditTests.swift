// Re-reading a file after an edit (`PlanFile.edited`, `Parser.reparse`) gives exactly the file read
// afresh: the same tree (every node and token at the same offsets), the same parser errors, KPIs
// (every field, every range), uses, settings and findings. Checked on targeted edits (a keystroke
// in a title, a new KPI, a `plan` header, a `kpi-ignore` comment, `€`, `—` and emoji, CRLF) and on
// thousands of random edits of the shipped examples; and the fast path is taken where it should be.

import KPIPlan
import KPISyntax
import KPITestSupport
import Testing

@Suite struct PlanFileEditTests {
    /// Everything a file holds, as text: two files are the same when this is.
    static func dump(_ file: PlanFile) -> String {
        var out = file.tree.debugDescription()
        out += "settings: \(file.settings)\nuses: \(file.uses)\nignores: \(file.ignores.sorted { $0.key < $1.key })\n"
        for kpi in file.kpis { out += "\(kpi)\n" }
        let order: (Diagnostic, Diagnostic) -> Bool = { "\($0)" < "\($1)" }
        for diagnostic in file.diagnostics.sorted(by: order) { out += "\(diagnostic)\n" }
        return out
    }

    /// Edits `before` into `after` both ways and compares with a fresh read; returns the change.
    @discardableResult
    func check(_ before: String, _ after: String, sourceLocation: SourceLocation = #_sourceLocation) -> FileEdit? {
        let old = PlanFile(path: "plans/x.kpi", text: before)
        let (edited, change) = old.edited(Array(after.utf8))
        let fresh = PlanFile(path: "plans/x.kpi", text: after)
        #expect(Self.dump(edited) == Self.dump(fresh), "editing\n\(before)\ninto\n\(after)", sourceLocation: sourceLocation)
        return change
    }

    static let plan = """
        plan "Acme"
          currency: EUR

        kpi mrr "Grow MRR — 20%"
          top-level
          metric: MRR
          baseline: €125K at 2026-12-31
          target: +20% by FY2027

        # the split 🚀
        kpi extra "Add €1,500"
          parent: mrr
          baseline: €10,000/month at 2026-12-31
          target: +€1,500 by FY2027
          split: sum

        kpi price
          parent: extra
          contributes: +€100
          ownr: Bob

        """

    @Test func aKeystrokeInATitleRereadsThatKPIAlone() throws {
        let after = Self.plan.replacingOccurrences(of: "\"Add €1,500\"", with: "\"Add €1,5000\"")
        let change = try #require(check(Self.plan, after))
        #expect(change.kpis == 1..<2)
        // The title grew by one byte: the block of `extra` was re-read, `price` moved by 1.
        let edit = try #require(change.edits.first)
        let start = Array(Self.plan.utf8).count - Array(Self.plan[Self.plan.range(of: "kpi extra")!.lowerBound...].utf8).count
        let priceStart = Array(Self.plan.utf8).count - Array(Self.plan[Self.plan.range(of: "kpi price")!.lowerBound...].utf8).count
        #expect(edit.old == start..<priceStart)
        #expect(edit.new == start..<(priceStart + 1))
    }

    @Test func anEditInTheLastKPIRereadsItToTheEnd() throws {
        let after = Self.plan.replacingOccurrences(of: "ownr: Bob", with: "owner: Bob")
        let change = try #require(check(Self.plan, after))
        #expect(change.kpis == 2..<3)
    }

    @Test(arguments: [
        ("a new KPI", "\nkpi price", "\nkpi churn\n  parent: mrr\n\nkpi price"),
        ("a KPI removed", "kpi price\n  parent: extra\n  contributes: +€100\n  ownr: Bob\n", ""),
        ("the plan header", "currency: EUR", "currency: USD"),
        ("a use line", "# the split 🚀", "use \"company.kpi\""),
        ("a kpi-ignore comment", "  split: sum", "  # kpi-ignore: split-mismatch\n  split: sum"),
        ("a block start indented", "kpi price", " kpi price"),
        ("everything", Self.plan, "kpi a\n"),
    ])
    func editsThatRereadTheWholeFile(_ what: String, _ old: String, _ new: String) {
        let after = Self.plan.replacingOccurrences(of: old, with: new)
        let change = check(Self.plan, after)
        #expect(change == nil, "\(what)")
    }

    @Test(arguments: [
        ("a comment line", "# the split 🚀", "# the split 🚀 — € 🚀"),
        ("CRLF", "  split: sum\n", "  split: sum\r\n"),
        ("a syntax error", "  split: sum", "  split sum and more"),
        ("a field unindented", "  parent: extra", "parent: extra"),
        ("an unterminated title", "\"Add €1,500\"", "\"Add €1,500"),
        ("a BOM inside a line", "  parent: extra", "  parent:\u{FEFF} extra"),
        ("the last newline", "  ownr: Bob\n", "  ownr: Bob"),
    ])
    func otherEditsGiveTheFreshFile(_ what: String, _ old: String, _ new: String) {
        check(Self.plan, Self.plan.replacingOccurrences(of: old, with: new))
        check(Self.plan.replacingOccurrences(of: old, with: new), Self.plan)
    }

    /// Random edits of every shipped example (insertions, deletions and replacements of a few bytes
    /// to a few lines, one after another on the same file), each compared with a fresh read.
    @Test(arguments: Fixtures.examples().map(\.name))
    func randomEditsOfTheExamples(_ name: String) throws {
        let example = try #require(Fixtures.examples().first { $0.name == name }).bytes
        var random = SplitMix64(seed: UInt64(example.count))
        let pieces = ["x", "\n", "  ", "kpi z \"Z\"\n", "  parent: mrr\n", "€", "—", "🚀", "\r\n", "# c\n", "  target: +5%\n", "-", ":"]
        var file = PlanFile(path: "plans/x.kpi", bytes: example)
        var fastPaths = 0
        for step in 0..<150 {
            var bytes = file.tree.bytes
            let at = Int.random(in: 0...bytes.count, using: &random)
            let removed = min(bytes.count - at, Int.random(in: 0...(step % 3 == 0 ? 40 : 3), using: &random))
            let inserted = step % 4 == 0 ? [] : Array(pieces[Int.random(in: 0..<pieces.count, using: &random)].utf8)
            bytes.replaceSubrange(at..<(at + removed), with: inserted)
            let (edited, change) = file.edited(bytes)
            let fresh = PlanFile(path: "plans/x.kpi", bytes: bytes)
            let same = Self.dump(edited) == Self.dump(fresh)
            #expect(same, "\(name), step \(step): replacing \(removed) bytes at \(at) with \(inserted.count)")
            if !same { return }
            if change != nil { fastPaths += 1 }
            file = edited
        }
        // Most edits touch one KPI block without adding or removing one: the fast path.
        #expect(fastPaths > 50, "\(name): \(fastPaths) of 150 edits re-read only their KPIs")
    }
}

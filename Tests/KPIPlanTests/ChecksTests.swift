import KPIPlan
import KPITestSupport
import Testing

@Suite struct ExampleChecksTests {
    /// What each sound example reports; `mistakes.kpi` is checked on its own below.
    static let expected: [String: Set<DiagnosticCode>] = [
        "acme.kpi": [.offTrack, .milestoneBehindPath],
        "cascade-drivers.kpi": [.splitMismatch],
        "company.kpi": [],
        "five-year.kpi": [],
        "marketing.kpi": [],
        "nested-scorecard.kpi": [],
        "scorecard.kpi": [],
    ]

    @Test func everyExampleIsListed() {
        // An example says what it reports in its header comment, or is listed above.
        let unlisted = Fixtures.examples().map(\.name).filter { Self.expected[$0] == nil && $0 != "mistakes.kpi" }
        for name in unlisted {
            #expect(Self.headerFindings(Fixtures.example(name)) != nil, "\(name) has no `# `kpi check` reports:` list in its header")
        }
    }

    /// The findings an example's header comment lists after a line saying "`kpi check` reports":
    /// one `#   CODE: MESSAGE` line each (none when it reports nothing). Nil without such a line.
    static func headerFindings(_ text: String) -> [String]? {
        let header = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { $0.hasPrefix("#") }
        guard let start = header.firstIndex(where: { $0.contains("`kpi check` reports") }) else { return nil }
        return header[(start + 1)...].compactMap { line in
            line.wholeMatch(of: #/#\s{3,}([a-z0-9-]+: .+)/#).map { String($0.output.1) }
        }
    }

    /// The whole folder at once, as `kpi check examples/` sees it.
    static func examplesAnalysis() -> Analysis {
        analysis(
            Dictionary(
                uniqueKeysWithValues: Fixtures.examples().map {
                    ("examples/" + $0.name, String(decoding: $0.bytes, as: UTF8.self))
                }))
    }

    @Test(arguments: Fixtures.examples().map(\.name).filter { headerFindings(Fixtures.example($0)) != nil })
    func headerListsExactlyTheFindings(_ name: String) throws {
        let listed = try #require(Self.headerFindings(Fixtures.example(name)))
        let reported = Self.examplesAnalysis().diagnostics(for: "examples/" + name).map { "\($0.code.rawValue): \($0.message)" }
        #expect(reported.sorted() == listed.sorted(), "\(name) reports:\n\(reported.joined(separator: "\n"))")
    }

    @Test(arguments: expected.keys.sorted())
    func soundExamplesHaveNoErrors(_ name: String) {
        // The whole folder at once, as `kpi check examples/` sees it.
        let analysis = analysis(
            Dictionary(
                uniqueKeysWithValues: Fixtures.examples().map {
                    ("examples/" + $0.name, String(decoding: $0.bytes, as: UTF8.self))
                }))
        let diagnostics = analysis.diagnostics(for: "examples/" + name)
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(Set(diagnostics.map(\.code)) == Self.expected[name])
        #expect(analysis.file("examples/" + name)?.tree.errors.isEmpty == true)
    }

    @Test func mistakesReportsWhatItsCommentsName() throws {
        let text = Fixtures.example("mistakes.kpi")
        let analysis = exampleAnalysis("mistakes.kpi")
        let file = try #require(analysis.file("examples/mistakes.kpi"))
        let diagnostics = analysis.diagnostics(for: "examples/mistakes.kpi")
        // Every code a comment names after the header lines (`# unknown-parent: …`) is reported, and nothing else.
        var named = Set<DiagnosticCode>()
        file.tree.root.forEachToken { token in
            guard token.kind == .comment else { return }
            let comment = file.tree.text(token)
            for code in DiagnosticCode.allCases where comment.contains(code.rawValue + ":") || comment.contains("(\(code.rawValue))") {
                named.insert(code)
            }
        }
        #expect(named.count >= 10)
        #expect(Set(diagnostics.map(\.code)) == named)
        // Each is reported once.
        #expect(diagnostics.count == named.count, "\(diagnostics.map { "\($0.code.rawValue): \($0.message)" })")
        #expect(text.contains("# unknown-parent:"))
    }
}

@Suite struct IgnoreAndSeverityTests {
    static let plan = """
        kpi mrr "Grow MRR"
          top-level
          baseline: $125K at 2026-12-31
          target: +20% by FY2027
          actions:
            - Raise prices

        """

    func codes(_ text: String, options: AnalysisOptions = AnalysisOptions(today: fixedToday)) -> (
        kept: [DiagnosticCode], silenced: [DiagnosticCode]
    ) {
        let analysis = analysis([mainPath: text], options: options)
        return (analysis.diagnostics(for: mainPath).map(\.code), analysis.silencedDiagnostics(for: mainPath).map(\.code))
    }

    @Test func withoutAnIgnoreTheCodeIsReported() {
        #expect(codes(Self.plan).kept == [.noOwner])
    }

    @Test func ignoreAtTheEndOfTheLine() {
        let result = codes(
            Self.plan.replacingOccurrences(of: "kpi mrr \"Grow MRR\"", with: "kpi mrr \"Grow MRR\"   # kpi-ignore: no-owner"))
        #expect(result.kept == [])
        #expect(result.silenced == [.noOwner])
    }

    @Test func ignoreAloneOnTheLineBefore() {
        let result = codes("# kpi-ignore: no-owner, no-actions\n" + Self.plan)
        #expect(result.kept == [])
        #expect(result.silenced == [.noOwner])
    }

    @Test func ignoreOnlyCoversItsOwnLineAndCode() {
        // A different code, and the right code two lines above, silence nothing.
        #expect(codes("# kpi-ignore: no-actions\n" + Self.plan).kept == [.noOwner])
        #expect(codes("# kpi-ignore: no-owner\n\n" + Self.plan).kept == [.noOwner])
        #expect(codes(Self.plan.replacingOccurrences(of: "  top-level", with: "  top-level # kpi-ignore: no-owner")).kept == [.noOwner])
    }

    /// Tabs separate codes too: a trailing tab (which `kpi fmt` removes) must not glue itself to
    /// the last code and so change what the comment silences (found by the parser fuzzer).
    @Test(arguments: ["# kpi-ignore: no-owner\t", "# kpi-ignore:\tno-actions\tno-owner\t\t", "# kpi-ignore: no-owner \t "])
    func tabsSeparateIgnoredCodes(comment: String) {
        let result = codes(comment + "\n" + Self.plan)
        #expect(result.kept == [])
        #expect(result.silenced == [.noOwner])
    }

    @Test func ignoreWithoutASpaceAndSeveralCodes() {
        let result = codes(
            Self.plan.replacingOccurrences(of: "kpi mrr \"Grow MRR\"", with: "kpi mrr \"Grow MRR\" #kpi-ignore:unknown-field,no-owner"))
        #expect(result.kept == [])
        #expect(result.silenced == [.noOwner])
    }

    @Test func severityOverrides() throws {
        var options = AnalysisOptions(today: fixedToday)
        options.severities[.noOwner] = .some(nil)
        #expect(codes(Self.plan, options: options).kept == [])

        options.severities[.noOwner] = .some(.error)
        let analysis = analysis([mainPath: Self.plan], options: options)
        let diagnostic = try #require(analysis.diagnostics(for: mainPath).first)
        #expect(diagnostic.code == .noOwner)
        #expect(diagnostic.severity == .error)
    }

    @Test func severityOverridesDoNotApplyToSilencedDiagnostics() {
        var options = AnalysisOptions(today: fixedToday)
        options.severities[.noOwner] = .some(nil)
        let result = codes("# kpi-ignore: no-owner\n" + Self.plan, options: options)
        #expect(result.kept == [])
        #expect(result.silenced == [.noOwner])
    }

    @Test func maxAnnualGrowthFromOptionsAndFromThePlan() {
        let plan = Self.plan.replacingOccurrences(of: "+20%", with: "+60%") + "  owner: CFO\n"
        #expect(codes(plan).kept == [])
        var options = AnalysisOptions(today: fixedToday)
        options.maxAnnualGrowth = 0.5
        #expect(codes(plan, options: options).kept == [.unrealisticTarget])
        #expect(codes("plan \"P\"\n  max-annual-growth: 50%\n" + plan).kept == [.unrealisticTarget])
        #expect(codes("plan \"P\"\n  max-annual-growth: 70%\n" + plan, options: options).kept == [])
    }

    @Test func asOfOverridesToday() {
        let plan = Self.plan + "  owner: CFO\n"
        #expect(codes(plan, options: AnalysisOptions(today: day("2028-01-10"))).kept == [.deadlinePassed])
        #expect(codes("plan \"P\"\n  as-of: 2027-07-15\n" + plan, options: AnalysisOptions(today: day("2028-01-10"))).kept == [])
    }

    @Test func diagnosticsAreSortedByPosition() {
        let analysis = exampleAnalysis("mistakes.kpi")
        let ranges = analysis.diagnostics(for: "examples/mistakes.kpi").map(\.range.lowerBound)
        #expect(ranges == ranges.sorted())
    }

    @Test func relatedLocationsPointAtTheParentAndSiblings() throws {
        let analysis = exampleAnalysis("mistakes.kpi")
        let split = try #require(analysis.diagnostics(for: "examples/mistakes.kpi").first { $0.code == .splitMismatch })
        #expect(
            split.related.map(\.message) == [
                "price-increase: +$100/month", "repeat-customers: +$300/month", "new-customers: +$1,000/month",
            ])
        let file = try #require(analysis.file("examples/mistakes.kpi"))
        #expect(split.related.map { file.tree.text($0.range) } == ["price-increase", "repeat-customers", "new-customers"])
    }
}

@Suite struct WorkspaceTests {
    @Test func useResolvesRelativeToTheUsingFile() {
        #expect(PlanFile.resolve("company.kpi", from: "examples/marketing.kpi") == "examples/company.kpi")
        #expect(PlanFile.resolve("../shared/x.kpi", from: "plans/team/a.kpi") == "plans/shared/x.kpi")
        #expect(PlanFile.resolve("./x.kpi", from: "a.kpi") == "x.kpi")
        #expect(PlanFile.resolve("/abs/x.kpi", from: "plans/a.kpi") == "/abs/x.kpi")
        #expect(PlanFile.resolve("../x.kpi", from: "a.kpi") == "../x.kpi")
        #expect(PlanFile.resolve("x.kpi", from: "/root/plans/a.kpi") == "/root/plans/x.kpi")
    }

    @Test func missingUsesAndCrossFileParents() throws {
        var workspace = workspace(["examples/marketing.kpi": Fixtures.example("marketing.kpi")])
        #expect(workspace.missingUses == ["examples/company.kpi"])
        workspace.set(PlanFile(path: "examples/company.kpi", text: Fixtures.example("company.kpi")))
        #expect(workspace.missingUses.isEmpty)
        let analysis = workspace.analysis(AnalysisOptions(today: fixedToday))
        let mql = try #require(analysis.resolve("mql", from: "examples/marketing.kpi"))
        let parent = try #require(analysis.parent(of: mql))
        #expect(parent.path == "examples/company.kpi")
        #expect(analysis.kpi(parent).id == "new-customers")
        #expect(analysis.chain(of: mql).map { analysis.kpi($0).id } == ["new-customers", "revenue-new-customers", "revenue"])
        // company.kpi does not use marketing.kpi: its KPIs cannot see marketing's.
        #expect(analysis.resolve("mql", from: "examples/company.kpi") == nil)
        #expect(
            analysis.children(of: parent).map { analysis.kpi($0).id }.sorted() == ["inbound-leads", "mql", "sql", "website-conversion"])
    }

    @Test func kpiAtAnOffset() throws {
        let analysis = exampleAnalysis("acme.kpi")
        let text = Fixtures.example("acme.kpi")
        let offset = try #require(text.utf8.firstRange(of: "Publish two".utf8)).lowerBound
        let ref = try #require(analysis.kpi(at: text.utf8.distance(from: text.utf8.startIndex, to: offset), in: "examples/acme.kpi"))
        #expect(analysis.kpi(ref).id == "inbound-leads")
    }

    /// At every offset of every example, and of a file with no KPI, the block found by binary search
    /// is the one the rule names: the KPI holding the offset, else the one ending there.
    @Test(arguments: Fixtures.examples().map(\.name) + ["(none)"])
    func kpiAtEveryOffset(_ name: String) {
        let path = "examples/" + name
        let text = name == "(none)" ? "plan \"p\"\n  as-of: 2027-01-01\n" : Fixtures.example(name)
        let analysis = analysis([path: text])
        let kpis = analysis.workspace.files[path]!.kpis
        #expect(kpis.isEmpty == (name == "(none)"))
        var found = 0
        for offset in 0...text.utf8.count + 1 {
            let expected = kpis.firstIndex { $0.range.contains(offset) } ?? kpis.firstIndex { $0.range.upperBound == offset }
            #expect(analysis.kpi(at: offset, in: path)?.index == expected, "offset \(offset)")
            if expected != nil { found += 1 }
        }
        #expect(kpis.isEmpty || found >= text.utf8.count / 2)
    }
}

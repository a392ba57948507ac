import Foundation
import KPIFiles
import KPITestSupport
import Testing

@testable import KPIPlan

@Suite struct PlanFilesTests {
    @Test func readsFilesAndSaysWhyNot() throws {
        let folder = try temporaryFolder(["a.kpi": "kpi a\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try PlanFiles.read(folder.appendingPathComponent("a.kpi").path).get() == Array("kpi a\n".utf8))
        #expect(throws: PlanFiles.ReadError.notFound) { try PlanFiles.read(folder.appendingPathComponent("b.kpi").path).get() }
        #expect(throws: PlanFiles.ReadError.isFolder) { try PlanFiles.read(folder.path).get() }
        #expect(PlanFiles.ReadError.isFolder.description == "it is a folder, not a plan file")
    }

    @Test func loadsFilesConcurrentlyInTheOrderNamed() throws {
        let names = (0..<40).map { "f\($0).kpi" }
        let folder = try temporaryFolder(Dictionary(uniqueKeysWithValues: names.map { ($0, "kpi k\($0.dropLast(4))\n") }))
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = names.map { folder.appendingPathComponent($0).path } + [folder.appendingPathComponent("missing.kpi").path]
        let results = PlanFiles.load(paths)
        #expect(results.count == paths.count)
        for (index, name) in names.enumerated() {
            #expect(try results[index].get().kpis.map(\.id) == ["k" + name.dropLast(4)])
        }
        #expect(throws: PlanFiles.ReadError.notFound) { try results.last!.get() }
        #expect(mapOnLargeStacks(Array(0..<1000), threads: 4) { $0 * 2 } == (0..<1000).map { $0 * 2 })
        #expect(mapOnLargeStacks([Int](), threads: 4) { $0 }.isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))  // a path cut short at a NUL once walked its folder forever
    func findsPlanFilesUnderAFolder() throws {
        let files = PlanFiles.planFiles(under: Fixtures.examplesFolder.path)
        #expect(
            files.map { URL(fileURLWithPath: $0).lastPathComponent } == [
                "acme.kpi", "cascade-drivers.kpi", "company.kpi", "five-year.kpi", "marketing.kpi", "mistakes.kpi",
                "nested-scorecard.kpi", "retail-jp.kpi", "scorecard.kpi", "support.kpi",
            ])
        let excluded = PlanFiles.planFiles(under: Fixtures.examplesFolder.path, excluding: ["mistakes.kpi", "*-year.kpi"])
        #expect(excluded.count == 8)

        let folder = try temporaryFolder(["top.kpi": "", "notes.txt": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["team", ".build", ".hidden", "node_modules"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            try Data().write(to: folder.appendingPathComponent(sub + "/x.kpi"))
        }
        #expect(PlanFiles.planFiles(under: folder.path) == [folder.path + "/team/x.kpi", folder.path + "/top.kpi"])
        // A path with a NUL names nothing (the system would read it cut short, as the folder itself).
        #expect(PlanFiles.planFiles(under: folder.path + "/\0x").isEmpty)
        // Links to folders are not followed (a link back up would loop); links to files count.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/team/loop", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/linked.kpi", withDestinationPath: folder.path + "/top.kpi")
        #expect(
            PlanFiles.planFiles(under: folder.path) == [folder.path + "/linked.kpi", folder.path + "/team/x.kpi", folder.path + "/top.kpi"])
    }

    @Test(arguments: [
        ("*.kpi", "a.kpi", true), ("*.kpi", "team/a.kpi", false), ("**/*.kpi", "team/a.kpi", true), ("**/*.kpi", "a.kpi", true),
        ("team/**", "team/x/y.kpi", true), ("a?.kpi", "ab.kpi", true), ("a?.kpi", "a.kpi", false), ("drafts/*", "drafts/x.kpi", true),
    ])
    func globs(_ glob: String, _ path: String, _ matches: Bool) {
        #expect(PlanFiles.matches(glob: glob, path: path) == matches)
    }

    @Test func loadsWhatUsesNameAndMarksWhatItCannotRead() throws {
        let folder = try temporaryFolder([
            "team.kpi": "use \"company.kpi\"\nuse \"missing.kpi\"\nkpi leads\n  parent: revenue\n",
            "company.kpi": "use \"shared\"\nkpi revenue\n  top-level\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("shared"), withIntermediateDirectories: true)
        let team = folder.appendingPathComponent("team.kpi").path
        var workspace = Workspace()
        workspace.set(PlanFile(path: team, bytes: try PlanFiles.read(team).get()))
        PlanFiles.loadUses(into: &workspace)
        #expect(workspace.files.keys.sorted() == [folder.appendingPathComponent("company.kpi").path, team])
        #expect(workspace.unreadable[folder.appendingPathComponent("missing.kpi").path] == "no such file")
        #expect(workspace.unreadable[folder.appendingPathComponent("shared").path] == "it is a folder, not a plan file")
        let analysis = workspace.analysis(AnalysisOptions(today: fixedToday))
        let diagnostics = analysis.diagnostics(for: team)
        #expect(diagnostics.map(\.message).contains("cannot use `missing.kpi`: no such file"))
        #expect(!diagnostics.contains { $0.code == .unknownParent })

        var guarded = Workspace()
        guarded.set(PlanFile(path: team, bytes: try PlanFiles.read(team).get()))
        PlanFiles.loadUses(into: &guarded, allowed: { _ in false })
        #expect(guarded.files.count == 1)
        #expect(guarded.unreadable[folder.appendingPathComponent("company.kpi").path] == "it is outside the workspace")
    }
}

@Suite struct SuggestionTests {
    @Test func closestNames() {
        #expect(Suggestions.closest(to: "ownr", in: PlanFile.kpiFields) == "owner")
        #expect(Suggestions.closest(to: "mrrr", in: ["mrr", "arr"]) == "mrr")
        #expect(Suggestions.closest(to: "Target", in: PlanFile.kpiFields) == "target")
        #expect(Suggestions.closest(to: "colour", in: PlanFile.kpiFields) == nil)
        #expect(Suggestions.closest(to: "mrr", in: ["mrr"]) == nil)  // not itself
    }

    @Test func nonASCIINamesAreLowercasedAsUnicode() {
        #expect(Suggestions.closest(to: "ÜMSATZ", in: ["umsatz", "ümsatz"]) == "ümsatz")
        #expect(Suggestions.closest(to: "Straße-2", in: ["strasse-2", "straße-3"]) == "straße-3")
        #expect(SuggestionIndex(["umsatz", "ümsatz"]).closest(to: "ÜMSATZ") == "ümsatz")
    }

    /// Indexes over parts of the candidates (one per file) answer as one look-up over them all,
    /// ties going to the smaller name whichever part holds it, repeated names included.
    @Test func severalIndexesAnswerAsOne() {
        let parts = [["mrr", "arr-2", "churn"], ["arr-1", "mrr", "nps"], [], ["Arr-3", "cac"]]
        let indexes = parts.map { SuggestionIndex($0) }
        for name in ["arr", "arr-4", "ARR-1", "mrr", "mrrr", "chrun", "nsp", "cacc", "x", ""] {
            let expected = Suggestions.closest(to: name, in: parts.flatMap { $0 })
            #expect(SuggestionIndex.closest(to: name, in: indexes) == expected, "\(name)")
            #expect(SuggestionIndex.closest(to: name, in: indexes.reversed()) == expected, "\(name)")
            #expect(SuggestionIndex(parts.flatMap { $0 }).closest(to: name) == expected, "\(name)")
        }
        // Three at distance 1 in three indexes: the smallest name wins, from the last index.
        #expect(SuggestionIndex.closest(to: "arr-", in: indexes) == "Arr-3")
    }
}

@Suite struct FieldNameTests {
    /// The KPI fields are read by case (`KPIField`); their names are what files, completions
    /// and suggestions use.
    @Test func kpiFieldNames() {
        #expect(
            PlanFile.kpiFields == [
                "perspective", "category", "metric", "owner", "baseline", "target", "deadline",
                "parent", "top-level", "split", "weight", "contributes", "growth", "better", "actions",
                "actuals", "milestones", "role",
            ])
        #expect(
            PlanFile.planFields == [
                "fiscal-year-start", "fiscal-year-name", "currency", "as-of", "max-annual-growth", "max-annual-reduction",
            ])
    }

    /// Keys are matched on their bytes (`KPIField.named`): each field's name finds it at its
    /// index in `kpiFields`, and nothing else finds a field.
    @Test func everyFieldIsFoundByItsNameAndNothingElseIs() {
        func named(_ key: String) -> KPIField? { KPIField.named(Array(key.utf8)[...]) }
        for field in PlanField.allCases { #expect(PlanField.named(Array(field.name.utf8)[...]) == field) }
        #expect(PlanField.named(Array("as-off".utf8)[...]) == nil)
        for (index, field) in KPIField.allCases.enumerated() {
            #expect(named(field.name) == field)
            #expect(field.rawValue == index)
            #expect(PlanFile.kpiFields[index] == field.name)
            for other in [
                field.name + "s", String(field.name.dropLast()), field.name.uppercased(),
                field.name.replacingOccurrences(of: "-", with: "_"), "x" + field.name.dropFirst(),
            ] where other != field.name {
                #expect(named(other) == nil, "\(other)")
            }
        }
        #expect(named("") == nil)
    }

    /// Choices are read in any letter case, as a word or a quoted string; others are reported.
    @Test func choicesInAnyCase() {
        let file = PlanFile(
            path: "a.kpi",
            text: """
                kpi a "A"
                  perspective: FINANCIAL
                  category: "Sales"
                  split: Sum
                  growth: linear
                kpi b "B"
                  perspective: finance
                  category: sales team
                  split: \u{212A}
                  growth: "compound"
                """)
        #expect(file.kpis[0].perspective?.value == .financial)
        #expect(file.kpis[0].category?.value == .sales)
        #expect(file.kpis[0].split?.value == .sum)
        #expect(file.kpis[0].growth?.value == .linear)
        #expect(file.kpis[1].perspective == nil && file.kpis[1].category == nil && file.kpis[1].split == nil)
        #expect(file.kpis[1].growth?.value == .compound)
        #expect(
            file.diagnostics.map(\.message) == [
                "`finance` is not a perspective: write learning, internal, customer or financial",
                "`sales team` is not a category: write sales, financial, operational, customer, people",
                "`\u{212A}` is not a split: write `sum` or `weighted`",
            ])
    }

    @Test func actualsAndMilestonesAreBothRead() {
        let file = PlanFile(
            path: "a.kpi",
            text: """
                kpi a "A"
                  baseline: 100 at 2027-01-01
                  target: 200 by 2027-12-31
                  milestones:
                    2027-09-30: 150
                    2027-06-30: 120
                  actuals:
                    2027-03-31: 110
                    2027-02-28: 105
                """)
        #expect(file.kpis[0].actuals.map(\.value.value) == [105, 110])
        #expect(file.kpis[0].milestones.map(\.value.value) == [120, 150])
        #expect(file.diagnostics.isEmpty)
    }
}

/// `kpi check` drops each file's syntax tree once it is read (`PlanFile.withoutSyntax`): the
/// checks must find exactly what they find with the trees.
@Suite struct WithoutSyntaxTests {
    @Test func checksFindTheSameWithoutTheSyntaxTrees() throws {
        let files = Fixtures.examples().map { PlanFile(path: $0.name, bytes: $0.bytes) }
        #expect(files.count >= 3)
        let options = AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!)
        let full = Workspace(files: files).analysis(options)
        let stripped = Workspace(files: files.map { $0.withoutSyntax() }).analysis(options)
        var findings = 0
        for file in files {
            let expected = full.diagnosticsAndSilenced(for: file.path)
            let found = stripped.diagnosticsAndSilenced(for: file.path)
            #expect(found.kept == expected.kept, "\(file.path)")
            #expect(found.silenced == expected.silenced, "\(file.path)")
            findings += expected.kept.count
            let bare = try #require(stripped.file(file.path))
            #expect(bare.tree.bytes == file.tree.bytes && bare.tree.errors == file.tree.errors)
            #expect(bare.tree.lines.position(of: file.tree.bytes.count) == file.tree.lines.position(of: file.tree.bytes.count))
            #expect(bare.tree.root.children.isEmpty && bare.tree.root.range == 0..<file.tree.bytes.count)
            #expect(bare.kpis.map(\.id) == file.kpis.map(\.id))
        }
        #expect(findings > 0)
    }
}

/// A quoted part of a value can hold bytes that are not UTF-8: its text (each such byte a U+FFFD,
/// three bytes) is longer than the bytes it was read from. Values put together from several
/// tokens must still come out whole (this once wrote past the end of the value's storage).
@Suite struct InvalidUTF8ValueTests {
    @Test(arguments: [1, 2, 6, 40])
    func quotedPartsWithInvalidBytesReadWhole(_ invalid: Int) throws {
        let junk = [UInt8](repeating: 0xFF, count: invalid)
        var bytes = Array("kpi a \"A\"\n  top-level\n  owner: \"".utf8) + junk + Array("\" team \"".utf8) + junk + Array("\"\n".utf8)
        bytes += Array("  metric: x \"".utf8) + junk + Array("\"\n  actions:\n    - do \"".utf8) + junk + Array("\" now\n".utf8)
        let file = PlanFile(path: "a.kpi", bytes: bytes)
        let replaced = String(repeating: "\u{FFFD}", count: invalid)
        let kpi = try #require(file.kpis.first)
        #expect(kpi.owner?.value == "\(replaced) team \(replaced)")
        #expect(kpi.metric?.value == "x \(replaced)")
        #expect(kpi.actions.map(\.value) == ["do \(replaced) now"])
    }
}

/// `kpi check` and `kpi explain` build their analysis for checks only (no table for patching the
/// graph after an edit): the same findings, and an edit to such an analysis rebuilds it whole.
@Suite struct ChecksOnlyAnalysisTests {
    @Test func sameFindingsAndAnEditRebuilds() throws {
        let files = Fixtures.examples().map { PlanFile(path: $0.name, bytes: $0.bytes) }
        let options = AnalysisOptions(today: Day(year: 2027, month: 7, day: 15)!)
        let workspace = Workspace(files: files)
        let full = workspace.analysis(options)
        let checksOnly = workspace.analysisForChecksOnly(options)
        for file in files {
            #expect(
                checksOnly.diagnosticsAndSilenced(for: file.path).kept == full.diagnosticsAndSilenced(for: file.path).kept, "\(file.path)")
        }
        var edited = workspace
        let first = try #require(files.first)
        edited.set(PlanFile(path: first.path, bytes: first.tree.bytes + Array("\nkpi added \"Added\"\n  top-level\n".utf8)))
        let (rebuilt, invalid) = checksOnly.updated(edited, changed: [first.path], options: options)
        #expect(invalid.all)
        let fresh = edited.analysis(options)
        for file in files {
            #expect(
                rebuilt.diagnosticsAndSilenced(for: file.path).kept == fresh.diagnosticsAndSilenced(for: file.path).kept, "\(file.path)")
        }
        #expect(rebuilt.kpis(withID: "added").count == 1)
    }
}

/// The field declarations (`Fields.swift`) and docs/language.md's tables of settings and fields
/// list the same names in the same order, and every field has its documentation line.
@Suite struct FieldTableTests {
    @Test func theDocsTablesListEveryFieldInOrder() {
        let rows = DocsExamplesTests.document.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
        let documented = rows.filter { FieldSpec.named($0) != nil }
        #expect(documented == PlanFile.planFields + PlanFile.kpiFields)
        for name in PlanFile.planFields + PlanFile.kpiFields {
            #expect(FieldSpec.named(name)?.documentation.hasSuffix(".") == true, "\(name)")
        }
    }

    @Test func completionInsertsAndPlaceholders() {
        #expect(KPIField.topLevel.spec.insertText == "top-level" && !KPIField.topLevel.spec.isSnippet)
        #expect(KPIField.owner.spec.insertText == "owner: ")
        #expect(KPIField.actuals.spec.insertText == "actuals:\n    ${1:2027-03-31}: ${2:value}" && KPIField.actuals.spec.isSnippet)
        let today = Day(year: 2027, month: 7, day: 15)!
        #expect(
            KPIField.allCases.compactMap { $0.spec.placeholder?(today) }
                == [
                    "metric: TODO", "owner: TODO", "baseline: TODO at 2027-07-15", "target: TODO by FY2028", "parent: TODO",
                    "actions:\n    - TODO",
                ])
        #expect(KPIField.allCases.filter { !$0.spec.needsValue } == [.target, .topLevel, .actions, .actuals, .milestones])
    }
}

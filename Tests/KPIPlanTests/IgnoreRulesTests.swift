// Walking a folder for plan files passes over what `.gitignore` and `.ignore` exclude, hidden
// folders and the usual build and dependency folders, as git reads the patterns; the same answer
// for one file at a time (a file the editor reports as created).

import Foundation
import KPIFiles
import Testing

@Suite struct IgnoreRulesTests {
    /// A repository-like tree: plans to index, and fixtures, corpora and build output not to.
    static let tree: [String: String] = [
        ".gitignore":
            "# test data\n/fixtures/\n*.draft.kpi\n!keep.draft.kpi\nbuild/\n/only-root.kpi\ndocs/**/generated-*.kpi\nv[0-9].kpi\n",
        ".ignore": "fuzz\n",
        "plan.kpi": "", "keep.draft.kpi": "", "wip.draft.kpi": "", "only-root.kpi": "", "v1.kpi": "", "va.kpi": "",
        "fixtures/bad.kpi": "", "fuzz/corpus/1.kpi": "", "build/out.kpi": "",
        "node_modules/pkg/x.kpi": "", ".build/debug/y.kpi": "", ".git/z.kpi": "", "__pycache__/w.kpi": "",
        "teams/only-root.kpi": "", "teams/sales.kpi": "", "teams/fixtures/kept.kpi": "", "teams/build/gone.kpi": "",
        "teams/.gitignore": "local-*.kpi\n!local-shared.kpi\n", "teams/local-mine.kpi": "", "teams/local-shared.kpi": "",
        "docs/a/b/generated-1.kpi": "", "docs/a/written.kpi": "",
        "Tests/robustness/.ignore": "*\n!.ignore\n", "Tests/robustness/case.kpi": "",
    ]

    static let indexed = [
        "docs/a/written.kpi", "keep.draft.kpi", "plan.kpi", "teams/fixtures/kept.kpi",
        "teams/local-shared.kpi", "teams/only-root.kpi", "teams/sales.kpi", "va.kpi",
    ]

    func makeTree() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-ignore-\(UUID().uuidString)")
        for (name, text) in Self.tree {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    @Test func theWalkPassesOverIgnoredFilesAndFolders() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(PlanFiles.planFiles(under: root) == Self.indexed.map { root + "/" + $0 })
        // `kpi.files.exclude` still applies on top.
        #expect(
            PlanFiles.planFiles(under: root, excluding: ["teams/**"])
                == ["docs/a/written.kpi", "keep.draft.kpi", "plan.kpi", "va.kpi"].map { root + "/" + $0 })
    }

    /// One file at a time, the walk's answer for every plan file of the tree.
    @Test func oneFileAtATimeAsTheWalk() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in Self.tree.keys where name.hasSuffix(".kpi") {
            #expect(IgnoreRules.skips(root + "/" + name, under: root) == !Self.indexed.contains(name), "\(name)")
        }
    }

    @Test func patternsAsGitReadsThem() {
        var rules = IgnoreRules()
        rules.add("out/\n\\#hash.kpi\nlogs/*.kpi   \n/a/b\n**/deep/x.kpi\n# comment\n\n!\n", base: "")
        #expect(rules.ignores("out", isFolder: true) && rules.ignores("x/out", isFolder: true))
        #expect(!rules.ignores("out", isFolder: false))  // `out/` is for folders only
        #expect(rules.ignores("#hash.kpi", isFolder: false))
        #expect(rules.ignores("logs/1.kpi", isFolder: false) && !rules.ignores("x/logs/1.kpi", isFolder: false))
        #expect(rules.ignores("a/b", isFolder: false) && !rules.ignores("c/a/b", isFolder: false))
        #expect(rules.ignores("deep/x.kpi", isFolder: false) && rules.ignores("p/q/deep/x.kpi", isFolder: false))
        var nested = IgnoreRules()
        nested.add("*.kpi\n", base: "teams")
        #expect(nested.ignores("teams/a/b.kpi", isFolder: false) && !nested.ignores("b.kpi", isFolder: false))
        #expect(PlanFiles.matches(glob: "v[0-9].kpi", path: "v7.kpi") && !PlanFiles.matches(glob: "v[!0-9].kpi", path: "v7.kpi"))
        #expect(PlanFiles.matches(glob: "[^a]", path: "b") && !PlanFiles.matches(glob: "[ab]", path: "/"))
    }
}

// One plan file: its syntax tree and what reading it gives (settings, `use`s, KPIs) and finds.
// Everything the file says on its own is checked as it is read (`PlanReader.swift`,
// `KPIReader.swift`: unknown fields, bad quantities and dates); what needs other files (parents,
// splits) is checked by `Analysis` (`Rules/`).

import KPISyntax

public struct PlanFile: Sendable {
    public let path: String
    public internal(set) var tree: SyntaxTree
    public internal(set) var settings = PlanSettings()
    public internal(set) var uses: [UseReference] = []
    public internal(set) var kpis: [KPI] = []
    /// What reading this file alone found.
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The metric names this file's KPIs use, as written, with how many KPIs use each.
    public var metricNames: [String: Int] {
        var names: [String: Int] = [:]
        for kpi in kpis { if let metric = kpi.metric?.value { names[metric, default: 0] += 1 } }
        return names
    }
    /// `# kpi-ignore: CODE` comments: line → the codes silenced on it.
    public internal(set) var ignores: [Int: Set<String>] = [:]

    public static let planFields = ["fiscal-year-start", "currency", "as-of", "max-annual-growth", "max-annual-reduction"]
    public static let kpiFields = KPIField.allCases.map(\.name)
    /// The fields of a KPI, numbered in the order of `kpiFields`: read by case, not by comparing names.
    enum KPIField: Int, CaseIterable {
        case perspective, category, metric, owner, baseline, target, deadline, parent, topLevel,
             split, weight, contributes, growth, actions, actuals, milestones, role
        static let count = 17

        var name: String {
            switch self {
            case .perspective: "perspective"
            case .category: "category"
            case .metric: "metric"
            case .owner: "owner"
            case .baseline: "baseline"
            case .target: "target"
            case .deadline: "deadline"
            case .parent: "parent"
            case .topLevel: "top-level"
            case .split: "split"
            case .weight: "weight"
            case .contributes: "contributes"
            case .growth: "growth"
            case .actions: "actions"
            case .actuals: "actuals"
            case .milestones: "milestones"
            case .role: "role"
            }
        }

        /// The field a key names (its raw value is its index in `kpiFields`), matched on the key's
        /// bytes against literals: no table is read per line (going through a shared array of
        /// names retained every candidate's bytes, on every field line of every file).
        static func named(_ key: ArraySlice<UInt8>) -> KPIField? {
            func equals(_ name: StaticString) -> Bool {
                guard name.utf8CodeUnitCount == key.count else { return false }
                for (index, byte) in key.enumerated() where name.utf8Start[index] != byte { return false }
                return true
            }
            switch key.count {
            case 4: if equals("role") { return .role }
            case 5: if equals("owner") { return .owner }; if equals("split") { return .split }
            case 6:
                if equals("metric") { return .metric }; if equals("target") { return .target }
                if equals("parent") { return .parent }; if equals("weight") { return .weight }
                if equals("growth") { return .growth }
            case 7: if equals("actions") { return .actions }; if equals("actuals") { return .actuals }
            case 8:
                if equals("category") { return .category }; if equals("baseline") { return .baseline }
                if equals("deadline") { return .deadline }
            case 9: if equals("top-level") { return .topLevel }
            case 10: if equals("milestones") { return .milestones }
            case 11: if equals("perspective") { return .perspective }; if equals("contributes") { return .contributes }
            default: break
            }
            return nil
        }
    }

    /// The file with its syntax tree dropped (`SyntaxTree.withoutSyntax`): what the checks read
    /// stays (the KPIs, findings, lines and bytes), what editor features read does not.
    public func withoutSyntax() -> PlanFile {
        var file = self
        file.tree = tree.withoutSyntax()
        return file
    }

    public init(path: String, text: String) {
        self.init(path: path, tree: Parser.parse(text))
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, tree: Parser.parse(bytes: bytes))
    }

    public init(path: String, tree: SyntaxTree) {
        self.path = path
        self.tree = tree
        for error in tree.errors {
            diagnostics.append(Diagnostic(SyntaxErrorRule.Finding.parser(error.message), path: path, range: error.range))
        }
        collectIgnores()
        // The plan header first: its fiscal year and currency give meaning to every KPI's dates and amounts.
        for case .node(let node) in tree.root.children where node.kind == .planDecl && settings.range == nil {
            readPlan(node)
        }
        // Sized once: a KPI is large, and growing the array moves every one read so far.
        kpis.reserveCapacity(tree.root.children.reduce(0) { if case .node(let node) = $1, node.kind == .kpiDecl { $0 + 1 } else { $0 } })
        for case .node(let node) in tree.root.children {
            switch node.kind {
            case .planDecl:
                if settings.range != node.range {
                    report(DuplicateFieldRule.Finding.planHeader, node.firstToken(.keyword)!.range)
                }
            case .useDecl: readUse(node)
            case .kpiDecl: readKPI(node)
            default: break
            }
        }
    }

    /// A file to read the re-parsed part of an edit into (`edited`).
    init(path: String, tree: SyntaxTree, settings: PlanSettings) {
        self.path = path
        self.tree = tree
        self.settings = settings
    }

    // MARK: - Paths

    /// Resolves a `use` path against the using file's folder, folding `.` and `..`.
    public static func resolve(_ written: String, from path: String) -> String {
        let base: [Substring] = written.hasPrefix("/") ? [] : path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var parts: [Substring] = []
        for part in base + written.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case ".", "": if parts.isEmpty && part == "" { parts.append(part) }
            case "..": if let last = parts.last, last != "", last != ".." { parts.removeLast() } else if parts.isEmpty || parts.last == ".." { parts.append(part) }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

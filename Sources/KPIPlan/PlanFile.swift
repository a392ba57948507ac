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

    /// The names of the plan header's settings and of a KPI's fields (`Fields.swift`).
    public static let planFields = PlanField.allCases.map(\.name)
    public static let kpiFields = KPIField.allCases.map(\.name)

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
            case "..":
                if let last = parts.last, last != "", last != ".." {
                    parts.removeLast()
                } else if parts.isEmpty || parts.last == ".." {
                    parts.append(part)
                }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

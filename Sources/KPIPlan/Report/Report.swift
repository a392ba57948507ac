// `kpi report`: the plan as one self-contained HTML page — a header with the counts, each
// top-level goal with its cascade tree and the cards of its KPIs (path charts, split waterfalls),
// the scorecard by perspective and the findings. Every number is read from the cascade math
// (`Cascade.swift`), the explanations (`Explain.swift`) and the checks; this folder only draws.
// Pure: the same analysis gives the same bytes (the as-of date is the analysis's "today").

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public struct ReportOptions: Sendable {
    /// Report only this KPI and the KPIs under it (the editors' "report of this KPI").
    public var root: KPIRef?
    public init(root: KPIRef? = nil) { self.root = root }
}

/// Which KPIs the report draws, in order, and which files: the goals with their subtrees, then
/// the KPIs under no goal. The per-KPI math and per-file checks are computed from it, on one
/// thread (`Analysis.reportDocument`) or on several (`KPIFiles.writeReport`).
public struct ReportOutline: Sendable {
    let analysis: Analysis
    let options: ReportOptions
    /// Top-level goals (KPIs without a parent), each followed by its subtree, depth first.
    var goals: [(goal: KPIRef, rows: [(ref: KPIRef, depth: Int)])] = []
    /// KPIs under no goal: members of a `parent` cycle.
    var unrooted: [KPIRef] = []
    var refs: [KPIRef] = []
    var paths: [String] = []

    init(_ analysis: Analysis, options: ReportOptions) {
        self.analysis = analysis
        self.options = options
        var seen = Set<KPIRef>()
        let roots = options.root.map { [$0] } ?? analysis.allRefs.filter { analysis.parent(of: $0) == nil }
        for root in roots {
            // Depth first without recursion: a cascade can be thousands of levels deep.
            var rows: [(ref: KPIRef, depth: Int)] = []
            var stack: [(KPIRef, Int)] = [(root, 0)]
            while let (ref, depth) = stack.popLast() {
                guard seen.insert(ref).inserted else { continue }
                rows.append((ref, depth))
                for child in analysis.children(of: ref).reversed() where !analysis.isInCycle(child) { stack.append((child, depth + 1)) }
            }
            goals.append((root, rows))
        }
        if options.root == nil { unrooted = analysis.allRefs.filter { !seen.contains($0) } }
        refs = goals.flatMap { $0.rows.map(\.ref) } + unrooted
        var included: Set<String> = []
        for ref in refs { included.insert(ref.path) }
        paths = analysis.paths.filter { included.contains($0) }
    }

    public var kpiCount: Int { refs.count }
    public var fileCount: Int { paths.count }
    /// The cascade math of the report's `index`th KPI.
    public func math(at index: Int) -> KPIMath { analysis.math(refs[index], includeSplit: true, includeChain: false) }
    /// The findings of the report's `index`th file.
    public func diagnostics(inFile index: Int) -> [Diagnostic] { analysis.diagnostics(for: paths[index]) }
}

/// What the report's parts share: the KPIs in the order drawn, their math and status, the
/// anchors, and the findings by KPI.
struct ReportContext: Sendable {
    let outline: ReportOutline
    var math: [KPIRef: KPIMath] = [:]
    var status: [KPIRef: ReportStatus] = [:]
    var anchors: ReportAnchors
    var findings: [ReportFinding] = []
    var findingsByKPI: [KPIRef: [Int]] = [:]

    var analysis: Analysis { outline.analysis }
    var goals: [(goal: KPIRef, rows: [(ref: KPIRef, depth: Int)])] { outline.goals }
    var unrooted: [KPIRef] { outline.unrooted }
    var paths: [String] { outline.paths }
    var allRefs: [KPIRef] { outline.refs }

    /// `math` and `diagnostics` are the outline's, KPI by KPI and file by file.
    init(_ outline: ReportOutline, math: [KPIMath], diagnostics: [[Diagnostic]]) {
        self.outline = outline
        anchors = ReportAnchors(outline.refs, analysis: outline.analysis)
        self.math.reserveCapacity(outline.refs.count)
        status.reserveCapacity(outline.refs.count)
        for (ref, m) in zip(outline.refs, math) {
            self.math[ref] = m
            status[ref] = ReportStatus(m)
        }
        collectFindings(diagnostics, Set(outline.refs), wholeFiles: outline.options.root == nil)
    }

    func kpi(_ ref: KPIRef) -> KPI { analysis.kpi(ref) }

    /// `acme.kpi:12`, 1-based, for a byte offset.
    func location(_ path: String, _ offset: Int) -> String {
        guard let file = analysis.file(path) else { return path }
        return "\(path):\(file.tree.lines.position(of: offset).line + 1)"
    }

    /// `<a href="#kpi-mrr"><code>mrr</code></a>`
    func link(_ ref: KPIRef) -> String {
        "<a href=\"#\(anchors[ref])\"><code>\(HTML.escape(kpi(ref).id))</code></a>"
    }
}

/// The report cut into pieces, each written on its own: the page's head and header, each goal's
/// heading and tree, its cards a few dozen at a time, its end, and the scorecard and findings. A
/// caller may write the pieces on several threads (`KPIFiles.writeReport`); joined in order they
/// are the page, byte for byte.
public struct ReportDocument: Sendable {
    enum Piece: Sendable {
        case head
        case goalStart(Int)
        case cards(goal: Int, Range<Int>)
        case goalEnd
        case unrootedStart
        case unrootedCards(Range<Int>)
        case scorecard
        case tail
    }

    /// Cards per piece: enough to make a thread's share worth handing out, few enough to balance.
    static let cardsPerPiece = 64
    let context: ReportContext
    let pieces: [Piece]

    /// The report of `outline`, given its KPIs' math and its files' findings in the outline's order.
    public init(_ outline: ReportOutline, math: [KPIMath], diagnostics: [[Diagnostic]]) {
        let context = ReportContext(outline, math: math, diagnostics: diagnostics)
        self.context = context
        var pieces: [Piece] = [.head]
        func chunks(_ count: Int) -> [Range<Int>] {
            stride(from: 0, to: count, by: Self.cardsPerPiece).map { $0..<min($0 + Self.cardsPerPiece, count) }
        }
        for (index, goal) in context.goals.enumerated() {
            pieces.append(.goalStart(index))
            pieces += chunks(goal.rows.count).map { .cards(goal: index, $0) }
            pieces.append(.goalEnd)
        }
        if !context.unrooted.isEmpty {
            pieces.append(.unrootedStart)
            pieces += chunks(context.unrooted.count).map { .unrootedCards($0) }
            pieces.append(.goalEnd)
        }
        pieces += [.scorecard, .tail]
        self.pieces = pieces
    }

    public var pieceCount: Int { pieces.count }

    public func piece(_ index: Int) -> String {
        var out = ""
        switch pieces[index] {
        case .head:
            out.reserveCapacity(16_384)
            ReportPage.open(context, into: &out)
            ReportHeader.write(context, into: &out)
            out += "<main id=\"goals\">\n"
        case .goalStart(let goal):
            let (ref, rows) = context.goals[goal]
            out.reserveCapacity(rows.count * 600)
            GoalSection.open(ref, rows: rows, number: goal + 1, context, into: &out)
        case .cards(let goal, let range):
            out.reserveCapacity(range.count * 5_000)
            for row in context.goals[goal].rows[range] { KPICard.write(row.ref, isGoal: row.depth == 0, context, into: &out) }
        case .goalEnd:
            GoalSection.close(into: &out)
        case .unrootedStart:
            GoalSection.openUnrooted(context, into: &out)
        case .unrootedCards(let range):
            out.reserveCapacity(range.count * 5_000)
            for ref in context.unrooted[range] { KPICard.write(ref, isGoal: false, context, into: &out) }
        case .scorecard:
            out += "</main>\n"
            ScorecardSection.write(context, into: &out)
        case .tail:
            FindingsSection.write(context, into: &out)
            ReportPage.close(into: &out)
        }
        return out
    }

    /// The pieces, written in order, as one page.
    public func joined(_ parts: [String]) -> String {
        var page = ""
        page.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { page += part }
        return page
    }
}

extension Analysis {
    /// What the report of the workspace (or of one KPI's subtree) draws.
    public func reportOutline(_ options: ReportOptions = ReportOptions()) -> ReportOutline {
        ReportOutline(self, options: options)
    }

    /// The report of the workspace (or of one KPI's subtree), in pieces to write.
    public func reportDocument(_ options: ReportOptions = ReportOptions()) -> ReportDocument {
        let outline = reportOutline(options)
        return ReportDocument(
            outline, math: (0..<outline.kpiCount).map(outline.math(at:)),
            diagnostics: (0..<outline.fileCount).map(outline.diagnostics(inFile:)))
    }

    /// The report of the workspace (or of one KPI's subtree) as one HTML page, on this thread.
    public func report(_ options: ReportOptions = ReportOptions()) -> String {
        let document = reportDocument(options)
        return document.joined((0..<document.pieceCount).map(document.piece))
    }
}

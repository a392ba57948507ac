// What the rules that need the goal graph read: the file (for its `use` lines and ids) or one KPI
// with its cascade math and its parent's fields.

/// A rule checked once per file by `Analysis` (the reader's own findings aside).
protocol FileRule: Rule {
    static func check(_ file: FileCheck, _ findings: inout Findings)
}

/// A rule checked once per KPI with an id.
protocol KPIRule: Rule {
    static func check(_ kpi: KPICheck, _ findings: inout Findings)
}

struct FileCheck {
    let analysis: Analysis
    let file: PlanFile
    var path: String { file.path }
}

/// A KPI as a message names it: its id, with its file's name when it lies in another file than
/// the one reported on.
public struct KPIName: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let fileName: String?
    public var description: String { fileName.map { "`\(id)` (\($0))" } ?? "`\(id)`" }
}

struct KPICheck {
    let analysis: Analysis
    /// What the rules work out once per analysis (did-you-mean indexes).
    let caches: AnalysisCaches
    let ref: KPIRef
    let kpi: KPI
    let math: KPIMath
    /// The parent's fields the alignment rules compare with, when `parent:` resolves to a KPI
    /// outside a loop.
    let parent: Parent?

    struct Parent {
        let ref: KPIRef
        let deadline: Located<Day>?
        let perspective: Located<Perspective>?
        let split: Located<SplitKind>?
        let unit: QuantityUnit?
    }

    init(analysis: Analysis, caches: AnalysisCaches, ref: KPIRef, kpi: KPI) {
        self.analysis = analysis
        self.caches = caches
        self.ref = ref
        self.kpi = kpi
        // No path: the rules read the path's value at a date (`pathValue(at:)`), never its points.
        math = analysis.math(ref, kpi, includeSplit: true, includeChain: false, includePath: false)
        if kpi.parent != nil, let parentRef = analysis.parent(of: ref), analysis.cycles[ref] == nil {
            // Read where the parent lies: only these four fields, not a copy of the whole KPI.
            let kpis = analysis.workspace.files[parentRef.path]!.kpis
            parent = Parent(
                ref: parentRef, deadline: kpis[parentRef.index].deadline, perspective: kpis[parentRef.index].perspective,
                split: kpis[parentRef.index].split, unit: kpis[parentRef.index].unit)
        } else {
            parent = nil
        }
    }

    var path: String { ref.path }

    func name(_ other: KPIRef) -> KPIName {
        KPIName(id: analysis.kpi(other).id, fileName: other.path == path ? nil : String(other.path.split(separator: "/").last ?? ""))
    }

    func related(_ other: KPIRef, _ message: String) -> RelatedLocation {
        RelatedLocation(path: other.path, range: analysis.kpi(other).idRange, message: message)
    }
}

// After an edit, re-reads only the top-level blocks it touches: the KPIs before are kept, those
// after moved with the text, so a keystroke costs what it touches.

import KPISyntax

extension PlanFile {

    /// The file after its text became `bytes`. Only the top-level blocks the change touches are
    /// parsed and read again (`Parser.reparse`); the KPIs before them are kept and those after them
    /// moved. `change` names the KPIs read again when they are as many as before (the goal graph can
    /// then be patched for those KPIs alone); nil when the KPIs changed in number, or when the
    /// change touched what gives every KPI its meaning (the `plan` header, `use` lines,
    /// `kpi-ignore` comments): then the whole file is read again. Either way the result is the file
    /// `PlanFile(path:bytes:)` reads.
    public func edited(_ bytes: [UInt8]) -> (file: PlanFile, change: FileEdit?) {
        let (tree, edit) = Parser.reparse(self.tree, bytes: bytes)
        func hasHeader(_ tree: SyntaxTree, _ range: Range<Int>) -> Bool {
            tree.root.children.contains { element in
                guard case .node(let node) = element, range.contains(node.range.lowerBound) else { return false }
                return node.kind == .planDecl || node.kind == .useDecl
            }
        }
        // The old file has no ignore comment, and outside the re-parsed part nothing changed: only
        // that part can have gained one.
        guard ignores.isEmpty, !ByteSearch.contains(bytes[edit.new], Self.ignoreMarker),
            settings.range.map({ $0.upperBound <= edit.old.lowerBound }) ?? true,
            !hasHeader(self.tree, edit.old), !hasHeader(tree, edit.new)
        else {
            return (PlanFile(path: path, tree: tree), nil)
        }
        var file = PlanFile(path: path, tree: tree, settings: settings)
        let delta = edit.delta
        file.uses = uses.map { $0.range.lowerBound >= edit.old.upperBound ? $0.moved(by: delta) : $0 }
        let first = kpis.firstIndex { $0.range.lowerBound >= edit.old.lowerBound } ?? kpis.count
        let last = kpis[first...].firstIndex { $0.range.lowerBound >= edit.old.upperBound } ?? kpis.count
        // What reading found comes after the parser's errors (as in `init(path:tree:)`).
        for error in tree.errors {
            file.diagnostics.append(Diagnostic(SyntaxErrorRule.Finding.parser(error.message), path: path, range: error.range))
        }
        let found = diagnostics[self.tree.errors.count...]
        file.diagnostics.append(contentsOf: found.filter { $0.range.lowerBound < edit.old.lowerBound })
        file.kpis = Array(kpis[..<first])
        for case .node(let node) in tree.root.children where node.kind == .kpiDecl && edit.new.contains(node.range.lowerBound) {
            file.readKPI(node)
        }
        let change = FileEdit(kpis: first..<file.kpis.count, edits: [edit])
        for kpi in kpis[last...] { file.kpis.append(kpi.moved(by: delta)) }
        for diagnostic in found where diagnostic.range.lowerBound >= edit.old.upperBound {
            file.diagnostics.append(diagnostic.moved([path: change]) ?? diagnostic)  // after the part: always moves
        }
        return (file, change.kpis.count == last - first ? change : nil)
    }

}

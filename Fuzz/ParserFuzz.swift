// libFuzzer target for the parser and the plan model (KPISyntax + KPIPlan), compiled together
// with their sources by `Fuzz/build.sh`. For every input it checks the invariants the rest of
// the code relies on, and traps (so libFuzzer keeps the input) when one breaks:
//
//  - printing the tree gives back the input, byte for byte;
//  - the tokens cover every byte exactly once, in order, and no node range is out of its parent;
//  - every diagnostic range (and related range) lies within its file;
//  - offsets ↔ UTF-16/UTF-8 positions round-trip on character boundaries;
//  - the formatter is idempotent (format ∘ format = format), keeps every comment and every
//    non-blank line, and does not change what the plan means (same model, same findings);
//  - the editor features (hover, completion, definition, references, rename, code actions,
//    outline, folding, semantic spans, inlay notes, explain) answer without trapping and with
//    ranges inside the file;
//  - `kpi report`'s page renders, and nothing the plan says opens a tag or ends one of the
//    page's `<noscript>` parts early (each closes exactly once, before the next opens).

import KPIPlan
import KPISyntax

#if canImport(Glibc)
    import Glibc
#endif

@inline(never)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        let text = "fuzz invariant broken: \(message())\n"
        _ = text.withCString { fputs($0, stderr) }
        abort()
    }
}

let mainPath = "/fuzz/main.kpi"
let otherPath = "/fuzz/other.kpi"
/// A fixed neighbour so `use "other.kpi"` and cross-file parents resolve.
let otherText = """
    plan "Other"
      currency: EUR
    kpi mrr "Grow MRR"
      top-level
      metric: MRR
      owner: CFO
      baseline: €100K at 2026-12-31
      target: +20% by FY2027
      split: sum
      actions:
        - Raise prices
    kpi a
      parent: mrr
      contributes: +€5K

    """
let today = Day(year: 2027, month: 7, day: 15)!

/// Text without its trailing blanks: the formatter trims them on every line, and they can end the
/// text of an unterminated string (which runs to the end of its line): layout, not meaning.
func clean(_ text: String?) -> String {
    guard var text else { return "-" }
    while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" { text.unicodeScalars.removeLast() }
    return text
}

/// What a file means, independent of layout: its settings, uses, KPIs and findings.
func meaning(_ file: PlanFile, _ analysis: Analysis) -> [String] {
    var out: [String] = []
    let s = file.settings
    out.append(
        "plan \(clean(s.name?.value)) fy\(s.fiscalYearStart) \(s.currency) \(s.asOf.map { "\($0.value)" } ?? "-") \(s.maxAnnualGrowth.map { "\($0)" } ?? "-") \(s.range == nil ? "no-plan" : "plan")"
    )
    for use in file.uses { out.append("use \(clean(use.written)) → \(clean(use.resolvedPath))") }
    for kpi in file.kpis {
        var line = "kpi \(kpi.id) title=\(clean(kpi.title)) fields=\(kpi.fields.map(\.key).joined(separator: ","))"
        line += " persp=\(kpi.perspective.map { "\($0.value)" } ?? "-") cat=\(kpi.category.map { "\($0.value)" } ?? "-")"
        line += " metric=\(clean(kpi.metric?.value)) owner=\(clean(kpi.owner?.value))"
        line += " baseline=\(kpi.baseline.map { "\($0.value)" } ?? "-") at=\(kpi.baselineDate.map { "\($0.value)" } ?? "-")"
        line += " target=\(kpi.target.map { "\($0.kind)" } ?? "-") deadline=\(kpi.deadline.map { "\($0.value)" } ?? "-")"
        line += " parent=\(clean(kpi.parent?.value)) top=\(kpi.topLevel != nil) split=\(kpi.split.map { "\($0.value)" } ?? "-")"
        line += " weight=\(kpi.weight.map { "\($0.value)" } ?? "-") contributes=\(kpi.contributes.map { "\($0.value)" } ?? "-")"
        line += " growth=\(kpi.growth.map { "\($0.value)" } ?? "-") unit=\(kpi.unit.map { "\($0)" } ?? "-")"
        line += " actions=\(kpi.actions.map { clean($0.value) }) actuals=\(kpi.actuals.map { "\($0.date)=\($0.value)" })"
        line += " milestones=\(kpi.milestones.map { "\($0.date)=\($0.value)" })"
        out.append(line)
    }
    let findings = analysis.diagnostics(for: file.path).map { "\($0.severity) \($0.code.rawValue)" }
    out.append("findings \(findings.sorted())")
    out.append("ignores \(file.ignores.values.map { $0.sorted().joined(separator: ",") }.sorted())")
    return out
}

func comments(_ tree: SyntaxTree) -> [String] {
    var result: [String] = []
    // Trailing blanks (and a carriage return) are layout: the formatter trims them on every line.
    tree.root.forEachToken { token in
        guard token.kind == .comment else { return }
        var text = Substring(tree.text(token))
        while let last = text.unicodeScalars.last, last == " " || last == "\t" || last == "\r" { text.unicodeScalars.removeLast() }
        result.append(String(text))
    }
    return result
}

/// The non-blank lines, without their indentation or trailing blanks (the formatter may change those).
func contentLineCount(_ tree: SyntaxTree) -> Int {
    var count = 0
    for line in 0..<tree.lines.lineCount {
        let start = tree.lines.lineStarts[line]
        let end = tree.lines.lineEnd(line)
        if tree.bytes[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { count += 1 }
    }
    return count
}

func checkTree(_ tree: SyntaxTree, _ bytes: [UInt8]) {
    require(tree.printed() == bytes, "printing the tree does not give the input back")
    var next = 0
    tree.root.forEachToken { token in
        require(token.range.lowerBound == next, "token \(token.kind)@\(token.range) leaves a gap or overlaps (expected start \(next))")
        require(!token.range.isEmpty, "empty token \(token.kind)@\(token.range)")
        next = token.range.upperBound
    }
    require(next == bytes.count, "tokens end at \(next), the file at \(bytes.count)")
    func visit(_ node: SyntaxNode) {
        for child in node.children {
            require(
                child.range.lowerBound >= node.range.lowerBound && child.range.upperBound <= node.range.upperBound,
                "child \(child.range) outside its node \(node.kind)@\(node.range)")
            if case .node(let inner) = child { visit(inner) }
        }
    }
    require(tree.root.range == 0..<bytes.count, "the root does not span the file")
    visit(tree.root)
    for error in tree.errors {
        require(error.range.lowerBound >= 0 && error.range.upperBound <= bytes.count, "syntax error range \(error.range) outside the file")
    }
}

func checkLines(_ lines: LineIndex, _ bytes: [UInt8], offsets: [Int]) {
    for offset in offsets {
        let isBoundary = offset == bytes.count || offset == 0 || (bytes[offset] & 0xC0 != 0x80)
        for encoding in [ColumnEncoding.utf8, .utf16] {
            let p = lines.position(of: offset, encoding: encoding)
            let back = lines.offset(of: p, encoding: encoding)
            require(back >= 0 && back <= bytes.count, "offset(of:) gave \(back) outside the file")
            // A boundary inside a line round-trips; one inside a "\r\n" or a broken sequence may snap back.
            if isBoundary && offset <= lines.lineEnd(p.line) && encoding == .utf8 {
                require(back == offset, "\(encoding) round trip of \(offset) gave \(back)")
            }
        }
        // Positions past the end of a line or the file clamp.
        let far = lines.offset(of: LineColumn(line: lines.line(of: offset), column: Int.max / 2), encoding: .utf16)
        require(far == lines.lineEnd(lines.line(of: offset)), "a column past the end does not clamp to the line's end")
        require(
            lines.offset(of: LineColumn(line: Int.max / 2, column: 3), encoding: .utf16) == bytes.count,
            "a line past the end does not clamp")
        require(lines.offset(of: LineColumn(line: -1, column: -7), encoding: .utf16) == 0, "a negative position does not clamp")
    }
}

func checkRange(_ range: Range<Int>, _ count: Int, _ what: String) {
    require(range.lowerBound >= 0 && range.upperBound <= count, "\(what) range \(range) outside the file (\(count) bytes)")
}

func checkFeatures(_ analysis: Analysis, _ file: PlanFile, offsets: [Int]) {
    let count = file.tree.bytes.count
    let sizes = [mainPath: count, otherPath: analysis.file(otherPath)?.tree.bytes.count ?? 0]
    func inFile(_ path: String, _ range: Range<Int>, _ what: String) {
        guard let size = sizes[path] else { return }
        checkRange(range, size, what)
    }
    for d in analysis.diagnostics(for: mainPath) + analysis.silencedDiagnostics(for: mainPath) {
        checkRange(d.range, count, "diagnostic \(d.code.rawValue)")
        for r in d.related { inFile(r.path, r.range, "related location") }
    }
    for span in analysis.semanticSpans(of: mainPath) { checkRange(span.range, count, "semantic span") }
    for region in analysis.foldingRegions(of: mainPath) {
        require(
            region.startLine <= region.endLine && region.endLine < file.tree.lines.lineCount, "folding region \(region) out of the file")
    }
    func visit(_ items: [OutlineItem]) {
        for item in items {
            checkRange(item.range, count, "outline")
            checkRange(item.selectionRange, count, "outline selection")
            visit(item.children)
        }
    }
    visit(analysis.outline(of: mainPath))
    for note in analysis.inlayNotes(of: mainPath, in: 0..<count) {
        require(note.offset >= 0 && note.offset <= count, "inlay note at \(note.offset) outside the file")
    }
    for ref in analysis.refs(in: mainPath) {
        _ = analysis.explanation(ref).text()
        _ = analysis.explanation(ref).markdown()
        _ = analysis.summary(ref)
        _ = analysis.subtypes(of: ref)
        _ = analysis.chain(of: ref)
    }
    _ = analysis.roots(in: mainPath)
    _ = analysis.searchKPIs("m")
    for offset in offsets {
        _ = analysis.hover(at: offset, in: mainPath)
        _ = analysis.completions(at: offset, in: mainPath)
        for l in analysis.definition(at: offset, in: mainPath) { inFile(l.path, l.range, "definition") }
        for l in analysis.references(at: offset, in: mainPath, includeDeclaration: true) { inFile(l.path, l.range, "reference") }
        for h in analysis.highlights(at: offset, in: mainPath) { checkRange(h.range, count, "highlight") }
        if case .success(let r) = analysis.renameRange(at: offset, in: mainPath) { checkRange(r.range, count, "rename range") }
        if case .success(let edits) = analysis.rename(at: offset, in: mainPath, to: "renamed-id") {
            for e in edits { inFile(e.path, e.range, "rename edit") }
        }
        for action in analysis.codeActions(in: mainPath, range: offset..<min(count, offset + 40)) {
            for e in action.edits { inFile(e.path, e.range, "code action edit") }
        }
        _ = analysis.kpi(at: offset, in: mainPath)
    }
}

/// The report's `<noscript>` parts open and close in turn; no `<script` but the page's own.
func checkReport(_ analysis: Analysis) {
    let page = Array(analysis.report().utf8)
    func starts(_ word: String, at index: Int) -> Bool {
        let bytes = Array(word.utf8)
        return index + bytes.count <= page.count && Array(page[index..<index + bytes.count]) == bytes
    }
    var open = false
    var scripts = 0
    for index in page.indices where page[index] == UInt8(ascii: "<") {
        if starts("<noscript", at: index) {
            require(!open, "a <noscript> opens inside another")
            open = true
        } else if starts("</noscript>", at: index) {
            require(open, "a </noscript> closes nothing")
            open = false
        } else if starts("<script", at: index) {
            scripts += 1
        }
    }
    require(!open && scripts == 1, "the report's parts are cut (\(scripts) scripts)")
}

func analyse(_ file: PlanFile) -> Analysis {
    var workspace = Workspace()
    workspace.set(file)
    workspace.set(PlanFile(path: otherPath, text: otherText))
    for path in workspace.missingUses { workspace.unreadable[path] = "no such file" }
    return workspace.analysis(AnalysisOptions(today: today))
}

func checkFormatter(_ file: PlanFile, _ analysis: Analysis) {
    let tree = file.tree
    let once = Formatter.format(tree)
    let onceFile = PlanFile(path: mainPath, text: once)
    let twice = Formatter.format(onceFile.tree)
    require(once == twice, "formatting is not idempotent:\n--- once\n\(once)\n--- twice\n\(twice)")
    require(comments(onceFile.tree) == comments(tree), "formatting changed the comments: \(comments(tree)) → \(comments(onceFile.tree))")
    require(
        contentLineCount(onceFile.tree) == contentLineCount(tree),
        "formatting changed the number of non-blank lines: \(contentLineCount(tree)) → \(contentLineCount(onceFile.tree))")
    let before = meaning(file, analysis)
    let after = meaning(onceFile, analyse(onceFile))
    require(
        before == after,
        "formatting changed the meaning:\n\(zip(before, after).filter { $0 != $1 }.map { "  \($0.0)\n→ \($0.1)" }.joined(separator: "\n"))\n(lengths \(before.count) → \(after.count))\n--- input\n\(String(decoding: tree.bytes, as: UTF8.self))\n--- formatted\n\(once)"
    )
    // Formatting a selection formats those lines only and keeps the others byte for byte (checked by
    // meaning: the lines outside keep theirs, the lines inside get the canonical form).
    let lineCount = tree.lines.lineCount
    if lineCount > 2 {
        let first = lineCount / 3
        let last = min(lineCount - 1, first + lineCount / 3)
        let partial = Formatter.format(tree, lines: first...last)
        let partialFile = PlanFile(path: mainPath, text: partial)
        require(comments(partialFile.tree) == comments(tree), "range formatting changed the comments")
        require(contentLineCount(partialFile.tree) == contentLineCount(tree), "range formatting changed the number of non-blank lines")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let tree = Parser.parse(bytes: bytes)
    checkTree(tree, bytes)
    let probes = Array(
        Set([0, bytes.count / 3, bytes.count / 2, bytes.count, max(0, bytes.count - 1)] + tree.errors.prefix(3).map(\.range.lowerBound))
    )
    .filter { $0 >= 0 && $0 <= bytes.count }.sorted()
    checkLines(tree.lines, bytes, offsets: probes)
    let file = PlanFile(path: mainPath, tree: tree)
    let analysis = analyse(file)
    checkFeatures(analysis, file, offsets: probes)
    checkFormatter(file, analysis)
    checkReport(analysis)
    return 0
}

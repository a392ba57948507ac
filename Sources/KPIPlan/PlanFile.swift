// Reads one parsed file into the KPI model: the plan's settings, its `use`s and its KPIs with
// their baselines, targets, deadlines, parents, splits and checkpoints. Everything the file says
// on its own is checked here (unknown fields, bad quantities and dates); what needs other files
// (parents, splits) is checked by `Analysis`.

import KPISyntax

/// A value with the range of the text it came from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: Range<Int>
    public init(_ value: Value, _ range: Range<Int>) {
        self.value = value
        self.range = range
    }
}

public enum Perspective: String, Sendable, CaseIterable {
    case learning, `internal`, customer, financial
    /// The position in the balanced-scorecard chain learning → internal → customer → financial.
    public var rank: Int { Perspective.allCases.firstIndex(of: self)! }
}

public enum SplitKind: String, Sendable, CaseIterable { case sum, weighted }
public enum Growth: String, Sendable, CaseIterable { case compound, linear }

public struct PlanSettings: Sendable {
    public var name: Located<String>?
    public var fiscalYearStart: Int = 1
    public var fiscalYearNaming: FiscalYearNaming = .endYear
    public var currency: String = "USD"
    public var asOf: Located<Day>?
    public var maxAnnualGrowth: Double?
    public var maxAnnualReduction: Double?
    public var range: Range<Int>?
}

public struct UseReference: Sendable, Hashable {
    public var written: String          // as in the file
    public var range: Range<Int>        // the string token, quotes included
    public var resolvedPath: String     // normalized, relative to the using file
}

/// A target as written: what it asks for and by when.
public struct Target: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case level(Quantity)               // `$150K`
        case relative(Double)              // `+20%` → 0.2
        case absolute(Quantity)            // `+$25K` (a signed change)
        case points(Double)                // `+3pp` → 3
        case atLeast(Quantity)             // `at least 95%`
        case atMost(Quantity)              // `at most 2%`
    }
    public var kind: Kind
    public var range: Range<Int>           // the quantity's words
}

/// A dated value: an actual or a milestone.
public struct Checkpoint: Sendable, Hashable {
    public var date: Day
    public var dateRange: Range<Int>
    public var value: Quantity
    public var valueRange: Range<Int>
    public var lineRange: Range<Int>
}

public struct KPI: Sendable, Identifiable {
    public var id: String
    public var idRange: Range<Int>
    public var title: String?
    public var titleRange: Range<Int>?
    public var range: Range<Int>                 // the whole block
    public var headerRange: Range<Int>           // `kpi id "Title"`
    public var path: String
    /// Field keys with the range of their whole line, in order.
    public var fields: [(key: String, keyRange: Range<Int>, lineRange: Range<Int>)] = []

    public var perspective: Located<Perspective>?
    public var category: Located<MetricKind>?
    public var metric: Located<String>? {
        didSet { if metric?.value != oldValue?.value { catalogIndex = metric.flatMap { MetricCatalog.lookupIndex($0.value) } } }
    }
    /// Where `metric` is in the catalog, looked up when it is set: the checks read it several
    /// times a KPI, and looking the name up each time was 3% of `kpi check`.
    private(set) var catalogIndex: Int?
    public var owner: Located<String>?
    public var baseline: Located<Quantity>?
    public var baselineDate: Located<Day>?      // nil: taken as of the plan's as-of date
    public var target: Target?
    public var targetFieldRange: Range<Int>?     // the `target:` line's content, for missing-number messages
    public var deadline: Located<Day>?
    public var parent: Located<String>?
    public var topLevel: Range<Int>?
    public var split: Located<SplitKind>?
    public var weight: Located<Double>?          // a fraction: 40% → 0.4
    public var contributes: Located<Quantity>?   // a signed change
    public var role: Located<ChildRole>?         // written: `role: driver` or `role: component`
    public var growth: Located<Growth>?
    public var actions: [Located<String>] = []
    public var actionsRange: Range<Int>?
    public var actuals: [Checkpoint] = []
    public var milestones: [Checkpoint] = []

    /// The unit the KPI is measured in: its baseline's, else its target's, else its metric's.
    public var unit: QuantityUnit?

    public func fieldRange(_ key: String) -> Range<Int>? {
        fields.first(where: { $0.key == key })?.keyRange
    }

    public var catalogMetric: Metric? { catalogIndex.map { MetricCatalog.all[$0] } }

    /// Whether a higher value is better: from the catalog, else from the target's direction.
    public var higherIsBetter: Bool { catalogIndex.map { MetricCatalog.all[$0].higherIsBetter } ?? true }
}

public struct PlanFile: Sendable {
    public let path: String
    public private(set) var tree: SyntaxTree
    public private(set) var settings = PlanSettings()
    public private(set) var uses: [UseReference] = []
    public private(set) var kpis: [KPI] = []
    /// What reading this file alone found.
    public private(set) var diagnostics: [Diagnostic] = []
    /// The metric names this file's KPIs use, as written, with how many KPIs use each.
    public var metricNames: [String: Int] {
        var names: [String: Int] = [:]
        for kpi in kpis { if let metric = kpi.metric?.value { names[metric, default: 0] += 1 } }
        return names
    }
    /// `# kpi-ignore: CODE` comments: line → the codes silenced on it.
    public private(set) var ignores: [Int: Set<String>] = [:]

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
        static func named(_ key: UnsafeBufferPointer<UInt8>) -> KPIField? {
            func equals(_ name: StaticString) -> Bool {
                guard name.utf8CodeUnitCount == key.count else { return false }
                for index in 0..<key.count where name.utf8Start[index] != key[index] { return false }
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

    // MARK: - Editing

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
              !hasHeader(self.tree, edit.old), !hasHeader(tree, edit.new) else {
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
            file.diagnostics.append(diagnostic.moved([path: change]) ?? diagnostic)   // after the part: always moves
        }
        return (file, change.kpis.count == last - first ? change : nil)
    }

    private init(path: String, tree: SyntaxTree, settings: PlanSettings) {
        self.path = path
        self.tree = tree
        self.settings = settings
    }

    // MARK: - Reading

    private mutating func report<F: RuleFinding>(_ finding: F, _ range: Range<Int>, related: [RelatedLocation] = []) {
        diagnostics.append(Diagnostic(finding, path: path, range: range, related: related))
    }

    private func text(_ token: SyntaxToken) -> String { tree.text(token) }

    /// The case a value names, in any letter case (`Financial`, `SUM`). A single ASCII word, as
    /// nearly every such value is, is matched on its bytes; anything else as lowercased text.
    private func choice<Choice: RawRepresentable & CaseIterable>(_ tokens: [SyntaxToken]) -> Choice? where Choice.RawValue == String {
        guard tokens.count == 1, tokens[0].kind != .string else { return Choice(rawValue: valueText(tokens).lowercased()) }
        let word = tree.bytes[tokens[0].range]
        guard word.allSatisfy({ $0 < 0x80 }) else { return Choice(rawValue: valueText(tokens).lowercased()) }
        // Lowered byte by byte into a String that short words keep inline (no allocation).
        let lowered = String(unsafeUninitializedCapacity: word.count) { buffer in
            for (index, byte) in word.enumerated() {
                buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return word.count
        }
        return Choice(rawValue: lowered)
    }

    /// Whether a token's text is `word`, compared on bytes (no String made).
    private func isWord(_ token: SyntaxToken, _ word: String) -> Bool {
        tree.bytes[token.range].elementsEqual(word.utf8)
    }

    private func words(_ tokens: [SyntaxToken]) -> [Substring] { tokens.map { Substring(text($0)) } }

    private func span(_ tokens: [SyntaxToken]) -> Range<Int> {
        (tokens.first?.range.lowerBound ?? 0)..<(tokens.last?.range.upperBound ?? 0)
    }

    /// The text of a value: a quoted string without its quotes, or the words joined by single spaces.
    private func valueText(_ tokens: [SyntaxToken]) -> String {
        if tokens.count == 1 { return tokens[0].kind == .string ? unquoted(tokens[0]) : text(tokens[0]) }
        // Written straight into the String's storage (one allocation at most, none for short text),
        // sized exactly: a quoted token's text can be longer than its bytes (each invalid byte
        // becomes a 3-byte U+FFFD), so those are measured, not bounded by the span.
        let bytes = tree.bytes
        var capacity = tokens.count - 1
        for token in tokens { capacity += token.kind == .string ? unquoted(token).utf8.count : token.range.count }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var end = 0
            func append<Bytes: Collection<UInt8>>(_ part: Bytes) {
                for byte in part where end < buffer.count { buffer[end] = byte; end += 1 }
            }
            for (index, token) in tokens.enumerated() {
                if index > 0 { append(CollectionOfOne(0x20)) }
                if token.kind == .string { append(unquoted(token).utf8) } else { append(bytes[token.range]) }
            }
            return end
        }
    }

    /// The text of a string token without its quotes, read from the bytes when the quotes stand
    /// next to ASCII (then they are characters of their own); else as characters, since a
    /// combining mark after `"` makes one character of the two.
    private func unquoted(_ token: SyntaxToken) -> String {
        let bytes = tree.bytes, range = token.range
        var lower = range.lowerBound, upper = range.upperBound
        guard upper - lower >= 2, bytes[lower] == UInt8(ascii: "\""), bytes[lower + 1] < 0x80 else { return unquote(text(token)) }
        lower += 1
        if bytes[upper - 1] == UInt8(ascii: "\"") {
            guard upper - 1 == lower || bytes[upper - 2] < 0x80 else { return unquote(text(token)) }
            upper -= 1
        }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    private func unquote(_ s: String) -> String {
        var body = Substring(s)
        if body.hasPrefix("\"") { body = body.dropFirst() }
        if body.hasSuffix("\""), !body.isEmpty { body = body.dropLast() }
        return String(body)
    }

    private mutating func collectIgnores() {
        // Most files have no ignore comment: one byte scan spares the walk over every token.
        guard ByteSearch.contains(tree.bytes[...], Self.ignoreMarker) else { return }
        let lines = tree.lines
        var lineHasContent = Set<Int>()
        tree.root.forEachToken { token in
            switch token.kind {
            case .whitespace, .newline, .comment: break
            default: lineHasContent.insert(lines.line(of: token.range.lowerBound))
            }
        }
        tree.root.forEachToken { token in
            guard token.kind == .comment else { return }
            let body = text(token).dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            guard body.hasPrefix("kpi-ignore:") else { return }
            let codes = body.dropFirst("kpi-ignore:".count).split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let line = lines.line(of: token.range.lowerBound)
            let target = lineHasContent.contains(line) ? line : line + 1
            ignores[target, default: []].formUnion(codes)
        }
    }

    static let ignoreMarker = Array("kpi-ignore".utf8)

    private mutating func readPlan(_ node: SyntaxNode) {
        settings.range = node.range
        if let name = node.firstToken(.string) { settings.name = Located(unquoted(name), name.range) }
        var seen: [Range<Int>?] = []   // by index in the allowed keys
        var value: [SyntaxToken] = []
        for child in node.childNodes {
            let match = { (key: UnsafeBufferPointer<UInt8>) in
                Self.planFields.firstIndex { $0.utf8.elementsEqual(key) }.map { (Self.planFields[$0], $0) }
            }
            guard let (key, _, keyToken, _) = fieldParts(child, names: Self.planFields, count: Self.planFields.count, match: match,
                                                         seen: &seen, context: "a plan", value: &value) else { continue }
            guard let first = value.first else {
                report(InvalidValueRule.Finding.needsValue(key: key), keyToken.range)
                continue
            }
            let range = span(value)
            switch key {
            case "fiscal-year-start":
                if let month = PlanDate.monthNumber(Substring(valueText(value))) { settings.fiscalYearStart = month } else {
                    report(InvalidValueRule.Finding.notAMonth(written: valueText(value)), range)
                }
            case "currency":
                let code = valueText(value).uppercased()
                if code.count == 3 && code.allSatisfy({ $0.isLetter }) { settings.currency = code } else {
                    report(InvalidValueRule.Finding.notACurrency(written: valueText(value)), range)
                }
            case "as-of":
                if let date = PlanDate.parse(words(value), fiscalYearStart: settings.fiscalYearStart) {
                    settings.asOf = Located(date.day, range)
                } else {
                    report(InvalidDateRule.Finding.notAnAsOfDate(written: valueText(value)), range)
                }
            case "max-annual-growth":
                if let q = Quantity.parse(Substring(text(first))), q.suffix == .percent, value.count == 1 {
                    settings.maxAnnualGrowth = q.magnitude / 100
                } else {
                    report(InvalidQuantityRule.Finding.notAGrowthRate(written: valueText(value)), range)
                }
            case "max-annual-reduction":
                if let q = Quantity.parse(Substring(text(first))), q.suffix == .percent, value.count == 1, q.magnitude > 0, q.magnitude < 100 {
                    settings.maxAnnualReduction = q.magnitude / 100
                } else {
                    report(InvalidQuantityRule.Finding.notAReductionRate(written: valueText(value)), range)
                }
            default: break
            }
        }
    }

    private mutating func readUse(_ node: SyntaxNode) {
        guard let token = node.firstToken(.string) else { return }
        let written = unquoted(token)
        uses.append(UseReference(written: written, range: token.range, resolvedPath: PlanFile.resolve(written, from: path)))
    }

    /// The key (with its index in `allowed`) and its token of a field line, after reporting unknown
    /// and repeated keys; its value tokens go to `value` (a buffer reused from line to line).
    /// `match` finds a key among the known ones (its name and index); `names` lists them all, for
    /// a suggestion when the key is unknown (only then read: see `KPIField.named`).
    private mutating func fieldParts(_ node: SyntaxNode, names: @autoclosure () -> [String], count: Int,
                                     match: (UnsafeBufferPointer<UInt8>) -> (key: String, index: Int)?,
                                     seen: inout [Range<Int>?], context: String, value: inout [SyntaxToken])
        -> (key: String, index: Int, token: SyntaxToken, lineRange: Range<Int>)? {
        switch node.kind {
        case .field, .flag: break
        case .listItem:
            report(SyntaxErrorRule.Finding.listItemOutsideActions, node.lineContentRange)
            return nil
        default: return nil
        }
        let (token, lineRange) = node.readLine(value: &value)
        let keyToken = token!   // a field line starts with its key, a flag line is its word
        // Known keys are matched on bytes: no String made or hashed for them.
        guard let (key, known) = tree.bytes.withUnsafeBufferPointer({ match(UnsafeBufferPointer(rebasing: $0[keyToken.range])) }) else {
            let key = text(keyToken)
            report(UnknownFieldRule.Finding(key: key, context: context, suggestion: Suggestions.closest(to: key, in: names())), keyToken.range)
            return nil
        }
        if seen.isEmpty { seen = Array(repeating: nil, count: count) }
        if let first = seen[known] {
            report(DuplicateFieldRule.Finding.field(key: key),
                   keyToken.range, related: [RelatedLocation(path: path, range: first, message: "first `\(key)`")])
            return nil
        }
        seen[known] = keyToken.range
        if node.kind == .flag && key != "top-level" {
            report(SyntaxErrorRule.Finding.keyWithoutValue(key: key), keyToken.range)
            return nil
        }
        if node.kind == .field && key == "top-level" {
            report(InvalidValueRule.Finding.flagWithValue, keyToken.range)
        }
        return (key, known, keyToken, lineRange)
    }

    private mutating func readKPI(_ node: SyntaxNode) {
        let idToken = node.firstToken(.identifier)
        let keyword = node.firstToken(.keyword)!
        var kpi = KPI(id: idToken.map { tree.text($0) } ?? "", idRange: idToken?.range ?? keyword.range,
                      range: node.range, headerRange: node.lineContentRange, path: path)
        if let title = node.firstToken(.string) {
            kpi.title = unquoted(title)
            kpi.titleRange = title.range
        }
        var seen: [Range<Int>?] = []   // by index in the allowed keys
        var baselineTokens: [SyntaxToken] = []
        var targetTokens: [SyntaxToken]?
        var deadlineTokens: [SyntaxToken] = []
        var contributesTokens: [SyntaxToken] = []
        var actualNodes: SyntaxNode.ChildNodes?
        var milestoneNodes: SyntaxNode.ChildNodes?
        // One field a line at most: sized once instead of grown.
        kpi.fields.reserveCapacity(node.childNodes.count)

        var value: [SyntaxToken] = []   // reused: only the values kept past their line are copied
        for child in node.childNodes {
            let match = { (key: UnsafeBufferPointer<UInt8>) in KPIField.named(key).map { ($0.name, $0.rawValue) } }
            guard let (key, known, keyToken, lineRange) = fieldParts(child, names: Self.kpiFields, count: KPIField.count, match: match,
                                                                     seen: &seen, context: "a KPI", value: &value),
                  let field = KPIField(rawValue: known) else { continue }
            kpi.fields.append((key, keyToken.range, lineRange))
            let range = span(value)
            let needsValue = switch field {
            case .topLevel, .actions, .actuals, .milestones, .target: false
            default: true
            }
            if needsValue && value.isEmpty {
                report(InvalidValueRule.Finding.needsValue(key: key), keyToken.range)
                continue
            }
            // The value's text, made only for the fields that read it.
            var joined: String { valueText(value) }
            switch field {
            case .perspective:
                if let p: Perspective = choice(value) { kpi.perspective = Located(p, range) } else {
                    report(InvalidValueRule.Finding.notAPerspective(written: joined), range)
                }
            case .category:
                if let c: MetricKind = choice(value) { kpi.category = Located(c, range) } else {
                    report(InvalidValueRule.Finding.notACategory(written: joined), range)
                }
            case .metric: kpi.metric = Located(joined, range)
            case .owner: kpi.owner = Located(joined, range)
            case .parent:
                if value.count == 1 { kpi.parent = Located(joined, range) } else {
                    report(InvalidValueRule.Finding.parentTakesOneID, range)
                }
            case .topLevel: kpi.topLevel = keyToken.range
            case .split:
                if let s: SplitKind = choice(value) { kpi.split = Located(s, range) } else {
                    report(InvalidValueRule.Finding.notASplit(written: joined), range)
                }
            case .role:
                if let r: ChildRole = choice(value) { kpi.role = Located(r, range) } else {
                    report(InvalidValueRule.Finding.notARole(written: joined), range)
                }
            case .growth:
                if let g: Growth = choice(value) { kpi.growth = Located(g, range) } else {
                    report(InvalidValueRule.Finding.notAGrowthModel(written: joined), range)
                }
            case .weight:
                if value.count == 1, let q = Quantity.parse(words(value)[0]), q.suffix == .percent, q.sign >= 0 {
                    kpi.weight = Located(q.magnitude / 100, range)
                } else {
                    report(InvalidQuantityRule.Finding.notAWeight(written: joined), range)
                }
            case .baseline: baselineTokens = value
            case .target:
                targetTokens = value
                kpi.targetFieldRange = value.isEmpty ? keyToken.range : range
            case .deadline: deadlineTokens = value
            case .contributes: contributesTokens = value
            case .actions:
                kpi.actionsRange = keyToken.range
                if !value.isEmpty { kpi.actions.append(Located(joined, range)) }
                for item in child.childNodes {
                    if item.kind == .listItem {
                        // The item's words, in the reused buffer (its line tokens filtered into
                        // new arrays were three allocations an action).
                        _ = item.readLine(value: &value)
                        value.removeAll { $0.kind == .dash }
                        if !value.isEmpty { kpi.actions.append(Located(valueText(value), span(value))) }
                    } else {
                        report(SyntaxErrorRule.Finding.actionNotAListItem, item.lineContentRange)
                    }
                }
            case .actuals, .milestones:
                if field == .actuals { actualNodes = child.childNodes } else { milestoneNodes = child.childNodes }
                if !value.isEmpty { report(SyntaxErrorRule.Finding.entriesOnTheKeyLine(key: key), range) }
            }
        }

        // Units: the baseline's, else the target's, else the metric's. Plain numbers in a currency
        // context are amounts in the plan's currency.
        let metricIsCurrency = kpi.catalogMetric?.unit == .currency
        let context: String? = metricIsCurrency ? settings.currency : nil
        var written: [(WrittenQuantity, Range<Int>)] = []

        if !baselineTokens.isEmpty {
            let (quantityTokens, dateTokens) = splitAt(baselineTokens, word: "at")
            if quantityTokens.isEmpty {
                report(InvalidQuantityRule.Finding.baselineWithoutValue, baselineTokens[0].range)
            }
            if let q = readQuantity(quantityTokens, what: "baseline") {
                kpi.unit = q.unit(currencyContext: context)
                kpi.baseline = Located(Quantity(q.signedValue, kpi.unit!), span(quantityTokens))
                written.append((q, span(quantityTokens)))
            }
            if let dateTokens { kpi.baselineDate = readDate(dateTokens, after: "at", at: baselineTokens[quantityTokens.count].range) }
        }
        if let targetTokens {
            let (quantityTokens, dateTokens) = splitAt(targetTokens, word: "by")
            if let dateTokens, let day = readDate(dateTokens, after: "by", at: targetTokens[quantityTokens.count].range) { kpi.deadline = day }
            kpi.target = readTarget(quantityTokens, kpi: &kpi, context: context, written: &written)
        }
        if !deadlineTokens.isEmpty {
            if let existing = kpi.deadline {
                report(DuplicateFieldRule.Finding.deadline, span(deadlineTokens),
                       related: [RelatedLocation(path: path, range: existing.range, message: "deadline in the target")])
            } else if let day = readDate(deadlineTokens, after: nil) {
                kpi.deadline = day
            }
        }
        if !contributesTokens.isEmpty, let q = readQuantity(contributesTokens, what: "contribution") {
            if q.suffix == .points {
                kpi.contributes = Located(Quantity(q.signedValue, .percentage), span(contributesTokens))
            } else {
                kpi.contributes = Located(Quantity(q.signedValue, q.unit(currencyContext: context)), span(contributesTokens))
            }
        }
        if let actualNodes {
            kpi.actuals = readCheckpoints(actualNodes, unit: kpi.unit, context: context, written: &written).sorted { $0.date < $1.date }
        }
        if let milestoneNodes {
            kpi.milestones = readCheckpoints(milestoneNodes, unit: kpi.unit, context: context, written: &written).sorted { $0.date < $1.date }
        }
        // Everything written in the KPI's own values must be in one unit.
        if let unit = kpi.unit {
            for (q, range) in written where q.suffix != .points {
                let u = q.unit(currencyContext: unit.kind == .currency ? unit.currency : context)
                if !u.isCompatible(with: unit) {
                    report(UnitMismatchRule.Finding.value(written: tree.text(range), unit: u, kpiUnit: unit), range)
                }
            }
        }
        // A contributes-only KPI is measured in its contribution's unit, which its own children split.
        if kpi.unit == nil, kpi.target == nil, let contributes = kpi.contributes { kpi.unit = contributes.value.unit }
        if kpi.unit == nil, let metric = kpi.catalogMetric {
            kpi.unit = QuantityUnit(kind: metric.unit, currency: metric.unit == .currency ? settings.currency : nil)
        }
        // Moved into the array, not copied: a KPI holds some thirty references, each retained by
        // a copy and released with the original.
        kpis.append(KPI(id: "", idRange: 0..<0, range: 0..<0, headerRange: 0..<0, path: ""))
        swap(&kpis[kpis.count - 1], &kpi)
    }

    /// Splits value tokens at a keyword (`by`, `at`): the words before, and those after (nil without it).
    private func splitAt(_ tokens: [SyntaxToken], word: String) -> ([SyntaxToken], [SyntaxToken]?) {
        // `at least`/`at most` start a target; they are not the `at` of a date.
        for (i, token) in tokens.enumerated() where isWord(token, word) {
            if word == "at", i + 1 < tokens.count, isWord(tokens[i + 1], "least") || isWord(tokens[i + 1], "most") { continue }
            return (Array(tokens[..<i]), Array(tokens[(i + 1)...]))
        }
        return (tokens, nil)
    }

    private mutating func readQuantity(_ tokens: [SyntaxToken], what: String) -> WrittenQuantity? {
        guard !tokens.isEmpty else { return nil }
        if tokens.count == 1, let q = tree.bytes.withUnsafeBufferPointer({ Quantity.parse(bytes: UnsafeBufferPointer(rebasing: $0[tokens[0].range])) }) {
            return q   // read from the file's bytes: no String made
        }
        let joined = valueText(tokens)
        if !joined.contains(where: { $0.isNumber }) {
            if what == "target" { return nil }  // the caller reports a vague target
        }
        report(InvalidQuantityRule.Finding.notAQuantity(written: joined), span(tokens))
        return nil
    }

    /// Reads the date after `keyword` (`at`, `by`), whose token is at `keywordRange`.
    private mutating func readDate(_ tokens: [SyntaxToken], after keyword: String?, at keywordRange: Range<Int>? = nil) -> Located<Day>? {
        guard !tokens.isEmpty else {
            if let keyword, let keywordRange { report(InvalidDateRule.Finding.missing(after: keyword), keywordRange) }
            return nil
        }
        // One ISO date, the usual case, is read without making the array of words `parse` takes.
        let quick = tokens.count == 1 ? PlanDate.quickDate(bytes: tree.bytes[tokens[0].range]) : nil
        if let date = quick ?? PlanDate.parse(words(tokens), fiscalYearStart: settings.fiscalYearStart) {
            return Located(date.day, span(tokens))
        }
        report(InvalidDateRule.Finding.notADate(written: valueText(tokens)), span(tokens))
        return nil
    }

    private mutating func readTarget(_ tokens: [SyntaxToken], kpi: inout KPI, context: String?,
                                     written: inout [(WrittenQuantity, Range<Int>)]) -> Target? {
        guard !tokens.isEmpty else {
            report(VagueTargetRule.Finding.emptyTarget, kpi.targetFieldRange ?? kpi.idRange)
            return nil
        }
        var rest = tokens
        var bound: String?
        if rest.count >= 2, isWord(rest[0], "at"), isWord(rest[1], "least") || isWord(rest[1], "most") {
            bound = text(rest[1])
            rest.removeFirst(2)
        }
        let range = span(rest.isEmpty ? tokens : rest)
        guard !rest.isEmpty, let q = readQuantity(rest, what: "target") else {
            let joined = valueText(tokens)
            if !joined.contains(where: { $0.isNumber }) {
                report(VagueTargetRule.Finding.noNumber(written: joined), span(tokens))
            }
            return nil
        }
        let unitContext = kpi.unit.flatMap { $0.kind == .currency ? $0.currency : nil } ?? context
        func level(_ q: WrittenQuantity) -> Quantity {
            var unit = q.unit(currencyContext: unitContext)
            if unit.period == nil, let base = kpi.unit, base.isCompatible(with: unit) { unit.period = base.period }
            return Quantity(q.signedValue, unit)
        }
        if let bound {
            written.append((q, range))
            if kpi.unit == nil { kpi.unit = level(q).unit }
            return Target(kind: bound == "least" ? .atLeast(level(q)) : .atMost(level(q)), range: range)
        }
        switch (q.isChange, q.suffix) {
        case (true, .percent):
            return Target(kind: .relative(q.signedValue / 100), range: range)
        case (_, .points):
            return Target(kind: .points(q.signedValue), range: range)
        case (true, _):
            written.append((q, range))
            return Target(kind: .absolute(level(q)), range: range)
        default:
            written.append((q, range))
            if kpi.unit == nil { kpi.unit = level(q).unit }
            return Target(kind: .level(level(q)), range: range)
        }
    }

    /// Reads `DATE: value` lines. Takes the KPI's unit, not the KPI: a KPI is large, and passing
    /// it retains every string and array it holds.
    private mutating func readCheckpoints(_ nodes: SyntaxNode.ChildNodes, unit kpiUnit: QuantityUnit?, context: String?,
                                          written: inout [(WrittenQuantity, Range<Int>)]) -> [Checkpoint] {
        var result: [Checkpoint] = []
        result.reserveCapacity(nodes.count)
        // The first entry of each day. A few entries are searched, not hashed; a long list gets a dictionary.
        var seen: [(day: Day, range: Range<Int>)] = []
        var seenIndex: [Day: Range<Int>] = [:]
        var value: [SyntaxToken] = []
        let unitContext = kpiUnit.flatMap { $0.kind == .currency ? $0.currency : nil } ?? context
        for node in nodes {
            let (key, lineRange) = node.kind == .field ? node.readLine(value: &value) : (nil, node.lineContentRange)
            guard let keyToken = key else {
                report(SyntaxErrorRule.Finding.notAnEntry, lineRange)
                continue
            }
            var keyText: String { text(keyToken) }
            // Most keys are one ISO date: read on their bytes, without splitting into words (as `parse` reads them).
            guard let date = PlanDate.quickDate(bytes: tree.bytes[keyToken.range]) ?? PlanDate.parse(keyText.split(separator: " "), fiscalYearStart: settings.fiscalYearStart) else {
                report(InvalidDateRule.Finding.notACheckpointDate(written: keyText), keyToken.range)
                continue
            }
            guard !value.isEmpty else {
                report(InvalidQuantityRule.Finding.entryWithoutValue(key: text(keyToken)), keyToken.range)
                continue
            }
            guard let q = readQuantity(value, what: "value") else { continue }
            if let first = seenIndex.isEmpty ? seen.first(where: { $0.day == date.day })?.range : seenIndex[date.day] {
                report(DuplicateFieldRule.Finding.day(date.day), keyToken.range,
                       related: [RelatedLocation(path: path, range: first, message: "first entry for \(date.day)")])
                continue
            }
            if seenIndex.isEmpty && seen.count < 32 {
                seen.append((date.day, keyToken.range))
            } else {
                if seenIndex.isEmpty { for entry in seen { seenIndex[entry.day] = entry.range } }
                seenIndex[date.day] = keyToken.range
            }
            written.append((q, span(value)))
            var unit = q.unit(currencyContext: unitContext)
            if unit.period == nil, let base = kpiUnit, base.isCompatible(with: unit) { unit.period = base.period }
            result.append(Checkpoint(date: date.day, dateRange: keyToken.range, value: Quantity(q.signedValue, unit),
                                     valueRange: span(value), lineRange: lineRange))
        }
        return result
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

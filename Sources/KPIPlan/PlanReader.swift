// Reading a parsed file into the model: the helpers on tokens, `# kpi-ignore:` comments, the
// `plan` header, `use` lines and the key of every field line (unknown and repeated keys reported).

import KPISyntax

extension PlanFile {

    mutating func report<F: RuleFinding>(_ finding: F, _ range: Range<Int>, related: [RelatedLocation] = []) {
        diagnostics.append(Diagnostic(finding, path: path, range: range, related: related))
    }

    func text(_ token: SyntaxToken) -> String { tree.text(token) }

    /// The case a value names, in any letter case (`Financial`, `SUM`). A single ASCII word, as
    /// nearly every such value is, is matched on its bytes; anything else as lowercased text.
    func choice<Choice: RawRepresentable & CaseIterable>(_ tokens: [SyntaxToken]) -> Choice? where Choice.RawValue == String {
        guard tokens.count == 1, tokens[0].kind != .string else { return Choice(rawValue: valueText(tokens).lowercased()) }
        let word = tree.bytes[tokens[0].range]
        guard word.allSatisfy({ $0 < 0x80 }) else { return Choice(rawValue: valueText(tokens).lowercased()) }
        // Compared with each case's name, lowered byte by byte: no String made.
        return Choice.allCases.first { choice in
            choice.rawValue.utf8.elementsEqual(word.lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 })
        }
    }

    /// Whether a token's text is `word`, compared on bytes (no String made).
    func isWord(_ token: SyntaxToken, _ word: String) -> Bool {
        tree.bytes[token.range].elementsEqual(word.utf8)
    }

    func words(_ tokens: [SyntaxToken]) -> [Substring] { tokens.map { Substring(text($0)) } }

    func span(_ tokens: [SyntaxToken]) -> Range<Int> {
        (tokens.first?.range.lowerBound ?? 0)..<(tokens.last?.range.upperBound ?? 0)
    }

    /// The text of a value: a quoted string without its quotes, or the words joined by single spaces.
    func valueText(_ tokens: [SyntaxToken]) -> String {
        if tokens.count == 1 { return tokens[0].kind == .string ? unquoted(tokens[0]) : text(tokens[0]) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(span(tokens).count)
        for (index, token) in tokens.enumerated() {
            if index > 0 { utf8.append(0x20) }
            if token.kind == .string { utf8 += unquoted(token).utf8 } else { utf8 += tree.bytes[token.range] }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The text of a string token without its quotes, read from the bytes when the quotes stand
    /// next to ASCII (then they are characters of their own); else as characters, since a
    /// combining mark after `"` makes one character of the two.
    func unquoted(_ token: SyntaxToken) -> String {
        let bytes = tree.bytes
        let range = token.range
        var lower = range.lowerBound
        var upper = range.upperBound
        guard upper - lower >= 2, bytes[lower] == UInt8(ascii: "\""), bytes[lower + 1] < 0x80 else { return unquote(text(token)) }
        lower += 1
        if bytes[upper - 1] == UInt8(ascii: "\"") {
            guard upper - 1 == lower || bytes[upper - 2] < 0x80 else { return unquote(text(token)) }
            upper -= 1
        }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    func unquote(_ s: String) -> String {
        var body = Substring(s)
        if body.hasPrefix("\"") { body = body.dropFirst() }
        if body.hasSuffix("\""), !body.isEmpty { body = body.dropLast() }
        return String(body)
    }

    /// The indentation before a line's content, as written (spaces and tabs).
    func indentation(before content: Int) -> ArraySlice<UInt8> {
        var start = content
        while start > 0, tree.bytes[start - 1] == 0x20 || tree.bytes[start - 1] == 0x09 { start -= 1 }
        return tree.bytes[start..<content]
    }

    /// Reports every line nested under `node`, which takes no lines below it: the model reads none
    /// of them (the formatter keeps them). The lines below those are reported under theirs.
    mutating func reportIgnoredLines(under node: SyntaxNode) {
        guard !node.childNodes.isEmpty else { return }
        let parentContent = node.lineContentRange
        let parent: IgnoredLineRule.Finding.Parent
        switch node.kind {
        case .field: parent = .field(key: node.firstToken(.key).map { text($0) } ?? "")
        case .flag: parent = .flag(word: node.firstToken(.word).map { text($0) } ?? "")
        case .listItem: parent = .listItem
        default: return  // a line the parser could not read: reported there
        }
        reportIgnoredLines(under: node, as: parent, content: parentContent)
    }

    /// `reportIgnoredLines(under:)` with what the node is named in the message.
    mutating func reportIgnoredLines(under node: SyntaxNode, as parent: IgnoredLineRule.Finding.Parent, content parentContent: Range<Int>) {
        let parentIndent = indentation(before: parentContent.lowerBound)
        let parentTab = parentIndent.contains(0x09)
        for child in node.childNodes {
            let content = child.lineContentRange
            guard !content.isEmpty else { continue }
            let childTab = indentation(before: content.lowerBound).contains(0x09)
            let tab: IgnoredLineRule.Finding.Tab? = parentTab == childTab ? nil : parentTab ? .lineAbove : .thisLine
            report(
                IgnoredLineRule.Finding(parent: parent, parentIndentation: String(decoding: parentIndent, as: UTF8.self), tab: tab), content
            )
            reportIgnoredLines(under: child)
        }
    }

    mutating func collectIgnores() {
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
            let codes = body.dropFirst("kpi-ignore:".count).split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            let line = lines.line(of: token.range.lowerBound)
            let target = lineHasContent.contains(line) ? line : line + 1
            ignores[target, default: []].formUnion(codes)
        }
    }

    static let ignoreMarker = Array("kpi-ignore".utf8)

    mutating func readPlan(_ node: SyntaxNode) {
        settings.range = node.range
        if let name = node.firstToken(.string) { settings.name = Located(unquoted(name), name.range) }
        var seen: [Range<Int>?] = []  // by index in the allowed keys
        var value: [SyntaxToken] = []
        var namingStated = false
        for child in node.childNodes {
            reportIgnoredLines(under: child)  // no plan field takes lines below it
            let match = { (key: ArraySlice<UInt8>) in PlanField.named(key).map { ($0.name, $0.rawValue, $0.spec.value == .flag) } }
            guard
                let (key, known, keyToken, _) = fieldParts(
                    child, names: Self.planFields, count: PlanField.allCases.count, match: match,
                    seen: &seen, context: "a plan", value: &value),
                let field = PlanField(rawValue: known)
            else { continue }
            guard let first = value.first else {
                report(InvalidValueRule.Finding.needsValue(key: key), keyToken.range)
                continue
            }
            let range = span(value)
            switch field {
            case .fiscalYearStart:
                if let month = PlanDate.monthNumber(Substring(valueText(value))) {
                    settings.fiscalYearStart = month
                } else {
                    report(InvalidValueRule.Finding.notAMonth(written: valueText(value)), range)
                }
            case .fiscalYearName:
                if let naming: FiscalYearNaming = choice(value) {
                    settings.fiscalYearNaming = naming
                    namingStated = true
                } else {
                    report(InvalidValueRule.Finding.notAFiscalYearNaming(written: valueText(value)), range)
                }
            case .currency:
                let code = valueText(value).uppercased()
                if code.count == 3 && code.allSatisfy({ $0.isLetter }) {
                    settings.currency = code
                    // Japanese plans name a fiscal year by the year it starts, unless told otherwise.
                    if !namingStated { settings.fiscalYearNaming = code == "JPY" ? .startYear : .endYear }
                } else {
                    report(InvalidValueRule.Finding.notACurrency(written: valueText(value)), range)
                }
            case .asOf:
                if let date = PlanDate.parse(words(value), fiscalYearStart: settings.fiscalYearStart, naming: settings.fiscalYearNaming) {
                    settings.asOf = Located(date.day, range)
                } else {
                    report(InvalidDateRule.Finding.notAnAsOfDate(written: valueText(value)), range)
                }
            case .maxAnnualGrowth:
                if let q = Quantity.parse(Substring(text(first))), q.suffix == .percent, value.count == 1 {
                    settings.maxAnnualGrowth = q.magnitude / 100
                } else {
                    report(InvalidQuantityRule.Finding.notAGrowthRate(written: valueText(value)), range)
                }
            case .maxAnnualReduction:
                if let q = Quantity.parse(Substring(text(first))), q.suffix == .percent, value.count == 1, q.magnitude > 0,
                    q.magnitude < 100
                {
                    settings.maxAnnualReduction = q.magnitude / 100
                } else {
                    report(InvalidQuantityRule.Finding.notAReductionRate(written: valueText(value)), range)
                }
            }
        }
    }

    mutating func readUse(_ node: SyntaxNode) {
        reportIgnoredLines(under: node, as: .useLine, content: node.lineContentRange)
        guard let token = node.firstToken(.string) else { return }
        let written = unquoted(token)
        uses.append(UseReference(written: written, range: token.range, resolvedPath: PlanFile.resolve(written, from: path)))
    }

    /// The key (with its index in `allowed`) and its token of a field line, after reporting unknown
    /// and repeated keys; its value tokens go to `value` (a buffer reused from line to line).
    /// `match` finds a key among the known ones (its name and index); `names` lists them all, for
    /// a suggestion when the key is unknown (only then read: see `KPIField.named`).
    mutating func fieldParts(
        _ node: SyntaxNode, names: @autoclosure () -> [String], count: Int,
        match: (ArraySlice<UInt8>) -> (key: String, index: Int, isFlag: Bool)?,
        seen: inout [Range<Int>?], context: String, value: inout [SyntaxToken]
    )
        -> (key: String, index: Int, token: SyntaxToken, lineRange: Range<Int>)?
    {
        switch node.kind {
        case .field, .flag: break
        case .listItem:
            report(SyntaxErrorRule.Finding.listItemOutsideActions, node.lineContentRange)
            return nil
        default: return nil
        }
        let (token, lineRange) = node.readLine(value: &value)
        let keyToken = token!  // a field line starts with its key, a flag line is its word
        // Known keys are matched on bytes: no String made or hashed for them.
        guard let (key, known, isFlag) = match(tree.bytes[keyToken.range]) else {
            let key = text(keyToken)
            report(
                UnknownFieldRule.Finding(key: key, context: context, suggestion: Suggestions.closest(to: key, in: names())), keyToken.range)
            return nil
        }
        if seen.isEmpty { seen = Array(repeating: nil, count: count) }
        if let first = seen[known] {
            report(
                DuplicateFieldRule.Finding.field(key: key),
                keyToken.range, related: [RelatedLocation(path: path, range: first, message: "first `\(key)`")])
            return nil
        }
        seen[known] = keyToken.range
        if node.kind == .flag && !isFlag {
            report(SyntaxErrorRule.Finding.keyWithoutValue(key: key), keyToken.range)
            return nil
        }
        if node.kind == .field && isFlag {
            report(InvalidValueRule.Finding.flagWithValue(key: key), keyToken.range)
        }
        return (key, known, keyToken, lineRange)
    }

}

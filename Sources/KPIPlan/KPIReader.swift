// Reading a `kpi` block into a KPI: its fields, baseline, target and deadline, contribution and
// checkpoints, in one unit; what the block gets wrong is reported as it is read.

import KPISyntax

extension PlanFile {
    mutating func readKPI(_ node: SyntaxNode) {
        let idToken = node.firstToken(.identifier)
        let keyword = node.firstToken(.keyword)!
        var kpi = KPI(
            id: idToken.map { tree.text($0) } ?? "", idRange: idToken?.range ?? keyword.range,
            range: node.range, headerRange: node.lineContentRange, path: path)
        if let title = node.firstToken(.string) {
            kpi.title = unquoted(title)
            kpi.titleRange = title.range
        }
        var seen: [Range<Int>?] = []  // by index in the allowed keys
        var baselineTokens: [SyntaxToken] = []
        var targetTokens: [SyntaxToken]?
        var deadlineTokens: [SyntaxToken] = []
        var contributesTokens: [SyntaxToken] = []
        var actualNodes: SyntaxNode.ChildNodes?
        var milestoneNodes: SyntaxNode.ChildNodes?
        // One field a line at most: sized once instead of grown.
        kpi.fields.reserveCapacity(node.childNodes.count)

        var value: [SyntaxToken] = []  // reused: only the values kept past their line are copied
        for child in node.childNodes {
            // Only `actions:`, `actuals:` and `milestones:` take lines below them.
            if child.kind != .field
                || ![.actions, .actuals, .milestones].contains(child.firstToken(.key).flatMap { KPIField.named(tree.bytes[$0.range]) })
            {
                reportIgnoredLines(under: child)
            }
            let match = { (key: ArraySlice<UInt8>) in KPIField.named(key).map { ($0.name, $0.rawValue, $0.spec.value == .flag) } }
            guard
                let (key, known, keyToken, lineRange) = fieldParts(
                    child, names: Self.kpiFields, count: KPIField.allCases.count, match: match,
                    seen: &seen, context: "a KPI", value: &value),
                let field = KPIField(rawValue: known)
            else { continue }
            kpi.fields.append((key, keyToken.range, lineRange))
            let range = span(value)
            if field.spec.needsValue && value.isEmpty {
                if let comment = child.tokens.first(where: { $0.kind == .comment }) {
                    report(InvalidValueRule.Finding.needsValueNotAComment(key: key, comment: tree.text(comment)), keyToken.range)
                } else {
                    report(InvalidValueRule.Finding.needsValue(key: key), keyToken.range)
                }
                continue
            }
            // The value's text, made only for the fields that read it.
            var joined: String { valueText(value) }
            switch field {
            case .perspective:
                if let p: Perspective = choice(value) {
                    kpi.perspective = Located(p, range)
                } else {
                    report(InvalidValueRule.Finding.notAPerspective(written: joined), range)
                }
            case .category:
                if let c: MetricKind = choice(value) {
                    kpi.category = Located(c, range)
                } else {
                    report(InvalidValueRule.Finding.notACategory(written: joined), range)
                }
            case .metric: kpi.metric = Located(joined, range)
            case .owner: kpi.owner = Located(joined, range)
            case .parent:
                if value.count == 1 {
                    kpi.parent = Located(joined, range)
                } else {
                    report(InvalidValueRule.Finding.parentTakesOneID, range)
                }
            case .topLevel: kpi.topLevel = keyToken.range
            case .split:
                if let s: SplitKind = choice(value) {
                    kpi.split = Located(s, range)
                } else {
                    report(InvalidValueRule.Finding.notASplit(written: joined), range)
                }
            case .better:
                if let d = Direction(keyword: joined), d != .band {
                    kpi.better = Located(d, range)
                } else {
                    report(InvalidValueRule.Finding.notADirection(written: joined), range)
                }
            case .role:
                if let r: ChildRole = choice(value) {
                    kpi.role = Located(r, range)
                } else {
                    report(InvalidValueRule.Finding.notARole(written: joined), range)
                }
            case .growth:
                if let g: Growth = choice(value) {
                    kpi.growth = Located(g, range)
                } else {
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
                    reportIgnoredLines(under: item)
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
            if let dateTokens, let day = readDate(dateTokens, after: "by", at: targetTokens[quantityTokens.count].range) {
                kpi.deadline = day
            }
            kpi.target = readTarget(quantityTokens, kpi: &kpi, context: context, written: &written)
        }
        if !deadlineTokens.isEmpty {
            if let existing = kpi.deadline {
                report(
                    DuplicateFieldRule.Finding.deadline, span(deadlineTokens),
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
            kpi.milestones = readCheckpoints(milestoneNodes, unit: kpi.unit, context: context, written: &written).sorted {
                $0.date < $1.date
            }
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
        kpis.append(kpi)
    }

    /// Splits value tokens at a keyword (`by`, `at`): the words before, and those after (nil without it).
    func splitAt(_ tokens: [SyntaxToken], word: String) -> ([SyntaxToken], [SyntaxToken]?) {
        // `at least`/`at most` start a target; they are not the `at` of a date.
        for (i, token) in tokens.enumerated() where isWord(token, word) {
            if word == "at", i + 1 < tokens.count, isWord(tokens[i + 1], "least") || isWord(tokens[i + 1], "most") { continue }
            return (Array(tokens[..<i]), Array(tokens[(i + 1)...]))
        }
        return (tokens, nil)
    }

    mutating func readQuantity(_ tokens: [SyntaxToken], what: String) -> WrittenQuantity? {
        guard !tokens.isEmpty else { return nil }
        if tokens.count == 1, let q = Quantity.parse(bytes: tree.bytes[tokens[0].range]) {
            return q.resolved(planCurrency: settings.currency)  // read from the file's bytes: no String made
        }
        let joined = valueText(tokens)
        // `CHF 500`, `500 CHF`, `¥ 180,000`: an amount with its currency apart.
        if tokens.count == 2, let q = Quantity.parse(Substring(joined.replacing(" ", with: ""))), q.currency != nil,
            words(tokens).contains(where: { word in !word.contains(where: \.isNumber) })
        {
            return q.resolved(planCurrency: settings.currency)
        }
        if !joined.contains(where: { $0.isNumber }) {
            if what == "target" { return nil }  // the caller reports a vague target
        }
        if let advice = Quantity.spellingAdvice(words(tokens)) {
            report(InvalidQuantityRule.Finding.spelledOut(written: joined, advice: advice), span(tokens))
            return nil
        }
        report(InvalidQuantityRule.Finding.notAQuantity(written: joined), span(tokens))
        return nil
    }

    /// Reads the date after `keyword` (`at`, `by`), whose token is at `keywordRange`.
    mutating func readDate(_ tokens: [SyntaxToken], after keyword: String?, at keywordRange: Range<Int>? = nil) -> Located<Day>? {
        guard !tokens.isEmpty else {
            if let keyword, let keywordRange { report(InvalidDateRule.Finding.missing(after: keyword), keywordRange) }
            return nil
        }
        // One ISO date, the usual case, is read without making the array of words `parse` takes.
        let quick = tokens.count == 1 ? PlanDate.quickDate(bytes: tree.bytes[tokens[0].range]) : nil
        if let date = quick ?? PlanDate.parse(words(tokens), fiscalYearStart: settings.fiscalYearStart, naming: settings.fiscalYearNaming) {
            return Located(date.day, span(tokens))
        }
        report(InvalidDateRule.Finding.notADate(written: valueText(tokens)), span(tokens))
        return nil
    }

    mutating func readTarget(
        _ tokens: [SyntaxToken], kpi: inout KPI, context: String?,
        written: inout [(WrittenQuantity, Range<Int>)]
    ) -> Target? {
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
    mutating func readCheckpoints(
        _ nodes: SyntaxNode.ChildNodes, unit kpiUnit: QuantityUnit?, context: String?,
        written: inout [(WrittenQuantity, Range<Int>)]
    ) -> [Checkpoint] {
        var result: [Checkpoint] = []
        result.reserveCapacity(nodes.count)
        // The first entry of each day. A few entries are searched, not hashed; a long list gets a dictionary.
        var seen: [(day: Day, range: Range<Int>)] = []
        var seenIndex: [Day: Range<Int>] = [:]
        var value: [SyntaxToken] = []
        let unitContext = kpiUnit.flatMap { $0.kind == .currency ? $0.currency : nil } ?? context
        for node in nodes {
            let (key, lineRange) = node.kind == .field ? node.readLine(value: &value) : (nil, node.lineContentRange)
            if let key, node.kind == .field {
                reportIgnoredLines(under: node, as: .entry(date: text(key)), content: lineRange)
            } else {
                reportIgnoredLines(under: node)
            }
            guard let keyToken = key else {
                report(SyntaxErrorRule.Finding.notAnEntry, lineRange)
                continue
            }
            var keyText: String { text(keyToken) }
            // Most keys are one ISO date: read on their bytes, without splitting into words (as `parse` reads them).
            guard
                let date = PlanDate.quickDate(bytes: tree.bytes[keyToken.range])
                    ?? PlanDate.parse(
                        keyText.split(separator: " "), fiscalYearStart: settings.fiscalYearStart, naming: settings.fiscalYearNaming)
            else {
                report(InvalidDateRule.Finding.notACheckpointDate(written: keyText), keyToken.range)
                continue
            }
            guard !value.isEmpty else {
                report(InvalidQuantityRule.Finding.entryWithoutValue(key: text(keyToken)), keyToken.range)
                continue
            }
            guard let q = readQuantity(value, what: "value") else { continue }
            if let first = seenIndex.isEmpty ? seen.first(where: { $0.day == date.day })?.range : seenIndex[date.day] {
                report(
                    DuplicateFieldRule.Finding.day(date.day), keyToken.range,
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
            result.append(
                Checkpoint(
                    date: date.day, dateRange: keyToken.range, value: Quantity(q.signedValue, unit),
                    valueRange: span(value), lineRange: lineRange))
        }
        return result
    }

}

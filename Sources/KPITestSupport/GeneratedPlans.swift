// Generated inputs for property tests: random mixes of plan fragments, random bytes (NUL, invalid
// UTF-8, lone carriage returns), and small random edits of real plans. Deterministic: the same seed
// gives the same inputs on every run and every machine with the same toolchain. And the invariants
// every syntax tree keeps, whatever its input.

import KPISyntax

public struct GeneratedPlans: Sequence, IteratorProtocol {
    public enum Kind: String, Sendable, CaseIterable { case fragments, bytes, edits }

    /// Pieces of plans, good and bad, that the fragment mode strings together.
    public static let fragments: [String] = [
        "kpi ", "kpi mrr", "kpi mrr \"Grow MRR\"", "kpi a", "kpi b", "kpi c \"C\"", "plan \"P\"", "plan ", "use \"other.kpi\"", "use ",
        "\n", "\n", "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "#", "# comment", "# kpi-ignore: no-owner", "\"", "\"open", ":", " : ",
        "- ", "-", "-x", "- Raise prices", "owner: CFO", "owner:", "metric: MRR", "metric: churn rate", "metric: NPS",
        "perspective: customer", "perspective: financial", "perspective: learning", "category: sales", "category: nope",
        "baseline: $125K at 2026-12-31", "baseline: 400/month", "baseline: 3%", "baseline: -5 at 2027", "baseline: 0 at 2026-12-31",
        "target: +20% by FY2027", "target: $10M by 2031-12-31", "target: at least 95% by 2027-Q3", "target: at most 2%",
        "target: +3pp by Q3 2027", "target: -$5K by 2027-06", "target: make money", "target:", "target: +20% by",
        "deadline: FY2028", "deadline: 2027-02-30", "parent: mrr", "parent: a", "parent: b", "parent: c", "parent: x y",
        "top-level", "top-level: yes", "split: sum", "split: weighted", "split: both", "weight: 40%", "weight: 60%", "weight: x",
        "contributes: +$100", "contributes: +$1,100/month", "contributes: +3pp", "contributes: 12abc",
        "growth: compound", "growth: linear", "actions:", "actuals:", "milestones:", "2027-03-31: $131K", "Q3 2027: $135K",
        "2027: $4.6M", "FY2027-Q3: 5", "2027-13: 1", ": $5", "fiscal-year-start: April", "fiscal-year-start: Smarch",
        "currency: EUR", "currency: euro", "as-of: 2027-07-15", "as-of: never", "max-annual-growth: 150%",
        "€", "£", "$", "—", "🚀", "👩‍💼", "é", "9", "1,50", "$1,500", "2.5x", "FY", "Q5", "\u{0}", "\u{FEFF}",
    ]

    static let pattern: [Kind] = [.fragments, .bytes, .fragments, .bytes, .edits, .fragments, .bytes, .fragments, .bytes, .fragments]

    public let seed: UInt64
    public let count: Int
    private var generator: SplitMix64
    private let examples: [[UInt8]]
    private var produced = 0

    /// `count` inputs from `seed`; `examples` are the plans the edit mode mutates (none: it mixes fragments instead).
    public init(seed: UInt64, count: Int, examples: [[UInt8]] = []) {
        self.seed = seed
        self.count = count
        self.examples = examples.filter { !$0.isEmpty }
        generator = SplitMix64(seed: seed)
    }

    /// The next input, with its kind and its position in the sequence (to name it in a failure).
    public mutating func next() -> (index: Int, kind: Kind, bytes: [UInt8])? {
        guard produced < count else { return nil }
        defer { produced += 1 }
        // Edits of whole examples cost the most (a few KB each): one input in ten.
        let kind = Self.pattern[produced % Self.pattern.count]
        switch kind {
        case .fragments: return (produced, kind, mixFragments())
        case .bytes: return (produced, kind, randomBytes())
        case .edits: return (produced, kind, examples.isEmpty ? mixFragments() : editedExample())
        }
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    private mutating func mixFragments() -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<int(1...60) {
            let fragment = Self.fragments[int(0...Self.fragments.count - 1)]
            // Lines often start at the start of a line or after an indentation, as in a real plan.
            if int(0...3) == 0 { out += Array(String(repeating: " ", count: int(0...6)).utf8) }
            out += Array(fragment.utf8)
            if int(0...2) == 0 { out.append(0x0A) }
        }
        return out
    }

    private mutating func randomBytes() -> [UInt8] {
        // Bytes that matter to the parser and to UTF-8 come up more often than the rest.
        let interesting: [UInt8] = [
            0x00, 0x0A, 0x0D, 0x09, 0x20, 0x20, 0x22, 0x23, 0x3A, 0x2D, 0x24, 0x25,
            0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xF5, 0xFF, 0x6B, 0x70, 0x31,
        ]
        return (0..<int(0...200)).map { _ in
            int(0...1) == 0 ? interesting[int(0...interesting.count - 1)] : UInt8(truncatingIfNeeded: int(0...255))
        }
    }

    private mutating func editedExample() -> [UInt8] {
        var bytes = examples[int(0...examples.count - 1)]
        let replacements: [UInt8] = [0x00, 0x0A, 0x0D, 0x09, 0x20, 0x22, 0x23, 0x3A, 0x2D, 0x25, 0x24, 0x30, 0x39, 0x61, 0xC3, 0xFF]
        for _ in 0..<int(1...3) {
            let at = int(0...bytes.count - 1)
            let byte = replacements[int(0...replacements.count - 1)]
            switch int(0...2) {
            case 0: bytes.insert(byte, at: at)
            case 1: if bytes.count > 1 { bytes.remove(at: at) }
            default: bytes[at] = byte
            }
        }
        return bytes
    }
}

public enum TreeInvariants {
    /// What is wrong with a tree of `bytes`, in words (empty when nothing is): it must print back
    /// byte for byte; its tokens must be non-empty, contiguous and cover every byte in order; every
    /// node must hold its children in order within its range; every error must lie within the file.
    public static func violations(_ tree: SyntaxTree, _ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        if tree.printed() != bytes { problems.append("printing the tree does not give the bytes back") }
        var next = 0
        tree.root.forEachToken { token in
            if token.range.lowerBound != next || token.range.isEmpty || token.range.upperBound > bytes.count {
                problems.append("token \(token.kind) at \(token.range) does not follow the previous one, which ended at \(next)")
            }
            next = token.range.upperBound
        }
        if next != bytes.count { problems.append("the tokens end at \(next), not at the end of the file (\(bytes.count))") }
        if tree.root.range != 0..<bytes.count { problems.append("the root covers \(tree.root.range), not 0..<\(bytes.count)") }
        func visit(_ node: SyntaxNode) {
            var lower = node.range.lowerBound
            for child in node.children {
                if child.range.lowerBound < lower || child.range.upperBound > node.range.upperBound {
                    problems.append("a child of \(node.kind) \(node.range) at \(child.range) is out of order or outside it")
                }
                lower = child.range.upperBound
                if case .node(let inner) = child { visit(inner) }
            }
        }
        visit(tree.root)
        for error in tree.errors where error.range.lowerBound < 0 || error.range.upperBound > bytes.count || error.message.isEmpty {
            problems.append("error \(error.range) `\(error.message)` lies outside the file")
        }
        return problems
    }
}

// The flat tree storage: nodes are views of records, children are found from runs of tokens and
// nodes. These tests hold the views to what the tree means (every token once, in order, children
// within their parent) on every example and golden input, and re-parsing to parsing.

import KPISyntax
import KPITestSupport
import Testing

@Suite struct TreeStorageTests {
    static var inputs: [(name: String, bytes: [UInt8])] {
        Fixtures.examples() + Fixtures.goldenInputs() + [("empty", []), ("blank", Array("\n\n  # only a comment\n".utf8))]
    }

    /// Walks `children` recursively (as the object tree did): the tokens met must be the file's
    /// tokens in order, and each node's accessors must agree with its children.
    @Test func childrenAgreeWithTokensAndNodes() throws {
        for (name, bytes) in Self.inputs {
            let tree = Parser.parse(bytes: bytes)
            var walked: [SyntaxToken] = []
            var problems: [String] = []
            func visit(_ node: SyntaxNode) {
                var subtree: [SyntaxToken] = []
                node.forEachToken { subtree.append($0) }
                let start = walked.count
                var previousEnd = node.range.lowerBound
                for child in node.children {
                    if child.range.lowerBound != previousEnd {
                        problems.append("\(name): gap before \(child.range) in \(node.kind)@\(node.range)")
                    }
                    previousEnd = child.range.upperBound
                    switch child {
                    case .token(let token): walked.append(token)
                    case .node(let inner): visit(inner)
                    }
                }
                if node.kind != .sourceFile || !bytes.isEmpty, previousEnd != node.range.upperBound {
                    problems.append("\(name): \(node.kind)@\(node.range) children end at \(previousEnd)")
                }
                if Array(walked[start...]) != subtree {
                    problems.append("\(name): forEachToken of \(node.kind)@\(node.range) differs from its children")
                }
                let nodes = node.children.compactMap { if case .node(let n) = $0 { n } else { nil } }
                if Array(node.childNodes) != nodes { problems.append("\(name): childNodes of \(node.kind)@\(node.range)") }
                if node.childNodes.count != nodes.count { problems.append("\(name): childNodes.count of \(node.kind)@\(node.range)") }
                let tokens = node.children.compactMap { if case .token(let t) = $0 { t } else { nil } }
                if node.tokens != tokens { problems.append("\(name): tokens of \(node.kind)@\(node.range)") }
            }
            visit(tree.root)
            var all: [SyntaxToken] = []
            tree.root.forEachToken { all.append($0) }
            #expect(walked == all, "\(name)")
            #expect(walked.flatMap { bytes[$0.range] } == bytes, "\(name)")
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
    }

    /// `readLine` reads in one pass what the separate accessors read: the key (or a flag's word),
    /// the value tokens and the content range, for every node of every input.
    @Test func readLineAgreesWithTheSeparateAccessors() {
        var value: [SyntaxToken] = [SyntaxToken(kind: .word, range: 0..<1)]  // emptied first
        var checked = 0
        for (name, bytes) in Self.inputs {
            let tree = Parser.parse(bytes: bytes)
            var stack = [tree.root]
            while let node = stack.popLast() {
                stack += node.childNodes
                let (key, contentRange) = node.readLine(value: &value)
                #expect(key == node.firstToken(node.kind == .flag ? .word : .key), "\(name): \(node.kind)@\(node.range)")
                #expect(value == node.valueTokens, "\(name): \(node.kind)@\(node.range)")
                #expect(contentRange == node.lineContentRange, "\(name): \(node.kind)@\(node.range)")
                checked += 1
            }
        }
        #expect(checked > 700)
    }

    /// The header accessors read the node's own line: the tokens before its first child node, up
    /// to its newline.
    @Test func headerAccessorsReadTheNodesLine() throws {
        let tree = Parser.parse("kpi mrr \"Grow\" # note\n  owner: CFO team # who\n  actions:\n    - Raise prices\n")
        let kpi = try #require(tree.root.childNodes.first)
        #expect(kpi.lineTokens.map { tree.text($0) } == ["kpi", "mrr", "\"Grow\""])
        #expect(kpi.valueTokens.map { tree.text($0) } == ["kpi", "mrr", "\"Grow\""])  // no colon: the whole line
        #expect(kpi.lineComment.map { tree.text($0) } == "# note")
        let fields = Array(kpi.childNodes)
        #expect(fields.map(\.kind) == [.field, .field])
        var buffer: [SyntaxToken] = [SyntaxToken(kind: .word, range: 0..<1)]
        fields[0].valueTokens(into: &buffer)
        #expect(buffer.map { tree.text($0) } == ["CFO", "team"])
        #expect(fields[0].firstToken(.comment).map { tree.text($0) } == "# who")
        #expect(fields[1].valueTokens.isEmpty)
        let item = try #require(fields[1].childNodes.first)
        #expect(item.kind == .listItem && item.lineTokens.map { tree.text($0) } == ["-", "Raise", "prices"])
        #expect(tree.root.lineTokens.isEmpty && tree.root.firstToken(.keyword) == nil)
        // The blank line's comment belongs to the KPI (it is inside its block), after its header.
        let commented = Parser.parse("kpi a\n  # inside\n  owner: x\n")
        let block = try #require(commented.root.childNodes.first)
        #expect(block.lineComment == nil)
        #expect(block.firstToken(.comment).map { commented.text($0) } == "# inside")
    }

    /// `token(at:)` finds what a recursive search of the children finds (the search before the
    /// storage was flat), at every offset.
    @Test func tokenAtMatchesARecursiveSearch() {
        func reference(_ tree: SyntaxTree, _ offset: Int) -> SyntaxToken? {
            var found: SyntaxToken?
            func visit(_ node: SyntaxNode) -> Bool {
                for child in node.children {
                    let r = child.range
                    guard r.lowerBound <= offset && offset <= r.upperBound else { continue }
                    switch child {
                    case .token(let token):
                        if token.range.contains(offset) {
                            let isBlank = token.kind == .whitespace || token.kind == .newline
                            if !(isBlank && found?.range.upperBound == offset) { found = token }
                            return true
                        }
                        if token.range.upperBound == offset && token.kind != .whitespace && token.kind != .newline { found = token }
                    case .node(let inner):
                        if visit(inner) { return true }
                    }
                }
                return false
            }
            _ = visit(tree.root)
            return found
        }
        for (name, bytes) in Self.inputs {
            let tree = Parser.parse(bytes: bytes)
            let mismatches = (-1...(bytes.count + 1)).filter { tree.token(at: $0) != reference(tree, $0) }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(5))")
        }
    }

    /// Re-parsing after an edit builds the tree (records, tokens, errors) that parsing builds.
    @Test func reparseEqualsParse() {
        var random = SplitMix64(seed: 0x7EE5)
        let pieces = [
            "kpi x \"X\"\n", "  owner: Ann\n", "\n", "    - item\n", "# note\n", "  actuals:\n    2027-03-31: 5\n", "x", " ", "\r\n",
            "plan \"P\"\n",
        ]
        for (name, bytes) in Fixtures.examples() + Fixtures.goldenInputs() {
            var tree = Parser.parse(bytes: bytes)
            for _ in 0..<25 {
                var next = tree.bytes
                let start = next.isEmpty ? 0 : Int.random(in: 0...next.count, using: &random)
                let end = min(next.count, start + Int.random(in: 0...12, using: &random))
                let insert = Int.random(in: 0..<3, using: &random) == 0 ? [] : Array(pieces.randomElement(using: &random)!.utf8)
                next.replaceSubrange(start..<end, with: insert)
                let (edited, _) = Parser.reparse(tree, bytes: next)
                let parsed = Parser.parse(bytes: next)
                #expect(edited.debugDescription() == parsed.debugDescription(), "\(name): edit at \(start)..<\(end)")
                #expect(Array(edited.root.childNodes).map(\.range) == Array(parsed.root.childNodes).map(\.range))
                #expect(edited.storage !== tree.storage)
                tree = edited
            }
        }
    }

    /// A tree is one parse: copies share its storage, another parse of the same text does not.
    @Test func identityIsTheParse() throws {
        let text = "kpi a\n  owner: x\n"
        let tree = Parser.parse(text)
        let copy = tree
        #expect(copy.storage === tree.storage)
        #expect(Parser.parse(text).storage !== tree.storage)
        let first = try #require(tree.root.childNodes.first)
        #expect(first == tree.root.childNodes.first)
        #expect(first != Parser.parse(text).root.childNodes.first)
        #expect(first != tree.root)
    }

    /// 10,000 indentation levels: every walk of the syntax library is a loop, so none of them needs a
    /// large stack (this runs on a test thread's ordinary one), and freeing the tree frees three arrays.
    @Test func deepNestingNeedsNoLargeStack() throws {
        func deepPlan(_ levels: Int) -> [UInt8] {
            var text = "kpi deep\n  top-level\n"
            for depth in 0..<levels { text += String(repeating: " ", count: depth + 2) + "x\(depth): 1\n" }
            return Array(text.utf8)
        }
        /// Every node's kind and range, outermost first, by following the last child down.
        func spine(_ tree: SyntaxTree) -> [String] {
            var out: [String] = []
            var node: SyntaxNode? = tree.root
            while let current = node {
                out.append("\(current.kind)@\(current.range)")
                node = current.childNodes.reduce(nil) { _, last in last }
            }
            return out
        }
        let levels = 10_000
        let bytes = deepPlan(levels)
        var tree: SyntaxTree? = Parser.parse(bytes: bytes)
        let parsed = try #require(tree)
        #expect(parsed.printed() == bytes)
        var count = 0
        parsed.root.forEachToken { _ in count += 1 }
        #expect(count == 4 + 3 + levels * 6)  // `kpi deep`, `top-level`, then indentation, key, colon, blank, value, newline
        let lastLine = bytes.count - 2  // on the `1` of the deepest line
        #expect(parsed.nodePath(at: lastLine).count == 2 + levels)  // the root, the KPI, then one field in each
        #expect(parsed.token(at: lastLine).map { parsed.text($0) } == "1")
        // An edit deep inside re-parses the one top-level block.
        var edited = bytes
        edited.insert(UInt8(ascii: "2"), at: lastLine)
        let (reparsed, edit) = Parser.reparse(parsed, bytes: edited)
        #expect(edit.old == 0..<bytes.count)
        #expect(spine(reparsed) == spine(Parser.parse(bytes: edited)))
        #expect(spine(reparsed).count == 2 + levels)
        tree = nil  // freed here, on this thread's stack
        #expect(tree == nil)

        // The dump (a line per node and token) of a shallower plan: its text grows with the square
        // of the depth, the walk does not recurse.
        let shallower = Parser.parse(bytes: deepPlan(1_000))
        #expect(shallower.debugDescription().split(separator: "\n").count == (4 + 3 + 1_000 * 6) + 3 + 1_000)
    }
}

import KPISyntax
import KPITestSupport
import Testing

/// Checks the invariants every tree must keep, whatever the input (see `TreeInvariants`).
func checkTreeInvariants(
    _ tree: SyntaxTree, _ bytes: [UInt8], _ label: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let problems = TreeInvariants.violations(tree, bytes)
    #expect(problems.isEmpty, "\(label()): \(problems.prefix(5).joined(separator: "; "))", sourceLocation: sourceLocation)
}

@Suite struct LosslessTests {
    static let exampleNames = Fixtures.examples().map(\.name)

    @Test(arguments: exampleNames)
    func examplesPrintBack(_ name: String) throws {
        let bytes = Array(Fixtures.example(name).utf8)
        let tree = Parser.parse(bytes: bytes)
        checkTreeInvariants(tree, bytes, name)
        #expect(tree.errors.isEmpty, "\(name) has syntax errors: \(tree.errors)")
    }

    @Test(arguments: Golden.names)
    func goldenInputsPrintBack(_ name: String) throws {
        let bytes = try Golden.input(name)
        checkTreeInvariants(Parser.parse(bytes: bytes), bytes, name)
    }

    @Test func edgeCasesPrintBack() {
        let inputs: [[UInt8]] = [
            [], [0x0A], [0x0D], [0x0D, 0x0A], [0x0D, 0x0D, 0x0A], [0x00], [0xFF, 0xFE], [0xC3], [0xE2, 0x82],
            Array("kpi".utf8), Array("kpi mrr \"".utf8), Array("#".utf8), Array("\n\n  \n\t\n".utf8),
            Array("kpi a\n  owner: x\r".utf8), Array("  \u{0}kpi a".utf8), Array("kpi a\r\n\r\n".utf8),
        ]
        for bytes in inputs {
            checkTreeInvariants(Parser.parse(bytes: bytes), bytes, "\(bytes)")
        }
    }

    @Test func generatedInputsKeepTheTreeInvariants() {
        let examples = Fixtures.examples().map(\.bytes)
        var count = 0
        for (index, kind, bytes) in GeneratedPlans(seed: 0x5EED_0001, count: 2_400, examples: examples) {
            checkTreeInvariants(Parser.parse(bytes: bytes), bytes, "generated input #\(index) (\(kind)) of seed 0x5EED0001")
            count += 1
        }
        #expect(count == 2_400)
    }
}

@Suite struct ParserTests {
    /// The node kinds of the top-level lines and their children, as an outline.
    func outline(_ text: String) -> [String] {
        let tree = Parser.parse(text)
        var out: [String] = []
        func visit(_ node: SyntaxNode, _ depth: Int) {
            for child in node.childNodes {
                out.append(String(repeating: " ", count: depth) + "\(child.kind) \(tree.text(child.lineContentRange))")
                visit(child, depth + 1)
            }
        }
        visit(tree.root, 0)
        return out
    }

    @Test func blocksFollowIndentation() {
        #expect(
            outline(
                """
                plan "P"
                  currency: USD
                kpi a "A"
                  owner: CFO
                  top-level
                  actions:
                    - one
                    -two
                  actuals:
                    Q3 2027: $5
                use "x.kpi"
                """) == [
                    "planDecl plan \"P\"",
                    " field currency: USD",
                    "kpiDecl kpi a \"A\"",
                    " field owner: CFO",
                    " flag top-level",
                    " field actions:",
                    "  listItem - one",
                    "  listItem -two",
                    " field actuals:",
                    "  field Q3 2027: $5",
                    "useDecl use \"x.kpi\"",
                ])
    }

    @Test func keysAndValuesAreSplitAtTheFirstColonAtAWordEnd() throws {
        let tree = Parser.parse("kpi a\n  Q2  2027 : $133K\n  owner: http://x.example: y\n")
        let kpi = try #require(tree.root.childNodes.first)
        let fields = Array(kpi.childNodes)
        #expect(fields.map(\.kind) == [.field, .field])
        #expect(tree.text(try #require(fields[0].firstToken(.key))) == "Q2  2027")
        #expect(fields[0].valueTokens.map { tree.text($0) } == ["$133K"])
        #expect(tree.text(try #require(fields[1].firstToken(.key))) == "owner")
        #expect(fields[1].valueTokens.map { tree.text($0) } == ["http://x.example:", "y"])
    }

    @Test func headerTokensAreReKinded() throws {
        let tree = Parser.parse("kpi mrr \"Grow\" # note\n")
        let kpi = try #require(tree.root.childNodes.first)
        #expect(kpi.tokens.map(\.kind) == [.keyword, .whitespace, .identifier, .whitespace, .string, .whitespace, .comment, .newline])
        #expect(kpi.lineComment.map { tree.text($0) } == "# note")
        #expect(tree.text(kpi.lineContentRange) == "kpi mrr \"Grow\"")
    }

    @Test(arguments: [
        ("kpi\n", "expected a KPI id after `kpi`", "kpi"),
        ("kpi \"Title\"\n", "expected a KPI id after `kpi`", "kpi"),
        ("kpi 9lives\n", "`9lives` is not a valid KPI id", "9lives"),
        ("kpi mrr Grow MRR\n", "the title must be in double quotes", "Grow MRR"),
        ("kpi mrr \"Grow\" more text\n", "unexpected text after the title", "more text"),
        ("kpi mrr \"Grow\n", "unterminated string", "\"Grow"),
        ("plan Acme\n", "expected the plan's name in double quotes", "Acme"),
        ("plan\n", "expected the plan's name in double quotes", "plan"),
        ("use company.kpi\n", "expected a file path in double quotes", "company.kpi"),
        ("use \"a.kpi\" \"b.kpi\"\n", "unexpected text after the path", "\"b.kpi\""),
        ("  owner: CFO\n", "this line is indented but no block is open above it", "owner: CFO"),
        ("owner CFO\n", "expected `plan`, `use` or `kpi` at the start of a top-level line", "owner CFO"),
        ("kpi a\n  owner CFO # why\n", "expected `field: value`, `- item` or a flag", "owner CFO"),
        ("kpi a\n  kpi b\n", "`kpi` must start at the beginning of a line", "kpi b"),
    ])
    func syntaxErrors(_ input: String, _ message: String, _ at: String) throws {
        let tree = Parser.parse(input)
        let error = try #require(tree.errors.first, "no error for \(input.debugDescription)")
        #expect(tree.errors.count == 1)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(tree.text(error.range) == at)
    }

    /// A carriage return that ends the file ends the last line: it is not part of the comment, the
    /// string or the value before it, so `kpi fmt` (which writes it as "\n") keeps the plan's meaning
    /// (inputs the parser fuzzer found, in Fuzz/regressions/parser/*-cr-at-eof.kpi).
    @Test(arguments: [
        ("kpi a # kpi-ignore: no-owner\r", [TokenKind.keyword, .whitespace, .identifier, .whitespace, .comment, .newline]),
        ("kpi a \"open\r", [.keyword, .whitespace, .identifier, .whitespace, .string, .newline]),
        ("kpi a\n  target: €1.5\"\r", [.whitespace, .key, .colon, .whitespace, .word, .string, .newline]),
    ])
    func aCarriageReturnEndingTheFileIsItsLastLineBreak(text: String, lastLine: [TokenKind]) {
        let tree = Parser.parse(text)
        #expect(tree.printed() == Array(text.utf8))
        var tokens: [(kind: TokenKind, text: String)] = []
        tree.root.forEachToken { tokens.append(($0.kind, tree.text($0))) }
        let last = tokens.suffix(lastLine.count)
        #expect(last.map(\.kind) == lastLine)
        #expect(last.last?.text == "\r")
    }

    @Test func crlfLineEndsAreNewlineTokens() throws {
        let tree = Parser.parse("kpi a\r\n  owner: CFO\r\n")
        var newlines: [String] = []
        tree.root.forEachToken { if $0.kind == .newline { newlines.append(tree.text($0)) } }
        #expect(newlines == ["\r\n", "\r\n"])
        let owner = try #require(tree.root.childNodes.first?.childNodes.first)
        #expect(owner.valueTokens.map { tree.text($0) } == ["CFO"])
        #expect(tree.errors.isEmpty)
    }

    @Test func tokenAndNodePathAtAnOffset() throws {
        let marked = try Markers.extract("kpi mrr\n  owner: C1️⃣FO2️⃣\n  3️⃣metric: MRR4️⃣ 5️⃣ # x\n  6️⃣")
        let tree = Parser.parse(marked.text)
        #expect(tree.token(at: marked[1]).map { tree.text($0) } == "CFO")
        #expect(tree.token(at: marked[2]).map { tree.text($0) } == "CFO")  // just after a word, before the newline
        #expect(tree.token(at: marked[4]).map { tree.text($0) } == "MRR")  // just after a word, before a blank
        #expect(tree.token(at: marked[5]).map(\.kind) == .whitespace)  // in the blank between
        #expect(tree.token(at: marked[6]) == nil)  // blanks at the end of the file: nothing there
        #expect(tree.token(at: marked[3]).map { tree.text($0) } == "metric")
        #expect(tree.nodePath(at: marked[1]).map(\.kind) == [.sourceFile, .kpiDecl, .field])
        #expect(tree.nodePath(at: marked[4]).map(\.kind) == [.sourceFile, .kpiDecl, .field])
        #expect(tree.nodePath(at: marked[6]).map(\.kind) == [.sourceFile])
        let last = Parser.parse("kpi a\n  owner: x")
        // The end of a file without a final newline.
        #expect(last.nodePath(at: last.bytes.count).map(\.kind) == [.sourceFile, .kpiDecl, .field])
    }
}

@Suite struct LineIndexTests {
    @Test func offsetsAndPositionsRoundTrip() throws {
        let marked = try Markers.extract("€1️⃣—2️⃣\r\n😀3️⃣x\n4️⃣")
        let index = LineIndex(marked.bytes)
        #expect(index.lineCount == 3)
        #expect(index.lineEnd(0) == 6)  // before the "\r\n"
        #expect(index.position(of: marked[1], encoding: .utf8) == LineColumn(line: 0, column: 3))
        #expect(index.position(of: marked[1], encoding: .utf16) == LineColumn(line: 0, column: 1))
        #expect(index.position(of: marked[2], encoding: .utf16) == LineColumn(line: 0, column: 2))
        #expect(index.position(of: marked[3], encoding: .utf16) == LineColumn(line: 1, column: 2))  // an emoji is 2 UTF-16 units
        #expect(index.position(of: marked[4]) == LineColumn(line: 2, column: 0))
        for n in 1...4 {
            for encoding in [ColumnEncoding.utf8, .utf16] {
                #expect(index.offset(of: index.position(of: marked[n], encoding: encoding), encoding: encoding) == marked[n])
            }
        }
        // Inside a character snaps to its start; past the line's end clamps to the end.
        #expect(index.offset(of: LineColumn(line: 0, column: 1), encoding: .utf8) == 0)
        #expect(index.offset(of: LineColumn(line: 1, column: 1), encoding: .utf16) == 8)
        #expect(index.offset(of: LineColumn(line: 0, column: 99), encoding: .utf16) == 6)
        #expect(index.offset(of: LineColumn(line: 9, column: 0)) == marked.bytes.count)
    }

    /// Lines and UTF-16 columns as a byte-by-byte count gives them, for texts where line breaks
    /// and non-ASCII bytes fall at every place in and across the index's eight-byte blocks.
    @Test func positionsMatchAPlainCount() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("kpi mrr".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("é".utf8),
            Array("😀".utf8), Array("€".utf8), [0xFF], Array("        ".utf8),
        ]
        for _ in 0..<500 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            let index = LineIndex(bytes)
            var line = 0
            var lineStart = 0
            for offset in 0...bytes.count {
                let column = LineIndex.utf16Length(bytes, lineStart..<offset)
                #expect(index.position(of: offset, encoding: .utf16) == LineColumn(line: line, column: column), "\(bytes) at \(offset)")
                #expect(index.position(of: offset, encoding: .utf8) == LineColumn(line: line, column: offset - lineStart))
                if offset < bytes.count && bytes[offset] == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
            }
            #expect(index.lineCount == line + 1)
        }
    }

    @Test func invalidUTF8CountsAsOneUnitPerByte() {
        let bytes: [UInt8] = [0xFF, 0xC3, 0x41, 0xE2, 0x82]
        #expect(LineIndex.utf16Length(bytes, 0..<bytes.count) == 5)
        #expect(LineIndex(bytes).position(of: 5, encoding: .utf16) == LineColumn(line: 0, column: 5))
    }

    @Test(arguments: [
        ("mrr", true), ("a-b_c.d", true), ("Q3.revenue-2", true), ("Ärger", true), ("umsatz-über", true),
        ("ωmega", true), ("9lives", false), ("-a", false), ("_a", false), ("a b", false), ("a$", false),
        ("", false), ("é$", false), ("a:b", false), ("Z", true), ("[x]", false), ("@", false),
    ])
    func kpiIDs(_ id: String, _ valid: Bool) {
        #expect(Parser.isValidIdentifier(id) == valid, "\(id)")
        // The parser decides on the id's bytes in the file: the same answer.
        guard !id.isEmpty, !id.contains(" "), !id.contains("\"") else { return }
        let errors = Parser.parse("kpi \(id) \"Title\"\n").errors
        #expect(errors.contains { $0.message.contains("is not a valid KPI id") } == !valid, "\(id) in a file: \(errors)")
    }
}

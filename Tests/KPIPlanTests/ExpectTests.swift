// The inline snapshot helper itself: a mismatch fails with a diff, an update rewrites the literals
// of a copied source file (in a temporary folder, never the real sources) and keeps the rest.

import Foundation
import KPITestSupport
import Testing

@Suite struct ExpectTests {
    @Test func aMismatchFailsWithALineDiff() {
        #expect(
            LineDiff.render(expected: "kpi a\n  owner: CFO\n  metric: MRR", actual: "kpi a\n  owner: CEO\n  metric: MRR\n  top-level")
                == "  kpi a\n-   owner: CFO\n+   owner: CEO\n    metric: MRR\n+   top-level")
        withKnownIssue {
            expect("the expected answer").assert("another answer", updating: false)
        } matching: { issue in
            issue.comments.first?.rawValue
                == "the answer differs from the expectation (- expected, + actual; UPDATE_EXPECT=1 rewrites it):\n- the expected answer\n+ another answer"
        }
    }

    @Test func aMatchRecordsNothing() {
        expect("same\ntext").assert("same\ntext", updating: false)
    }

    @Test func theCallsPlaceLeadsToItsOwnLiteral() throws {
        let expectation = expect(
            """
            a literal
              on two lines
            """)
        let source = [UInt8](try Data(contentsOf: URL(fileURLWithPath: expectation.filePath)))
        let literal = try ExpectSource.literal(in: source, line: expectation.line, column: expectation.column)
        #expect(
            String(decoding: source[literal.range], as: UTF8.self)
                == "\"\"\"\n            a literal\n              on two lines\n            \"\"\"")
        #expect(literal.indentation == "            ")
    }

    @Test func anUpdateRewritesEachLiteralOfACopyAndKeepsTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("expect-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("SomeTests.swift")
        let original = ##"""
            @Test func a() throws {
                try checkHover(
                    """
                    kpi mrr
                    """,
                    expect("""
                        old
                        answer
                        """))
                try checkDefinition("kpi b", expect(""))
                try checkHover("kpi c", expect(#"""
                        a \ b
                        """#))
                try checkHover("kpi d", expect("one \" line"))
            }

            """##
        try Data(original.utf8).write(to: file)
        let updater = ExpectUpdater()
        // Out of order, as parallel tests finish: each place is the one the compiler recorded.
        let places = [(11, 29), (6, 9), (10, 34), (14, 29)]
        let answers = ["", "new\n\n  indented \\ answer", "one line", "two\nlines"]
        for ((line, column), answer) in zip(places, answers) {
            ExpectedText(text: "stale", filePath: file.path, line: line, column: column).assert(answer, updating: true, updater: updater)
        }
        #expect(
            String(decoding: try Data(contentsOf: file), as: UTF8.self) == ##"""
                @Test func a() throws {
                    try checkHover(
                        """
                        kpi mrr
                        """,
                        expect(#"""
                            new

                              indented \ answer
                            """#))
                    try checkDefinition("kpi b", expect("""
                        one line
                        """))
                    try checkHover("kpi c", expect(""))
                    try checkHover("kpi d", expect("""
                        two
                        lines
                        """))
                }

                """##)
    }

    @Test func aPlaceWithoutALiteralIsAnError() {
        let source = Array("let a = expect(\n  b)\nlet c = expect(\"\"\"\n  open\n".utf8)
        #expect(throws: ExpectError.noSuchPlace(line: 9, column: 1)) { try ExpectSource.literal(in: source, line: 9, column: 1) }
        #expect(throws: ExpectError.noLiteral(line: 1)) { try ExpectSource.literal(in: Array(source[..<20]), line: 1, column: 9) }
        #expect(throws: ExpectError.unclosedLiteral(line: 3)) { try ExpectSource.literal(in: source, line: 3, column: 9) }
    }
}

import KPIPlan
import KPISyntax
import Testing

/// `#` starts a comment only where a token starts: at the start of a line, after a blank, or right
/// after a string. Inside a word it is part of the word.
@Suite struct CommentRuleTests {
    func comments(of tree: SyntaxTree) -> [String] {
        var found: [String] = []
        func walk(_ node: SyntaxNode) {
            for child in node.children {
                switch child {
                case .token(let token): if token.kind == .comment { found.append(tree.text(token)) }
                case .node(let inner): walk(inner)
                }
            }
        }
        walk(tree.root)
        return found
    }

    @Test func aHashInsideAWordIsPartOfIt() throws {
        let file = PlanFile(
            path: "p.kpi",
            text: """
                kpi platform "Run the C# platform"
                  top-level
                  owner: Head of C# Platform   # the team's lead
                  metric: build#time

                """)
        let kpi = try #require(file.kpis.first)
        #expect(kpi.owner?.value == "Head of C# Platform")
        #expect(kpi.metric?.value == "build#time")
        let comments = comments(of: file.tree)
        #expect(comments == ["# the team's lead"])
    }

    @Test func aHashAfterABlankOrAStringStartsAComment() throws {
        let file = PlanFile(path: "p.kpi", text: "kpi a \"A\"# note\n  top-level\n  owner: CFO #x\n# whole line\n")
        let kpi = try #require(file.kpis.first)
        #expect(kpi.title == "A" && kpi.owner?.value == "CFO")
        let comments = comments(of: file.tree)
        #expect(comments == ["# note", "#x", "# whole line"])
    }

    @Test func theFormatterKeepsAnItemThatStartsWithAHash() {
        let text = "kpi a\n  top-level\n  actions:\n    -#1 priority\n"
        let formatted = Formatter.format(text)
        #expect(formatted == "kpi a\n  top-level\n  actions:\n    -#1 priority\n")
        #expect(PlanFile(path: "p.kpi", text: formatted).kpis.first?.actions.map(\.value) == ["#1 priority"])
    }
}

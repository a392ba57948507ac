// `kpi fmt` and the editor's "Format Document": rewrites a plan into its canonical form — two
// spaces per block level, one space between words, `key: value`, at most one blank line in a row,
// one newline at the end — keeping every comment. A line with a syntax error is kept as written,
// so formatting never changes what a plan means or loses a character of it.

import KPISyntax

public enum Formatter {
    /// The canonical text of a whole file, or only of the lines in `lines` (0-based, inclusive),
    /// the rest kept byte for byte.
    public static func format(_ tree: SyntaxTree, lines: ClosedRange<Int>? = nil) -> String {
        var printer = Printer(tree: tree, only: lines)
        for child in tree.root.children {
            switch child {
            case .token(let token): printer.trivia(token, depth: 0)
            case .node(let node): printer.node(node, depth: 0)
            }
        }
        printer.finish()
        return printer.out
    }

    public static func format(_ text: String) -> String { format(Parser.parse(text)) }
}

private struct Printer {
    let tree: SyntaxTree
    let only: ClosedRange<Int>?
    let errorLines: Set<Int>
    var out = ""
    var blankRun = 0          // blank lines seen since the last printed line
    var printedAny = false
    var pendingComment: (SyntaxToken, Int)?

    init(tree: SyntaxTree, only: ClosedRange<Int>?) {
        self.tree = tree
        self.only = only
        var lines = Set<Int>()
        for error in tree.errors {
            let first = tree.lines.line(of: error.range.lowerBound)
            let last = tree.lines.line(of: max(error.range.lowerBound, error.range.upperBound - 1))
            for line in first...last { lines.insert(line) }
        }
        errorLines = lines
    }

    func inScope(_ line: Int) -> Bool { only?.contains(line) ?? true }

    func lineText(_ line: Int) -> String {
        tree.text(tree.lines.lineStarts[line]..<tree.lines.lineEnd(line))
    }

    /// Prints one source line, formatted or verbatim, after the blank lines before it.
    mutating func emit(line: Int, _ formatted: String) {
        let scoped = inScope(line)
        if blankRun > 0 {
            // Blank lines: at most one in a row, none at the start of the file (only inside the scope).
            let keep = scoped ? (printedAny ? 1 : 0) : blankRun
            out += String(repeating: "\n", count: keep)
        }
        blankRun = 0
        if scoped {
            var text = formatted
            while text.last == " " || text.last == "\t" { text.removeLast() }
            out += text + "\n"
        } else {
            out += originalLine(line)
        }
        printedAny = true
    }

    /// A line as written, with its own line break ("\n", "\r\n" or none at the end of the file).
    func originalLine(_ line: Int) -> String {
        let start = tree.lines.lineStarts[line]
        let end = line + 1 < tree.lines.lineCount ? tree.lines.lineStarts[line + 1] : tree.bytes.count
        let text = tree.text(start..<end)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    mutating func trivia(_ token: SyntaxToken, depth: Int) {
        let line = tree.lines.line(of: token.range.lowerBound)
        switch token.kind {
        case .comment:
            pendingComment = (token, depth)
        case .newline:
            if let (comment, commentDepth) = pendingComment {
                emit(line: line, String(repeating: "  ", count: commentDepth) + tree.text(comment))
                pendingComment = nil
            } else if inScope(line) {
                blankRun += 1
            } else {
                emit(line: line, "")
            }
        default:
            break
        }
    }

    mutating func node(_ node: SyntaxNode, depth: Int) {
        let line = tree.lines.line(of: node.range.lowerBound)
        let keptAsWritten = errorLines.contains(line) || node.kind == .errorLine
        emit(line: line, keptAsWritten ? lineText(line) : String(repeating: "  ", count: depth) + headerText(node))
        var headerDone = false
        for child in node.children {
            switch child {
            case .token(let token):
                if !headerDone {
                    if token.kind == .newline { headerDone = true }
                    continue
                }
                trivia(token, depth: depth + 1)
            case .node(let inner):
                headerDone = true
                self.node(inner, depth: depth + 1)
            }
        }
    }

    /// `kpi id "Title"`, `key: value words`, `- item`, with the line's comment at its original distance.
    func headerText(_ node: SyntaxNode) -> String {
        var parts: [String] = []
        var text = ""
        var lastEnd: Int?
        var comment: SyntaxToken?
        for child in node.children {
            guard case .token(let token) = child else { break }
            if token.kind == .newline { break }
            switch token.kind {
            case .whitespace: continue
            case .comment: comment = token
            case .colon:
                text = parts.joined(separator: " ") + ":"
                parts = [text]
                lastEnd = token.range.upperBound
                continue
            default:
                parts.append(tree.text(token))
                lastEnd = token.range.upperBound
            }
        }
        text = parts.joined(separator: " ")
        if let comment {
            let gap = max(1, comment.range.lowerBound - (lastEnd ?? comment.range.lowerBound))
            text += (text.isEmpty ? "" : String(repeating: " ", count: gap)) + tree.text(comment)
        }
        return text
    }

    mutating func finish() {
        if let (comment, depth) = pendingComment {
            let line = tree.lines.line(of: comment.range.lowerBound)
            emit(line: line, String(repeating: "  ", count: depth) + tree.text(comment))
            pendingComment = nil
        }
        if blankRun > 0 && only != nil && !(only!.contains(tree.lines.lineCount - 1)) {
            out += String(repeating: "\n", count: blankRun)
        }
        if let only, !only.contains(tree.lines.lineCount - 1), tree.bytes.last != 0x0A, out.hasSuffix("\n") {
            out.removeLast()   // outside the scope, even a missing final newline stays missing
        }
    }
}

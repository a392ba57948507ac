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
    /// Lines printed with their own indentation because the canonical one would move them (or a
    /// line after them) into another block next to lines that keep theirs (see `indentationToKeep`).
    let keepIndentation: Set<Int>
    var out = ""
    var blankRun = 0  // blank lines seen since the last printed line
    var printedAny = false
    var lastEmitted = -1  // the last source line printed
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
        keepIndentation = Self.indentationToKeep(tree, errorLines: lines, only: only)
    }

    /// Blocks are opened by indentation: a line belongs to the nearest line above it that is less
    /// indented. Lines printed as written (syntax errors, lines outside the range being formatted)
    /// keep their indentation, so giving the lines around them the canonical two spaces per level
    /// could change which block a line belongs to, and with it what the plan means. This finds the
    /// lines that must keep their own indentation for every line to stay in its block: start from
    /// the canonical indentation, and while some line would land in another block, give the lines
    /// involved back their own. (Without such lines, the canonical indentation always fits.)
    static func indentationToKeep(_ tree: SyntaxTree, errorLines: Set<Int>, only: ClosedRange<Int>?) -> Set<Int> {
        struct Line {
            var number: Int
            var parent: Int
            var own: Int
            var canonical: Int
            var fixed: Bool
        }
        var lines: [Line] = []
        func collect(_ node: SyntaxNode, parent: Int, depth: Int) {
            for child in node.childNodes {
                let number = tree.lines.line(of: child.range.lowerBound)
                let start = tree.lines.lineStarts[number]
                let own = Self.indentation(tree, from: start).filter { $0 != "\u{FEFF}" }.utf8.count  // as the parser counts it
                let fixed = child.kind == .errorLine || errorLines.contains(number) || !(only?.contains(number) ?? true)
                lines.append(Line(number: number, parent: parent, own: own, canonical: 2 * depth, fixed: fixed))
                collect(child, parent: lines.count - 1, depth: depth + 1)
            }
        }
        collect(tree.root, parent: -1, depth: 0)
        guard lines.contains(where: \.fixed) else { return [] }

        var keep = Set<Int>()  // indices into `lines`
        while true {
            var moved = Set<Int>()
            var stack: [(index: Int, indent: Int)] = []
            for (index, line) in lines.enumerated() {
                let indent = line.fixed || keep.contains(index) ? line.own : line.canonical
                while let top = stack.last, top.indent >= indent { stack.removeLast() }
                let parent = stack.last?.index ?? -1
                if parent != line.parent {
                    for candidate in [index, parent, line.parent]
                    where candidate >= 0 && !lines[candidate].fixed && !keep.contains(candidate) {
                        moved.insert(candidate)
                    }
                    if moved.isEmpty { moved = Set(lines.indices.filter { !lines[$0].fixed && !keep.contains($0) }) }
                }
                stack.append((index, indent))
            }
            if moved.isEmpty { break }
            keep.formUnion(moved)
        }
        return Set(keep.map { lines[$0].number })
    }

    /// The indentation a line was written with.
    func ownIndentation(_ line: Int) -> String {
        Self.indentation(tree, from: tree.lines.lineStarts[line]).filter { $0 != "\u{FEFF}" }
    }

    /// The run of spaces, tabs and U+FEFF (whitespace that indents nothing) at a line start.
    static func indentation(_ tree: SyntaxTree, from start: Int) -> String {
        var end = start
        let bytes = tree.bytes
        while end < bytes.count {
            if bytes[end] == 0x20 || bytes[end] == 0x09 {
                end += 1
            } else if end + 3 <= bytes.count && bytes[end] == 0xEF && bytes[end + 1] == 0xBB && bytes[end + 2] == 0xBF {
                end += 3
            } else {
                break
            }
        }
        return tree.text(start..<end)
    }

    func inScope(_ line: Int) -> Bool { only?.contains(line) ?? true }

    /// A line as written, for lines kept as they are, without U+FEFF in its indentation: the canonical
    /// form has no byte-order mark (the parser reads U+FEFF as whitespace that indents nothing).
    func lineText(_ line: Int) -> String {
        let text = tree.text(tree.lines.lineStarts[line]..<tree.lines.lineEnd(line))
        let indentation = text.prefix { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
        return indentation.filter { $0 != "\u{FEFF}" } + text.dropFirst(indentation.count)
    }

    /// Prints one source line, formatted or verbatim, after the blank lines before it.
    mutating func emit(line: Int, _ formatted: String, verbatim: Bool = false) {
        let scoped = inScope(line)
        if blankRun > 0 {
            // Blank lines: at most one in a row, none at the start of the file (only inside the scope).
            let keep = scoped ? (printedAny ? 1 : 0) : blankRun
            out += String(repeating: "\n", count: keep)
        }
        blankRun = 0
        if scoped && verbatim {
            // A line kept as written keeps its trailing blanks too: they can be part of what it says
            // (an unterminated string runs to the end of the line). A carriage return at its end keeps
            // the line's own break, which it is part of.
            // On the last line, with no break of its own, a final carriage return goes instead: before the
            // "\n" added here it would make a "\r\n", and the next formatting would drop it.
            if formatted.utf8.last != 0x0D {
                out += formatted + "\n"
            } else if line + 1 < tree.lines.lineCount {
                out += originalLine(line)
            } else {
                var text = formatted
                while text.utf8.last == 0x0D { text.removeLast() }
                out += text + "\n"
            }
        } else if scoped {
            var text = formatted
            // Trailing blanks go, a carriage return too: left before the "\n" it would make a "\r\n".
            while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
            out += text + "\n"
        } else {
            out += originalLine(line)
        }
        printedAny = true
        lastEmitted = line
    }

    /// A line as written, with its own line break ("\n", "\r\n" or none at the end of the file).
    func originalLine(_ line: Int) -> String {
        let start = tree.lines.lineStarts[line]
        let end = line + 1 < tree.lines.lineCount ? tree.lines.lineStarts[line + 1] : tree.bytes.count
        let text = tree.text(start..<end)
        // By bytes: "\r\n" is one Character, so `text.hasSuffix("\n")` is false for a CRLF line.
        return tree.bytes[start..<end].last == 0x0A ? text : text + "\n"
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
        let indentation = keepIndentation.contains(line) ? ownIndentation(line) : String(repeating: "  ", count: depth)
        if keptAsWritten { emit(line: line, lineText(line), verbatim: true) } else { emit(line: line, indentation + headerText(node)) }
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
                // `-#1 priority` is the item `#1 priority`: a space after its dash would make a comment of it.
                if token.range.lowerBound == lastEnd, tree.bytes[token.range.lowerBound] == UInt8(ascii: "#"), !parts.isEmpty {
                    parts[parts.count - 1] += tree.text(token)
                } else {
                    parts.append(tree.text(token))
                }
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
        let last = tree.lines.lineCount - 1
        if let only, !only.contains(last), tree.bytes.last != 0x0A {
            if lastEmitted == last {
                if out.utf8.last == 0x0A {
                    // Outside the scope, even a missing final newline stays missing.
                    out = String(decoding: out.utf8.dropLast(), as: UTF8.self)
                }
            } else {
                // A last line of blanks, with no newline to print it.
                out += tree.text(tree.lines.lineStarts[last]..<tree.bytes.count)
            }
        }
    }
}

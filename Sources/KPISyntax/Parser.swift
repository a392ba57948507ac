// Parses a KPI plan into a lossless tree. Parsing never fails: a line it cannot read becomes an
// `errorLine` node (keeping every byte) plus an error, and the next line is read as usual, so one
// typo never hides the rest of the file. Blocks are opened by indentation: a line belongs to the
// nearest line above it that is less indented.

public enum Parser {
    /// Whether a text is a valid KPI id (the rule the parser applies after `kpi`).
    public static func isValidIdentifier(_ id: String) -> Bool { ParserState.isValidIdentifier(Substring(id)) }

    public static func parse(_ text: String) -> SyntaxTree {
        parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes: [UInt8]) -> SyntaxTree {
        var state = ParserState(bytes: bytes)
        var builder = TreeBuilder(reserving: bytes.count)
        state.parseLines(from: 0, to: bytes.count, into: &builder)
        return SyntaxTree(bytes: bytes, storage: builder.finish(byteCount: bytes.count), errors: state.errors)
    }

    /// The top-level nodes and tokens and the errors of the lines in `bytes[start..<end]`, with
    /// offsets into `bytes`, under a root of their own. `start` must be the start of the file or of
    /// a line that starts a top-level block (`Reparse.swift` relies on this).
    static func parseLines(_ bytes: [UInt8], from start: Int, to end: Int) -> (tree: TreeBuilder, errors: [SyntaxError]) {
        var state = ParserState(bytes: bytes)
        var builder = TreeBuilder(reserving: end - start)
        state.parseLines(from: start, to: end, into: &builder)
        builder.closeRoot()
        return (builder, state.errors)
    }
}

/// The arrays of a `TreeStorage` while the parser fills them. Nodes are appended when their line
/// is read (so in preorder) and completed when a less indented line closes them.
struct TreeBuilder {
    var tokens: [SyntaxToken] = []
    var nodes: [NodeRecord] = [NodeRecord(kind: .sourceFile, firstToken: 0, endToken: 0, next: 0)]

    init(reserving byteCount: Int) {
        // Sized from typical plans (about 5.5 bytes a token, 28 a line): most files fill them
        // without growing, and a file unlike them still grows as it needs.
        tokens.reserveCapacity(byteCount / 5)
        nodes.reserveCapacity(byteCount / 24 + 1)
    }

    mutating func open(_ kind: NodeKind, firstToken: Int) -> Int {
        nodes.append(NodeRecord(kind: kind, firstToken: firstToken, endToken: 0, next: 0))
        return nodes.count - 1
    }

    mutating func close(_ node: Int, endToken: Int) {
        nodes[node].endToken = UInt32(truncatingIfNeeded: endToken)
        nodes[node].next = UInt32(truncatingIfNeeded: nodes.count)
    }

    mutating func closeRoot() { close(0, endToken: tokens.count) }

    consuming func finish(byteCount: Int) -> TreeStorage {
        closeRoot()
        return TreeStorage(tokens: tokens, nodes: nodes, byteCount: byteCount)
    }
}

/// A node whose lines are still being read.
private struct OpenNode {
    let node: Int
    let kind: NodeKind
    let indent: Int
}

private struct ParserState {
    let bytes: [UInt8]
    var errors: [SyntaxError] = []
    /// The indices of a line's content tokens, reused from line to line.
    private var contentScratch: [Int] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses the lines of `bytes[start..<count]` as top-level content: the root's children.
    mutating func parseLines(from start: Int, to count: Int, into tree: inout TreeBuilder) {
        // Lines are scanned through a pointer: no bounds check on every byte. (A copy of the
        // array, so that `self` can record errors meanwhile.)
        let bytes = self.bytes
        bytes.withUnsafeBufferPointer { parseLines($0, from: start, to: count, into: &tree) }
    }

    private mutating func parseLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to count: Int, into tree: inout TreeBuilder) {
        // Tokens go straight to the tree's array; classifying a line re-kinds, splits and merges
        // its tokens at the end of it. Blank lines are in the array before the next line with
        // content decides which node they belong to: the one left open for that line, so the
        // nodes it closes end where the blank lines start.
        var open: [OpenNode] = [OpenNode(node: 0, kind: .sourceFile, indent: -1)]
        var blankLinesStart = -1  // the first token of the blank lines since the last line with content
        var lineStart = start

        while lineStart < count {
            // Find the end of this line and its newline token.
            var contentEnd = lineStart
            while contentEnd < count && bytes[contentEnd] != 0x0A { contentEnd += 1 }
            var lineEnd = contentEnd
            var newlineStart = contentEnd
            if contentEnd < count {
                lineEnd = contentEnd + 1
                if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { newlineStart = contentEnd - 1 }
            } else if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D {
                // A carriage return that ends the file ends its last line, as "\r\n" would: it is not
                // part of a comment, a string or a value (`kpi fmt` writes it as "\n").
                newlineStart = contentEnd - 1
            }
            let lineFirst = tree.tokens.count
            let line = lex(bytes, lineStart, newlineStart, into: &tree.tokens)
            if newlineStart < lineEnd { tree.tokens.append(SyntaxToken(kind: .newline, range: newlineStart..<lineEnd)) }

            if line.isBlank {
                if blankLinesStart < 0 { blankLinesStart = lineFirst }
            } else {
                let closedEnd = blankLinesStart < 0 ? lineFirst : blankLinesStart
                while open[open.count - 1].indent >= line.indent { tree.close(open.removeLast().node, endToken: closedEnd) }
                blankLinesStart = -1
                let kind = classify(&tree.tokens, from: lineFirst, parent: open[open.count - 1].kind, line: line)
                open.append(OpenNode(node: tree.open(kind, firstToken: lineFirst), kind: kind, indent: line.indent))
            }
            lineStart = lineEnd
        }
        let closedEnd = blankLinesStart < 0 ? tree.tokens.count : blankLinesStart
        while open.count > 1 { tree.close(open.removeLast().node, endToken: closedEnd) }
    }

    struct Line {
        var indent: Int
        var isBlank: Bool
    }

    /// Splits one line (without its newline) into whitespace, words, strings, colons and a comment,
    /// appended to `tokens`.
    mutating func lex(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into tokens: inout [SyntaxToken]) -> Line {
        /// U+FEFF in UTF-8 at `i`.
        func isZeroWidthSpace(_ i: Int) -> Bool {
            i + 3 <= end && bytes[i] == 0xEF && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF
        }
        // The ASCII bytes that end a word, as bits: tab, carriage return, space and `"`. Not `#`:
        // a comment starts only where a token would (`Head of C# Platform` keeps its `C#`).
        let wordEnds: UInt64 = 1 << 0x09 | 1 << 0x0D | 1 << 0x20 | 1 << 0x22
        var i = start
        // U+FEFF (a byte-order mark, or a zero-width no-break space anywhere) is whitespace that indents nothing.
        var marks = 0
        while i < end {
            if bytes[i] == 0x20 || bytes[i] == 0x09 {
                i += 1
            } else if isZeroWidthSpace(i) {
                i += 3
                marks += 3
            } else {
                break
            }
        }
        if i > start { tokens.append(SyntaxToken(kind: .whitespace, range: start..<i)) }
        let indent = i - start - marks
        var hasContent = false
        while i < end {
            let byte = bytes[i]
            let tokenStart = i
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || isZeroWidthSpace(i) {
                while i < end {
                    if bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D {
                        i += 1
                    } else if isZeroWidthSpace(i) {
                        i += 3
                    } else {
                        break
                    }
                }
                tokens.append(SyntaxToken(kind: .whitespace, range: tokenStart..<i))
            } else if byte == UInt8(ascii: "#") {
                tokens.append(SyntaxToken(kind: .comment, range: tokenStart..<end))
                i = end
            } else if byte == UInt8(ascii: "\"") {
                i += 1
                while i < end && bytes[i] != UInt8(ascii: "\"") { i += 1 }
                if i < end {
                    i += 1
                } else {
                    errors.append(SyntaxError(message: "unterminated string: add the closing `\"`", range: tokenStart..<end))
                }
                tokens.append(SyntaxToken(kind: .string, range: tokenStart..<i))
                hasContent = true
            } else {
                while i < end {
                    let b = bytes[i]
                    if b < 64 ? wordEnds & (1 << UInt64(b)) != 0 : b == 0xEF && isZeroWidthSpace(i) { break }
                    i += 1
                }
                tokens.append(SyntaxToken(kind: .word, range: tokenStart..<i))
                hasContent = true
            }
        }
        return Line(indent: indent, isBlank: !hasContent)
    }

    private func text(_ token: SyntaxToken) -> Substring {
        Substring(decoding: bytes[token.range], as: UTF8.self)
    }

    private func isWord(_ token: SyntaxToken, _ literal: String) -> Bool {
        token.kind == .word && bytes[token.range].elementsEqual(literal.utf8)
    }

    /// Decides what a line is from its place and first tokens, re-kinding its tokens (those from
    /// `lineFirst` to the end of `tokens`) in place.
    mutating func classify(_ tokens: inout [SyntaxToken], from lineFirst: Int, parent: NodeKind, line: Line) -> NodeKind {
        contentScratch.removeAllKeepingCapacity()
        for index in lineFirst..<tokens.count
        where tokens[index].kind != .whitespace && tokens[index].kind != .comment && tokens[index].kind != .newline {
            contentScratch.append(index)
        }
        let content = contentScratch
        guard let first = content.first else { return .errorLine }

        if parent == .sourceFile {
            let head = tokens[first]
            if isWord(head, "plan") || isWord(head, "use") || isWord(head, "kpi") {
                tokens[first] = SyntaxToken(kind: .keyword, range: head.range)
                return header(&tokens, content: content)
            }
            if line.indent > 0 {
                error("this line is indented but no block is open above it", content, tokens)
            } else {
                error("expected `plan`, `use` or `kpi` at the start of a top-level line", content, tokens)
            }
            return .errorLine
        }

        // Inside a block: a list item, a `key: value` line, or a bare flag.
        let head = tokens[first]
        if head.kind == .word && bytes[head.range.lowerBound] == UInt8(ascii: "-") {
            if head.range.count == 1 {
                tokens[first] = SyntaxToken(kind: .dash, range: head.range)
                return .listItem
            }
            // "-text": split the dash from the text so both stay addressable.
            let dash = SyntaxToken(kind: .dash, range: head.range.lowerBound..<head.range.lowerBound + 1)
            let rest = SyntaxToken(kind: .word, range: head.range.lowerBound + 1..<head.range.upperBound)
            if bytes[rest.range.lowerBound] != UInt8(ascii: "$") && !(0x30...0x39).contains(bytes[rest.range.lowerBound]) {
                tokens.replaceSubrange(first...first, with: [dash, rest])
                return .listItem
            }
        }
        if splitKey(&tokens, content: content) {
            return .field
        }
        if content.count == 1 && tokens[first].kind == .word {
            return .flag
        }
        if isWord(head, "kpi") || isWord(head, "plan") || isWord(head, "use") {
            error("`\(text(head))` must start at the beginning of a line (it is indented here)", content, tokens)
        } else {
            error("expected `field: value`, `- item` or a flag like `top-level`", content, tokens)
        }
        return .errorLine
    }

    /// Re-kinds `kpi id "Title"`, `plan "Name"`, `use "path"` and reports what is missing or extra.
    mutating func header(_ tokens: inout [SyntaxToken], content: [Int]) -> NodeKind {
        let keyword = text(tokens[content[0]])
        let rest = content.dropFirst()
        switch keyword {
        case "kpi":
            guard let idIndex = rest.first, tokens[idIndex].kind == .word else {
                let at = tokens[content[0]].range
                errors.append(SyntaxError(message: "expected a KPI id after `kpi`, like `kpi mrr \"Grow MRR\"`", range: at))
                return .kpiDecl
            }
            tokens[idIndex] = SyntaxToken(kind: .identifier, range: tokens[idIndex].range)
            if !Self.isValidIdentifier(bytes: bytes[tokens[idIndex].range]) {
                let id = text(tokens[idIndex])
                errors.append(
                    SyntaxError(
                        message: "`\(id)` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter",
                        range: tokens[idIndex].range))
            }
            let extra = rest.dropFirst()
            if let titleIndex = extra.first {
                if tokens[titleIndex].kind != .string {
                    let range = tokens[titleIndex].range.lowerBound..<tokens[extra.last!].range.upperBound
                    errors.append(SyntaxError(message: "the title must be in double quotes: `\"…\"`", range: range))
                } else if extra.count > 1 {
                    let range = tokens[extra[extra.startIndex + 1]].range.lowerBound..<tokens[extra.last!].range.upperBound
                    errors.append(SyntaxError(message: "unexpected text after the title", range: range))
                }
            }
            return .kpiDecl
        default:
            let kind: NodeKind = keyword == "plan" ? .planDecl : .useDecl
            guard let valueIndex = rest.first, tokens[valueIndex].kind == .string else {
                let what =
                    keyword == "plan"
                    ? "the plan's name in double quotes, like `plan \"Acme FY2027\"`"
                    : "a file path in double quotes, like `use \"company.kpi\"`"
                let range =
                    rest.isEmpty ? tokens[content[0]].range : tokens[rest.first!].range.lowerBound..<tokens[rest.last!].range.upperBound
                errors.append(SyntaxError(message: "expected \(what)", range: range))
                return kind
            }
            if rest.count > 1 {
                let range = tokens[rest[rest.startIndex + 1]].range.lowerBound..<tokens[rest.last!].range.upperBound
                errors.append(
                    SyntaxError(message: "unexpected text after \(keyword == "plan" ? "the plan's name" : "the path")", range: range))
            }
            return kind
        }
    }

    /// Finds `key:` at the start of the line (the first colon followed by a blank or the end of the
    /// line, outside strings) and turns what is before it into one key token and a colon token.
    mutating func splitKey(_ tokens: inout [SyntaxToken], content: [Int]) -> Bool {
        for (position, index) in content.enumerated() {
            let token = tokens[index]
            guard token.kind == .word else { return false }
            let range = token.range
            // The colon must be at the end of a word, or a word of its own.
            guard bytes[range.upperBound - 1] == UInt8(ascii: ":") else {
                if position >= 3 { return false }  // keys are short: `Q3 2027:` is the longest
                continue
            }
            let keyStart = tokens[content[0]].range.lowerBound
            let colonStart = range.upperBound - 1
            var keyEnd = colonStart
            while keyEnd > keyStart && (bytes[keyEnd - 1] == 0x20 || bytes[keyEnd - 1] == 0x09) { keyEnd -= 1 }
            guard keyEnd > keyStart else { return false }
            // The key's words become one key token, in place (no array made for the few replacements).
            let first = content[0]
            if index > first { tokens.removeSubrange((first + 1)...index) }
            tokens[first] = SyntaxToken(kind: .key, range: keyStart..<keyEnd)
            var next = first + 1
            if keyEnd < colonStart {
                tokens.insertNearEnd(SyntaxToken(kind: .whitespace, range: keyEnd..<colonStart), at: next)
                next += 1
            }
            tokens.insertNearEnd(SyntaxToken(kind: .colon, range: colonStart..<range.upperBound), at: next)
            return true
        }
        return false
    }

    mutating func error(_ message: String, _ content: [Int], _ tokens: [SyntaxToken]) {
        let range = tokens[content.first!].range.lowerBound..<tokens[content.last!].range.upperBound
        errors.append(SyntaxError(message: message, range: range))
    }

    /// A KPI id: letters, digits, `-`, `_` and `.`, starting with a letter.
    public static func isValidIdentifier(_ id: Substring) -> Bool {
        asciiIdentifierValidity(id.utf8) ?? unicodeIdentifierValidity(id)
    }

    /// `isValidIdentifier` on the id's bytes in the file: no String made for an ASCII id.
    static func isValidIdentifier(bytes: ArraySlice<UInt8>) -> Bool {
        asciiIdentifierValidity(bytes) ?? unicodeIdentifierValidity(Substring(decoding: bytes, as: UTF8.self))
    }

    /// Most ids are ASCII: decided on bytes, without Unicode property look-ups; nil past ASCII.
    private static func asciiIdentifierValidity(_ id: some Collection<UInt8>) -> Bool? {
        var valid = !id.isEmpty
        for (index, byte) in id.enumerated() {
            if byte >= 0x80 { return nil }
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if index == 0
                ? !letter
                : !(letter || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "."))
            {
                valid = false
            }
        }
        return valid
    }

    private static func unicodeIdentifierValidity(_ id: Substring) -> Bool {
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}

extension Array {
    /// Inserts an element a few places from the end (a token into the line being classified),
    /// moving those few up by hand: `insert(_:at:)` goes through the general `replaceSubrange`.
    mutating func insertNearEnd(_ element: Element, at index: Int) {
        append(element)
        withUnsafeMutableBufferPointer { elements in
            var position = elements.count - 1
            while position > index {
                elements[position] = elements[position - 1]
                position -= 1
            }
            elements[index] = element
        }
    }

    /// Removes every element and keeps the storage, for the buffers reused from line to line:
    /// `removeAll(keepingCapacity: true)` goes through the general `replaceSubrange`, which cost
    /// more than the few elements a line has.
    mutating func removeAllKeepingCapacity() {
        while !isEmpty { removeLast() }
    }
}

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
        let children = state.parseLines(from: 0, to: bytes.count)
        return SyntaxTree(bytes: bytes, root: SyntaxNode(kind: .sourceFile, range: 0..<bytes.count, children: children),
                          errors: state.errors)
    }

    /// The top-level elements and errors of the lines in `bytes[start..<end]`, with offsets into
    /// `bytes`. `start` must be the start of the file or of a line that starts a top-level block
    /// (`Reparse.swift` relies on this).
    static func parseLines(_ bytes: [UInt8], from start: Int, to end: Int) -> (children: [SyntaxElement], errors: [SyntaxError]) {
        var state = ParserState(bytes: bytes)
        let children = state.parseLines(from: start, to: end)
        return (children, state.errors)
    }
}

/// A node whose lines are still being read: its children so far are `elements[firstChild...]`.
private struct OpenNode {
    let kind: NodeKind
    let indent: Int
    let firstChild: Int
}

private struct ParserState {
    let bytes: [UInt8]
    var errors: [SyntaxError] = []
    /// The indices of a line's content tokens, reused from line to line.
    private var contentScratch: [Int] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses the lines of `bytes[start..<count]` as top-level content: the root's children.
    mutating func parseLines(from start: Int, to count: Int) -> [SyntaxElement] {
        // Lines are scanned through a pointer: no bounds check on every byte. (A copy of the
        // array, so that `self` can record errors meanwhile.)
        let bytes = self.bytes
        return bytes.withUnsafeBufferPointer { parseLines($0, from: start, to: count) }
    }

    private mutating func parseLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to count: Int) -> [SyntaxElement] {
        // The children of every open node sit end to end in one array, innermost last: a node's
        // children array is made once, at its size, when it closes (not grown child by child),
        // and a line's tokens go to one buffer reused from line to line.
        var open: [OpenNode] = [OpenNode(kind: .sourceFile, indent: -1, firstChild: 0)]
        var elements: [SyntaxElement] = []
        var tokens: [SyntaxToken] = []
        var pendingTrivia: [SyntaxToken] = []
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
            }
            tokens.removeAllKeepingCapacity()
            let line = lex(bytes, lineStart, newlineStart, into: &tokens)
            if newlineStart < lineEnd { tokens.append(SyntaxToken(kind: .newline, range: newlineStart..<lineEnd)) }

            if line.isBlank {
                pendingTrivia.append(contentsOf: tokens)
            } else {
                while open[open.count - 1].indent >= line.indent { close(&open, &elements) }
                let parentKind = open[open.count - 1].kind
                for token in pendingTrivia { elements.append(.token(token)) }
                pendingTrivia.removeAllKeepingCapacity()
                let kind = classify(&tokens, parent: parentKind, line: line)
                open.append(OpenNode(kind: kind, indent: line.indent, firstChild: elements.count))
                for token in tokens { elements.append(.token(token)) }
            }
            lineStart = lineEnd
        }
        while open.count > 1 { close(&open, &elements) }
        for token in pendingTrivia { elements.append(.token(token)) }
        return elements
    }

    /// Closes the innermost open node: its children leave `elements` and the node takes their place.
    private func close(_ open: inout [OpenNode], _ elements: inout [SyntaxElement]) {
        let closing = open.removeLast()
        // Element by element: `Array(elements[closing.firstChild...])` and `removeSubrange` went
        // through the runtime's generic copy and destroy, slower for these few elements.
        var children: [SyntaxElement] = []
        children.reserveCapacity(elements.count - closing.firstChild)
        for index in closing.firstChild..<elements.count { children.append(elements[index]) }
        while elements.count > closing.firstChild { elements.removeLast() }
        let lower = children.first?.range.lowerBound ?? 0
        let upper = children.last?.range.upperBound ?? lower
        elements.append(.node(SyntaxNode(kind: closing.kind, range: lower..<upper, children: children)))
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
        // The ASCII bytes that end a word, as bits: tab, carriage return, space, `"` and `#`.
        let wordEnds: UInt64 = 1 << 0x09 | 1 << 0x0D | 1 << 0x20 | 1 << 0x22 | 1 << 0x23
        var i = start
        // U+FEFF (a byte-order mark, or a zero-width no-break space anywhere) is whitespace that indents nothing.
        var marks = 0
        while i < end {
            if bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } else if isZeroWidthSpace(i) { i += 3; marks += 3 } else { break }
        }
        if i > start { tokens.append(SyntaxToken(kind: .whitespace, range: start..<i)) }
        let indent = i - start - marks
        var hasContent = false
        while i < end {
            let byte = bytes[i]
            let tokenStart = i
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || isZeroWidthSpace(i) {
                while i < end {
                    if bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 } else if isZeroWidthSpace(i) { i += 3 } else { break }
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

    /// Decides what a line is from its place and first tokens, re-kinding its tokens in place.
    mutating func classify(_ tokens: inout [SyntaxToken], parent: NodeKind, line: Line) -> NodeKind {
        contentScratch.removeAllKeepingCapacity()
        for index in tokens.indices where tokens[index].kind != .whitespace && tokens[index].kind != .comment && tokens[index].kind != .newline {
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
            let id = text(tokens[idIndex])
            if !Self.isValidIdentifier(id) {
                errors.append(SyntaxError(message: "`\(id)` is not a valid KPI id: use letters, digits, `-`, `_` and `.`, starting with a letter", range: tokens[idIndex].range))
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
                let what = keyword == "plan" ? "the plan's name in double quotes, like `plan \"Acme FY2027\"`" : "a file path in double quotes, like `use \"company.kpi\"`"
                let range = rest.isEmpty ? tokens[content[0]].range : tokens[rest.first!].range.lowerBound..<tokens[rest.last!].range.upperBound
                errors.append(SyntaxError(message: "expected \(what)", range: range))
                return kind
            }
            if rest.count > 1 {
                let range = tokens[rest[rest.startIndex + 1]].range.lowerBound..<tokens[rest.last!].range.upperBound
                errors.append(SyntaxError(message: "unexpected text after \(keyword == "plan" ? "the plan's name" : "the path")", range: range))
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
                tokens.insert(SyntaxToken(kind: .whitespace, range: keyEnd..<colonStart), at: next)
                next += 1
            }
            tokens.insert(SyntaxToken(kind: .colon, range: colonStart..<range.upperBound), at: next)
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
        // Most ids are ASCII: decided on bytes, without Unicode property look-ups.
        var ascii = true
        var valid = !id.utf8.isEmpty
        for (index, byte) in id.utf8.enumerated() {
            if byte >= 0x80 { ascii = false; break }
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if index == 0 ? !letter : !(letter || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")) {
                valid = false
            }
        }
        if ascii { return valid }
        guard let first = id.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}

extension Array {
    /// Removes every element and keeps the storage, for the buffers reused from line to line:
    /// `removeAll(keepingCapacity: true)` goes through the general `replaceSubrange`, which cost
    /// more than the few elements a line has.
    mutating func removeAllKeepingCapacity() {
        while !isEmpty { removeLast() }
    }
}

// The lossless syntax tree of a KPI plan file: every byte of the file, comments and
// whitespace included, belongs to exactly one token, so printing the tree gives the file back.
// Offsets are UTF-8 byte offsets into the file's bytes.

/// The kinds of tokens. The parser decides the kind from the token's place on its line.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    case whitespace   // spaces and tabs, including indentation
    case newline      // "\n" or "\r\n"
    case comment      // "#" to the end of the line
    case keyword      // `plan`, `use`, `kpi` at the start of a line
    case identifier   // the id after `kpi`
    case key          // the key of a `key: value` line
    case colon
    case dash         // the `-` of a list item
    case word         // a run of non-blank characters in a value
    case string       // "…" (possibly unterminated: then the parser reports it)
    case unknown      // bytes the parser could not place (reported as a syntax error)
}

/// The kinds of nodes.
public enum NodeKind: UInt8, Sendable, CaseIterable {
    case sourceFile
    case planDecl    // plan "Name" + its indented settings
    case useDecl     // use "file.kpi"
    case kpiDecl     // kpi id "Title" + its indented fields
    case field       // key: value + indented child lines (list items, dated entries)
    case flag        // a bare word on its own line, like `top-level`
    case listItem    // - text
    case errorLine   // a line the parser could not read; kept whole
}

public struct SyntaxToken: Sendable, Hashable {
    // Offsets in 32 bits (files are read up to 256 MB): a token takes 12 bytes instead of 24, and the
    // token arrays are most of a workspace's memory.
    private let start: UInt32
    private let length: UInt32
    public let kind: TokenKind
    public var range: Range<Int> { Int(start)..<(Int(start) + Int(length)) }
    public init(kind: TokenKind, range: Range<Int>) {
        self.kind = kind
        start = UInt32(truncatingIfNeeded: range.lowerBound)
        length = UInt32(truncatingIfNeeded: range.count)
    }
}

public enum SyntaxElement: Sendable {
    case node(SyntaxNode)
    case token(SyntaxToken)

    public var range: Range<Int> {
        switch self {
        case .node(let node): node.range
        case .token(let token): token.range
        }
    }
}

public final class SyntaxNode: Sendable {
    public let kind: NodeKind
    public let range: Range<Int>
    public let children: [SyntaxElement]

    public init(kind: NodeKind, range: Range<Int>, children: [SyntaxElement]) {
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// Direct child tokens, in order.
    public var tokens: [SyntaxToken] {
        children.compactMap { if case .token(let t) = $0 { t } else { nil } }
    }

    /// Direct child nodes, in order.
    public var childNodes: [SyntaxNode] {
        children.compactMap { if case .node(let n) = $0 { n } else { nil } }
    }

    /// The first direct child token of a kind.
    public func firstToken(_ kind: TokenKind) -> SyntaxToken? {
        for case .token(let token) in children where token.kind == kind { return token }
        return nil
    }

    /// The tokens of this node's own line (its header), without indentation, comment or newline.
    public var lineTokens: [SyntaxToken] {
        var result: [SyntaxToken] = []
        result.reserveCapacity(children.count)   // one allocation, not one per doubling
        for child in children {
            guard case .token(let token) = child else { break }
            if token.kind == .newline { break }
            if token.kind != .whitespace && token.kind != .comment { result.append(token) }
        }
        return result
    }

    /// The value tokens of a `key: value` line: everything after the colon on the header line.
    public var valueTokens: [SyntaxToken] {
        var result: [SyntaxToken] = []
        result.reserveCapacity(children.count)   // one allocation, not one per doubling
        var afterColon = kind != .field
        for child in children {
            guard case .token(let token) = child else { break }
            if token.kind == .newline { break }
            if token.kind == .colon && !afterColon { afterColon = true; continue }
            if afterColon && token.kind != .whitespace && token.kind != .comment { result.append(token) }
        }
        return result
    }

    /// The comment at the end of this node's own line, if any.
    public var lineComment: SyntaxToken? {
        for child in children {
            guard case .token(let token) = child else { break }
            if token.kind == .newline { break }
            if token.kind == .comment { return token }
        }
        return nil
    }

    /// The range of the header line's content (from its first to its last non-blank token).
    public var lineContentRange: Range<Int> {
        var first: SyntaxToken?, last: SyntaxToken?
        for child in children {
            guard case .token(let token) = child, token.kind != .newline else { break }
            if token.kind != .whitespace && token.kind != .comment {
                if first == nil { first = token }
                last = token
            }
        }
        guard let first, let last else { return range.lowerBound..<range.lowerBound }
        return first.range.lowerBound..<last.range.upperBound
    }

    /// Visits every token of the subtree in source order.
    public func forEachToken(_ body: (SyntaxToken) -> Void) {
        for child in children {
            switch child {
            case .token(let token): body(token)
            case .node(let node): node.forEachToken(body)
            }
        }
    }
}

/// A problem the parser found. The tree still holds every byte of the line.
public struct SyntaxError: Sendable, Hashable {
    public let message: String
    public let range: Range<Int>
    public init(message: String, range: Range<Int>) {
        self.message = message
        self.range = range
    }
}

/// A parsed file: its bytes, its tree, the parser's errors, and its line index.
public struct SyntaxTree: Sendable {
    public let bytes: [UInt8]
    public let root: SyntaxNode
    public let errors: [SyntaxError]
    public let lines: LineIndex

    public init(bytes: [UInt8], root: SyntaxNode, errors: [SyntaxError]) {
        self.bytes = bytes
        self.root = root
        self.errors = errors
        self.lines = LineIndex(bytes)
    }

    /// The text of a range, decoded leniently (invalid UTF-8 becomes U+FFFD).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    public func text(_ token: SyntaxToken) -> String { text(token.range) }

    /// Prints the tree back to bytes: the concatenation of every token.
    public func printed() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        root.forEachToken { out.append(contentsOf: bytes[$0.range]) }
        return out
    }

    /// The deepest token that contains `offset` (or ends at it, for a cursor after a word).
    public func token(at offset: Int) -> SyntaxToken? {
        var found: SyntaxToken?
        /// True once the search is over.
        func visit(_ node: SyntaxNode) -> Bool {
            for child in node.children {
                let r = child.range
                guard r.lowerBound <= offset && offset <= r.upperBound else { continue }
                switch child {
                case .token(let token):
                    if token.range.contains(offset) {
                        // Blank space right after a word: the cursor is "after the word", so the word wins.
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
        _ = visit(root)
        return found
    }

    /// The chain of nodes containing `offset`, outermost first.
    public func nodePath(at offset: Int) -> [SyntaxNode] {
        var path: [SyntaxNode] = [root]
        var current = root
        while true {
            var next: SyntaxNode?
            for case .node(let child) in current.children
            where child.range.lowerBound <= offset && (offset < child.range.upperBound || (offset == child.range.upperBound && offset == bytes.count)) {
                next = child
                break
            }
            guard let n = next else { return path }
            path.append(n)
            current = n
        }
    }

    /// A readable dump of the tree, for golden tests and debugging.
    public func debugDescription() -> String {
        var out = ""
        func visit(_ node: SyntaxNode, _ depth: Int) {
            out += String(repeating: "  ", count: depth) + "\(node.kind)@\(node.range.lowerBound)..\(node.range.upperBound)\n"
            for child in node.children {
                switch child {
                case .node(let inner): visit(inner, depth + 1)
                case .token(let token):
                    let escaped = text(token).unicodeScalars.map { scalar -> String in
                        switch scalar {
                        case "\n": "\\n"
                        case "\r": "\\r"
                        case "\t": "\\t"
                        case "\"": "\\\""
                        case "\\": "\\\\"
                        default: String(scalar)
                        }
                    }.joined()
                    out += String(repeating: "  ", count: depth + 1) + "\(token.kind)@\(token.range.lowerBound)..\(token.range.upperBound) \"\(escaped)\"\n"
                }
            }
        }
        visit(root, 0)
        for error in errors {
            out += "error@\(error.range.lowerBound)..\(error.range.upperBound): \(error.message)\n"
        }
        return out
    }
}

// The lossless syntax tree of a KPI plan file: every byte of the file, comments and
// whitespace included, belongs to exactly one token, so printing the tree gives the file back.
// Offsets are UTF-8 byte offsets into the file's bytes.

/// The kinds of tokens. The parser decides the kind from the token's place on its line.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    case whitespace  // spaces and tabs, including indentation
    case newline  // "\n", "\r\n", or a "\r" that ends the file
    case comment  // "#" to the end of the line
    case keyword  // `plan`, `use`, `kpi` at the start of a line
    case identifier  // the id after `kpi`
    case key  // the key of a `key: value` line
    case colon
    case dash  // the `-` of a list item
    case word  // a run of non-blank characters in a value
    case string  // "…" (possibly unterminated: then the parser reports it)
    case unknown  // bytes the parser could not place (reported as a syntax error)
}

/// The kinds of nodes.
public enum NodeKind: UInt8, Sendable, CaseIterable {
    case sourceFile
    case planDecl  // plan "Name" + its indented settings
    case useDecl  // use "file.kpi"
    case kpiDecl  // kpi id "Title" + its indented fields
    case field  // key: value + indented child lines (list items, dated entries)
    case flag  // a bare word on its own line, like `top-level`
    case listItem  // - text
    case errorLine  // a line the parser could not read; kept whole
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

/// The nodes and tokens of one parsed file, in flat arrays: a file's tree is three allocations,
/// not one object and one array per line (at 100,000 KPIs that was 2.6 million heap objects, and
/// allocating, retaining and freeing them was a third of `kpi check`). Tokens are in source order;
/// nodes are in preorder (a node, then its subtree), the root first. A node's tokens, its own and
/// its descendants', are one run of `tokens`, and its descendants are one run of `nodes`, so a
/// node's children are found by walking both runs side by side. Nothing recurses: a tree nested
/// 10,000 levels deep is walked and freed like a flat one.
///
/// Trees from different parses have different storages: `===` tells whether two trees are one parse.
public final class TreeStorage: Sendable {
    let tokens: [SyntaxToken]
    let nodes: [NodeRecord]
    let byteCount: Int

    init(tokens: [SyntaxToken], nodes: [NodeRecord], byteCount: Int) {
        self.tokens = tokens
        self.nodes = nodes
        self.byteCount = byteCount
    }

    var root: SyntaxNode { SyntaxNode(storage: self, index: 0) }
}

/// One node: its kind, its run of tokens, and where its subtree ends in the node array.
/// (16 bytes; the byte range comes from the first and last token.)
struct NodeRecord: Sendable {
    /// The index of the node's first token.
    var firstToken: UInt32
    /// The index after the node's last token.
    var endToken: UInt32
    /// The index after the node's subtree: its next sibling, or where its parent's subtree ends.
    var next: UInt32
    var kind: NodeKind

    init(kind: NodeKind, firstToken: Int, endToken: Int, next: Int) {
        self.kind = kind
        self.firstToken = UInt32(truncatingIfNeeded: firstToken)
        self.endToken = UInt32(truncatingIfNeeded: endToken)
        self.next = UInt32(truncatingIfNeeded: next)
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
    /// The nodes and tokens; its identity is the parse's (`===`).
    public let storage: TreeStorage
    public let errors: [SyntaxError]
    public let lines: LineIndex

    init(bytes: [UInt8], storage: TreeStorage, errors: [SyntaxError], lines: LineIndex? = nil) {
        self.bytes = bytes
        self.storage = storage
        self.errors = errors
        self.lines = lines ?? LineIndex(bytes)
    }

    /// The same file without its nodes and tokens: its bytes, lines and errors only, for a caller
    /// done with the syntax (`kpi check` once a file is read into the model: the tokens are most
    /// of a parsed file's memory). Its root has no children, and printing it gives nothing.
    public func withoutSyntax() -> SyntaxTree {
        let root = NodeRecord(kind: .sourceFile, firstToken: 0, endToken: 0, next: 1)
        return SyntaxTree(
            bytes: bytes, storage: TreeStorage(tokens: [], nodes: [root], byteCount: bytes.count), errors: errors, lines: lines)
    }

    public var root: SyntaxNode { storage.root }

    /// The text of a range, decoded leniently (invalid UTF-8 becomes U+FFFD).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    public func text(_ token: SyntaxToken) -> String { text(token.range) }

    /// Prints the tree back to bytes: the concatenation of every token.
    public func printed() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for token in storage.tokens { out.append(contentsOf: bytes[token.range]) }
        return out
    }

    /// The deepest token that contains `offset` (or ends at it, for a cursor after a word).
    /// Tokens split the file end to end in source order: a binary search finds the one holding
    /// `offset`, and the one before it when it ends there.
    public func token(at offset: Int) -> SyntaxToken? {
        let tokens = storage.tokens
        var low = 0
        var high = tokens.count  // the first token ending after `offset`
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].range.upperBound <= offset { low = middle + 1 } else { high = middle }
        }
        var found: SyntaxToken?
        if low > 0 {
            let before = tokens[low - 1]
            if before.range.upperBound == offset && before.kind != .whitespace && before.kind != .newline { found = before }
        }
        if low < tokens.count && tokens[low].range.contains(offset) {
            let token = tokens[low]
            // Blank space right after a word: the cursor is "after the word", so the word wins.
            let isBlank = token.kind == .whitespace || token.kind == .newline
            if !(isBlank && found != nil) { found = token }
        }
        return found
    }

    /// The chain of nodes containing `offset`, outermost first.
    public func nodePath(at offset: Int) -> [SyntaxNode] {
        var path: [SyntaxNode] = [root]
        var current = root
        while true {
            var next: SyntaxNode?
            for child in current.childNodes
            where child.range.lowerBound <= offset
                && (offset < child.range.upperBound || (offset == child.range.upperBound && offset == bytes.count))
            {
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
        // Tokens and nodes in one pass, in source order; `ends` holds the end token of each open node.
        let tokens = storage.tokens
        let nodes = storage.nodes
        var ends: [Int] = []
        var node = 0
        func openNodes(at token: Int) {
            while let end = ends.last, end <= token { ends.removeLast() }
            while node < nodes.count && Int(nodes[node].firstToken) == token {
                let view = SyntaxNode(storage: storage, index: node)
                out += String(repeating: "  ", count: ends.count) + "\(view.kind)@\(view.range.lowerBound)..\(view.range.upperBound)\n"
                ends.append(Int(nodes[node].endToken))
                node += 1
            }
        }
        for index in tokens.indices {
            openNodes(at: index)
            let token = tokens[index]
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
            out +=
                String(repeating: "  ", count: ends.count)
                + "\(token.kind)@\(token.range.lowerBound)..\(token.range.upperBound) \"\(escaped)\"\n"
        }
        openNodes(at: tokens.count)  // the root of an empty file
        for error in errors {
            out += "error@\(error.range.lowerBound)..\(error.range.upperBound): \(error.message)\n"
        }
        return out
    }
}

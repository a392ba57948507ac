// The lossless syntax tree of a KPI plan file: every byte of the file, comments and
// whitespace included, belongs to exactly one token, so printing the tree gives the file back.
// Offsets are UTF-8 byte offsets into the file's bytes.

/// The kinds of tokens. The parser decides the kind from the token's place on its line.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    case whitespace  // spaces and tabs, including indentation
    case newline  // "\n" or "\r\n"
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

/// A node of a tree: a view of its record in the tree's storage (no allocation of its own).
public struct SyntaxNode: Sendable, Equatable {
    /// The tree the node belongs to.
    public let storage: TreeStorage
    let index: Int

    init(storage: TreeStorage, index: Int) {
        self.storage = storage
        self.index = index
    }

    public static func == (a: SyntaxNode, b: SyntaxNode) -> Bool { a.storage === b.storage && a.index == b.index }

    var record: NodeRecord { storage.nodes[index] }

    public var kind: NodeKind { record.kind }

    public var range: Range<Int> {
        let record = record
        // The root covers the file, even an empty one (no tokens).
        if index == 0 { return 0..<storage.byteCount }
        let tokens = storage.tokens
        return tokens[Int(record.firstToken)].range.lowerBound..<tokens[Int(record.endToken) - 1].range.upperBound
    }

    /// Direct children, tokens and nodes, in order.
    public var children: Children { Children(node: self) }

    /// Direct child nodes, in order.
    public var childNodes: ChildNodes { ChildNodes(node: self) }

    /// Direct child tokens, in order.
    public var tokens: [SyntaxToken] {
        children.compactMap { if case .token(let t) = $0 { t } else { nil } }
    }

    /// The index range in `storage.tokens` of the node's own line (its header), through its newline:
    /// the tokens before the first child node, up to the first newline.
    var headerTokens: Range<Int> {
        let record = record
        var limit = Int(record.endToken)
        if index + 1 < Int(record.next) { limit = Int(storage.nodes[index + 1].firstToken) }
        let first = Int(record.firstToken)
        return storage.tokens.withUnsafeBufferPointer { tokens in
            var end = first
            while end < limit {
                end += 1
                if tokens[end - 1].kind == .newline { break }
            }
            return first..<end
        }
    }

    /// A `key: value` line read in one pass over its tokens: the key (the first `key` token, or for a
    /// flag line its word), the value tokens after the colon (into `value`, emptied first), and the
    /// range of the line's content. Reading a KPI reads every field line this way: asking for the
    /// key, the value and the range apart scanned the line three times.
    public func readLine(value: inout [SyntaxToken]) -> (key: SyntaxToken?, contentRange: Range<Int>) {
        let header = headerTokens
        value.removeAll(keepingCapacity: true)
        if value.capacity < header.count { value.reserveCapacity(header.count) }
        let keyKind: TokenKind = kind == .flag ? .word : .key
        var afterColon = kind != .field
        var key: SyntaxToken?
        var contentStart = -1
        var contentEnd = -1
        storage.tokens.withUnsafeBufferPointer { tokens in
            for index in header {
                let token = tokens[index]
                switch token.kind {
                case .whitespace, .newline, .comment: continue
                default: break
                }
                if contentStart < 0 { contentStart = token.range.lowerBound }
                contentEnd = token.range.upperBound
                if key == nil && token.kind == keyKind { key = token }
                if token.kind == .colon && !afterColon {
                    afterColon = true
                    continue
                }
                if afterColon { value.append(token) }
            }
        }
        let start = range.lowerBound
        return (key, contentStart < 0 ? start..<start : contentStart..<contentEnd)
    }

    /// The first direct child token of a kind.
    public func firstToken(_ kind: TokenKind) -> SyntaxToken? {
        let tokens = storage.tokens
        for index in headerTokens where tokens[index].kind == kind { return tokens[index] }
        // Past its header line, a node's own tokens are blank lines and comments.
        guard kind == .whitespace || kind == .newline || kind == .comment else { return nil }
        for case .token(let token) in children where token.kind == kind { return token }
        return nil
    }

    /// The tokens of this node's own line (its header), without indentation, comment or newline.
    public var lineTokens: [SyntaxToken] {
        let tokens = storage.tokens
        let header = headerTokens
        var result: [SyntaxToken] = []
        result.reserveCapacity(header.count)  // one allocation, not one per doubling
        for index in header {
            let token = tokens[index]
            if token.kind != .whitespace && token.kind != .comment && token.kind != .newline { result.append(token) }
        }
        return result
    }

    /// The value tokens of a `key: value` line: everything after the colon on the header line.
    public var valueTokens: [SyntaxToken] {
        var result: [SyntaxToken] = []
        valueTokens(into: &result)
        return result
    }

    /// `valueTokens` in a buffer the caller reuses from line to line: emptied, then filled.
    public func valueTokens(into result: inout [SyntaxToken]) {
        let header = headerTokens
        result.removeAll(keepingCapacity: true)
        if result.capacity < header.count { result.reserveCapacity(header.count) }  // one allocation, not one per doubling
        var afterColon = kind != .field
        storage.tokens.withUnsafeBufferPointer { tokens in
            for index in header {
                let token = tokens[index]
                if token.kind == .colon && !afterColon {
                    afterColon = true
                    continue
                }
                if afterColon && token.kind != .whitespace && token.kind != .comment && token.kind != .newline { result.append(token) }
            }
        }
    }

    /// The comment at the end of this node's own line, if any.
    public var lineComment: SyntaxToken? {
        let tokens = storage.tokens
        for index in headerTokens where tokens[index].kind == .comment { return tokens[index] }
        return nil
    }

    /// The range of the header line's content (from its first to its last non-blank token).
    public var lineContentRange: Range<Int> {
        let tokens = storage.tokens
        var first: SyntaxToken?
        var last: SyntaxToken?
        for index in headerTokens {
            let token = tokens[index]
            if token.kind != .whitespace && token.kind != .comment && token.kind != .newline {
                if first == nil { first = token }
                last = token
            }
        }
        guard let first, let last else { return range.lowerBound..<range.lowerBound }
        return first.range.lowerBound..<last.range.upperBound
    }

    /// Visits every token of the subtree in source order.
    public func forEachToken(_ body: (SyntaxToken) -> Void) {
        let record = record
        let tokens = storage.tokens
        for index in Int(record.firstToken)..<Int(record.endToken) { body(tokens[index]) }
    }

    /// A node's direct children: its tokens, except those inside its child nodes, and its child nodes.
    public struct Children: Collection, Sendable {
        let node: SyntaxNode

        /// A position: a token index, and the next child node at or after it.
        public struct Index: Comparable, Sendable {
            let token: Int
            let node: Int
            public static func == (a: Index, b: Index) -> Bool { a.token == b.token }
            public static func < (a: Index, b: Index) -> Bool { a.token < b.token }
        }

        public var startIndex: Index { Index(token: Int(node.record.firstToken), node: node.index + 1) }
        public var endIndex: Index {
            let record = node.record
            return Index(token: Int(record.endToken), node: Int(record.next))
        }

        public subscript(position: Index) -> SyntaxElement {
            let storage = node.storage
            if position.node < Int(node.record.next) && Int(storage.nodes[position.node].firstToken) == position.token {
                return .node(SyntaxNode(storage: storage, index: position.node))
            }
            return .token(storage.tokens[position.token])
        }

        public func index(after position: Index) -> Index {
            let nodes = node.storage.nodes
            if position.node < Int(node.record.next) && Int(nodes[position.node].firstToken) == position.token {
                let child = nodes[position.node]
                return Index(token: Int(child.endToken), node: Int(child.next))
            }
            return Index(token: position.token + 1, node: position.node)
        }
    }

    /// A node's direct child nodes.
    public struct ChildNodes: Collection, Sendable {
        let node: SyntaxNode

        /// A position: a node index in the storage (not a count of children, so not an `Int`).
        public struct Index: Comparable, Sendable {
            let node: Int
            public static func < (a: Index, b: Index) -> Bool { a.node < b.node }
        }

        public var startIndex: Index { Index(node: node.index + 1) }
        public var endIndex: Index { Index(node: Int(node.record.next)) }
        public subscript(position: Index) -> SyntaxNode { SyntaxNode(storage: node.storage, index: position.node) }
        public func index(after position: Index) -> Index { Index(node: Int(node.storage.nodes[position.node].next)) }
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

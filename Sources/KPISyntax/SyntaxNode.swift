// A node of the syntax tree as the parser, the readers and the editor features see it: its kind,
// byte range, tokens and children, read from the tree's flat storage (`TreeStorage`) without
// allocating. Walking children reads the token and node arrays side by side, in place.

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

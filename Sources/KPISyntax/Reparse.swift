// Re-parsing after an edit: only the top-level blocks the edit touches are parsed again; the
// blocks before them are reused as they are and those after them are moved by the edit's length.
// A line that starts a top-level block (`kpi`, `plan`, `use` at column 0) closes every open block,
// so the parser's state there does not depend on what came before: parsing from such a line gives
// the same elements as parsing the whole file. The result is the tree `Parser.parse` would build.

/// Which part of a file an edit re-parsed: the old bytes `old` became the new bytes `new`;
/// everything before is unchanged, everything after moved by `delta`.
public struct TreeEdit: Sendable, Hashable {
    public let old: Range<Int>
    public let new: Range<Int>
    public var delta: Int { new.upperBound - old.upperBound }

    public init(old: Range<Int>, new: Range<Int>) {
        self.old = old
        self.new = new
    }

    /// Where an offset of the old text is in the new text; nil inside the re-parsed part.
    public func map(_ offset: Int) -> Int? {
        if offset < old.lowerBound { return offset }
        if offset >= old.upperBound { return offset + delta }
        return nil
    }
}

extension Parser {
    /// The tree of `bytes`, re-using the blocks of `old` that the change from `old.bytes` leaves alone.
    public static func reparse(_ old: SyntaxTree, bytes: [UInt8]) -> (tree: SyntaxTree, edit: TreeEdit) {
        let oldBytes = old.bytes
        // The changed bytes: what is left between the common prefix and the common suffix.
        let shorter = min(oldBytes.count, bytes.count)
        var prefix = 0
        oldBytes.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                while prefix < shorter && a[prefix] == b[prefix] { prefix += 1 }
            }
        }
        var suffix = 0
        oldBytes.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                while suffix < shorter - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
            }
        }
        let changedEnd = oldBytes.count - suffix

        // Re-parse from the last block start before the change (its first byte is unchanged, so it
        // still starts a top-level line) to the first block start after it whose preceding newline is
        // unchanged too (so it still starts a line), or the end of the file. Blocks are top-level
        // nodes; `first` and `last` are their (node, token) indices in the old storage.
        let storage = old.storage
        let nodes = storage.nodes
        let tokens = storage.tokens
        var first = (node: 1, token: 0)
        var start = 0
        var last = (node: nodes.count, token: tokens.count)
        var end = oldBytes.count
        var node = 1
        while node < nodes.count {
            let record = nodes[node]
            let lower = tokens[Int(record.firstToken)].range.lowerBound
            if startsTopLevelLine(lower, oldBytes) {
                if lower < prefix {
                    first = (node, Int(record.firstToken))
                    start = lower
                } else if lower > changedEnd {
                    last = (node, Int(record.firstToken))
                    end = lower
                    break
                }
            }
            node = Int(record.next)
        }
        let delta = bytes.count - oldBytes.count
        let edit = TreeEdit(old: start..<end, new: start..<(end + delta))
        let (middle, middleErrors) = parseLines(bytes, from: edit.new.lowerBound, to: edit.new.upperBound)

        // The new arrays: the old ones before the part, the part's (without its root, its indices
        // moved past what is kept), and the old ones after it (offsets moved by `delta`, indices by
        // what the part's arrays grew or shrank by).
        var newTokens = Array(tokens[..<first.token])
        newTokens.reserveCapacity(tokens.count + middle.tokens.count - (last.token - first.token))
        newTokens.append(contentsOf: middle.tokens)
        var newNodes = Array(nodes[..<first.node])
        newNodes.reserveCapacity(nodes.count + middle.nodes.count - 1 - (last.node - first.node))
        let middleNodeShift = first.node - 1
        for record in middle.nodes.dropFirst() {
            newNodes.append(record.moved(tokens: first.token, nodes: middleNodeShift))
        }
        let tokenShift = newTokens.count - last.token
        let nodeShift = newNodes.count - last.node
        for token in tokens[last.token...] { newTokens.append(delta == 0 ? token : token.shifted(by: delta)) }
        for record in nodes[last.node...] { newNodes.append(record.moved(tokens: tokenShift, nodes: nodeShift)) }
        newNodes[0] = NodeRecord(kind: .sourceFile, firstToken: 0, endToken: newTokens.count, next: newNodes.count)

        var errors = old.errors.filter { $0.range.upperBound <= start && $0.range.lowerBound < start }
        errors.append(contentsOf: middleErrors)
        for error in old.errors where error.range.lowerBound >= end {
            errors.append(SyntaxError(message: error.message, range: (error.range.lowerBound + delta)..<(error.range.upperBound + delta)))
        }
        let newStorage = TreeStorage(tokens: newTokens, nodes: newNodes, byteCount: bytes.count)
        return (SyntaxTree(bytes: bytes, storage: newStorage, errors: errors), edit)
    }

    /// Whether a top-level block's line, starting at `offset`, starts at column 0 with a byte that
    /// is not blank (a line starting with U+FEFF is left out: an edit after it could make the line blank).
    private static func startsTopLevelLine(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        guard offset < bytes.count else { return false }
        let byte = bytes[offset]
        return byte != 0x20 && byte != 0x09 && byte != 0xEF && byte != UInt8(ascii: "#") && byte != 0x0A && byte != 0x0D
    }
}

extension SyntaxToken {
    func shifted(by delta: Int) -> SyntaxToken {
        SyntaxToken(kind: kind, range: (range.lowerBound + delta)..<(range.upperBound + delta))
    }
}

extension NodeRecord {
    /// The same record with its token indices moved by `tokens` and its node index by `nodes`.
    func moved(tokens: Int, nodes: Int) -> NodeRecord {
        NodeRecord(kind: kind, firstToken: Int(firstToken) + tokens, endToken: Int(endToken) + tokens, next: Int(next) + nodes)
    }
}

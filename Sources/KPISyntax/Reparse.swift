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
        // unchanged too (so it still starts a line), or the end of the file.
        let elements = old.root.children
        var first = 0, start = 0
        var last = elements.count, end = oldBytes.count
        for (index, element) in elements.enumerated() {
            guard startsTopLevelLine(element, oldBytes) else { continue }
            let lower = element.range.lowerBound
            if lower < prefix {
                first = index
                start = lower
            } else if lower > changedEnd {
                last = index
                end = lower
                break
            }
        }
        let delta = bytes.count - oldBytes.count
        let edit = TreeEdit(old: start..<end, new: start..<(end + delta))
        let (middle, middleErrors) = parseLines(bytes, from: edit.new.lowerBound, to: edit.new.upperBound)

        var children = Array(elements[..<first])
        children.reserveCapacity(elements.count + middle.count - (last - first))
        children.append(contentsOf: middle)
        for element in elements[last...] { children.append(element.shifted(by: delta)) }
        var errors = old.errors.filter { $0.range.upperBound <= start && $0.range.lowerBound < start }
        errors.append(contentsOf: middleErrors)
        for error in old.errors where error.range.lowerBound >= end {
            errors.append(SyntaxError(message: error.message, range: (error.range.lowerBound + delta)..<(error.range.upperBound + delta)))
        }
        let root = SyntaxNode(kind: .sourceFile, range: 0..<bytes.count, children: children)
        return (SyntaxTree(bytes: bytes, root: root, errors: errors), edit)
    }

    /// Whether a top-level element is a block whose line starts at column 0 with a byte that is not
    /// blank (a line starting with U+FEFF is left out: an edit after it could make the line blank).
    private static func startsTopLevelLine(_ element: SyntaxElement, _ bytes: [UInt8]) -> Bool {
        guard case .node(let node) = element, node.range.lowerBound < bytes.count else { return false }
        let byte = bytes[node.range.lowerBound]
        return byte != 0x20 && byte != 0x09 && byte != 0xEF && byte != UInt8(ascii: "#") && byte != 0x0A && byte != 0x0D
    }
}

extension SyntaxElement {
    /// The same element with every offset moved by `delta`.
    func shifted(by delta: Int) -> SyntaxElement {
        guard delta != 0 else { return self }
        switch self {
        case .token(let token): return .token(token.shifted(by: delta))
        case .node(let node): return .node(node.shifted(by: delta))
        }
    }
}

extension SyntaxToken {
    func shifted(by delta: Int) -> SyntaxToken {
        SyntaxToken(kind: kind, range: (range.lowerBound + delta)..<(range.upperBound + delta))
    }
}

extension SyntaxNode {
    func shifted(by delta: Int) -> SyntaxNode {
        SyntaxNode(kind: kind, range: (range.lowerBound + delta)..<(range.upperBound + delta),
                   children: children.map { $0.shifted(by: delta) })
    }
}

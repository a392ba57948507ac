// Cursor and range markers for tests: write the plan a test needs with the places it talks about
// marked inline, and get back the clean text plus where those places are.
//
//     let marked = try Markers.extract("""
//         kpi mrr
//           parent: ⟦mrrr⟧
//           owner: C1️⃣FO
//         """)
//     marked.text        // the plan without the markers
//     marked.range       // the UTF-8 byte range of `mrrr` in `marked.text`
//     marked[1]          // the UTF-8 byte offset where 1️⃣ stood (just after the `C`)
//
// Markers:
// - `0️⃣` … `9️⃣` (keycap digits) and `🔟` mark positions, numbered 0 … 10. Each number may be used once.
// - `⟦` opens and `⟧` closes a range. Ranges may follow each other and nest; they are numbered in
//   the order they open. A range may be empty (`⟦⟧`), which marks a position the way a cursor does.
// All offsets and ranges are UTF-8 byte offsets into the clean text, the unit the syntax tree uses;
// `lineColumn(_:encoding:)` turns them into the 0-based line/column pairs an editor sends.

import KPISyntax

public enum MarkerError: Error, Equatable, CustomStringConvertible {
    case repeatedPosition(Int)
    case unopenedRange(offset: Int)
    case unclosedRange(offset: Int)

    public var description: String {
        switch self {
        case .repeatedPosition(let n): "position marker \(n) is used more than once"
        case .unopenedRange(let offset): "`⟧` at byte \(offset) of the clean text closes no `⟦`"
        case .unclosedRange(let offset): "`⟦` at byte \(offset) of the clean text is never closed"
        }
    }
}

/// A text with its markers taken out, and where they were.
public struct MarkedText: Sendable, Hashable {
    /// The text without any marker.
    public let text: String
    /// Position marker number → UTF-8 offset in `text`.
    public let positions: [Int: Int]
    /// `⟦…⟧` ranges in the order they open, as UTF-8 byte ranges of `text`.
    public let ranges: [Range<Int>]

    /// The UTF-8 offset of position marker `n` (1 for `1️⃣`). Traps when the text has no such marker.
    public subscript(_ n: Int) -> Int {
        guard let offset = positions[n] else { preconditionFailure("no position marker \(n) in the text") }
        return offset
    }

    /// The one range of the text. Traps when there is not exactly one `⟦…⟧`.
    public var range: Range<Int> {
        precondition(ranges.count == 1, "expected exactly one ⟦…⟧ range, found \(ranges.count)")
        return ranges[0]
    }

    /// The text's bytes, as the parser reads them.
    public var bytes: [UInt8] { Array(text.utf8) }

    /// The clean text of a range.
    public func text(of range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    /// The 0-based line and column of a UTF-8 offset, the column counted in `encoding` units
    /// (UTF-16 is what LSP clients use by default).
    public func lineColumn(_ offset: Int, encoding: ColumnEncoding = .utf16) -> LineColumn {
        LineIndex(bytes).position(of: offset, encoding: encoding)
    }
}

public enum Markers {
    /// Keycap digits `0️⃣`…`9️⃣` are the digit, U+FE0F and U+20E3; `🔟` stands alone.
    static let keycapTail: [Unicode.Scalar] = ["\u{FE0F}", "\u{20E3}"]
    static let ten: Unicode.Scalar = "\u{1F51F}"
    static let open: Unicode.Scalar = "⟦"
    static let close: Unicode.Scalar = "⟧"

    /// Takes the markers out of `marked` and reports where they were. Throws on a repeated position
    /// number or unbalanced brackets, so a typo in a test fails loudly instead of testing the wrong place.
    public static func extract(_ marked: String) throws -> MarkedText {
        var clean = String.UnicodeScalarView()
        var offset = 0  // UTF-8 length of `clean` so far
        var positions: [Int: Int] = [:]
        var ranges: [Range<Int>?] = []
        var openStack: [(index: Int, start: Int)] = []
        let scalars = Array(marked.unicodeScalars)
        var i = 0

        func position(_ n: Int) throws {
            guard positions[n] == nil else { throw MarkerError.repeatedPosition(n) }
            positions[n] = offset
        }

        while i < scalars.count {
            let scalar = scalars[i]
            if ("0"..."9").contains(scalar), i + 2 < scalars.count, scalars[i + 1] == keycapTail[0], scalars[i + 2] == keycapTail[1] {
                try position(Int(scalar.value - 0x30))
                i += 3
            } else if scalar == ten {
                try position(10)
                i += 1
            } else if scalar == open {
                openStack.append((ranges.count, offset))
                ranges.append(nil)
                i += 1
            } else if scalar == close {
                guard let (index, start) = openStack.popLast() else { throw MarkerError.unopenedRange(offset: offset) }
                ranges[index] = start..<offset
                i += 1
            } else {
                clean.append(scalar)
                offset += UTF8.width(scalar)
                i += 1
            }
        }
        if let unclosed = openStack.first { throw MarkerError.unclosedRange(offset: unclosed.start) }
        return MarkedText(text: String(clean), positions: positions, ranges: ranges.map { $0! })
    }
}

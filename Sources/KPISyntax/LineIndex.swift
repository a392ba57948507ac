// Maps UTF-8 byte offsets to lines and columns and back. Columns can be counted in UTF-8
// bytes or in UTF-16 code units (what LSP clients use by default); this is the one place
// that knows how, so every feature agrees on where `€`, `—` and emoji end.

public enum ColumnEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
}

public struct LineColumn: Sendable, Hashable, Comparable {
    public let line: Int  // 0-based
    public let column: Int  // 0-based, in the chosen encoding
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: LineColumn, b: LineColumn) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

public struct LineIndex: Sendable {
    /// Byte offset where each line starts; line 0 starts at 0.
    public let lineStarts: [Int]
    private let bytes: [UInt8]

    /// Per line, the offset of its first non-ASCII byte (or its end): before it, a UTF-16 column is
    /// the byte column, so converting positions on long ASCII lines needs no scan.
    private let asciiUntil: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var ascii: [Int] = []
        starts.reserveCapacity(bytes.count / 24 + 1)
        ascii.reserveCapacity(bytes.count / 24 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var firstNonASCII = -1
            var i = 0
            while i < buffer.count {
                let blockEnd = min(i + 8, buffer.count)
                // Eight bytes at once when none of them is to be noted: no line break, and no byte
                // of 0x80 or above unless the line has one noted already. Most bytes are skipped so.
                if blockEnd - i == 8 {
                    let word = UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let notNewline = word ^ 0x0A0A_0A0A_0A0A_0A0A  // a zero byte where a "\n" was
                    let hasNewline = (notNewline &- 0x0101_0101_0101_0101) & ~notNewline & high != 0
                    if !hasNewline && (firstNonASCII >= 0 || word & high == 0) {
                        i = blockEnd
                        continue
                    }
                }
                while i < blockEnd {
                    let byte = buffer[i]
                    if byte == 0x0A {
                        ascii.append(firstNonASCII < 0 ? i : firstNonASCII)
                        firstNonASCII = -1
                        starts.append(i + 1)
                    } else if byte >= 0x80 && firstNonASCII < 0 {
                        firstNonASCII = i
                    }
                    i += 1
                }
            }
            ascii.append(firstNonASCII < 0 ? buffer.count : firstNonASCII)
        }
        lineStarts = starts
        asciiUntil = ascii
    }

    public var lineCount: Int { lineStarts.count }

    /// The line that holds `offset` (an offset at the end of the file belongs to the last line).
    public func line(of offset: Int) -> Int {
        let target = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= target { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The end of a line's content (before its "\n" or "\r\n").
    public func lineEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return bytes.count }
        var end = lineStarts[line + 1] - 1
        if end > lineStarts[line] && bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    public func position(of offset: Int, encoding: ColumnEncoding = .utf8) -> LineColumn {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(of: clamped)
        let start = lineStarts[line]
        switch encoding {
        case .utf8: return LineColumn(line: line, column: clamped - start)
        case .utf16:
            let plain = asciiUntil[line]
            if clamped <= plain { return LineColumn(line: line, column: clamped - start) }
            return LineColumn(line: line, column: plain - start + Self.utf16Length(bytes, plain..<clamped))
        }
    }

    /// The byte offset of a position. Lines past the end clamp to the end of the file; columns past
    /// the end of a line clamp to the line's end; a column inside a character snaps to its start.
    public func offset(of position: LineColumn, encoding: ColumnEncoding = .utf8) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        let end = lineEnd(position.line)
        let wanted = max(0, position.column)
        switch encoding {
        case .utf8:
            var offset = min(start + wanted, end)
            while offset > start && offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            return offset
        case .utf16:
            let plain = min(asciiUntil[position.line], end)
            if wanted <= plain - start { return start + wanted }
            var units = plain - start
            var offset = plain
            while offset < end {
                let (length, width) = Self.scalar(bytes, at: offset)
                if units + width > wanted { break }
                units += width
                offset += length
            }
            return offset
        }
    }

    /// UTF-16 code units in a byte range of UTF-8 (invalid bytes count as one unit each, as U+FFFD).
    public static func utf16Length(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        var units = 0
        var offset = range.lowerBound
        while offset < range.upperBound {
            let (length, width) = scalar(bytes, at: offset)
            units += width
            offset += length
        }
        return units
    }

    /// The byte length and UTF-16 width of the scalar starting at `offset`.
    @inline(__always)
    static func scalar(_ bytes: [UInt8], at offset: Int) -> (length: Int, utf16: Int) {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0..<0x80: return (1, 1)
        case 0xC2..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF5: length = 4
        default: return (1, 1)
        }
        guard offset + length <= bytes.count else { return (1, 1) }
        for i in 1..<length where bytes[offset + i] & 0xC0 != 0x80 { return (1, 1) }
        return (length, length == 4 ? 2 : 1)
    }
}

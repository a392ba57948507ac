// `kpi fmt` on a file's bytes: the canonical form of a plan whose bytes are not all UTF-8 (a
// Latin-1 `café`), with every such byte passed through unchanged rather than turned into U+FFFD.

import KPISyntax

extension Formatter {
    /// The canonical form of `bytes`. A byte that is not part of valid UTF-8 is stood in for, while
    /// formatting, by a private-use character of its own (U+10FF00 + the byte), and put back after.
    /// A file that already holds one of those characters is returned as it is: it cannot be told apart.
    public static func format(bytes: [UInt8]) -> [UInt8] {
        let invalid = invalidBytePositions(bytes)
        guard !invalid.isEmpty else { return Array(format(Parser.parse(bytes: bytes)).utf8) }
        guard !containsStandIn(bytes) else { return bytes }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 3 * invalid.count)
        var next = 0
        for position in invalid {
            escaped.append(contentsOf: bytes[next..<position])
            escaped.append(contentsOf: standIn(for: bytes[position]))
            next = position + 1
        }
        escaped.append(contentsOf: bytes[next...])
        let formatted = Array(format(Parser.parse(bytes: escaped)).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < formatted.count {
            if let byte = standInByte(formatted, at: i) {
                out.append(byte)
                i += 4
            } else {
                out.append(formatted[i])
                i += 1
            }
        }
        return out
    }

    /// The offsets of the bytes that are not part of a well-formed UTF-8 sequence.
    static func invalidBytePositions(_ bytes: [UInt8]) -> [Int] {
        var positions: [Int] = []
        var i = 0
        while i < bytes.count {
            if let length = sequenceLength(bytes, at: i) {
                i += length
            } else {
                positions.append(i)
                i += 1
            }
        }
        return positions
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (RFC 3629), or nil.
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int? {
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < bytes.count && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch bytes[i] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : nil
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xE1...0xEF: return continuation(1) && continuation(2) ? 3 : nil
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default: return nil
        }
    }

    /// U+10FF00 + byte in UTF-8: F4 8F (BC + byte >> 6) (80 + byte & 3F).
    private static func standIn(for byte: UInt8) -> [UInt8] { [0xF4, 0x8F, 0xBC + (byte >> 6), 0x80 | (byte & 0x3F)] }

    private static func standInByte(_ bytes: [UInt8], at i: Int) -> UInt8? {
        guard i + 3 < bytes.count, bytes[i] == 0xF4, bytes[i + 1] == 0x8F, (0xBC...0xBF).contains(bytes[i + 2]),
            (0x80...0xBF).contains(bytes[i + 3])
        else { return nil }
        return (bytes[i + 2] - 0xBC) << 6 | (bytes[i + 3] & 0x3F)
    }

    private static func containsStandIn(_ bytes: [UInt8]) -> Bool {
        bytes.indices.contains { standInByte(bytes, at: $0) != nil }
    }
}

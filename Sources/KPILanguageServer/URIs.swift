// `file://` URIs to file paths and back. Documents with other schemes (`untitled:`) keep their
// URI as their key, so they still get checked. A path is decoded (`%2E%2E` is `..`) and then
// normalised (`.` and `..` resolved) before anything tests where it is.

import KPIPlan

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum URIs {
    static func path(_ uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = uri.dropFirst("file://".count)
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }  // file://host/path
        // Every request names a document: most URIs have nothing to decode or resolve.
        let path = rest.utf8.contains(UInt8(ascii: "%")) ? decoded(rest) ?? String(rest) : String(rest)
        return needsNormalising(path) ? PlanFile.resolve(path, from: "/") : path
    }

    /// Whether a path has a `.` or `..` segment or an empty one (`//`). One pass over the bytes:
    /// every request names a document, and `String.contains` of a string searched the path five
    /// times, a third of a `definition` request.
    static func needsNormalising(_ path: String) -> Bool {
        var segmentLength = 0  // bytes since the last `/`
        var dotsOnly = true  // the segment so far is all dots
        var afterSlash = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if afterSlash && (segmentLength == 0 || (dotsOnly && segmentLength <= 2)) { return true }
                afterSlash = true
                segmentLength = 0
                dotsOnly = true
            } else {
                segmentLength += 1
                if byte != UInt8(ascii: ".") { dotsOnly = false }
            }
        }
        return afterSlash && segmentLength > 0 && dotsOnly && segmentLength <= 2
    }

    public static func uri(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return "file://" + escaped(path)
    }

    /// A path with every byte but the unreserved ones `%XX`-escaped: the path part of a URI (also
    /// of a relative one, as SARIF's locations use).
    public static func escaped(_ path: String) -> String {
        var out: [UInt8] = []
        for byte in path.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Kept as they are in a path: letters, digits, `-._~`, `/` and `:` (what VS Code leaves too).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: ":"):
            true
        default: false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `%XX` escapes decoded; nil when an escape is malformed, decodes to NUL (no path holds
    /// one), or the bytes are not UTF-8.
    private static func decoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue),
                high << 4 | low != 0
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

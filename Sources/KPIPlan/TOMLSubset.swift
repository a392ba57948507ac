// The part of TOML a `kpi.toml` settings file needs, read without a third-party parser: tables
// (`[a.b]`), bare, quoted and dotted keys, basic and literal strings, numbers, booleans, arrays
// (over several lines too) and inline tables, and `#` comments. Every value keeps its byte range,
// so a problem in the file is reported on the text that causes it; reading never fails.

public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table([(key: TOMLNode, value: TOMLNode)])

    public static func == (a: TOMLValue, b: TOMLValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.table(let x), .table(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}

/// A value (or a key, as a string) and where it is written.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var range: Range<Int>
}

/// A problem reading the file: what is wrong, and where.
public struct TOMLError: Sendable, Equatable {
    public var message: String
    public var range: Range<Int>
}

public struct TOMLDocument: Sendable {
    /// The root table, with `[table]` headers and dotted keys made nested tables.
    public var root: [(key: TOMLNode, value: TOMLNode)] = []
    public var errors: [TOMLError] = []

    public init(_ bytes: [UInt8]) {
        var reader = TOMLReader(bytes: bytes)
        reader.readDocument()
        root = reader.root
        errors = reader.errors
    }
}

private struct TOMLReader {
    let bytes: [UInt8]
    var at = 0
    var root: [(key: TOMLNode, value: TOMLNode)] = []
    var errors: [TOMLError] = []
    /// The key path of the current `[table]`.
    var table: [TOMLNode] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    /// Notes a problem; a range reaching past the end (a value missing there) ends at the end.
    mutating func fail(_ message: String, _ range: Range<Int>) {
        errors.append(TOMLError(message: message, range: min(range.lowerBound, bytes.count)..<min(range.upperBound, bytes.count)))
    }

    /// Skips blanks and, with `lines`, line breaks and comments too.
    mutating func skipBlanks(lines: Bool = false) {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || (lines && (byte == 0x0A || byte == 0x0D)) {
                at += 1
            } else if lines && byte == UInt8(ascii: "#") {
                skipToLineEnd()
            } else {
                return
            }
        }
    }

    mutating func skipToLineEnd() { while let byte = current, byte != 0x0A { at += 1 } }

    /// After a header or a `key = value`: only blanks and a comment may follow on the line.
    mutating func endLine() {
        skipBlanks()
        if current == UInt8(ascii: "#") { skipToLineEnd() }
        if let byte = current, byte != 0x0A, byte != 0x0D {
            let start = at
            skipToLineEnd()
            fail("unexpected text after the value: put one setting a line", start..<at)
        }
    }

    mutating func readDocument() {
        while true {
            skipBlanks(lines: true)
            guard let byte = current else { return }
            let start = at
            if byte == UInt8(ascii: "[") {
                at += 1
                skipBlanks()
                guard let path = readKeyPath(), current == UInt8(ascii: "]") else {
                    skipToLineEnd()
                    fail("a table header is written `[name]`, like `[realism]`", start..<at)
                    continue
                }
                at += 1
                table = path
                insert(path: path, value: TOMLNode(value: .table([]), range: start..<at), asTable: true)
                endLine()
            } else if let path = readKeyPath() {
                skipBlanks()
                guard current == UInt8(ascii: "=") else {
                    skipToLineEnd()
                    fail("expected `key = value`", start..<at)
                    continue
                }
                at += 1
                skipBlanks()
                guard let value = readValue() else {
                    skipToLineEnd()
                    continue
                }
                insert(path: table + path, value: value, asTable: false)
                endLine()
            } else {
                skipToLineEnd()
                fail("expected `key = value` or a `[table]` header", start..<at)
            }
        }
    }

    /// `a.b."c d"`: each key with its range; nil (nothing read) when no key starts here.
    mutating func readKeyPath() -> [TOMLNode]? {
        var path: [TOMLNode] = []
        while true {
            skipBlanks()
            let start = at
            if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                guard case .string(let text)? = readString()?.value else { return nil }
                path.append(TOMLNode(value: .string(text), range: start..<at))
            } else {
                while let byte = current, Self.isBareKey(byte) { at += 1 }
                guard at > start else { return nil }
                path.append(TOMLNode(value: .string(String(decoding: bytes[start..<at], as: UTF8.self)), range: start..<at))
            }
            skipBlanks()
            guard current == UInt8(ascii: ".") else { return path }
            at += 1
        }
    }

    static func isBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Puts `value` at `path` in the root, making the tables on the way; a key given twice is an error.
    mutating func insert(path: [TOMLNode], value: TOMLNode, asTable: Bool) {
        func put(_ members: inout [(key: TOMLNode, value: TOMLNode)], _ rest: ArraySlice<TOMLNode>) -> Bool {
            let key = rest.first!
            let index = members.firstIndex { $0.key.value == key.value }
            if rest.count == 1 {
                if let index {
                    // `[a]` after `a.b = 1` opens the same table again; anything else repeats a key.
                    if asTable, case .table = members[index].value.value { return true }
                    return false
                }
                members.append((key, value))
                return true
            }
            if let index {
                guard case .table(var inner) = members[index].value.value else { return false }
                let ok = put(&inner, rest.dropFirst())
                members[index].value.value = .table(inner)
                return ok
            }
            var inner: [(key: TOMLNode, value: TOMLNode)] = []
            let ok = put(&inner, rest.dropFirst())
            members.append((key, TOMLNode(value: .table(inner), range: key.range)))
            return ok
        }
        if !put(&root, path[...]) {
            let name = path.compactMap { if case .string(let s) = $0.value { s } else { nil } }.joined(separator: ".")
            fail("`\(name)` is given twice", path.last!.range)
        }
    }

    /// How deep arrays and inline tables nest now: past `maxDepth` is an error, not a deep recursion.
    var depth = 0
    static let maxDepth = 64

    mutating func readValue() -> TOMLNode? {
        let start = at
        let nests = current == UInt8(ascii: "[") || current == UInt8(ascii: "{")
        if nests {
            guard depth < Self.maxDepth else {
                fail("lists and tables nest more than \(Self.maxDepth) deep", start..<start + 1)
                return nil
            }
            depth += 1
        }
        defer { if nests { depth -= 1 } }
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return readString()
        case UInt8(ascii: "["):
            at += 1
            var elements: [TOMLNode] = []
            while true {
                skipBlanks(lines: true)
                if current == UInt8(ascii: "]") {
                    at += 1
                    return TOMLNode(value: .array(elements), range: start..<at)
                }
                guard let element = readValue() else { return nil }
                elements.append(element)
                skipBlanks(lines: true)
                if current == UInt8(ascii: ",") {
                    at += 1
                } else if current != UInt8(ascii: "]") {
                    fail("expected `,` or `]` in the array", start..<at)
                    return nil
                }
            }
        case UInt8(ascii: "{"):
            at += 1
            var members: [(key: TOMLNode, value: TOMLNode)] = []
            while true {
                skipBlanks()
                if current == UInt8(ascii: "}") {
                    at += 1
                    return TOMLNode(value: .table(members), range: start..<at)
                }
                let keyStart = at
                guard let path = readKeyPath(), path.count == 1 else {
                    fail("expected `key = value` in the inline table", keyStart..<max(at, keyStart + 1))
                    return nil
                }
                skipBlanks()
                guard current == UInt8(ascii: "=") else {
                    fail("expected `=` after the key", keyStart..<at)
                    return nil
                }
                at += 1
                skipBlanks()
                guard let value = readValue() else { return nil }
                if members.contains(where: { $0.key.value == path[0].value }) { fail("a key is given twice", path[0].range) }
                members.append((path[0], value))
                skipBlanks()
                if current == UInt8(ascii: ",") {
                    at += 1
                } else if current != UInt8(ascii: "}") {
                    fail("expected `,` or `}` in the inline table", start..<at)
                    return nil
                }
            }
        default:
            // A bare word: a boolean or a number.
            while let byte = current, Self.isBareKey(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") { at += 1 }
            let word = String(decoding: bytes[start..<at], as: UTF8.self)
            if word == "true" || word == "false" { return TOMLNode(value: .bool(word == "true"), range: start..<at) }
            if let number = Double(word.replacing("_", with: "")), !word.isEmpty, word.first != "_", word.last != "_" {
                return TOMLNode(value: .number(number), range: start..<at)
            }
            if word.isEmpty { skipToLineEnd() }
            fail(
                word.isEmpty
                    ? "expected a value: a number, \"text\", true or false, or a [list]"
                    : "`\(word)` is not a value: write text in quotes, like \"\(word)\"", start..<max(at, start + 1))
            return nil
        }
    }

    /// A basic (`"…"`, with escapes) or literal (`'…'`) string on one line.
    mutating func readString() -> TOMLNode? {
        let start = at
        let quote = bytes[at]
        at += 1
        var text: [UInt8] = []
        while let byte = current, byte != 0x0A {
            at += 1
            if byte == quote { return TOMLNode(value: .string(String(decoding: text, as: UTF8.self)), range: start..<at) }
            guard byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), let escaped = current else {
                text.append(byte)
                continue
            }
            at += 1
            switch escaped {
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(escaped)
            case UInt8(ascii: "u") where at + 4 <= bytes.count:
                let hex = String(decoding: bytes[at..<at + 4], as: UTF8.self)
                guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    fail("`\\u\(hex)` is not a character", (at - 2)..<(at + 4))
                    at += 4
                    continue
                }
                text += Array(String(Character(scalar)).utf8)
                at += 4
            default: fail("unknown escape `\\\(Character(Unicode.Scalar(escaped)))`", (at - 2)..<at)
            }
        }
        fail("the string has no closing \(quote == UInt8(ascii: "\"") ? "\"" : "'")", start..<at)
        return nil
    }
}

// Writes any Encodable value as JSON bytes, the way every outgoing message is written: keys
// sorted, `/` not escaped, nil optionals left out. Foundation's JSONEncoder took a quarter of a
// keystroke's time publishing a file's diagnostics; this one builds a light tree of the value and
// writes it in one pass.

/// A value on its way to JSON. Objects and arrays are boxes so that nested containers can fill
/// them after they are linked in.
private enum Node {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array(ArrayBox)
    case object(ObjectBox)
}

private final class ArrayBox { var items: [Node] = [] }
private final class ObjectBox { var members: [(key: String, value: Node)] = [] }

public enum JSONWriter {
    /// How the text is laid out.
    public enum Layout: Sendable {
        /// On one line, keys sorted, `/` as it is: every message of the protocol.
        case compact
        /// `JSONSerialization`'s `.prettyPrinted` layout, byte for byte: two spaces an indent
        /// level, ` : ` after a key, an empty container still on two lines, `/` written `\/`.
        /// Keys sorted, or in the order the value encodes them (the order its properties are
        /// declared in, for a synthesized conformance).
        case pretty(sortedKeys: Bool)
    }

    /// The JSON text of `value`. Throws `EncodingError.invalidValue` for a non-finite number.
    public static func write(_ value: some Encodable, layout: Layout = .compact) throws -> [UInt8] {
        let node = try NodeEncoder.node(for: value, codingPath: [])
        var out: [UInt8] = []
        out.reserveCapacity(256)
        switch layout {
        case .compact: write(node, into: &out, pretty: false, sortedKeys: true, depth: 0)
        case .pretty(let sortedKeys): write(node, into: &out, pretty: true, sortedKeys: sortedKeys, depth: 0)
        }
        return out
    }

    private static func write(_ node: Node, into out: inout [UInt8], pretty: Bool, sortedKeys: Bool, depth: Int) {
        switch node {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
        case .bool(let value): out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, escapingSlashes: pretty, into: &out)
        case .array(let box):
            out.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(depth + 1, into: &out) }
                write(item, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: depth + 1)
            }
            if pretty { closingLine(depth, empty: box.items.isEmpty, into: &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            // A key encoded twice keeps its last value (as JSONEncoder does).
            var members = box.members
            if sortedKeys { members.sort { $0.key < $1.key } }
            var written = 0
            for (index, member) in members.enumerated() {
                if sortedKeys && index + 1 < members.count && members[index + 1].key == member.key { continue }
                if written > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(depth + 1, into: &out) }
                writeString(member.key, escapingSlashes: pretty, into: &out)
                if pretty { out.append(UInt8(ascii: " ")) }
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: depth + 1)
                written += 1
            }
            if pretty { closingLine(depth, empty: written == 0, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and the indent of nesting level `depth`.
    private static func newline(_ depth: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// The line a container's closing bracket goes on; an empty container has an empty line first.
    private static func closingLine(_ depth: Int, empty: Bool, into out: inout [UInt8]) {
        if empty { out.append(UInt8(ascii: "\n")) }
        newline(depth, into: &out)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string; `/` written `\/` when `escapingSlashes` (as `JSONSerialization` does).
    static func writeString(_ text: String, escapingSlashes: Bool = false, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole, and found 8 bytes at a time: a
            // completion answer is 30 KB of documentation, and its strings were half the work.
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                if index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if !mayNeedEscape(word) && !(escapingSlashes && containsSlash(word)) {
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                guard
                    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                        || (escapingSlashes && byte == UInt8(ascii: "/"))
                else {
                    index += 1
                    continue
                }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default: out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                index += 1
                runStart = index
            }
            if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of 8 bytes is a control character, `"` or `\\` (exact: no byte is missed, and
    /// a clean word is never flagged). A byte below 0x20 borrows when 0x20 is taken from it; a byte
    /// equal to `c` becomes 0 after `^ c`, and a zero byte borrows when 1 is taken from it.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// Whether any of 8 bytes is `/` (exact, as `mayNeedEscape`).
    @inline(__always)
    static func containsSlash(_ word: UInt64) -> Bool { hasZero(word ^ (ones &* 0x2F)) }

    private static var ones: UInt64 { 0x0101_0101_0101_0101 }
    private static var highs: UInt64 { 0x8080_8080_8080_8080 }
    @inline(__always)
    private static func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }

    /// An integer's decimal digits, written without making a String.
    static func writeInteger(_ value: Int, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}

// MARK: - The encoder

// Coding paths are not built up (every container has the path of the value it started from): they
// only ever served an error message, and an array per nested value was most of the encoder's time.

private final class NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: Node?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    static func node<T: Encodable>(for value: T, codingPath: [any CodingKey]) throws -> Node {
        // Numbers, strings and booleans come back through the containers' own overloads below
        // (every one is implemented: a default one would call the generic method again).
        let encoder = NodeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.node ?? .object(ObjectBox())
    }

    static func integer(_ value: some BinaryInteger) -> Node { .number(String(value)) }

    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, _ codingPath: [any CodingKey]) throws -> Node {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(value) is not a JSON number"))
        }
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }  // 3.0 is written 3
        return .number(text)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box)? = node { return KeyedEncodingContainer(KeyedContainer(box: box, codingPath: codingPath)) }
        let box = ObjectBox()
        node = .object(box)
        return KeyedEncodingContainer(KeyedContainer(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let box)? = node { return UnkeyedContainer(box: box, codingPath: codingPath) }
        let box = ArrayBox()
        node = .array(box)
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    let codingPath: [any CodingKey]

    private func add(_ key: Key, _ node: Node) { box.members.append((key.stringValue, node)) }

    mutating func encodeNil(forKey key: Key) { add(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) { add(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) { add(key, .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { add(key, .number(String(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(key, try NodeEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Int8, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) { add(key, NodeEncoder.integer(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(key, try NodeEncoder.number(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(key, try NodeEncoder.node(for: value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = ObjectBox()
        add(key, .object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        add(key, .array(nested))
        return UnkeyedContainer(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        // Linked in once written: the member takes whatever the encoder holds then.
        let encoder = NodeEncoder(codingPath: codingPath)
        let nested = ObjectBox()
        encoder.node = .object(nested)
        add(key, .object(nested))
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.items.count }

    mutating func encodeNil() { box.items.append(.null) }
    mutating func encode(_ value: Bool) { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) { box.items.append(.string(value)) }
    mutating func encode(_ value: Int) { box.items.append(.number(String(value))) }
    mutating func encode(_ value: Double) throws { box.items.append(try NodeEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Int8) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int16) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int32) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: Int64) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) { box.items.append(NodeEncoder.integer(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(try NodeEncoder.number(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try NodeEncoder.node(for: value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.items.append(.array(nested))
        return UnkeyedContainer(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = NodeEncoder(codingPath: codingPath)
        let nested = ObjectBox()
        encoder.node = .object(nested)
        box.items.append(.object(nested))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func encodeNil() { encoder.node = .null }
    func encode(_ value: Bool) { encoder.node = .bool(value) }
    func encode(_ value: String) { encoder.node = .string(value) }
    func encode(_ value: Int) { encoder.node = .number(String(value)) }
    func encode(_ value: Double) throws { encoder.node = try NodeEncoder.number(value, codingPath) }
    func encode(_ value: Int8) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: Int16) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: Int32) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: Int64) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: UInt) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: UInt8) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: UInt16) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: UInt32) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: UInt64) { encoder.node = NodeEncoder.integer(value) }
    func encode(_ value: Float) throws { encoder.node = try NodeEncoder.number(value, codingPath) }
    func encode<T: Encodable>(_ value: T) throws { encoder.node = try NodeEncoder.node(for: value, codingPath: codingPath) }
}

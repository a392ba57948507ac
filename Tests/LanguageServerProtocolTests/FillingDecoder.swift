// A `Decoder` that makes up a value of any `Decodable` type with every field filled: each optional
// present and each array of two elements (or, in the other modes, every optional absent, or present
// and absent in turn). It reads the type's own `Decodable` conformance, so a field added to a type
// is filled without anyone listing it: the exhaustive writer tests build their values with it.

import LanguageServerProtocol

final class Filler {
    enum Mode { case present, absent, alternating }

    let mode: Mode
    private var toggle = false
    private var counter = 0

    init(_ mode: Mode) { self.mode = mode }

    /// Whether the next optional is present (and the next array non-empty, the next flag true).
    func present() -> Bool {
        switch mode {
        case .present: return true
        case .absent: return false
        case .alternating:
            toggle.toggle()
            return toggle
        }
    }

    /// Numbers differ from field to field, so two fields written in each other's place show.
    func integer() -> Int {
        counter += 1
        return counter
    }

    /// Strings that need every kind of escape, plus `/` and characters outside ASCII.
    func string() -> String { "s\(integer()) \"q\" \\ a/b €—🚀\n\t\r\u{1}\u{1F}" }

    func double() -> Double { Double(integer()) + 0.5 }

    /// `JSONValue` decodes itself by probing (it would come out a plain string): a value of every
    /// JSON kind, nested, with keys out of order, stands in for it.
    func jsonValue() -> JSONValue {
        let scalars: [JSONValue] = [.null, .bool(true), .bool(false), .integer(-integer()), .number(1.5), .number(2), .number(1e20)]
        return .object(["z": .array(scalars + [.string(string())]), "a": .object(["y": .array([]), "b": .object([:])])])
    }

    func make<T: Decodable>(_ type: T.Type, _ codingPath: [any CodingKey]) throws -> T {
        if T.self == JSONValue.self { return jsonValue() as! T }
        return try T(from: FillingDecoder(filler: self, codingPath: codingPath))
    }
}

struct FillingDecoder: Decoder {
    let filler: Filler
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FillingKeyedContainer<Key>(filler: filler, codingPath: codingPath))
    }
    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        FillingUnkeyedContainer(filler: filler, codingPath: codingPath, count: filler.present() ? 2 : 0)
    }
    func singleValueContainer() -> any SingleValueDecodingContainer {
        FillingSingleValueContainer(filler: filler, codingPath: codingPath)
    }
}

private struct FillingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let filler: Filler
    let codingPath: [any CodingKey]
    /// Asked only by dictionaries: two keys, out of order.
    var allKeys: [Key] { ["b", "a"].compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { filler.present() }
    func decodeNil(forKey key: Key) -> Bool { false }
    func decode(_ type: Bool.Type, forKey key: Key) -> Bool { filler.present() }
    func decode(_ type: String.Type, forKey key: Key) -> String { filler.string() }
    func decode(_ type: Double.Type, forKey key: Key) -> Double { filler.double() }
    func decode(_ type: Float.Type, forKey key: Key) -> Float { Float(filler.double()) }
    func decode(_ type: Int.Type, forKey key: Key) -> Int { filler.integer() }
    func decode(_ type: Int8.Type, forKey key: Key) -> Int8 { Int8(filler.integer()) }
    func decode(_ type: Int16.Type, forKey key: Key) -> Int16 { Int16(filler.integer()) }
    func decode(_ type: Int32.Type, forKey key: Key) -> Int32 { Int32(filler.integer()) }
    func decode(_ type: Int64.Type, forKey key: Key) -> Int64 { Int64(filler.integer()) }
    func decode(_ type: UInt.Type, forKey key: Key) -> UInt { UInt(filler.integer()) }
    func decode(_ type: UInt8.Type, forKey key: Key) -> UInt8 { UInt8(filler.integer()) }
    func decode(_ type: UInt16.Type, forKey key: Key) -> UInt16 { UInt16(filler.integer()) }
    func decode(_ type: UInt32.Type, forKey key: Key) -> UInt32 { UInt32(filler.integer()) }
    func decode(_ type: UInt64.Type, forKey key: Key) -> UInt64 { UInt64(filler.integer()) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try filler.make(type, codingPath + [key]) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(FillingKeyedContainer<NestedKey>(filler: filler, codingPath: codingPath + [key]))
    }
    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedDecodingContainer {
        FillingUnkeyedContainer(filler: filler, codingPath: codingPath + [key], count: filler.present() ? 2 : 0)
    }
    func superDecoder() -> any Decoder { FillingDecoder(filler: filler, codingPath: codingPath) }
    func superDecoder(forKey key: Key) -> any Decoder { FillingDecoder(filler: filler, codingPath: codingPath + [key]) }
}

private struct FillingUnkeyedContainer: UnkeyedDecodingContainer {
    let filler: Filler
    let codingPath: [any CodingKey]
    let count: Int?
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    init(filler: Filler, codingPath: [any CodingKey], count: Int) {
        self.filler = filler
        self.codingPath = codingPath
        self.count = count
    }

    mutating func decodeNil() -> Bool { false }
    mutating func decode(_ type: Bool.Type) -> Bool {
        currentIndex += 1
        return filler.present()
    }
    mutating func decode(_ type: String.Type) -> String {
        currentIndex += 1
        return filler.string()
    }
    mutating func decode(_ type: Int.Type) -> Int {
        currentIndex += 1
        return filler.integer()
    }
    mutating func decode(_ type: Double.Type) -> Double {
        currentIndex += 1
        return filler.double()
    }
    mutating func decode(_ type: Int8.Type) -> Int8 {
        currentIndex += 1
        return Int8(filler.integer())
    }
    mutating func decode(_ type: Int16.Type) -> Int16 {
        currentIndex += 1
        return Int16(filler.integer())
    }
    mutating func decode(_ type: Int32.Type) -> Int32 {
        currentIndex += 1
        return Int32(filler.integer())
    }
    mutating func decode(_ type: Int64.Type) -> Int64 {
        currentIndex += 1
        return Int64(filler.integer())
    }
    mutating func decode(_ type: UInt.Type) -> UInt {
        currentIndex += 1
        return UInt(filler.integer())
    }
    mutating func decode(_ type: UInt8.Type) -> UInt8 {
        currentIndex += 1
        return UInt8(filler.integer())
    }
    mutating func decode(_ type: UInt16.Type) -> UInt16 {
        currentIndex += 1
        return UInt16(filler.integer())
    }
    mutating func decode(_ type: UInt32.Type) -> UInt32 {
        currentIndex += 1
        return UInt32(filler.integer())
    }
    mutating func decode(_ type: UInt64.Type) -> UInt64 {
        currentIndex += 1
        return UInt64(filler.integer())
    }
    mutating func decode(_ type: Float.Type) -> Float {
        currentIndex += 1
        return Float(filler.double())
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try filler.make(type, codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return KeyedDecodingContainer(FillingKeyedContainer<NestedKey>(filler: filler, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return FillingUnkeyedContainer(filler: filler, codingPath: codingPath, count: filler.present() ? 2 : 0)
    }
    mutating func superDecoder() -> any Decoder { FillingDecoder(filler: filler, codingPath: codingPath) }
}

private struct FillingSingleValueContainer: SingleValueDecodingContainer {
    let filler: Filler
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) -> Bool { filler.present() }
    func decode(_ type: String.Type) -> String { filler.string() }
    func decode(_ type: Double.Type) -> Double { filler.double() }
    func decode(_ type: Float.Type) -> Float { Float(filler.double()) }
    func decode(_ type: Int.Type) -> Int { filler.integer() }
    func decode(_ type: Int8.Type) -> Int8 { Int8(filler.integer()) }
    func decode(_ type: Int16.Type) -> Int16 { Int16(filler.integer()) }
    func decode(_ type: Int32.Type) -> Int32 { Int32(filler.integer()) }
    func decode(_ type: Int64.Type) -> Int64 { Int64(filler.integer()) }
    func decode(_ type: UInt.Type) -> UInt { UInt(filler.integer()) }
    func decode(_ type: UInt8.Type) -> UInt8 { UInt8(filler.integer()) }
    func decode(_ type: UInt16.Type) -> UInt16 { UInt16(filler.integer()) }
    func decode(_ type: UInt32.Type) -> UInt32 { UInt32(filler.integer()) }
    func decode(_ type: UInt64.Type) -> UInt64 { UInt64(filler.integer()) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try filler.make(type, codingPath) }
}

// `kpi check --format json`: JSON in the layout the command has always printed.

/// JSON as `JSONSerialization` writes it with `[.prettyPrinted, .sortedKeys]`, byte for byte (the
/// format `kpi check --format json` has always had), for the values `kpi check` writes. Written
/// directly: `JSONSerialization` took 170 ms for the 1,661 diagnostics of a 10,000-KPI workspace,
/// longer than all the checks. Object keys are written in the order given: list them sorted.
indirect enum PrettyJSON {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([PrettyJSON])
    case object([(key: String, value: PrettyJSON)])

    func write(to out: inout String, indent: Int = 0) {
        switch self {
        case .string(let text): Self.write(text, to: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let elements):
            // `[`, each element on its own line, `]`: an empty array still has its two line breaks.
            out += "[\n"
            for (index, element) in elements.enumerated() {
                if index > 0 { out += ",\n" }
                out += String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            out += "{\n"
            for (index, member) in members.enumerated() {
                if index > 0 { out += ",\n" }
                out += String(repeating: " ", count: indent + 2)
                Self.write(member.key, to: &out)
                out += " : "
                member.value.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// A string with `JSONSerialization`'s escapes: `"`, `\`, `/`, the short forms of backspace, form
    /// feed, line feed, carriage return and tab, `\u00XX` (lower-case hex) for other control characters.
    static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1f}": out += (scalar.value < 0x10 ? "\\u000" : "\\u00") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

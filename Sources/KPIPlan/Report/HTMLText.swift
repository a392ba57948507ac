// The small pieces every part of `kpi report` writes with: HTML escaping, the anchors that link a
// KPI's tree node, card and findings, and numbers for SVG coordinates (fixed decimals, so the same
// plan gives the same bytes on every machine).

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

enum HTML {
    /// Text made safe for element content and attribute values.
    static func escape(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 }
        // Most text has nothing to escape: scanned as bytes where the string has them contiguous.
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? text.utf8.contains(where: special) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A coordinate rounded to a whole number: `12`, `-3`.
    static func whole(_ value: Double) -> String {
        value.isFinite ? String(Int(value.rounded())) : "0"
    }

    /// A coordinate with at most one decimal: `12.5`, `40`, `-3.2`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}

/// The anchor of each KPI's card (`#kpi-mrr`): a KPI id is letters, digits, `-` and `_`, and a
/// duplicated id (a `duplicate-kpi` finding) gets `-2`, `-3`… in the order the files are read.
struct ReportAnchors {
    private var anchors: [KPIRef: String] = [:]

    init(_ refs: [KPIRef], analysis: Analysis) {
        var used: [String: Int] = [:]
        anchors.reserveCapacity(refs.count)
        for ref in refs {
            let id = analysis.kpi(ref).id
            let safe = String(String.UnicodeScalarView(id.unicodeScalars.map { Self.isPlain($0) ? $0 : "_" }))
            let count = used[safe, default: 0] + 1
            used[safe] = count
            anchors[ref] = count == 1 ? "kpi-" + safe : "kpi-\(safe)-\(count)"
        }
    }

    /// ASCII letters, digits, `-` and `_`: kept in an anchor as they are.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }

    subscript(ref: KPIRef) -> String { anchors[ref] ?? "kpi-unknown" }
}

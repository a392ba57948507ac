// Format Document and Format Selection: the canonical form of `kpi fmt`, sent back as the one
// smallest edit that turns the text into it (the server never writes files).

import KPIPlan
import KPISyntax
import LanguageServerProtocol

extension Server {
    func formatting(_ params: DocumentFormattingParams) throws -> [TextEdit]? {
        guard let (_, path, positions) = document(params.textDocument.uri), let tree = workspace.files[path]?.tree else { return nil }
        return Self.smallestEdit(from: tree.bytes, to: Array(Formatter.format(tree).utf8), positions: positions)
    }

    func rangeFormatting(_ params: DocumentRangeFormattingParams) throws -> [TextEdit]? {
        guard let (_, path, positions) = document(params.textDocument.uri), let tree = workspace.files[path]?.tree else { return nil }
        let range = positions.offsets(params.range)
        let first = tree.lines.line(of: range.lowerBound)
        var last = tree.lines.line(of: range.upperBound)
        if last > first && range.upperBound == tree.lines.lineStarts[last] { last -= 1 }  // a selection ending at a line start
        return Self.smallestEdit(from: tree.bytes, to: Array(Formatter.format(tree, lines: first...last).utf8), positions: positions)
    }

    /// One edit covering only what differs between two texts (split on character boundaries).
    static func smallestEdit(from old: [UInt8], to new: [UInt8], positions: PositionConverter) -> [TextEdit] {
        guard old != new else { return [] }
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        while prefix > 0 && ((prefix < old.count && old[prefix] & 0xC0 == 0x80) || (prefix < new.count && new[prefix] & 0xC0 == 0x80)) {
            prefix -= 1
        }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        while suffix > 0
            && ((old.count - suffix < old.count && old[old.count - suffix] & 0xC0 == 0x80)
                || (new.count - suffix < new.count && new[new.count - suffix] & 0xC0 == 0x80))
        { suffix -= 1 }
        // Nor between the "\r" and "\n" of a line break: no LSP position lies there.
        if prefix > 0 && prefix < old.count && old[prefix - 1] == 0x0D && old[prefix] == 0x0A { prefix -= 1 }
        if suffix > 0 && old.count - suffix > 0 && old[old.count - suffix - 1] == 0x0D && old[old.count - suffix] == 0x0A { suffix -= 1 }
        let text = String(decoding: new[prefix..<(new.count - suffix)], as: UTF8.self)
        return [TextEdit(range: positions.range(prefix..<(old.count - suffix)), newText: text)]
    }
}

// The one place where UTF-8 byte offsets become LSP positions and back, in the encoding the
// client and server agreed on (UTF-16 unless the client offers UTF-8).

import KPIPlan
import KPISyntax
import LanguageServerProtocol

struct PositionConverter {
    let encoding: ColumnEncoding
    let lines: LineIndex

    func position(_ offset: Int) -> Position {
        let p = lines.position(of: offset, encoding: encoding)
        return Position(line: p.line, character: p.column)
    }

    func range(_ range: Range<Int>) -> LSPRange {
        LSPRange(start: position(range.lowerBound), end: position(range.upperBound))
    }

    func offset(_ position: Position) -> Int {
        lines.offset(of: LineColumn(line: position.line, column: position.character), encoding: encoding)
    }

    func offsets(_ range: LSPRange) -> Range<Int> {
        let start = offset(range.start)
        let end = offset(range.end)
        return min(start, end)..<max(start, end)
    }
}

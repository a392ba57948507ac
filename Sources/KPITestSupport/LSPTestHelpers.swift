// Helpers for language server tests: marker offsets as LSP positions and ranges, applying an
// answer's text edits to a text, and temporary folders of plan files with their `file://` URIs.

import Foundation
import KPISyntax
import LanguageServerProtocol

extension MarkedText {
    /// The LSP position of a UTF-8 offset of the clean text, in `encoding` units.
    public func position(_ offset: Int, encoding: ColumnEncoding = .utf16) -> Position {
        let p = lineColumn(offset, encoding: encoding)
        return Position(line: p.line, character: p.column)
    }

    /// The LSP position of position marker `n` (1 for `1️⃣`).
    public func position(marker n: Int, encoding: ColumnEncoding = .utf16) -> Position { position(self[n], encoding: encoding) }

    /// The LSP range of a UTF-8 byte range of the clean text.
    public func lspRange(_ range: Range<Int>, encoding: ColumnEncoding = .utf16) -> LSPRange {
        LSPRange(start: position(range.lowerBound, encoding: encoding), end: position(range.upperBound, encoding: encoding))
    }

    /// The LSP range of the `index`-th `⟦…⟧` range.
    public func lspRange(index: Int, encoding: ColumnEncoding = .utf16) -> LSPRange { lspRange(ranges[index], encoding: encoding) }
}

public enum TextEdits {
    /// Applies edits (non-overlapping, positions in the original text) to a text.
    public static func apply(_ edits: [TextEdit], to text: String, encoding: ColumnEncoding = .utf16) -> String {
        var bytes = Array(text.utf8)
        let lines = LineIndex(bytes)
        let resolved = edits.map { edit in
            (
                lines.offset(
                    of: LineColumn(line: edit.range.start.line, column: edit.range.start.character), encoding: encoding)..<lines.offset(
                        of: LineColumn(line: edit.range.end.line, column: edit.range.end.character), encoding: encoding),
                edit.newText
            )
        }
        for (range, newText) in resolved.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            bytes.replaceSubrange(range, with: Array(newText.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A fresh folder under the system's temporary folder, deleted when the value goes away.
public final class TemporaryFolder: @unchecked Sendable {  // immutable after init
    public let url: URL

    public init(_ name: String = "kpi-lsp-tests") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        url = base.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public var path: String { url.path }
    public var uri: DocumentURI { URL(fileURLWithPath: url.path, isDirectory: false).absoluteString }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    public func uri(_ name: String) -> DocumentURI { URL(fileURLWithPath: path(name)).absoluteString }

    /// Writes a file (creating its folders) and returns its URI.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> DocumentURI {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return uri(name)
    }
}

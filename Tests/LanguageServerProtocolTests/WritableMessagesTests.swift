// The messages that write their own JSON (`JSONWritable`) write, field for field, what their
// `Codable` conformance gives. Exhaustive by construction: every conforming type in `Sources/` must
// be in the list below (the list is checked against the source), each value is made up by a decoder
// that fills every field its `Decodable` conformance asks for (checked by walking the value), and
// the hand-written bytes must equal Foundation's `JSONEncoder` (sorted keys) and `JSONWriter`.

import Foundation
import Testing

@testable import LanguageServerProtocol

@Suite struct WritableMessagesTests {
    /// Every `JSONWritable` type, the generic `Array` conformance through one element type.
    static var writableTypes: [any (JSONWritable & Codable).Type] {
        [
            Position.self, LSPRange.self, Location.self, DiagnosticRelatedInformation.self, Diagnostic.self,
            PublishDiagnosticsParams.self, TextEdit.self, MarkupContent.self, Hover.self, CompletionItem.self,
            CompletionItemDefaults.self, CompletionList.self, InitializeResult.self, ServerInfo.self, ServerCapabilities.self,
            TextDocumentSyncOptions.self, SaveOptions.self, CompletionOptions.self, CodeActionOptions.self, RenameOptions.self,
            SemanticTokensOptions.self, SemanticTokensFullOptions.self, CodeLensOptions.self, ExecuteCommandOptions.self,
            DiagnosticOptions.self, WorkspaceServerCapabilities.self, WorkspaceFoldersServerCapabilities.self, [Location].self,
        ]
    }

    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The names of the types declared `JSONWritable` anywhere under `Sources/`.
    static func conformingTypesInTheSource() throws -> Set<String> {
        let declaration = try Regex(#"(?:extension|struct|enum|class|actor)\s+([A-Za-z_][A-Za-z0-9_.]*)\s*:[^{]*\bJSONWritable\b"#)
        var names = Set<String>()
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: declaration) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names
    }

    @Test func theListHoldsEveryWritableType() throws {
        let inSource = try Self.conformingTypesInTheSource()
        let listed = Set(Self.writableTypes.map { String(String(describing: $0).prefix { $0 != "<" }) })
        #expect(inSource.count > 20, "found too few conformances under \(Self.sources.path)")
        #expect(inSource.subtracting(listed).sorted() == [], "JSONWritable types missing from the list")
        #expect(listed.subtracting(inSource).sorted() == [], "listed types that are no longer JSONWritable")
    }

    /// The paths (`Diagnostic.tags`, `CompletionList.items[0].data`) of `value` that are nil or an
    /// empty collection, at any depth. `JSONValue`s are whole values, not fields: not walked.
    static func unsetFields(of value: Any, at path: String) -> [String] {
        if value is JSONValue { return [] }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return [path] }
            return unsetFields(of: wrapped.value, at: path)
        case .collection, .dictionary, .set:
            if mirror.children.isEmpty { return [path + " (empty)"] }
            return mirror.children.enumerated().flatMap { unsetFields(of: $1.value, at: "\(path)[\($0)]") }
        default:
            return mirror.children.flatMap { unsetFields(of: $0.value, at: path + "." + ($0.label ?? "?")) }
        }
    }

    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Written {
        let handWritten: String
        let foundation: String
        let writer: String
        let unset: [String]
    }

    static func write<T: JSONWritable & Codable>(_ type: T.Type, _ mode: Filler.Mode) throws -> Written {
        let value = try Filler(mode).make(T.self, [])
        var out: [UInt8] = []
        value.writeJSON(into: &out)
        return Written(
            handWritten: String(decoding: out, as: UTF8.self), foundation: try foundation(value),
            writer: String(decoding: try JSONWriter.write(value), as: UTF8.self),
            unset: unsetFields(of: value, at: String(describing: T.self)))
    }

    @Test func everyFieldSetIsWrittenAsCodableWritesIt() throws {
        for type in Self.writableTypes {
            let written = try Self.write(type, .present)
            #expect(written.unset == [], "the filling decoder left fields of \(type) unset")
            #expect(written.handWritten == written.foundation, "\(type)")
            #expect(written.writer == written.foundation, "\(type)")
        }
    }

    /// Every optional left out, and (in the other mode) every other optional, so that a member
    /// next to a missing one is still written with its comma.
    @Test(arguments: [Filler.Mode.absent, .alternating])
    func missingFieldsAreLeftOutAsCodableLeavesThemOut(_ mode: Filler.Mode) throws {
        for type in Self.writableTypes {
            let written = try Self.write(type, mode)
            #expect(written.handWritten == written.foundation, "\(type)")
            #expect(written.writer == written.foundation, "\(type)")
        }
    }

    /// The walk finds what is unset, at any depth: a nested nil, an empty array.
    @Test func theWalkFindsUnsetFields() throws {
        let list = CompletionList(
            itemDefaults: CompletionItemDefaults(insertTextFormat: .snippet), items: [CompletionItem(label: "a", detail: "d")])
        let unset = Self.unsetFields(of: list, at: "list")
        #expect(unset.contains("list.itemDefaults.editRange"))
        #expect(unset.contains("list.items[0].sortText"))
        #expect(!unset.contains("list.items[0].detail"))
        #expect(
            Self.unsetFields(of: SemanticTokensLegend(tokenTypes: [], tokenModifiers: ["x"]), at: "legend") == ["legend.tokenTypes (empty)"]
        )
    }

    /// The filled values reach every level: a `Diagnostic` with all its members, as JSON.
    @Test func aFilledDiagnosticHasEveryMember() throws {
        let written = try Self.write(Diagnostic.self, .present)
        let members = try #require(try JSONValue(parsing: Array(written.handWritten.utf8)).objectValue)
        #expect(
            members.keys.sorted() == [
                "code", "codeDescription", "data", "message", "range", "relatedInformation", "severity", "source", "tags",
            ])
        #expect(members["relatedInformation"]?.arrayValue?.count == 2)
        #expect(members["range"]?["start"]?["line"] == .integer(1))
    }
}

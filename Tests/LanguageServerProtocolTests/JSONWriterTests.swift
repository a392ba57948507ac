// The writer of outgoing messages gives the bytes Foundation's JSONEncoder gives with sorted keys
// and unescaped slashes: for strings that need escaping (quotes, backslashes, control characters,
// `€`, `—`, emoji, `/`), numbers of every kind, nil optionals, nested containers and dictionaries.

import Foundation
import Testing

@testable import LanguageServerProtocol

@Suite struct JSONWriterTests {
    struct Sample: Encodable {
        var text: String
        var optional: String?
        var missing: Int?
        var integers: [Int]
        var unsigned: [UInt32]
        var doubles: [Double]
        var flags: [Bool]
        var nested: [String: [String: Int]]
        var value: JSONValue
    }

    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static let strings = [
        "", "plain", "quote \" and \\ backslash", "a/b/c", "tab\tnewline\nreturn\r", "\u{0}\u{1}\u{1F}\u{7F}",
        "€125K — 🚀 emoji", "\u{8}\u{C}", "é\u{301}",
    ]

    @Test(arguments: strings)
    func sameBytesAsFoundation(_ text: String) throws {
        let sample = Sample(
            text: text, optional: text.isEmpty ? nil : text, missing: nil, integers: [0, -1, Int.max, Int.min],
            unsigned: [0, UInt32.max], doubles: [0, 1, -2.5, 0.1, 1e-5, 123456789.125, 1e300],
            flags: [true, false], nested: ["b": ["z": 1, "a": 2], "a": [:]],
            value: .object(["k": .array([.null, .bool(true), .string(text), .number(3)])]))
        #expect(try String(decoding: JSONWriter.write(sample), as: UTF8.self) == Self.foundation(sample))
    }

    /// Strings are scanned 8 bytes at a time: each character that needs an escape, at every offset
    /// of a 20-byte string (in the first word, across a word boundary, in the tail), after ASCII
    /// and after multi-byte UTF-8.
    @Test(arguments: ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1F}"])
    func everyEscapeAtEveryOffset(_ special: String) throws {
        for prefix in ["", "€", "🚀—"] {
            for offset in 0...20 {
                let clean = Array(repeating: "a", count: 20).joined()
                let text = prefix + String(clean.prefix(offset)) + special + String(clean.dropFirst(offset))
                var out: [UInt8] = []
                JSONWriter.writeString(text, into: &out)
                #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(text)), "offset \(offset) after \(prefix)")
            }
        }
    }

    /// With slashes escaped (the command line's layout), each character at every offset is written
    /// as Foundation writes it when it escapes slashes too.
    @Test(arguments: ["/", "\"", "\\", "\n", "\u{0}", "\u{1F}", "a"])
    func escapingSlashesAtEveryOffset(_ special: String) throws {
        for prefix in ["", "€/", "🚀—"] {
            for offset in 0...20 {
                let clean = Array(repeating: "a", count: 20).joined()
                let text = prefix + String(clean.prefix(offset)) + special + String(clean.dropFirst(offset)) + "/"
                var out: [UInt8] = []
                JSONWriter.writeString(text, escapingSlashes: true, into: &out)
                let foundation = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                #expect(String(decoding: out, as: UTF8.self) == foundation, "offset \(offset) after \(prefix)")
            }
        }
    }

    /// The word test flags a word exactly when one of its bytes needs an escape.
    @Test func theWordTestFlagsExactlyTheBytesThatNeedAnEscape() {
        for byte in 0...255 {
            let needsEscape = byte < 0x20 || byte == 0x22 || byte == 0x5C
            for position in 0..<8 {
                for filler: UInt64 in [0x61, 0xE2, 0x7F, 0x21, 0x5D] {  // `a`, a UTF-8 lead byte, DEL, and the neighbours of `"` and `\`
                    var word: UInt64 = 0
                    for index in 0..<8 { word |= (index == position ? UInt64(byte) : filler) << (8 * UInt64(index)) }
                    #expect(JSONWriter.mayNeedEscape(word) == needsEscape, "byte \(byte) at \(position) among \(filler)")
                    #expect(JSONWriter.containsSlash(word) == (byte == 0x2F), "byte \(byte) at \(position) among \(filler)")
                }
            }
        }
    }

    struct Report: Encodable {
        var text: String
        var count: Int
        var flags: [Bool]
        var missing: Int?
        var empty: [Int]
        var emptyObject: [String: Int]
        var nested: [[String: [String]]]
    }

    /// The command line's layout is `JSONSerialization`'s `.prettyPrinted` (with `.sortedKeys`),
    /// byte for byte: nesting, empty containers, escapes and slashes.
    @Test(arguments: strings)
    func prettyLayoutIsJSONSerializations(_ text: String) throws {
        let report = Report(
            text: text, count: -42, flags: [true, false], missing: nil, empty: [], emptyObject: [:],
            nested: [["b/": [text, "x"], "a": []], [:]])
        let parsed = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report))
        let expected = try JSONSerialization.data(withJSONObject: parsed, options: [.prettyPrinted, .sortedKeys])
        let written = try JSONWriter.write(report, layout: .pretty(sortedKeys: true))
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    /// Unsorted, the keys come in the order the value encodes them: its properties' order.
    @Test func prettyLayoutKeepsTheEncodedOrder() throws {
        struct Ordered: Encodable {
            let zeta = 1
            let alpha = ["a/b"]
            let middle: [String: Int]? = nil
        }
        let written = try JSONWriter.write([Ordered()], layout: .pretty(sortedKeys: false))
        #expect(
            String(decoding: written, as: UTF8.self) == """
                [
                  {
                    "zeta" : 1,
                    "alpha" : [
                      "a\\/b"
                    ]
                  }
                ]
                """)
    }

    @Test(arguments: [0, 7, -1, 10, 99, -100, 1_234_567_890, Int.max, Int.min])
    func integersAreWrittenAsTheirDecimalDigits(_ value: Int) {
        var out: [UInt8] = []
        JSONWriter.writeInteger(value, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(value))
    }

    @Test func lspMessagesAsFoundationWritesThem() throws {
        let diagnostic = Diagnostic(
            range: LSPRange(start: Position(line: 3, character: 17), end: Position(line: 3, character: 22)),
            severity: .warning, code: "off-track", source: "kpi",
            message: "behind: $133K on 2027-06-30 is 32% of the way to $150K — \"expects\" $136.8K",
            relatedInformation: [
                DiagnosticRelatedInformation(
                    location: Location(uri: "file:///p/a%20b.kpi", range: LSPRange(at: Position(line: 0, character: 0))),
                    message: "parent")
            ])
        let params = PublishDiagnosticsParams(uri: "file:///p/plan.kpi", version: 7, diagnostics: [diagnostic, diagnostic])
        #expect(try String(decoding: JSONWriter.write(params), as: UTF8.self) == Self.foundation(params))
    }

    @Test func nonFiniteNumbersAreAnError() {
        #expect(throws: EncodingError.self) { try JSONWriter.write([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONWriter.write(["x": Double.infinity]) }
    }

    /// Diagnostics with every optional field present or absent, `data` of every JSON kind.
    static let diagnostics: [Diagnostic] = [
        Diagnostic(range: LSPRange(at: Position(line: 0, character: 0)), message: "bare"),
        Diagnostic(
            range: LSPRange(start: Position(line: 3, character: 17), end: Position(line: 4, character: 2)),
            severity: .hint, code: "split-mismatch", codeDescription: CodeDescription(href: "file:///docs/language.md#split-mismatch"),
            source: "kpi", message: "children add up to $1,400/month of the $1,500/month target: \"$100\" unallocated — €/🚀\n",
            tags: [.unnecessary, .deprecated],
            relatedInformation: [
                DiagnosticRelatedInformation(
                    location: Location(uri: "file:///a/b%20c.kpi", range: LSPRange(at: Position(line: 9, character: 1))), message: "child")
            ],
            data: .object(["n": .number(1.5), "i": .number(3), "list": .array([.null, .bool(false), .string("x\ty")])])),
        Diagnostic(
            range: LSPRange(at: Position(line: 1, character: 1)), severity: .error, message: "m", relatedInformation: [], data: .null),
    ]

    @Test func diagnosticsWriteThemselvesAsFoundationEncodesThem() throws {
        for version in [nil, 12] as [Int?] {
            let params = PublishDiagnosticsParams(uri: "file:///p/plan €.kpi", version: version, diagnostics: Self.diagnostics)
            var out: [UInt8] = []
            params.writeJSON(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(params)))
        }
    }

    /// The notification envelope written around a writable payload is the one written around any other.
    @Test func aNotificationOfWritableParamsHasTheUsualEnvelope() throws {
        struct Envelope: Encodable {
            let jsonrpc = "2.0"
            let method: String
            let params: PublishDiagnosticsParams
        }
        let params = PublishDiagnosticsParams(uri: "file:///p/plan.kpi", version: 3, diagnostics: Self.diagnostics)
        let written = try JSONRPC.encodeNotification(method: "textDocument/publishDiagnostics", params: params)
        #expect(
            String(decoding: written, as: UTF8.self)
                == (try Self.foundation(Envelope(method: "textDocument/publishDiagnostics", params: params))))
    }

    /// Every provider set, none set, and a mix (as `kpi lsp` answers).
    static let capabilities: [ServerCapabilities] = [
        ServerCapabilities(),
        ServerCapabilities(
            positionEncoding: .utf8,
            textDocumentSync: TextDocumentSyncOptions(openClose: false, change: .incremental, save: SaveOptions(includeText: true)),
            hoverProvider: false, completionProvider: CompletionOptions(triggerCharacters: [":", "\"", "/"], resolveProvider: true),
            definitionProvider: true, referencesProvider: false, documentHighlightProvider: true, documentSymbolProvider: false,
            workspaceSymbolProvider: true,
            codeActionProvider: CodeActionOptions(codeActionKinds: [.quickFix, .empty], resolveProvider: false),
            renameProvider: RenameOptions(prepareProvider: false), documentFormattingProvider: true, documentRangeFormattingProvider: false,
            semanticTokensProvider: SemanticTokensOptions(
                legend: SemanticTokensLegend(tokenTypes: ["a", "€ — 🚀"], tokenModifiers: []),
                range: false, full: SemanticTokensFullOptions(delta: false)),
            inlayHintProvider: true, codeLensProvider: CodeLensOptions(resolveProvider: true), foldingRangeProvider: false,
            typeHierarchyProvider: true, executeCommandProvider: ExecuteCommandOptions(commands: ["kpi.a", "kpi/b"]),
            diagnosticProvider: DiagnosticOptions(identifier: "kpi", interFileDependencies: true, workspaceDiagnostics: false),
            workspace: WorkspaceServerCapabilities(
                workspaceFolders: WorkspaceFoldersServerCapabilities(supported: true, changeNotifications: false))),
        ServerCapabilities(
            textDocumentSync: TextDocumentSyncOptions(), completionProvider: CompletionOptions(), codeActionProvider: CodeActionOptions(),
            renameProvider: RenameOptions(),
            semanticTokensProvider: SemanticTokensOptions(legend: SemanticTokensLegend(tokenTypes: [], tokenModifiers: ["x"])),
            codeLensProvider: CodeLensOptions(), diagnosticProvider: DiagnosticOptions(interFileDependencies: false),
            workspace: WorkspaceServerCapabilities(workspaceFolders: WorkspaceFoldersServerCapabilities())),
    ]

    @Test(arguments: capabilities)
    func theInitializeAnswerWritesItselfAsFoundationEncodesIt(_ capabilities: ServerCapabilities) throws {
        for serverInfo in [nil, ServerInfo(name: "kpi"), ServerInfo(name: "kpi \"€\"", version: "0.1.0")] {
            let result = InitializeResult(capabilities: capabilities, serverInfo: serverInfo)
            var out: [UInt8] = []
            result.writeJSON(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(result)))
        }
    }

    /// The response envelope written around a writable result is the one written around any other.
    @Test(arguments: [RequestID.int(7), .int(-1), .string("a \"b\" €/🚀")])
    func aResponseOfAWritableResultHasTheUsualEnvelope(_ id: RequestID) throws {
        struct Envelope: Encodable {
            let id: RequestID
            let jsonrpc = "2.0"
            let result: InitializeResult
        }
        let result = InitializeResult(capabilities: Self.capabilities[1], serverInfo: ServerInfo(name: "kpi"))
        let written = JSONRPC.encodeResponse(id: id, result: result)
        #expect(String(decoding: written, as: UTF8.self) == (try Self.foundation(Envelope(id: id, result: result))))
    }

    @Test func completionHoverAndLocationsWriteThemselvesAsFoundationEncodesThem() throws {
        let range = LSPRange(start: Position(line: 3, character: 10), end: Position(line: 3, character: 14))
        let list = CompletionList(
            isIncomplete: true,
            items: [
                CompletionItem(label: "mrr"),
                CompletionItem(
                    label: "Net Revenue — €/🚀", kind: .unit, detail: "financial · \"currency\"",
                    documentation: .markdown("**MRR**  \nRecurring revenue\tbilled"), insertText: "a/b",
                    insertTextFormat: .snippet, textEdit: TextEdit(range: range, newText: "${1:id}"),
                    filterText: "Net Revenue", sortText: "03"),
            ])
        // A list with defaults, items that take them, and `data` of every JSON kind.
        let lean = CompletionList(
            itemDefaults: CompletionItemDefaults(editRange: range, insertTextFormat: .plainText),
            items: [
                CompletionItem(label: "actions", textEditText: "actions:\n    - action", data: [7, 0]),
                CompletionItem(label: "x", data: ["z": [1.5, -2, "s/€", nil, true], "a": .object([:]), "m": 1e20]),
                CompletionItem(label: "y", data: .string("a \"b\"")),
            ])
        for value in [list, CompletionList(items: []), lean] {
            var out: [UInt8] = []
            value.writeJSON(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(value)))
        }
        for hover in [Hover(contents: .plaintext("x")), Hover(contents: .markdown("`$1,500` — 🚀\n"), range: range)] {
            var out: [UInt8] = []
            hover.writeJSON(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(hover)))
        }
        let locations = [
            Location(uri: "file:///a%20b.kpi", range: range),
            Location(uri: "file:///c.kpi", range: LSPRange(at: Position(line: 0, character: 0))),
        ]
        for value in [locations, []] {
            var out: [UInt8] = []
            value.writeJSON(into: &out)
            #expect(String(decoding: out, as: UTF8.self) == (try Self.foundation(value)))
        }
        // A nil answer is still `"result":null`.
        #expect(
            String(decoding: JSONRPC.encodeResponse(id: 1, result: CompletionList?.none), as: UTF8.self)
                == #"{"id":1,"jsonrpc":"2.0","result":null}"#)
        #expect(
            String(decoding: JSONRPC.encodeResponse(id: 1, result: CompletionList?.some(list)), as: UTF8.self)
                == #"{"id":1,"jsonrpc":"2.0","result":"# + (try Self.foundation(list)) + "}")
    }
}

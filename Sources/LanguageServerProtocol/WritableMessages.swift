// Messages that write their own JSON instead of going through `Encoder` containers: the ones on
// the keystroke path (published diagnostics), the answers an editor asks for as the user types
// (completion, hover, locations) and the `initialize` answer. Containers cost a fifth to two
// thirds of those answers' time, and the first encoding of each type made the Swift runtime look
// up its conformances, which slowed the start. Each writes byte for byte what its `Encodable`
// conformance gives through `JSONWriter`: `WritableMessagesTests` finds every conformance in the
// source, fills every field of each type and compares the two.

/// A type that writes its own JSON: keys sorted and nil left out, as `JSONWriter` writes it.
/// `JSONRPC` uses it for any response or notification payload that has it.
public protocol JSONWritable {
    func writeJSON(into out: inout [UInt8])
}

/// Writes the members of one object in the order given (the caller gives them sorted).
struct JSONObjectWriter {
    private var first = true
    init(_ out: inout [UInt8]) { out.append(UInt8(ascii: "{")) }

    /// Keys are literals of plain ASCII (member names): copied as they are, with no escape scan,
    /// with the comma, quotes and colon around them, in one append.
    mutating func key(_ key: StaticString, _ out: inout [UInt8]) {
        let count = key.utf8CodeUnitCount
        let comma = first ? 0 : 1
        first = false
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 4) { buffer in
            buffer[0] = UInt8(ascii: ",")
            buffer[1] = UInt8(ascii: "\"")
            UnsafeMutableRawPointer(buffer.baseAddress! + 2).copyMemory(from: key.utf8Start, byteCount: count)
            buffer[count + 2] = UInt8(ascii: "\"")
            buffer[count + 3] = UInt8(ascii: ":")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(1 - comma)...]))
        }
    }
    mutating func member(_ key: StaticString, _ value: String, _ out: inout [UInt8]) {
        self.key(key, &out)
        JSONWriter.writeString(value, into: &out)
    }
    mutating func member(_ key: StaticString, _ value: Int, _ out: inout [UInt8]) {
        self.key(key, &out)
        JSONWriter.writeInteger(value, into: &out)
    }
    mutating func member(_ key: StaticString, _ value: some JSONWritable, _ out: inout [UInt8]) {
        self.key(key, &out)
        value.writeJSON(into: &out)
    }
    mutating func member(_ key: StaticString, _ value: Bool?, _ out: inout [UInt8]) {
        guard let value else { return }
        self.key(key, &out)
        out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }
    mutating func member(_ key: StaticString, _ values: [String]?, _ out: inout [UInt8]) {
        guard let values else { return }
        self.key(key, &out)
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
    mutating func member(_ key: StaticString, _ value: (some JSONWritable)?, _ out: inout [UInt8]) {
        guard let value else { return }
        self.key(key, &out)
        value.writeJSON(into: &out)
    }
    func end(_ out: inout [UInt8]) { out.append(UInt8(ascii: "}")) }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, element) in enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            element.writeJSON(into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}

// MARK: - Positions and diagnostics

extension Position: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("character", character, &out)
        object.member("line", line, &out)
        object.end(&out)
    }
}

extension LSPRange: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("end", end, &out)
        object.member("start", start, &out)
        object.end(&out)
    }
}

extension Location: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("range", range, &out)
        object.member("uri", uri, &out)
        object.end(&out)
    }
}

extension DiagnosticRelatedInformation: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("location", location, &out)
        object.member("message", message, &out)
        object.end(&out)
    }
}

extension Diagnostic: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        if let code { object.member("code", code, &out) }
        if let codeDescription {
            object.key("codeDescription", &out)
            var inner = JSONObjectWriter(&out)
            inner.member("href", codeDescription.href, &out)
            inner.end(&out)
        }
        if let data {
            object.key("data", &out)
            out.append(contentsOf: (try? JSONWriter.write(data)) ?? Array("null".utf8))
        }
        object.member("message", message, &out)
        object.member("range", range, &out)
        if let relatedInformation { object.member("relatedInformation", relatedInformation, &out) }
        if let severity { object.member("severity", severity.rawValue, &out) }
        if let source { object.member("source", source, &out) }
        if let tags {
            object.key("tags", &out)
            out.append(contentsOf: "[\(tags.map { String($0.rawValue) }.joined(separator: ","))]".utf8)
        }
        object.end(&out)
    }
}

extension PublishDiagnosticsParams: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("diagnostics", diagnostics, &out)
        object.member("uri", uri, &out)
        if let version { object.member("version", version, &out) }
        object.end(&out)
    }
}

// MARK: - Completion and hover

extension TextEdit: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("newText", newText, &out)
        object.member("range", range, &out)
        object.end(&out)
    }
}

extension MarkupContent: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("kind", kind.rawValue, &out)
        object.member("value", value, &out)
        object.end(&out)
    }
}

extension Hover: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("contents", contents, &out)
        object.member("range", range, &out)
        object.end(&out)
    }
}

extension CompletionItem: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        if let data {
            object.key("data", &out)
            data.writeJSON(into: &out)
        }
        if let detail { object.member("detail", detail, &out) }
        object.member("documentation", documentation, &out)
        if let filterText { object.member("filterText", filterText, &out) }
        if let insertText { object.member("insertText", insertText, &out) }
        if let insertTextFormat { object.member("insertTextFormat", insertTextFormat.rawValue, &out) }
        if let kind { object.member("kind", kind.rawValue, &out) }
        object.member("label", label, &out)
        if let sortText { object.member("sortText", sortText, &out) }
        object.member("textEdit", textEdit, &out)
        if let textEditText { object.member("textEditText", textEditText, &out) }
        object.end(&out)
    }
}

extension CompletionItemDefaults: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("editRange", editRange, &out)
        if let insertTextFormat { object.member("insertTextFormat", insertTextFormat.rawValue, &out) }
        object.end(&out)
    }
}

extension CompletionList: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("isIncomplete", isIncomplete, &out)
        object.member("itemDefaults", itemDefaults, &out)
        object.member("items", items, &out)
        object.end(&out)
    }
}

extension JSONValue {
    /// As its `Encodable` conformance writes it: object keys sorted, integral numbers without a
    /// fraction. A non-finite number is written `null` here (the `Encodable` path refuses it: a
    /// response of one becomes an internal error), so this serves only values inside messages,
    /// like a completion item's `data`, and is not a `JSONWritable` conformance.
    func writeJSON(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): JSONWriter.writeInteger(value, into: &out)
        case .number(let value):
            if value.rounded() == value, abs(value) < 9.007_199_254_740_992e15, let int = Int(exactly: value) {
                JSONWriter.writeInteger(int, into: &out)
            } else if value.isFinite {
                var text = "\(value)"
                if text.hasSuffix(".0") { text.removeLast(2) }
                out.append(contentsOf: text.utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let value): JSONWriter.writeString(value, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

// MARK: - The initialize answer

extension InitializeResult: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("capabilities", capabilities, &out)
        object.member("serverInfo", serverInfo, &out)
        object.end(&out)
    }
}

extension ServerInfo: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("name", name, &out)
        if let version { object.member("version", version, &out) }
        object.end(&out)
    }
}

extension ServerCapabilities: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("codeActionProvider", codeActionProvider, &out)
        object.member("codeLensProvider", codeLensProvider, &out)
        object.member("completionProvider", completionProvider, &out)
        object.member("definitionProvider", definitionProvider, &out)
        object.member("diagnosticProvider", diagnosticProvider, &out)
        object.member("documentFormattingProvider", documentFormattingProvider, &out)
        object.member("documentHighlightProvider", documentHighlightProvider, &out)
        object.member("documentRangeFormattingProvider", documentRangeFormattingProvider, &out)
        object.member("documentSymbolProvider", documentSymbolProvider, &out)
        object.member("executeCommandProvider", executeCommandProvider, &out)
        object.member("foldingRangeProvider", foldingRangeProvider, &out)
        object.member("hoverProvider", hoverProvider, &out)
        object.member("inlayHintProvider", inlayHintProvider, &out)
        if let positionEncoding { object.member("positionEncoding", positionEncoding.rawValue, &out) }
        object.member("referencesProvider", referencesProvider, &out)
        object.member("renameProvider", renameProvider, &out)
        object.member("semanticTokensProvider", semanticTokensProvider, &out)
        object.member("textDocumentSync", textDocumentSync, &out)
        object.member("typeHierarchyProvider", typeHierarchyProvider, &out)
        object.member("workspace", workspace, &out)
        object.member("workspaceSymbolProvider", workspaceSymbolProvider, &out)
        object.end(&out)
    }
}

extension TextDocumentSyncOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        if let change { object.member("change", change.rawValue, &out) }
        object.member("openClose", openClose, &out)
        object.member("save", save, &out)
        object.end(&out)
    }
}

extension SaveOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("includeText", includeText, &out)
        object.end(&out)
    }
}

extension CompletionOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("resolveProvider", resolveProvider, &out)
        object.member("triggerCharacters", triggerCharacters, &out)
        object.end(&out)
    }
}

extension CodeActionOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("codeActionKinds", codeActionKinds?.map(\.rawValue), &out)
        object.member("resolveProvider", resolveProvider, &out)
        object.end(&out)
    }
}

extension RenameOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("prepareProvider", prepareProvider, &out)
        object.end(&out)
    }
}

extension SemanticTokensOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("full", full, &out)
        object.key("legend", &out)
        var legendObject = JSONObjectWriter(&out)
        legendObject.member("tokenModifiers", legend.tokenModifiers, &out)
        legendObject.member("tokenTypes", legend.tokenTypes, &out)
        legendObject.end(&out)
        object.member("range", range, &out)
        object.end(&out)
    }
}

extension SemanticTokensFullOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("delta", delta, &out)
        object.end(&out)
    }
}

extension CodeLensOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("resolveProvider", resolveProvider, &out)
        object.end(&out)
    }
}

extension ExecuteCommandOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("commands", commands, &out)
        object.end(&out)
    }
}

extension DiagnosticOptions: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        if let identifier { object.member("identifier", identifier, &out) }
        object.member("interFileDependencies", interFileDependencies, &out)
        object.member("workspaceDiagnostics", workspaceDiagnostics, &out)
        object.end(&out)
    }
}

extension WorkspaceServerCapabilities: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("workspaceFolders", workspaceFolders, &out)
        object.end(&out)
    }
}

extension WorkspaceFoldersServerCapabilities: JSONWritable {
    public func writeJSON(into out: inout [UInt8]) {
        var object = JSONObjectWriter(&out)
        object.member("changeNotifications", changeNotifications, &out)
        object.member("supported", supported, &out)
        object.end(&out)
    }
}

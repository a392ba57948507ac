// The `initialize` answer, written without the `Encoder`. It is the first thing an editor waits
// for, and going through `Encoder` containers made the Swift runtime look up a protocol
// conformance for each of these types in turn: a fifth of the time from spawn to the answer.
// Byte for byte what the `Encodable` conformances give (`JSONWriterTests` compares the two).

extension JSONObjectWriter {
    mutating func member(_ key: String, _ value: Bool?, _ out: inout [UInt8]) {
        guard let value else { return }
        self.key(key, &out)
        out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }
    mutating func member(_ key: String, _ values: [String]?, _ out: inout [UInt8]) {
        guard let values else { return }
        self.key(key, &out)
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
    mutating func member(_ key: String, _ value: (some JSONWritable)?, _ out: inout [UInt8]) {
        guard let value else { return }
        self.key(key, &out)
        value.writeJSON(into: &out)
    }
}

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

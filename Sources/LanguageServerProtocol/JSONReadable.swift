// Params read straight from the parsed JSON, for the messages an editor sends on every keystroke
// and cursor move (completion, hover, definition, references, didChange): going through
// `Decodable` took a quarter of the instructions of a whole completion request.

/// A type read from a `JSONValue` without the `Decodable` machinery. `init?(json:)` gives the value
/// `decode` would give, or nil for anything it does not expect; `JSONRPC.decode` then decodes the
/// usual way, which accepts the same inputs and says what is wrong with the others.
protocol JSONReadable {
    init?(json: JSONValue)
}

extension JSONValue {
    /// A member that `decodeIfPresent` reads as nil: absent or `null`.
    fileprivate func isAbsent(_ key: String) -> Bool {
        guard let member = self[key] else { return true }
        return member.isNull
    }
}

extension Position: JSONReadable {
    init?(json: JSONValue) {
        guard let line = json["line"]?.intValue, let character = json["character"]?.intValue else { return nil }
        self.init(line: line, character: character)
    }
}

extension LSPRange: JSONReadable {
    init?(json: JSONValue) {
        guard let start = json["start"].flatMap(Position.init(json:)), let end = json["end"].flatMap(Position.init(json:)) else {
            return nil
        }
        self.init(start: start, end: end)
    }
}

extension TextDocumentIdentifier: JSONReadable {
    init?(json: JSONValue) {
        guard let uri = json["uri"]?.stringValue else { return nil }
        self.init(uri: uri)
    }
}

extension VersionedTextDocumentIdentifier: JSONReadable {
    init?(json: JSONValue) {
        guard let uri = json["uri"]?.stringValue, let version = json["version"]?.intValue else { return nil }
        self.init(uri: uri, version: version)
    }
}

extension TextDocumentPositionParams: JSONReadable {
    init?(json: JSONValue) {
        guard let document = json["textDocument"].flatMap(TextDocumentIdentifier.init(json:)),
            let position = json["position"].flatMap(Position.init(json:))
        else { return nil }
        self.init(textDocument: document, position: position)
    }
}

extension CompletionParams: JSONReadable {
    init?(json: JSONValue) {
        guard let at = TextDocumentPositionParams(json: json) else { return nil }
        var context: CompletionContext?
        if !json.isAbsent("context") {
            guard let given = json["context"], let kind = given["triggerKind"]?.intValue else { return nil }
            var character: String?
            if !given.isAbsent("triggerCharacter") {
                guard let text = given["triggerCharacter"]?.stringValue else { return nil }
                character = text
            }
            context = CompletionContext(triggerKind: CompletionTriggerKind(rawValue: kind), triggerCharacter: character)
        }
        self.init(textDocument: at.textDocument, position: at.position, context: context)
    }
}

extension ReferenceParams: JSONReadable {
    init?(json: JSONValue) {
        guard let at = TextDocumentPositionParams(json: json),
            let includeDeclaration = json["context"]?["includeDeclaration"]?.boolValue
        else { return nil }
        self.init(textDocument: at.textDocument, position: at.position, context: ReferenceContext(includeDeclaration: includeDeclaration))
    }
}

extension TextDocumentContentChangeEvent: JSONReadable {
    init?(json: JSONValue) {
        guard let text = json["text"]?.stringValue else { return nil }
        var range: LSPRange?
        if !json.isAbsent("range") {
            guard let given = json["range"].flatMap(LSPRange.init(json:)) else { return nil }
            range = given
        }
        var rangeLength: Int?
        if !json.isAbsent("rangeLength") {
            guard let given = json["rangeLength"]?.intValue else { return nil }
            rangeLength = given
        }
        self.init(range: range, rangeLength: rangeLength, text: text)
    }
}

extension DidChangeTextDocumentParams: JSONReadable {
    init?(json: JSONValue) {
        guard let document = json["textDocument"].flatMap(VersionedTextDocumentIdentifier.init(json:)),
            let changes = json["contentChanges"]?.arrayValue
        else { return nil }
        var events: [TextDocumentContentChangeEvent] = []
        events.reserveCapacity(changes.count)
        for change in changes {
            guard let event = TextDocumentContentChangeEvent(json: change) else { return nil }
            events.append(event)
        }
        self.init(textDocument: document, contentChanges: events)
    }
}

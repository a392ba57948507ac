// Workspace-level messages: watched files, configuration, workspace folders, applyEdit and
// executeCommand.

public struct FileChangeType: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let created = FileChangeType(rawValue: 1)
    public static let changed = FileChangeType(rawValue: 2)
    public static let deleted = FileChangeType(rawValue: 3)
}

public struct FileEvent: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var type: FileChangeType

    public init(uri: DocumentURI, type: FileChangeType) {
        self.uri = uri
        self.type = type
    }
}

public struct DidChangeWatchedFilesParams: Codable, Hashable, Sendable {
    public var changes: [FileEvent]
    public init(changes: [FileEvent]) { self.changes = changes }
}

public struct DidChangeConfigurationParams: Codable, Hashable, Sendable {
    public var settings: JSONValue?
    public init(settings: JSONValue? = nil) { self.settings = settings }
}

public struct ConfigurationItem: Codable, Hashable, Sendable {
    public var scopeUri: DocumentURI?
    public var section: String?

    public init(scopeUri: DocumentURI? = nil, section: String? = nil) {
        self.scopeUri = scopeUri
        self.section = section
    }
}

/// `workspace/configuration` params; the answer holds one value per item, in order.
public struct ConfigurationParams: Codable, Hashable, Sendable {
    public var items: [ConfigurationItem]
    public init(items: [ConfigurationItem]) { self.items = items }
}

public struct WorkspaceFoldersChangeEvent: Codable, Hashable, Sendable {
    public var added: [WorkspaceFolder]
    public var removed: [WorkspaceFolder]

    public init(added: [WorkspaceFolder] = [], removed: [WorkspaceFolder] = []) {
        self.added = added
        self.removed = removed
    }
}

public struct DidChangeWorkspaceFoldersParams: Codable, Hashable, Sendable {
    public var event: WorkspaceFoldersChangeEvent
    public init(event: WorkspaceFoldersChangeEvent) { self.event = event }
}

public struct ApplyWorkspaceEditParams: Codable, Hashable, Sendable {
    public var label: String?
    public var edit: WorkspaceEdit

    public init(label: String? = nil, edit: WorkspaceEdit) {
        self.label = label
        self.edit = edit
    }
}

public struct ApplyWorkspaceEditResult: Codable, Hashable, Sendable {
    public var applied: Bool
    public var failureReason: String?

    public init(applied: Bool, failureReason: String? = nil) {
        self.applied = applied
        self.failureReason = failureReason
    }
}

public struct ExecuteCommandParams: Codable, Hashable, Sendable {
    public var command: String
    public var arguments: [JSONValue]?

    public init(command: String, arguments: [JSONValue]? = nil) {
        self.command = command
        self.arguments = arguments
    }
}

// Session lifecycle and window messages: initialize, cancellation, progress, logging,
// showMessage and dynamic capability registration.

// MARK: - Initialize

public struct ClientInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

public struct WorkspaceFolder: Codable, Hashable, Sendable {
    public var uri: DocumentURI
    public var name: String

    public init(uri: DocumentURI, name: String) {
        self.uri = uri
        self.name = name
    }
}

public struct InitializeParams: Codable, Hashable, Sendable {
    public var processId: Int?
    public var clientInfo: ClientInfo?
    public var locale: String?
    public var rootPath: String?
    public var rootUri: DocumentURI?
    public var initializationOptions: JSONValue?
    public var capabilities: ClientCapabilities
    public var trace: String?
    public var workspaceFolders: [WorkspaceFolder]?

    public init(
        processId: Int? = nil, clientInfo: ClientInfo? = nil, locale: String? = nil,
        rootPath: String? = nil, rootUri: DocumentURI? = nil, initializationOptions: JSONValue? = nil,
        capabilities: ClientCapabilities = ClientCapabilities(), trace: String? = nil,
        workspaceFolders: [WorkspaceFolder]? = nil
    ) {
        self.processId = processId
        self.clientInfo = clientInfo
        self.locale = locale
        self.rootPath = rootPath
        self.rootUri = rootUri
        self.initializationOptions = initializationOptions
        self.capabilities = capabilities
        self.trace = trace
        self.workspaceFolders = workspaceFolders
    }

    /// Lenient: only a wrongly typed core field fails; missing capabilities mean "none".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        processId = try container.decodeIfPresent(Int.self, forKey: .processId)
        clientInfo = try? container.decodeIfPresent(ClientInfo.self, forKey: .clientInfo)
        locale = try? container.decodeIfPresent(String.self, forKey: .locale)
        rootPath = try container.decodeIfPresent(String.self, forKey: .rootPath)
        rootUri = try container.decodeIfPresent(DocumentURI.self, forKey: .rootUri)
        initializationOptions = try container.decodeIfPresent(JSONValue.self, forKey: .initializationOptions)
        capabilities = try container.decodeIfPresent(ClientCapabilities.self, forKey: .capabilities) ?? ClientCapabilities()
        trace = try? container.decodeIfPresent(String.self, forKey: .trace)
        workspaceFolders = try container.decodeIfPresent([WorkspaceFolder].self, forKey: .workspaceFolders)
    }
}

public struct ServerInfo: Codable, Hashable, Sendable {
    public var name: String
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

public struct InitializeResult: Codable, Hashable, Sendable {
    public var capabilities: ServerCapabilities
    public var serverInfo: ServerInfo?

    public init(capabilities: ServerCapabilities, serverInfo: ServerInfo? = nil) {
        self.capabilities = capabilities
        self.serverInfo = serverInfo
    }
}

/// Params of the `initialized` notification: an empty object.
public struct InitializedParams: Codable, Hashable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}  // accepts `{}`, `null` or absent params
}

// MARK: - Cancellation and progress

public struct CancelParams: Codable, Hashable, Sendable {
    public var id: RequestID
    public init(id: RequestID) { self.id = id }
}

public struct ProgressParams: Codable, Hashable, Sendable {
    public var token: ProgressToken
    public var value: JSONValue

    public init(token: ProgressToken, value: JSONValue) {
        self.token = token
        self.value = value
    }

    public init(token: ProgressToken, workDone: WorkDoneProgress) {
        self.init(token: token, value: workDone.json)
    }
}

/// The `value` of a work-done `$/progress` notification.
public enum WorkDoneProgress: Hashable, Sendable {
    case begin(title: String, message: String? = nil, percentage: Int? = nil, cancellable: Bool? = nil)
    case report(message: String? = nil, percentage: Int? = nil, cancellable: Bool? = nil)
    case end(message: String? = nil)

    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        func set(_ key: String, _ value: JSONValue?) { if let value { members[key] = value } }
        switch self {
        case .begin(let title, let message, let percentage, let cancellable):
            set("kind", "begin")
            set("title", .string(title))
            set("message", message.map(JSONValue.string))
            set("percentage", percentage.map { .integer($0) })
            set("cancellable", cancellable.map(JSONValue.bool))
        case .report(let message, let percentage, let cancellable):
            set("kind", "report")
            set("message", message.map(JSONValue.string))
            set("percentage", percentage.map { .integer($0) })
            set("cancellable", cancellable.map(JSONValue.bool))
        case .end(let message):
            set("kind", "end")
            set("message", message.map(JSONValue.string))
        }
        return .object(members)
    }
}

public struct WorkDoneProgressCreateParams: Codable, Hashable, Sendable {
    public var token: ProgressToken
    public init(token: ProgressToken) { self.token = token }
}

// MARK: - Window

public struct MessageType: RawRepresentable, Codable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let error = MessageType(rawValue: 1)
    public static let warning = MessageType(rawValue: 2)
    public static let info = MessageType(rawValue: 3)
    public static let log = MessageType(rawValue: 4)
    public static let debug = MessageType(rawValue: 5)
}

/// Params of both `window/logMessage` and `window/showMessage`.
public struct LogMessageParams: Codable, Hashable, Sendable {
    public var type: MessageType
    public var message: String

    public init(type: MessageType, message: String) {
        self.type = type
        self.message = message
    }
}

public typealias ShowMessageParams = LogMessageParams

// MARK: - Registration

public struct Registration: Codable, Hashable, Sendable {
    public var id: String
    public var method: String
    public var registerOptions: JSONValue?

    public init(id: String, method: String, registerOptions: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.registerOptions = registerOptions
    }
}

public struct RegistrationParams: Codable, Hashable, Sendable {
    public var registrations: [Registration]
    public init(registrations: [Registration]) { self.registrations = registrations }
}

/// `registerOptions` of a `workspace/didChangeWatchedFiles` registration.
public struct DidChangeWatchedFilesRegistrationOptions: Codable, Hashable, Sendable {
    public var watchers: [FileSystemWatcher]
    public init(watchers: [FileSystemWatcher]) { self.watchers = watchers }
}

public struct FileSystemWatcher: Codable, Hashable, Sendable {
    /// A glob such as `**/*.kpi`.
    public var globPattern: String
    /// Bit set of `WatchKind` values; nil means all (create | change | delete).
    public var kind: Int?

    public init(globPattern: String, kind: Int? = nil) {
        self.globPattern = globPattern
        self.kind = kind
    }
}

public enum WatchKind {
    public static let create = 1
    public static let change = 2
    public static let delete = 4
}

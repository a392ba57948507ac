// `kpi/outsidePlans`: the plan files outside the workspace folders that the server reads because a
// plan's `use` names them (a company plan shared by several repositories). `:checkhealth kpi`
// lists them; the log says each once as it is first read.

import LanguageServerProtocol

public struct OutsidePlansResult: Codable, Sendable, Equatable {
    /// Their URIs, sorted.
    public var uris: [String]

    public init(uris: [String]) { self.uris = uris }
}

public enum OutsidePlansRequest: LSPRequest {
    public static let method = "kpi/outsidePlans"
    public typealias Params = NoParams
    public typealias Response = OutsidePlansResult
}

extension Server {
    func outsidePlans(_: NoParams) throws -> OutsidePlansResult {
        OutsidePlansResult(uris: reportedOutside.filter { workspace.files[$0] != nil }.sorted().map(URIs.uri))
    }
}

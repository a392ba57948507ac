// `kpi/report`: the report of the workspace as one HTML page (what `kpi report` writes, on every
// core with `KPIFiles.writeReport`), or of one KPI's subtree: the KPI named by `id`, or the one at
// `position` in `uri`. Editors show it in a webview or a browser.

import KPIFiles
import KPIPlan
import LanguageServerProtocol

public struct ReportParams: Codable, Sendable {
    /// A KPI id, or a document and a position in it: the report of that KPI and the KPIs under it.
    public var id: String?
    public var uri: String?
    public var position: Position?
    public init(id: String? = nil, uri: String? = nil, position: Position? = nil) {
        self.id = id
        self.uri = uri
        self.position = position
    }
}

public struct ReportResult: Codable, Sendable, Equatable {
    public var html: String
    /// The KPI the report is about, when it is one subtree.
    public var id: String?
}

public enum ReportRequest: LSPRequest {
    public static let method = "kpi/report"
    public typealias Params = ReportParams
    public typealias Response = ReportResult
}

extension Server {
    func report(_ params: ReportParams) throws -> ReportResult {
        let analysis = analysis
        var root: KPIRef?
        if let id = params.id {
            guard let ref = analysis.kpis(withID: id).first else {
                throw ResponseError(code: .invalidParams, message: "no KPI `\(id)` in the workspace")
            }
            root = ref
        } else if let uri = params.uri, let position = params.position {
            guard let document = document(uri) else { throw ResponseError(code: .invalidParams, message: "unknown document \(uri)") }
            root = analysis.kpi(at: document.positions.offset(position), in: document.path)
        }
        return ReportResult(html: writeReport(analysis, ReportOptions(root: root)), id: root.map { analysis.kpi($0).id })
    }
}

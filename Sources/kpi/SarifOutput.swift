// `kpi check --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning services
// (GitHub code scanning, Azure DevOps, SonarQube, …) ingest: every diagnostic code as a rule with
// its summary and a link to its section of the spec, and each finding with its level, message,
// location and related locations.

import KPILanguageServer
import KPIPlan

enum SarifOutput {
    /// The base URI of the relative artifact locations: the folder `kpi check` ran in.
    static let sourceRoot = URIBases.CodingKeys.sourceRoot.rawValue

    /// The SARIF log of `kept` and of `ignored` (silenced by `# kpi-ignore:`, listed with an
    /// in-source suppression). `docsURL` is `docs/language.md` as an absolute URI (rules link to
    /// its sections; no links without it); `workingDirectory` the absolute path relative paths start from.
    static func log(
        kept: [KPIPlan.Diagnostic], ignored: [KPIPlan.Diagnostic], workspace: Workspace,
        docsURL: String?, workingDirectory: String
    ) throws -> String {
        let codes = DiagnosticCode.allCases
        let rules = codes.map { code in
            Rule(
                id: code.rawValue, shortDescription: Text(code.summary), fullDescription: Text(code.summary),
                helpUri: docsURL.map { "\($0)#\(code.rawValue)" },
                help: Text(code.summary + " See the `\(code.rawValue)` section of the language reference (docs/language.md)."),
                defaultConfiguration: Configuration(level: level(code.defaultSeverity)))
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        func result(_ d: KPIPlan.Diagnostic, suppressed: Bool) -> Result {
            Result(
                ruleId: d.code.rawValue, ruleIndex: ruleIndex[d.code]!, level: level(d.severity), message: Text(d.message),
                locations: [Location(physicalLocation: physicalLocation(d.path, d.range, workspace))],
                relatedLocations: d.related.isEmpty
                    ? nil
                    : d.related.enumerated().map { index, r in
                        Location(id: index, physicalLocation: physicalLocation(r.path, r.range, workspace), message: Text(r.message))
                    },
                suppressions: suppressed ? [Suppression(kind: "inSource")] : nil)
        }
        let folder = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        let run = Run(
            tool: Tool(driver: Driver(name: "kpi", version: version, semanticVersion: version, rules: rules)),
            originalUriBaseIds: URIBases(sourceRoot: ArtifactLocation(uri: URIs.uri(folder))),
            results: kept.map { result($0, suppressed: false) } + ignored.map { result($0, suppressed: true) })
        return try JSONOutput.text(Log(runs: [run]), sortedKeys: false)
    }

    /// SARIF has three levels for findings: information and hints are both notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "note"
        }
    }

    /// A location's `physicalLocation`: an absolute path as a `file://` URI, any other relative
    /// to `SRCROOT`.
    static func physicalLocation(_ path: String, _ range: Range<Int>, _ workspace: Workspace) -> PhysicalLocation {
        let artifact =
            path.hasPrefix("/")
            ? ArtifactLocation(uri: URIs.uri(path))
            // `:` is escaped too, so that a first segment like `a:b.kpi` does not read as a scheme.
            : ArtifactLocation(uri: URIs.escaped(path).replacing(":", with: "%3A"), uriBaseId: sourceRoot)
        return PhysicalLocation(artifactLocation: artifact, region: FindingRegion(path, range, in: workspace))
    }

    // The SARIF objects `kpi check` writes, their members in the order they are written.

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let originalUriBaseIds: URIBases
        let columnKind = "utf16CodeUnits"
        let results: [Result]
    }

    struct Tool: Encodable { let driver: Driver }

    struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [Rule]
    }

    struct Rule: Encodable {
        let id: String
        let shortDescription: Text
        let fullDescription: Text
        let helpUri: String?
        let help: Text
        let defaultConfiguration: Configuration
    }

    struct Text: Encodable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    struct Configuration: Encodable { let level: String }

    struct URIBases: Encodable {
        let sourceRoot: ArtifactLocation
        enum CodingKeys: String, CodingKey { case sourceRoot = "SRCROOT" }
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let relatedLocations: [Location]?
        let suppressions: [Suppression]?
    }

    struct Location: Encodable {
        var id: Int? = nil
        let physicalLocation: PhysicalLocation
        var message: Text? = nil
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: FindingRegion?
    }

    struct ArtifactLocation: Encodable {
        let uri: String
        var uriBaseId: String? = nil
    }

    struct Suppression: Encodable { let kind: String }
}

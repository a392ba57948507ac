// `kpi check --format sarif`: the findings as a SARIF 2.1.0 log, the format code-scanning services
// (GitHub code scanning, Azure DevOps, SonarQube, …) ingest: every diagnostic code as a rule with
// its summary and a link to its section of the spec, and each finding with its level, message,
// location and related locations.

import KPILanguageServer
import KPIPlan

enum SarifOutput {
    /// The base URI of the relative artifact locations: the folder `kpi check` ran in.
    static let sourceRoot = "SRCROOT"

    /// The SARIF log of `kept` and of `ignored` (silenced by `# kpi-ignore:`, listed with an
    /// in-source suppression). `docsURL` is `docs/language.md` as an absolute URI (rules link to
    /// its sections; no links without it); `workingDirectory` the absolute path relative paths start from.
    static func log(
        kept: [KPIPlan.Diagnostic], ignored: [KPIPlan.Diagnostic], workspace: Workspace,
        docsURL: String?, workingDirectory: String
    ) -> String {
        let codes = DiagnosticCode.allCases
        let rules = codes.map { code -> PrettyJSON in
            .object(
                [
                    ("id", .string(code.rawValue)),
                    ("shortDescription", .object([("text", .string(code.summary))])),
                    ("fullDescription", .object([("text", .string(code.summary))])),
                ]
                    + (docsURL.map { [("helpUri", .string("\($0)#\(code.rawValue)"))] } ?? [])
                    + [
                        (
                            "help",
                            .object([
                                (
                                    "text",
                                    .string(
                                        code.summary + " See the `\(code.rawValue)` section of the language reference (docs/language.md).")
                                )
                            ])
                        ),
                        ("defaultConfiguration", .object([("level", .string(level(code.defaultSeverity)))])),
                    ])
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        func result(_ d: KPIPlan.Diagnostic, suppressed: Bool) -> PrettyJSON {
            var members: [(key: String, value: PrettyJSON)] = [
                ("ruleId", .string(d.code.rawValue)), ("ruleIndex", .int(ruleIndex[d.code]!)),
                ("level", .string(level(d.severity))), ("message", .object([("text", .string(d.message))])),
                ("locations", .array([.object([physicalLocation(d.path, d.range, workspace)])])),
            ]
            if !d.related.isEmpty {
                members.append(
                    (
                        "relatedLocations",
                        .array(
                            d.related.enumerated().map { index, r in
                                .object([
                                    ("id", .int(index)), physicalLocation(r.path, r.range, workspace),
                                    ("message", .object([("text", .string(r.message))])),
                                ])
                            })
                    ))
            }
            if suppressed { members.append(("suppressions", .array([.object([("kind", .string("inSource"))])]))) }
            return .object(members)
        }
        let folder = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        let run = PrettyJSON.object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string("kpi")), ("version", .string(version)), ("semanticVersion", .string(version)),
                            ("rules", .array(rules)),
                        ])
                    )
                ])
            ),
            ("originalUriBaseIds", .object([(sourceRoot, .object([("uri", .string(URIs.uri(folder)))]))])),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(kept.map { result($0, suppressed: false) } + ignored.map { result($0, suppressed: true) })),
        ])
        var out = ""
        PrettyJSON.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).write(to: &out)
        return out + "\n"
    }

    /// SARIF has three levels for findings: information and hints are both notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "note"
        }
    }

    /// A location's `physicalLocation` member: an absolute path as a `file://` URI, any other
    /// relative to `SRCROOT`.
    static func physicalLocation(_ path: String, _ range: Range<Int>, _ workspace: Workspace) -> (key: String, value: PrettyJSON) {
        let artifact: PrettyJSON =
            path.hasPrefix("/")
            ? .object([("uri", .string(URIs.uri(path)))])
            // `:` is escaped too, so that a first segment like `a:b.kpi` does not read as a scheme.
            : .object([("uri", .string(URIs.escaped(path).replacing(":", with: "%3A"))), ("uriBaseId", .string(sourceRoot))])
        var physical: [(key: String, value: PrettyJSON)] = [("artifactLocation", artifact)]
        if let region = FindingRegion(path, range, in: workspace) {
            physical.append(
                (
                    "region",
                    .object([
                        ("startLine", .int(region.startLine)), ("startColumn", .int(region.startColumn)),
                        ("endLine", .int(region.endLine)), ("endColumn", .int(region.endColumn)),
                    ])
                ))
        }
        return ("physicalLocation", .object(physical))
    }
}

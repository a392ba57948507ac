// `kpi check --format github`: the findings as GitHub Actions workflow commands
// (`::warning file=…,line=…::message`), so that a workflow step running `kpi check` shows each
// one on its line of the pull request, with no upload step.

import KPIPlan

enum GitHubOutput {
    /// One command a finding (errors as `error`, warnings as `warning`, information and hints as
    /// `notice`), the related places appended to the message, one a line.
    static func commands(_ diagnostics: [KPIPlan.Diagnostic], workspace: Workspace) -> String {
        var out = ""
        for d in diagnostics {
            var properties = [("file", d.path)]
            if let region = FindingRegion(d.path, d.range, in: workspace) {
                properties += [
                    ("line", String(region.startLine)), ("col", String(region.startColumn)),
                    ("endLine", String(region.endLine)), ("endColumn", String(region.endColumn)),
                ]
            }
            properties.append(("title", d.code.rawValue))
            var message = d.message
            for r in d.related {
                let line = FindingRegion(r.path, r.range, in: workspace).map { ":\($0.startLine)" } ?? ""
                message += "\n\(r.path)\(line): \(r.message)"
            }
            out +=
                "::\(command(d.severity)) " + properties.map { "\($0)=\(escapedProperty($1))" }.joined(separator: ",")
                + "::" + escapedData(message) + "\n"
        }
        return out
    }

    static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "notice"
        }
    }

    /// The message of a command: `%`, carriage returns and line feeds escaped, as the runner
    /// (`toolkit/src/command.ts`, `escapeData`) unescapes them.
    static func escapedData(_ text: String) -> String {
        escaping(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    /// A property value: as the message, and `:` and `,` too (they end a value).
    static func escapedProperty(_ text: String) -> String {
        escaping(text, [("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
    }

    /// `text` with each scalar of `escapes` replaced, `%` first (it starts the other escapes).
    /// Scalars, not characters: a `%` followed by a combining mark is still escaped.
    private static func escaping(_ text: String, _ escapes: [(Unicode.Scalar, String)]) -> String {
        var scalars = text.unicodeScalars
        for (scalar, escape) in escapes { scalars.replace(CollectionOfOne(scalar), with: escape.unicodeScalars) }
        return String(scalars)
    }
}

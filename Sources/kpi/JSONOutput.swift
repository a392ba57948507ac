// `kpi check --format json`: the findings as a JSON array, one object a finding with its code,
// place (1-based lines and columns), message, severity and related places. The JSON is written by
// the protocol's writer in `JSONSerialization`'s pretty layout, the bytes the command has always
// printed.

import KPIPlan
import LanguageServerProtocol

enum JSONOutput {
    /// `kept`, then `ignored` (silenced by `# kpi-ignore:`, marked `"ignored": true`).
    static func findings(kept: [KPIPlan.Diagnostic], ignored: [KPIPlan.Diagnostic], workspace: Workspace) throws -> String {
        func finding(_ d: KPIPlan.Diagnostic, ignored: Bool) -> Finding {
            let lines = workspace.files[d.path]!.tree.lines
            let start = lines.position(of: d.range.lowerBound)
            let end = lines.position(of: d.range.upperBound)
            let related = d.related.map { r in
                let place = workspace.files[r.path].map { $0.tree.lines.position(of: r.range.lowerBound) }
                return Finding.Related(
                    column: (place?.column ?? 0) + 1, line: (place?.line ?? 0) + 1, message: r.message, path: r.path)
            }
            return Finding(
                code: d.code.rawValue, column: start.column + 1, endColumn: end.column + 1, endLine: end.line + 1,
                ignored: ignored ? true : nil, line: start.line + 1, message: d.message, path: d.path, related: related,
                severity: d.severity.name)
        }
        return try text(kept.map { finding($0, ignored: false) } + ignored.map { finding($0, ignored: true) }, sortedKeys: true)
    }

    struct Finding: Encodable {
        let code: String
        let column: Int
        let endColumn: Int
        let endLine: Int
        let ignored: Bool?
        let line: Int
        let message: String
        let path: String
        let related: [Related]
        let severity: String

        struct Related: Encodable {
            let column: Int
            let line: Int
            let message: String
            let path: String
        }
    }

    /// `value` as the command line's JSON formats write it (`json`, `sarif`): `JSONSerialization`'s
    /// pretty layout, then a line break.
    static func text(_ value: some Encodable, sortedKeys: Bool) throws -> String {
        String(decoding: try JSONWriter.write(value, layout: .pretty(sortedKeys: sortedKeys)), as: UTF8.self) + "\n"
    }
}

// Where a finding is, in the lines and columns the CI formats count (`--format sarif` and
// `--format github`): 1-based lines, 1-based columns in UTF-16 code units (what SARIF assumes by
// default and GitHub's annotations count), the end exclusive.

import KPIPlan
import KPISyntax

/// Encoded as SARIF's `region`.
struct FindingRegion: Equatable, Encodable {
    var startLine: Int, startColumn: Int, endLine: Int, endColumn: Int

    /// The region of `range` in the file at `path`; nil when the file was not read.
    init?(_ path: String, _ range: Range<Int>, in workspace: Workspace) {
        guard let lines = workspace.files[path]?.tree.lines else { return nil }
        let start = lines.position(of: range.lowerBound, encoding: .utf16)
        let end = lines.position(of: range.upperBound, encoding: .utf16)
        self.init(startLine: start.line + 1, startColumn: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1)
    }

    init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        (self.startLine, self.startColumn, self.endLine, self.endColumn) = (startLine, startColumn, endLine, endColumn)
    }
}

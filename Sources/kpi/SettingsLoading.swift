// The team's `kpi.toml` for `kpi check` and `kpi explain`: found from the current folder upward,
// its problems printed on standard error as `PATH:LINE:COLUMN: SEVERITY: MESSAGE` (an error stops
// the command with exit 2, as a bad flag does), its excluded globs applied to the folders searched.

import KPIFiles
import KPIPlan
import KPISyntax
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

struct TeamSettings {
    /// The file, as printed (relative to the current folder when inside it); nil without one.
    let path: String?
    let absolutePath: String?
    let file: SettingsFile

    /// Read once, on first use, by whichever of loading and the options needs it first.
    nonisolated(unsafe) static var current: TeamSettings = load()

    static func load() -> TeamSettings {
        let folder = FileManager.default.currentDirectoryPath
        guard let absolute = SettingsFiles.find(from: folder) else {
            return TeamSettings(path: nil, absolutePath: nil, file: SettingsFile(bytes: []))
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let shown = absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
        let (file, bytes) = SettingsFiles.load(absolute)
        let lines = LineIndex(bytes)
        var out = ""
        for problem in file.problems {
            let position = lines.position(of: problem.range.lowerBound)
            out += "\(shown):\(position.line + 1):\(position.column + 1): \(problem.severity.name): \(problem.message)\n"
        }
        if !out.isEmpty { StandardError.log(String(out.dropLast())) }
        if file.problems.contains(where: { $0.severity == .error }) { fail("\(shown) has errors: the command did not run") }
        return TeamSettings(path: shown, absolutePath: absolute, file: file)
    }

    /// Whether the file settings exclude `path` (as found under a folder named on the command line).
    func excludes(_ path: String) -> Bool {
        guard let absolute = absolutePath else { return false }
        let plan = path.hasPrefix("/") ? path : PlanFile.resolve(path, from: FileManager.default.currentDirectoryPath + "/")
        return SettingsFiles.excludes(plan, globs: file.settings.exclude, settingsFile: absolute)
    }
}

// Finding and reading the team's `kpi.toml` (its format is read by `SettingsFile` in the model):
// the one in the workspace folder, or else in the nearest folder above it, as `git` finds its
// repository, so `kpi check` run in a subfolder uses the same settings as the editor.

import KPIPlan

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum SettingsFiles {
    /// The settings file in effect for `folder` (an absolute path): `kpi.toml` in it or in the
    /// nearest folder above; nil when there is none.
    public static func find(from folder: String) -> String? {
        var current = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        while current.hasPrefix("/") {
            let candidate = (current == "/" ? "" : current) + "/" + SettingsFile.name
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
        return nil
    }

    /// The settings in the file at `path`, and its text (to place the problems); a file that
    /// cannot be read is a problem at its start.
    public static func load(_ path: String) -> (file: SettingsFile, bytes: [UInt8]) {
        switch PlanFiles.read(path, endingIn: ".toml") {
        case .success(let bytes): return (SettingsFile(bytes: bytes), bytes)
        case .failure(let error):
            var file = SettingsFile(bytes: [])
            file.problems = [SettingsProblem(severity: .error, message: "cannot read \(SettingsFile.name): \(error)", range: 0..<0)]
            return (file, [])
        }
    }

    /// Whether `globs` from the settings file at `settingsFile` exclude the plan at `path` (both
    /// absolute): the globs are relative to the settings file's folder.
    public static func excludes(_ path: String, globs: [String], settingsFile: String) -> Bool {
        guard !globs.isEmpty else { return false }
        let root = String(settingsFile.dropLast(SettingsFile.name.count))
        guard path.hasPrefix(root) else { return false }
        let relative = String(path.dropFirst(root.count))
        return globs.contains { PlanFiles.matches(glob: $0, path: relative) }
    }
}

// The one place that reads plan files from disk, for the command line and the server: finds
// `*.kpi` files under folders, reads them (saying why when it cannot), and loads the files that
// `use` lines name. The model itself never touches the disk.

import Foundation
import KPIPlan

public enum PlanFiles {
    /// Why a path could not be read as a plan, in words for a diagnostic or an error message.
    public enum ReadError: Error, CustomStringConvertible, Equatable {
        case notFound
        case isFolder
        case unreadable(String)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .isFolder: "it is a folder, not a plan file"
            case .unreadable(let reason): "it cannot be read (\(reason))"
            }
        }
    }

    public static func read(_ path: String) -> Result<[UInt8], ReadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.notFound) }
        if isDirectory.boolValue { return .failure(.isFolder) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable("permission denied")) }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return .success([UInt8](data))
        } catch {
            return .failure(.unreadable("\(error.localizedDescription)"))
        }
    }

    /// Every `*.kpi` file under a folder, sorted, skipping hidden folders and build output.
    public static func planFiles(under folder: String, excluding excluded: [String] = []) -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles, .skipsPackageDescendants]) else { return [] }
        var result: [String] = []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if name == ".build" || name == "node_modules" || name.hasPrefix(".build") { enumerator.skipDescendants(); continue }
            guard url.pathExtension == "kpi" else { continue }
            let relative = url.path.hasPrefix(root.path + "/") ? String(url.path.dropFirst(root.path.count + 1)) : name
            let path = folder == "." ? relative : prefix + relative
            if excluded.contains(where: { matches(glob: $0, path: relative) }) { continue }
            result.append(path)
        }
        return result.sorted()
    }

    /// A small glob: `*` within a path segment, `**` across segments, `?` one character.
    public static func matches(glob: String, path: String) -> Bool {
        let pattern = Array(glob), text = Array(path)
        func match(_ p: Int, _ t: Int) -> Bool {
            if p == pattern.count { return t == text.count }
            if pattern[p] == "*" {
                let crossesFolders = p + 1 < pattern.count && pattern[p + 1] == "*"
                let next = crossesFolders ? p + 2 : p + 1
                let skipSlash = crossesFolders && next < pattern.count && pattern[next] == "/"
                var i = t
                while true {
                    if match(next, i) || (skipSlash && match(next + 1, i)) { return true }
                    if i == text.count || (!crossesFolders && text[i] == "/") { return false }
                    i += 1
                }
            }
            guard t < text.count, pattern[p] == "?" || pattern[p] == text[t] else { return false }
            return match(p + 1, t + 1)
        }
        return match(0, 0)
    }

    /// Loads what the workspace's `use` lines name and it lacks, repeatedly, marking what cannot be read.
    /// `allowed` decides which paths may be read at all (the server keeps to its workspace and the files plans use).
    public static func loadUses(into workspace: inout Workspace, allowed: (String) -> Bool = { _ in true }) {
        var missing = workspace.missingUses
        var rounds = 0
        while !missing.isEmpty && rounds < 10_000 {
            rounds += 1
            for path in missing {
                guard allowed(path) else {
                    workspace.unreadable[path] = "it is outside the workspace"
                    continue
                }
                switch read(path) {
                case .success(let bytes): workspace.set(PlanFile(path: path, bytes: bytes))
                case .failure(let error): workspace.unreadable[path] = error.description
                }
            }
            missing = workspace.missingUses
        }
    }

    /// Today's date in the local calendar.
    public static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

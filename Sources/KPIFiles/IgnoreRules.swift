// Which files and folders a walk for plan files passes over, so that opening a plan inside a
// repository does not index its test fixtures, fuzz corpora and dependencies: what the `.gitignore`
// and `.ignore` files of the walked folders exclude (read as git reads them), and the usual build
// and dependency folders. Hidden files and folders (`.git`, `.build`) are passed over by the walk.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public struct IgnoreRules: Sendable {
    /// Dependency and build folders never walked (besides hidden ones such as `.git` and `.build`).
    public static let skippedFolders: Set<String> = ["node_modules", "__pycache__", "DerivedData", "Pods", "venv"]

    /// The ignore files read in each walked folder, the later ones deciding over the earlier.
    public static let fileNames = [".gitignore", ".ignore"]

    struct Rule: Sendable, Hashable {
        /// The glob, without `!`, a leading `/` or a trailing `/`.
        var pattern: String
        /// `!pattern`: matching paths are taken back in.
        var negated: Bool
        /// `pattern/`: matches folders only.
        var foldersOnly: Bool
        /// A `/` at the start or in the middle: the pattern is matched against the path from the
        /// ignore file's folder; without one, against the last part of the path, at any depth.
        var anchored: Bool
        /// The folder of the ignore file, relative to the walk's root ("" for the root itself).
        var base: String
    }

    private(set) var rules: [Rule] = []

    public init() {}

    /// These rules and those of the ignore files in `folder`, `relative` to the walk's root.
    public func reading(folder: String, relative: String) -> IgnoreRules {
        var result = self
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        for name in Self.fileNames {
            if let text = Self.text(of: prefix + name) { result.add(text, base: relative) }
        }
        return result
    }

    /// Ignore files larger than this are not read.
    static let maxFileSize = 1 << 20

    /// The text of an ignore file: a regular file (not a link, a FIFO or a device), read without
    /// waiting, up to `maxFileSize`; nil for anything else.
    static func text(of path: String) -> String? {
        var info = stat()
        func isSmallFile() -> Bool { info.st_mode & S_IFMT == S_IFREG && info.st_size <= maxFileSize }
        guard lstat(path, &info) == 0, isSmallFile() else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, isSmallFile(),
            case .success(let bytes) = PlanFiles.readAll(from: fd, expectedSize: Int(info.st_size))
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds the lines of an ignore file found in `base` (relative to the walk's root).
    public mutating func add(_ text: String, base: String) {
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            // Trailing spaces go unless escaped (`\ `).
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line = line.dropFirst()
            } else if line.hasPrefix("\\#") || line.hasPrefix("\\!") {
                line = line.dropFirst()
            }
            var foldersOnly = false
            if line.hasSuffix("/") {
                foldersOnly = true
                line = line.dropLast()
            }
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line = line.dropFirst() }
            guard !line.isEmpty else { continue }
            rules.append(
                Rule(
                    pattern: String(line).replacing("\\ ", with: " "), negated: negated,
                    foldersOnly: foldersOnly, anchored: anchored, base: base))
        }
    }

    /// Whether `relative` (a path under the walk's root) is ignored: the last rule that matches
    /// it decides. (Its folders are checked on the way down: a file in an ignored folder is never
    /// reached.)
    public func ignores(_ relative: String, isFolder: Bool) -> Bool {
        var ignored = false
        for rule in rules where !rule.foldersOnly || isFolder {
            let inBase: Substring
            if rule.base.isEmpty {
                inBase = Substring(relative)
            } else if relative.hasPrefix(rule.base + "/") {
                inBase = relative.dropFirst(rule.base.count + 1)
            } else {
                continue
            }
            let subject = rule.anchored ? String(inBase) : String(inBase.split(separator: "/").last ?? inBase)
            if PlanFiles.matches(glob: rule.pattern, path: subject) { ignored = !rule.negated }
        }
        return ignored
    }

    /// Whether a walk from `root` passes over `path` (a file under it): a hidden or skipped folder
    /// on the way, or an ignore file's rule. For files the editor reports as created or changed.
    public static func skips(_ path: String, under root: String) -> Bool {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(prefix) else { return false }
        let parts = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        var rules = IgnoreRules().reading(folder: root, relative: "")
        var relative = ""
        for (index, part) in parts.enumerated() {
            let isFolder = index < parts.count - 1
            relative = relative.isEmpty ? part : relative + "/" + part
            if part.hasPrefix(".") || (isFolder && skippedFolders.contains(part)) || rules.ignores(relative, isFolder: isFolder) {
                return true
            }
            if isFolder { rules = rules.reading(folder: prefix + relative, relative: relative) }
        }
        return false
    }
}

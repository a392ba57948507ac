// The one place that reads plan files from disk, for the command line and the server: finds
// `*.kpi` files under folders, reads them (saying why when it cannot), and loads the files that
// `use` lines name. The model itself never touches the disk.

import KPIPlan

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

public enum PlanFiles {
    /// Why a path could not be read as a plan, in words for a diagnostic or an error message.
    public enum ReadError: Error, CustomStringConvertible, Equatable, Sendable {
        case notFound
        case isFolder
        /// Not read at all: its name or its type says it is no plan (found with `stat`, without opening it).
        case notAPlan(String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .isFolder: "it is a folder, not a plan file"
            case .notAPlan(let reason): "it is not a plan file (\(reason))"
            case .unreadable(let reason): "it cannot be read (\(reason))"
            }
        }
    }

    /// Files larger than this are not read (no plan is that big; a runaway file should not eat the
    /// memory): checked with `fstat` before reading, and no read goes past it.
    public static let maxFileSize = 64 << 20

    /// Reads a plan file: only a regular file whose name, and whose target's name when it is a
    /// symbolic link, ends in `.kpi`. Anything else (`/etc/passwd`, `/proc/kmsg`, a FIFO, a device,
    /// a folder) is turned away by its name or by `stat` before it is opened, files in `/proc` and
    /// `/sys` (whose size says nothing) after `fstatfs`, and files over `maxFileSize` by `fstat`.
    /// The settings file is read the same way, with `endingIn: ".toml"`.
    public static func read(_ path: String, endingIn suffix: String = ".kpi") -> Result<[UInt8], ReadError> {
        guard !path.isEmpty, !path.utf8.contains(0) else { return .failure(.notFound) }
        guard path.hasSuffix(suffix) else {
            var info = stat()
            let isFolder = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            return .failure(isFolder ? .isFolder : .notAPlan("only `\(suffix)` files are read as plans"))
        }
        let target: String
        switch realPath(path) {
        case .success(let real): target = real
        case .failure(let error): return .failure(error)
        }
        guard target.hasSuffix(suffix) else {
            return .failure(.notAPlan("it is a link to `\(target)`, and only `\(suffix)` files are read as plans"))
        }
        var info = stat()
        guard stat(target, &info) == 0 else { return .failure(openError(errno)) }
        if let refused = refusal(info) { return .failure(refused) }
        // O_NONBLOCK: should the file become a FIFO after the `stat`, opening it does not wait for a
        // writer; `fstat` then turns it away. The flag is cleared before reading.
        let fd = open(target, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(openError(errno)) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if let refused = refusal(info) { return .failure(refused) }
        if isKernelFile(info) { return .failure(.notAPlan("it is a kernel file in /proc or /sys")) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return readAll(from: fd, expectedSize: Int(info.st_size))
    }

    /// The path with every symbolic link, `.` and `..` resolved (`realpath`), or why it has none.
    public static func realPath(_ path: String) -> Result<String, ReadError> {
        guard !path.isEmpty, !path.utf8.contains(0) else { return .failure(.notFound) }
        guard let resolved = realpath(path, nil) else { return .failure(openError(errno)) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// Why a file of this type and size is not read, or nil when it may be.
    private static func refusal(_ info: stat) -> ReadError? {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .isFolder
        case S_IFIFO: return .notAPlan("it is a FIFO")
        case S_IFCHR, S_IFBLK: return .notAPlan("it is a device")
        case S_IFSOCK: return .notAPlan("it is a socket")
        default: return .notAPlan("it is not a regular file")
        }
        guard info.st_size <= maxFileSize else { return .unreadable("it is larger than \(maxFileSize >> 20) MB") }
        return nil
    }

    private static func openError(_ code: Int32) -> ReadError {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case EACCES, EPERM: .unreadable("permission denied")
        case ELOOP: .unreadable("a loop of symbolic links")
        case ENAMETOOLONG: .unreadable("the path is too long")
        default: .unreadable(String(cString: strerror(code)))
        }
    }

    /// Whether a file lives in procfs or sysfs (on their device), whose regular files report a size
    /// of 0 or 4096 whatever they hold, and can block or never end (`/proc/kmsg`).
    private static func isKernelFile(_ info: stat) -> Bool {
        ["/proc", "/sys"].contains { root in
            var mount = stat()
            return stat(root, &mount) == 0 && mount.st_dev == info.st_dev
        }
    }

    /// Everything left to read from an open file or pipe (standard input for `kpi fmt -`), up to
    /// the same size limit as a plan file. A non-blocking descriptor with nothing to read yet is
    /// waited for with `poll`, never read again in a loop.
    public static func readAll(from fd: Int32, expectedSize: Int = 0) -> Result<[UInt8], ReadError> {
        var bytes = [UInt8]()
        bytes.reserveCapacity(min(expectedSize, maxFileSize))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // One byte past the limit at most: enough to know the input is too large.
            let wanted = min(chunk.count, maxFileSize + 1 - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&waiting, 1, -1) < 0 && errno != EINTR { return .failure(.unreadable(String(cString: strerror(errno)))) }
                    continue
                }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            // A file that grows while it is read stops at the limit too.
            guard bytes.count <= maxFileSize else { return .failure(.unreadable("it is larger than \(maxFileSize >> 20) MB")) }
        }
        return .success(bytes)
    }

    /// Every `*.kpi` file under a folder, sorted, skipping hidden folders, build output and what
    /// the ignore files exclude (`IgnoreRules`).
    public static func planFiles(under folder: String, excluding excluded: [String] = []) -> [String] {
        // A NUL would cut the path short for the system: `/tmp/\0x` would walk all of /tmp.
        guard !folder.utf8.contains(0) else { return [] }
        var result: [String] = []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        // Symbolic links to folders are not followed, so a link cycle cannot loop.
        func walk(_ relative: String, _ inherited: IgnoreRules) {
            let directory = relative.isEmpty ? folder : prefix + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
            let rules = inherited.reading(folder: directory, relative: relative)
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder(prefix + child) {
                    if !IgnoreRules.skippedFolders.contains(name) && !rules.ignores(child, isFolder: true) { walk(child, rules) }
                } else if name.hasSuffix(".kpi"), !rules.ignores(child, isFolder: false),
                    !excluded.contains(where: { matches(glob: $0, path: child) })
                {
                    result.append(folder == "." ? child : prefix + child)
                }
            }
        }
        walk("", IgnoreRules())
        return result.sorted()
    }

    /// Whether `path` is a folder itself (not a link to one).
    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// A small glob: `*` within a path segment, `**` across segments, `?` one character, `[a-z]`
    /// one of a set (`[!…]` or `[^…]`: one not in it).
    public static func matches(glob: String, path: String) -> Bool {
        let pattern = Array(glob)
        let text = Array(path)
        // Each (pattern, text) position is worked out once: without that, a pattern with many `*`
        // (a setting like `*a*a*a*a*a*a*a*a*b`) takes time exponential in their number.
        var known = [Int8](repeating: -1, count: (pattern.count + 1) * (text.count + 1))
        func match(_ p: Int, _ t: Int) -> Bool {
            let key = p * (text.count + 1) + t
            if known[key] >= 0 { return known[key] == 1 }
            let result = compute(p, t)
            known[key] = result ? 1 : 0
            return result
        }
        func compute(_ p: Int, _ t: Int) -> Bool {
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
            if pattern[p] == "[", let end = pattern[(p + 1)...].dropFirst().firstIndex(of: "]") {
                guard t < text.count, text[t] != "/" else { return false }
                var set = pattern[(p + 1)..<end]
                let negated = set.first == "!" || set.first == "^"
                if negated { set = set.dropFirst() }
                var found = false
                var i = set.startIndex
                while i < set.endIndex {
                    if i + 2 < set.endIndex, set[i + 1] == "-" {
                        found = found || (set[i] <= text[t] && text[t] <= set[i + 2])
                        i += 3
                    } else {
                        found = found || set[i] == text[t]
                        i += 1
                    }
                }
                return found != negated && match(end + 1, t + 1)
            }
            guard t < text.count, pattern[p] == "?" || pattern[p] == text[t] else { return false }
            return match(p + 1, t + 1)
        }
        return match(0, 0)
    }

    /// Reads plan files and reads them into the model, on all cores: the results in the order of
    /// `paths`. Without `keepingSyntax` each file's syntax tree is dropped once it is read (for
    /// checks alone: the memory goes back to the heap for the next file).
    public static func load(_ paths: [String], keepingSyntax: Bool = true) -> [Result<PlanFile, ReadError>] {
        mapOnLargeStacks(paths) { path in
            read(path).map { bytes in
                let file = PlanFile(path: path, bytes: bytes)
                return keepingSyntax ? file : file.withoutSyntax()
            }
        }
    }

    /// Loads what the workspace's `use` lines name and it lacks, repeatedly, marking what cannot be
    /// read; returns the paths it loaded (the server reports those outside its workspace).
    /// `allowed` decides which paths may be read at all.
    @discardableResult
    public static func loadUses(into workspace: inout Workspace, keepingSyntax: Bool = true, allowed: (String) -> Bool = { _ in true })
        -> [String]
    {
        var loaded: [String] = []
        var missing = workspace.missingUses
        var rounds = 0
        while !missing.isEmpty && rounds < 10_000 {
            rounds += 1
            var readable: [String] = []
            for path in missing {
                if allowed(path) { readable.append(path) } else { workspace.unreadable[path] = "it is outside the workspace" }
            }
            // Each round's files load together; they join the workspace in the same order as one by one.
            var loadedThisRound: [String] = []
            for (path, result) in zip(readable, load(readable, keepingSyntax: keepingSyntax)) {
                switch result {
                case .success(let file):
                    workspace.set(file)
                    loadedThisRound.append(path)
                case .failure(let error): workspace.unreadable[path] = error.description
                }
            }
            loaded += loadedThisRound
            // Only the files just loaded can name new ones: looking through every file again each
            // round made a chain of `use`s quadratic.
            var next = Set<String>()
            for path in loadedThisRound {
                for use in workspace.files[path]?.uses ?? []
                where workspace.files[use.resolvedPath] == nil && workspace.unreadable[use.resolvedPath] == nil {
                    next.insert(use.resolvedPath)
                }
            }
            missing = next.sorted()
        }
        return loaded
    }

    /// The workspace a plan file belongs to, as the editor would open it: the nearest folder above
    /// the file that holds `.git` (a folder, or a file in a git worktree). A relative path gives a
    /// relative folder, kept within the current folder (`.` at most): the files' paths must fold
    /// into the same names as the files named. Nil when no such folder is found.
    public static func workspaceFolder(of file: String) -> String? {
        var folder = file
        let isAbsolute = file.hasPrefix("/")
        while true {
            guard let slash = folder.lastIndex(of: "/") else {
                // The current folder, the last one a relative path can climb to.
                return !isAbsolute && exists(".git") ? "." : nil
            }
            folder = String(folder[..<slash])
            if folder.isEmpty { return exists("/.git") ? "/" : nil }
            if exists(folder + "/.git") { return folder }
        }
    }

    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Among `candidates`, the files that reach one of `files` through their `use` lines, directly
    /// or through each other: the team plans whose KPIs name a goal of `files` as their parent.
    public static func users(of files: Set<String>, among candidates: [PlanFile]) -> [PlanFile] {
        var reached = files
        var found: [PlanFile] = []
        var rest = candidates.filter { !files.contains($0.path) }
        var grew = true
        while grew {
            grew = false
            rest.removeAll { file in
                guard file.uses.contains(where: { reached.contains($0.resolvedPath) }) else { return false }
                reached.insert(file.path)
                found.append(file)
                grew = true
                return true
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Today's date in the local calendar.
    public static func today() -> Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

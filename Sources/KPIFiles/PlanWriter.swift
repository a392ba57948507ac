// `kpi fmt`'s one way of writing a plan back: the file stays what it was (its mode, owner and
// group, its symbolic and hard links), and when the write fails the original is kept whole, no
// temporary file is left behind, and the reason is one line a person can read.
//
// Strategy (as Vim's `backupcopy=auto`): a file with one link is written to a temporary file in
// the same folder, given the original's owner, group and mode, flushed and renamed over it (so a
// crash leaves either the old or the new text). A file with hard links (which a rename would
// split), or whose owner cannot be given to a new file, is rewritten in place: the space is
// reserved first, and should the write fail the original bytes are put back. A symbolic link is
// followed: its target is written and the link stays.
//
// `kpi report -o FILE` writes a new page the same way (`create`): a temporary file beside it, in
// pieces, renamed over it once complete.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

public enum PlanWriter {
    /// Why a plan could not be written: `reason` is the system's words, in lower case.
    public struct WriteError: Error, CustomStringConvertible, Equatable, Sendable {
        public let reason: String
        public var description: String { reason }
        init(_ code: Int32) {
            let text = String(cString: strerror(code))
            reason = text.prefix(1).lowercased() + text.dropFirst()
        }
        init(reason: String) { self.reason = reason }
    }

    /// Replaces the contents of the plan at `path`, which holds `original`, with `bytes`.
    public static func replace(_ path: String, original: [UInt8], with bytes: [UInt8]) -> Result<Void, WriteError> {
        guard !path.utf8.contains(0), let resolved = realpath(path, nil) else { return .failure(WriteError(errno)) }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard lstat(target, &info) == 0 else { return .failure(WriteError(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(WriteError(reason: "it is not a regular file")) }
        if info.st_nlink == 1 {
            switch replaceByRenaming(target, info: info, with: bytes) {
            case .success: return .success(())
            case .failure(.useInPlace): break
            case .failure(.failed(let error)): return .failure(error)
            }
        }
        return rewriteInPlace(target, info: info, original: original, with: bytes)
    }

    private enum RenameFailure: Error {
        case useInPlace  // the folder takes no new file, or the owner cannot be kept
        case failed(WriteError)
    }

    /// The temporary file's name for `name` and this process (for `kpi fmt` and `kpi report`):
    /// hidden (the indexer skips it) and recognisable, so a later run can remove one a killed run left.
    public static func temporaryName(for name: String, process: Int32) -> String { ".\(name).kpi-fmt-\(process)" }

    private static func replaceByRenaming(_ target: String, info: stat, with bytes: [UInt8]) -> Result<Void, RenameFailure> {
        let slash = target.lastIndex(of: "/")!
        let folder = String(target[..<slash])
        let name = String(target[target.index(after: slash)...])
        removeLeftovers(in: folder.isEmpty ? "/" : folder, for: name)
        let temporary = folder + "/" + temporaryName(for: name, process: getpid())
        TemporaryFileCleanup.register(temporary)
        defer { TemporaryFileCleanup.unregister() }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            return .failure(errno == EACCES || errno == EPERM ? .useInPlace : .failed(WriteError(errno)))
        }
        func fail(_ failure: RenameFailure) -> Result<Void, RenameFailure> {
            close(fd)
            unlink(temporary)
            return .failure(failure)
        }
        if let error = writeAll(bytes, to: fd, at: 0) { return fail(.failed(error)) }
        guard fsync(fd) == 0 else { return fail(.failed(WriteError(errno))) }
        // The owner first: changing it clears the set-group-ID bit that the mode then restores.
        if info.st_uid != geteuid() || info.st_gid != getegid() {
            guard fchown(fd, info.st_uid, info.st_gid) == 0 else { return fail(.useInPlace) }
        }
        guard fchmod(fd, info.st_mode & 0o7777) == 0 else { return fail(.failed(WriteError(errno))) }
        guard close(fd) == 0 else {
            unlink(temporary)
            return .failure(.failed(WriteError(errno)))
        }
        guard rename(temporary, target) == 0 else {
            let error = WriteError(errno)
            unlink(temporary)
            return .failure(.failed(error))
        }
        return .success(())
    }

    private static func rewriteInPlace(_ target: String, info: stat, original: [UInt8], with bytes: [UInt8]) -> Result<Void, WriteError> {
        let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return .failure(WriteError(errno)) }
        defer { close(fd) }
        // Reserve the space first, so that a full disk fails here, before a byte is changed.
        if bytes.count > Int(info.st_size), let error = reserve(fd, bytes.count, from: Int(info.st_size)) { return .failure(error) }
        if let error = writeAll(bytes, to: fd, at: 0) ?? (ftruncate(fd, off_t(bytes.count)) == 0 ? nil : WriteError(errno)) {
            // The original fits in the space it had: put it back.
            _ = writeAll(original, to: fd, at: 0)
            _ = ftruncate(fd, off_t(original.count))
            return .failure(error)
        }
        guard fsync(fd) == 0 else { return .failure(WriteError(errno)) }
        return .success(())
    }

    /// Allocates the file's blocks up to `size` (its length becomes `size`; the bytes written next
    /// cover it all); on failure its length is put back.
    private static func reserve(_ fd: Int32, _ size: Int, from oldSize: Int) -> WriteError? {
        let code = posix_fallocate(fd, 0, off_t(size))
        guard code == ENOSPC || code == EDQUOT || code == EFBIG else { return nil }  // EOPNOTSUPP: written as it comes
        _ = ftruncate(fd, off_t(oldSize))
        return WriteError(code)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, at start: Int) -> WriteError? {
        bytes.withUnsafeBytes { writeAll($0, to: fd, at: start) }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, at start: Int) -> WriteError? {
        var offset = 0
        while offset < bytes.count {
            let written = pwrite(fd, bytes.baseAddress! + offset, bytes.count - offset, off_t(start + offset))
            if written < 0 {
                if errno == EINTR { continue }
                return WriteError(errno)
            }
            offset += written
        }
        return nil
    }

    /// Writes a new file at `path` (`kpi report -o FILE`) from `pieces` in order, without joining
    /// them: into a temporary file beside it, renamed over it once complete, so a failed or
    /// interrupted write leaves what was there. Returns the size in bytes.
    public static func create(_ path: String, from pieces: [String]) -> Result<Int, WriteError> {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let directory = folder.isEmpty ? "/" : folder
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        removeLeftovers(in: directory, for: name)
        let temporary = directory + "/" + temporaryName(for: name, process: getpid())
        TemporaryFileCleanup.register(temporary)
        defer { TemporaryFileCleanup.unregister() }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return .failure(WriteError(errno)) }
        var size = 0
        for var piece in pieces {
            let failed = piece.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: fd, at: size) }
            if let failed {
                close(fd)
                unlink(temporary)
                return .failure(failed)
            }
            size += piece.utf8.count
        }
        guard close(fd) == 0 else {
            let error = WriteError(errno)
            unlink(temporary)
            return .failure(error)
        }
        guard rename(temporary, path) == 0 else {
            let error = WriteError(errno)
            unlink(temporary)
            return .failure(error)
        }
        return .success(size)
    }

    /// Removes temporary files that earlier runs, killed before they could, left for `name`.
    private static func removeLeftovers(in folder: String, for name: String) {
        let prefix = ".\(name).kpi-fmt-"
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var stale: [String] = []
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard entryName.hasPrefix(prefix), let process = Int32(entryName.dropFirst(prefix.count)) else { continue }
            if process != getpid() && kill(process, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entryName in stale { unlink(folder + "/" + entryName) }
    }
}

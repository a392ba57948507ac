// Removes `kpi fmt`'s temporary file when the command is interrupted (Ctrl-C, `kill`), so that
// no half-written copy of a plan is left next to it. (A later run removes what SIGKILL leaves.)

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The path to remove on a signal, as a C string the handler can pass to `unlink` (which is
/// async-signal-safe; nothing else is done there but restoring the default action and re-raising).
nonisolated(unsafe) private var pendingTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var handlersInstalled = false

enum TemporaryFileCleanup {
    static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func register(_ path: String) {
        if !handlersInstalled {
            handlersInstalled = true
            for number in signals {
                _ = signal(number) { received in
                    if let path = pendingTemporary { unlink(path) }
                    _ = signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
        let copy = strdup(path)
        pendingTemporary = copy
    }

    static func unregister() {
        let old = pendingTemporary
        pendingTemporary = nil
        free(old)
    }
}

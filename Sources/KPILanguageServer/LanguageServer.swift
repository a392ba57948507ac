// `kpi lsp`: starts the server on stdin/stdout. A reader thread frames incoming bytes into
// messages; the main thread handles them one at a time, in order. Only protocol messages are
// written to stdout; logs go to stderr and `window/logMessage`.

import KPIFiles
import LanguageServerProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

public enum LanguageServer {
    /// Runs until `exit` or the end of input; returns the process exit status.
    public static func runOverStandardIO() -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // a client that goes away makes writes fail, not the process die
        let queue = MessageQueue()
        MessageReader().start { queue.push($0) }
        // Messages are handled on a thread with a large stack: deeply indented plans nest deeply.
        return runOnLargeStack {
            let server = Server(writer: MessageWriter(), today: { PlanFilesClock.today() })
            return server.run(queue)
        }
    }
}

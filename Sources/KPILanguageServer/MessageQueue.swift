// Messages waiting for the main thread. A `$/cancelRequest` is noted the moment it arrives, so a
// request still waiting in line is answered "cancelled" instead of being worked on. The line is
// bounded: when a client sends faster than the server answers (or never reads its answers, so
// writing them blocks), the reader stops reading until the line shortens, instead of holding
// every message in memory.

import Dispatch
import KPISyntax
import LanguageServerProtocol
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

final class MessageQueue: Sendable {
    private struct State {
        var events: [ReaderEvent] = []
        var head = 0
        var cancelled: Set<RequestID> = []
        var queuedBytes = 0
        var pusherWaiting = false
    }
    private let state = Mutex(State())
    private let waiting = DispatchSemaphore(value: 0)  // one signal per pushed event
    private let space = DispatchSemaphore(value: 0)  // signalled when a waiting push may go on
    /// How many bytes of messages may wait (a message larger than this still gets in, alone).
    let maxQueuedBytes: Int

    init(maxQueuedBytes: Int = 16 << 20) {
        self.maxQueuedBytes = maxQueuedBytes
    }

    func push(_ event: ReaderEvent) {
        let size = if case .message(let body) = event { body.count } else { 0 }
        let cancelledID = if case .message(let body) = event { Self.cancelledID(body) } else { RequestID?.none }
        while true {
            let full = state.withLock { state in
                if let cancelledID { state.cancelled.insert(cancelledID) }
                guard state.queuedBytes == 0 || state.queuedBytes + size <= maxQueuedBytes else {
                    state.pusherWaiting = true
                    return true
                }
                state.events.append(event)
                state.queuedBytes += size
                return false
            }
            if !full { break }
            space.wait()
        }
        waiting.signal()
    }

    /// The next event, waiting for one.
    func pop() -> ReaderEvent {
        waiting.wait()
        let (event, wakePusher) = state.withLock { state in
            let event = state.events[state.head]
            state.head += 1
            if case .message(let body) = event { state.queuedBytes -= body.count }
            if state.head == state.events.count {
                state.events = []  // drained: the memory goes back
                state.head = 0
            } else if state.head > 1024 && state.head * 2 > state.events.count {
                state.events.removeFirst(state.head)
                state.head = 0
            }
            let wake = state.pusherWaiting && state.queuedBytes * 2 <= maxQueuedBytes
            if wake { state.pusherWaiting = false }
            return (event, wake)
        }
        if wakePusher { space.signal() }
        return event
    }

    var isEmpty: Bool {
        state.withLock { $0.head == $0.events.count }
    }

    /// Whether a cancel for this request has arrived; forgets it.
    func takeCancellation(_ id: RequestID) -> Bool {
        state.withLock { $0.cancelled.remove(id) != nil }
    }

    /// A cheap look for `$/cancelRequest` before full decoding.
    static func cancelledID(_ body: [UInt8]) -> RequestID? {
        guard body.count < 4096, ByteSearch.contains(body[...], cancelMethod) else { return nil }
        guard case .notification(let method, let params) = IncomingMessage(decoding: body), method == "$/cancelRequest",
            let id = params?["id"].flatMap(RequestID.init(json:))
        else { return nil }
        return id
    }

    private static let cancelMethod = Array("$/cancelRequest".utf8)
}

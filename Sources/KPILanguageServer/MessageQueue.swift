// Messages waiting for the main thread. A `$/cancelRequest` is noted the moment it arrives, so a
// request still waiting in line is answered "cancelled" instead of being worked on.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import Synchronization
import KPISyntax
import LanguageServerProtocol

final class MessageQueue: Sendable {
    private struct State {
        var events: [ReaderEvent] = []
        var head = 0
        var cancelled: Set<RequestID> = []
    }
    private let state = Mutex(State())
    private let waiting = DispatchSemaphore(value: 0)   // one signal per pushed event

    func push(_ event: ReaderEvent) {
        let cancelledID = if case .message(let body) = event { Self.cancelledID(body) } else { RequestID?.none }
        state.withLock { state in
            if let cancelledID { state.cancelled.insert(cancelledID) }
            state.events.append(event)
        }
        waiting.signal()
    }

    /// The next event, waiting for one.
    func pop() -> ReaderEvent {
        waiting.wait()
        return state.withLock { state in
            let event = state.events[state.head]
            state.head += 1
            if state.head > 1024 && state.head * 2 > state.events.count {
                state.events.removeFirst(state.head)
                state.head = 0
            }
            return event
        }
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
              let id = params?["id"].flatMap(RequestID.init(json:)) else { return nil }
        return id
    }

    private static let cancelMethod = Array("$/cancelRequest".utf8)
}

// Messages waiting for the main thread. A `$/cancelRequest` is noted the moment it arrives, so a
// request still waiting in line is answered "cancelled" instead of being worked on.

import Foundation
import LanguageServerProtocol

final class MessageQueue: @unchecked Sendable {   // all state behind `condition`
    private var events: [ReaderEvent] = []
    private var head = 0
    private var cancelled: Set<RequestID> = []
    private let condition = NSCondition()

    func push(_ event: ReaderEvent) {
        condition.lock()
        defer { condition.unlock() }
        if case .message(let body) = event, let id = Self.cancelledID(body) {
            cancelled.insert(id)
        }
        events.append(event)
        condition.signal()
    }

    /// The next event, waiting for one.
    func pop() -> ReaderEvent {
        condition.lock()
        defer { condition.unlock() }
        while head == events.count { condition.wait() }
        let event = events[head]
        head += 1
        if head > 1024 && head * 2 > events.count {
            events.removeFirst(head)
            head = 0
        }
        return event
    }

    var isEmpty: Bool {
        condition.lock()
        defer { condition.unlock() }
        return head == events.count
    }

    /// Whether a cancel for this request has arrived; forgets it.
    func takeCancellation(_ id: RequestID) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled.remove(id) != nil
    }

    /// A cheap look for `$/cancelRequest` before full decoding.
    static func cancelledID(_ body: [UInt8]) -> RequestID? {
        guard body.count < 4096, let text = String(bytes: body, encoding: .utf8), text.contains("$/cancelRequest") else { return nil }
        guard case .notification(let method, let params) = IncomingMessage(decoding: body), method == "$/cancelRequest",
              let id = params?["id"].flatMap(RequestID.init(json:)) else { return nil }
        return id
    }
}

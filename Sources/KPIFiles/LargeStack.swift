// Runs work on a thread with a large stack. The syntax tree nests one level per indentation
// step, and its walks (printing, formatting, lookups, freeing) recurse: a plan indented 10,000
// levels deep (50 MB of leading spaces) would overflow the 8 MB main thread stack and crash.
// The stack is only reserved address space; pages are used as the recursion touches them.

import Foundation

private final class ResultBox<T>: @unchecked Sendable {   // written by the thread before `done` is signalled
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Calls `body` on a new thread with a `stackSize`-byte stack (1 GiB by default), waits, returns its result.
public func runOnLargeStack<T>(stackSize: Int = 1 << 30, _ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let thread = Thread {
        box.value = body()
        box.done.signal()
    }
    thread.stackSize = stackSize
    thread.name = "kpi-main"
    thread.start()
    box.done.wait()
    return box.value!
}

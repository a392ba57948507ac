// Runs work on a thread with a large stack. The syntax tree nests one level per indentation
// step; the tree itself is flat and walked without recursion, but the formatter and the outline
// recurse over its nodes: a plan indented 10,000 levels deep (50 MB of leading spaces) would
// overflow the 8 MB main thread stack and crash.
// The stack is only reserved address space; pages are used as the recursion touches them.

import Dispatch
import Synchronization

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

private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Starts `body` on a new detached thread with a `stackSize`-byte stack. If the system cannot make
/// one (out of threads or address space), runs it here instead: slower, but nothing is dropped.
func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackSize)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    #if canImport(Darwin)
        var thread: pthread_t?
    #else
        var thread = pthread_t()
    #endif
    let created = pthread_create(
        &thread, &attributes,
        { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
    if created != 0 { Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run() }
}

private final class ResultBox<T>: @unchecked Sendable {  // written by the thread before `done` is signalled
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

/// Calls `body` on a new thread with a `stackSize`-byte stack (1 GiB by default), waits, returns its result.
public func runOnLargeStack<T>(stackSize: Int = 1 << 30, _ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    startThread(stackSize: stackSize) {
        box.value = body()
        box.done.signal()
    }
    box.done.wait()
    return box.value!
}

/// The next index to hand out, shared by the worker threads of `mapOnLargeStacks`.
private final class WorkCounter: Sendable {
    private let next = Mutex(0)
    let end: Int
    init(end: Int) { self.end = end }
    func take() -> Int? {
        next.withLock { next in
            guard next < end else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// One slot per item: each is written by exactly one thread, and read after every thread is done.
private final class ResultSlots<T>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}

/// `items.map(transform)`, spread over up to `threads` threads with large stacks (reading and
/// checking a deeply nested plan recurses as deeply as on the main thread). The results keep
/// the order of `items`; `transform` must be safe to run concurrently.
public func mapOnLargeStacks<Element: Sendable, T: Sendable>(
    _ items: [Element],
    threads: Int = ProcessInfo.processInfo.activeProcessorCount,
    stackSize: Int = 1 << 30,
    _ transform: @escaping @Sendable (Element) -> T
) -> [T] {
    let workers = min(max(threads, 1), items.count)
    // One item (or one core) gains nothing from another thread.
    guard workers > 1 else { return items.map(transform) }
    let counter = WorkCounter(end: items.count)
    let results = ResultSlots<T>(count: items.count)
    let done = DispatchSemaphore(value: 0)
    for _ in 0..<workers {
        startThread(stackSize: stackSize) {
            while let index = counter.take() { results.slots[index] = transform(items[index]) }
            done.signal()
        }
    }
    for _ in 0..<workers { done.wait() }
    return results.slots.map { $0! }
}

/// Frees values on a thread of its own with a large stack, so the thread that replaced them goes
/// on at once. The server hands it the files an edit replaced: at 100,000 KPIs the table of files
/// and the re-read KPIs are tens of thousands of objects, time a keystroke's answer need not wait for.
public final class BackgroundRelease: @unchecked Sendable {  // `pending` behind `lock`
    public static let shared = BackgroundRelease()

    private let lock = Mutex(())
    private nonisolated(unsafe) var pending: [any Sendable] = []
    private let wake = DispatchSemaphore(value: 0)

    private init() {
        startThread(stackSize: 1 << 30) { [unowned self] in
            while true {
                wake.wait()
                var batch: [any Sendable] = []
                lock.withLock { _ in swap(&batch, &pending) }
                withExtendedLifetime(batch) {}  // the last references: freed here, on this stack
            }
        }
    }

    /// Takes the caller's last reference to `value`, to free it on the release thread.
    public func release(_ value: consuming any Sendable) {
        let owned = value
        lock.withLock { _ in pending.append(owned) }
        wake.signal()
    }
}

import Foundation
import Synchronization

/// Something that happened to the drop folder, or to the daemon.
public enum DropEvent: Sendable, Hashable {
    /// A file was closed after writing, or moved into the folder: it may be complete.
    case closed(String)
    /// An entry appeared (a symlink or hard link, or a file that is still being written).
    case appeared(String)
    /// An entry was deleted or moved away.
    case removed(String)
    /// The drop folder itself was deleted, moved or unmounted.
    case folderGone
    /// Events may have been lost (queue overflow): look at the whole folder again.
    case rescan
    /// Graceful shutdown was requested.
    case shutdown
    /// Deliveries were made due (`paperradar deliveries retry` sends SIGUSR1): deliver now.
    case deliveriesDue
}

/// A mailbox between the threads that notice things (the inotify reader, signal handlers) and the daemon's loop.
///
/// Posting never blocks. One waiter at a time waits for the next event, an optional deadline, or its task's
/// cancellation, whichever comes first.
public final class EventInbox: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var events: [DropEvent] = []
        var waiter: Waiter?
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Adds an event and wakes the waiter.
    public func post(_ event: DropEvent) {
        let waiter = state.withLock { state -> Waiter? in
            state.events.append(event)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.continuation.resume()
    }

    /// Every event posted since the last drain, in order.
    public func drain() -> [DropEvent] {
        state.withLock { state in
            defer { state.events = [] }
            return state.events
        }
    }

    /// Waits until an event is available, `deadline` passes, or the task is cancelled.
    public func wait(until deadline: Date?) async {
        let id = state.withLock { state -> UInt64? in
            guard state.events.isEmpty else { return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        let timer = deadline.map { deadline in
            Task { [weak self] in
                let seconds = deadline.timeIntervalSinceNow
                if seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) }
                self?.wake(id)
            }
        }
        defer { timer?.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if !state.events.isEmpty || Task.isCancelled { return true }
                    // The timer may have fired before this waiter was registered.
                    if let deadline, deadline <= Date() { return true }
                    state.waiter = Waiter(id: id, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            wake(id)
        }
    }

    /// Resumes the waiter `id` if it is still waiting.
    private func wake(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.continuation.resume()
    }
}

#if canImport(Glibc)
    import Glibc
#endif
import FileIO
import Foundation
import Synchronization

/// Watches the drop folder with inotify on a dedicated thread and posts what happens to an ``EventInbox``.
///
/// Events: close-after-write and moved-in become ``DropEvent/closed(_:)``, created entries
/// ``DropEvent/appeared(_:)``, deleted or moved-away entries ``DropEvent/removed(_:)``, a lost event queue
/// ``DropEvent/rescan``, and the folder itself going away (deleted, moved, unmounted) ``DropEvent/folderGone``;
/// after that the watch is dropped, and the owner calls ``watch()`` again once the folder is back.
public final class DropFolderWatcher: Sendable {
    private struct State {
        var watch: Int32?
        /// The watched folder, held open so that its removal shows as a link count of 0.
        var directory: Int32?
        var stopped = false
        var thread: Thread?
    }

    private let folder: URL
    private let inbox: EventInbox
    private let inotify: Inotify
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// - Throws: ``FileSystemError`` when no inotify instance can be opened.
    public init(folder: URL, inbox: EventInbox) throws {
        self.folder = folder
        self.inbox = inbox
        inotify = try Inotify()
    }

    /// Starts (or restarts, after the folder came back) watching the folder, and the reader thread on first use.
    ///
    /// - Throws: ``FileSystemError`` when the folder cannot be watched (missing, permission denied, watch limit).
    public func watch() throws {
        let watch = try inotify.addWatch(folder.path)
        let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        state.withLock { state in
            if let old = state.directory { _ = close(old) }
            state.directory = directory >= 0 ? directory : nil
            state.watch = watch
            guard state.thread == nil, !state.stopped else { return }
            let thread = Thread { [self] in readLoop() }
            thread.name = "paperradar-inotify"
            state.thread = thread
            thread.start()
        }
    }

    /// Stops watching (the folder is gone); ``watch()`` starts again.
    public func unwatch() {
        let (watch, directory) = state.withLock { state in
            defer {
                state.watch = nil
                state.directory = nil
            }
            return (state.watch, state.directory)
        }
        if let watch { inotify.removeWatch(watch) }
        if let directory { _ = close(directory) }
    }

    /// Whether the watched folder is still the one at its path.
    ///
    /// inotify reports a deleted folder only once nothing holds it any more (an open file inside it, such as the
    /// pid file, delays that indefinitely), and a folder deleted and created anew under the same name is another
    /// folder. So the daemon also checks, every second, that the folder it watches still has a link and is the one
    /// at the path.
    public func isWatchedFolderIntact() -> Bool {
        guard let directory = state.withLock({ $0.directory }) else { return state.withLock { $0.watch } != nil }
        var held = stat()
        var current = stat()
        guard fstat(directory, &held) == 0, held.st_nlink > 0, stat(folder.path, &current) == 0 else { return false }
        return held.st_ino == current.st_ino && held.st_dev == current.st_dev
    }

    /// Stops the reader thread and closes the inotify instance; waits for the thread to end (at most ~0.5 s).
    public func stop() {
        let running = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.stopped = true
            return state.thread != nil
        }
        if running { finished.wait() }
        unwatch()
        inotify.close()
    }

    private func readLoop() {
        while !state.withLock({ $0.stopped }) {
            let events = inotify.waitForEvents(timeoutMilliseconds: 250)
            for event in events { handle(event) }
        }
        finished.signal()
    }

    private func handle(_ event: InotifyEvent) {
        #if canImport(Glibc)
            if event.has(IN_Q_OVERFLOW) {
                inbox.post(.rescan)
                return
            }
            let current = state.withLock { $0.watch }
            guard event.watch == current else { return }
            if event.has(IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED) {
                state.withLock { state in
                    if state.watch == event.watch { state.watch = nil }
                }
                if !event.has(IN_IGNORED) { inotify.removeWatch(event.watch) }
                inbox.post(.folderGone)
                return
            }
            guard let name = event.name else { return }
            if event.has(IN_CLOSE_WRITE | IN_MOVED_TO) {
                inbox.post(.closed(name))
            } else if event.has(IN_CREATE) {
                inbox.post(.appeared(name))
            } else if event.has(IN_DELETE | IN_MOVED_FROM) {
                inbox.post(.removed(name))
            }
        #endif
    }
}

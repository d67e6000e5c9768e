import Foundation
import Testing

@testable import Daemon

@Suite(.timeLimit(.minutes(5))) struct InboxAndWatcherTests {
    /// No deadline: only the event can end the wait (a hang fails through the time limit). The event is posted
    /// from a Dispatch thread, so it does not depend on the cooperative pool other suites may keep busy, and
    /// nothing here is timed.
    @Test func aWaiterWakesOnAnEvent() async {
        let inbox = EventInbox()
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { inbox.post(.closed("a.md")) }
        await inbox.wait(until: nil)
        #expect(inbox.drain() == [.closed("a.md")])
        #expect(inbox.drain().isEmpty)
    }

    @Test func aWaiterWakesAtItsDeadline() async {
        let inbox = EventInbox()
        let started = Date()
        await inbox.wait(until: Date().addingTimeInterval(0.1))
        // Not before the deadline; how long after depends on how busy the machine is, so that is not checked.
        #expect(Date().timeIntervalSince(started) >= 0.09)
        #expect(inbox.drain().isEmpty)
        await inbox.wait(until: Date().addingTimeInterval(-1))  // a deadline in the past returns at once
    }

    @Test func aWaiterWakesWhenItsTaskIsCancelled() async {
        let inbox = EventInbox()
        let task = Task { await inbox.wait(until: nil) }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await task.value
    }

    @Test func inotifyRecordsAreDecoded() {
        var bytes: [UInt8] = []
        func append(watch: Int32, mask: UInt32, name: String?) {
            var record = [UInt8](repeating: 0, count: 16)
            let padded = name.map { Array($0.utf8) + [UInt8](repeating: 0, count: 16 - $0.utf8.count % 16) } ?? []
            withUnsafeBytes(of: watch.littleEndian) { record.replaceSubrange(0..<4, with: $0) }
            withUnsafeBytes(of: mask.littleEndian) { record.replaceSubrange(4..<8, with: $0) }
            withUnsafeBytes(of: UInt32(padded.count).littleEndian) { record.replaceSubrange(12..<16, with: $0) }
            bytes += record + padded
        }
        append(watch: 1, mask: 8, name: "digest.md")
        append(watch: 1, mask: 0x400, name: nil)
        let events = Inotify.decode(bytes[...])
        #expect(events == [InotifyEvent(watch: 1, mask: 8, name: "digest.md"), InotifyEvent(watch: 1, mask: 0x400, name: nil)])
    }

    @Test func theWatcherReportsClosedFilesAndAVanishedFolder() async throws {
        let sandbox = try DaemonSandbox()
        let inbox = EventInbox()
        let watcher = try DropFolderWatcher(folder: sandbox.layout.drop, inbox: inbox)
        try watcher.watch()
        defer { watcher.stop() }

        try sandbox.drop("a.md", "text")
        let temporary = sandbox.layout.drop.appendingPathComponent(".b.part")
        try Data("text".utf8).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: sandbox.layout.drop.appendingPathComponent("b.md"))
        var events = try await collect(inbox, until: { $0.contains(.closed("b.md")) })
        #expect(events.contains(.closed("a.md")))

        // Deleted: inotify may stay silent while the folder is held open, the check sees it at once.
        #expect(watcher.isWatchedFolderIntact())
        try FileManager.default.removeItem(at: sandbox.layout.drop)
        #expect(!watcher.isWatchedFolderIntact())
        watcher.unwatch()

        // Back again (a new folder under the same name): watched anew.
        try sandbox.layout.prepare()
        try watcher.watch()
        #expect(watcher.isWatchedFolderIntact())
        try sandbox.drop("c.md", "text")
        events = try await collect(inbox, until: { $0.contains(.closed("c.md")) })
        #expect(events.contains(.closed("c.md")))

        // Moved away: inotify says so at once.
        let moved = sandbox.root.appendingPathComponent("moved-away")
        try FileManager.default.moveItem(at: sandbox.layout.drop, to: moved)
        events = try await collect(inbox, until: { $0.contains(.folderGone) })
        #expect(events.contains(.folderGone))
        #expect(!watcher.isWatchedFolderIntact())
    }

    private func collect(_ inbox: EventInbox, until done: ([DropEvent]) -> Bool) async throws -> [DropEvent] {
        var events: [DropEvent] = []
        let deadline = Date().addingTimeInterval(5)
        while !done(events) && Date() < deadline {
            await inbox.wait(until: deadline)
            events += inbox.drain()
        }
        return events
    }
}

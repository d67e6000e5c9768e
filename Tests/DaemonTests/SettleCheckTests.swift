import FileIO
import Testing

@testable import Daemon

@Suite struct SettleCheckTests {
    private func snapshot(size: Int64 = 100, modified: Double) -> FileSnapshot {
        FileSnapshot(kind: .regular, size: size, modifiedNanoseconds: Int64(modified * 1e9), inode: 7)
    }

    @Test func aClosedFileIsReadyOneSettlePeriodAfterItsLastWrite() {
        var check = SettleCheck(settle: 0.2)
        check.noteClosed("a.md", at: 100.01)
        #expect(check.decision(for: "a.md", snapshot: snapshot(modified: 100), now: 100.05) == .wait(until: 100.2))
        #expect(check.decision(for: "a.md", snapshot: snapshot(modified: 100), now: 100.2) == .ready)
    }

    @Test func aFileWithoutACloseEventNeedsTheQuietPeriod() {
        var check = SettleCheck(settle: 0.2)
        #expect(check.quiet == 1)
        #expect(check.decision(for: "a.md", snapshot: snapshot(modified: 100), now: 100.5) == .wait(until: 101))
        #expect(check.decision(for: "a.md", snapshot: snapshot(modified: 100), now: 101) == .ready)
    }

    @Test func anOldFileFoundByAScanIsReadyAtOnce() {
        var check = SettleCheck(settle: 0.2)
        #expect(check.decision(for: "old.md", snapshot: snapshot(modified: 50), now: 100) == .ready)
    }

    @Test func aWriteAfterTheCloseEventRestartsTheWait() {
        var check = SettleCheck(settle: 0.2)
        check.noteClosed("a.md", at: 100.01)
        // Re-opened and appended to after the close: the close no longer vouches for the file.
        let appended = snapshot(size: 200, modified: 100.5)
        #expect(!check.wasClosed("a.md", after: appended))
        #expect(check.decision(for: "a.md", snapshot: appended, now: 100.8) == .wait(until: 101.5))
        check.noteClosed("a.md", at: 100.9)
        #expect(check.decision(for: "a.md", snapshot: appended, now: 100.9) == .ready)
    }

    @Test func aFutureModificationTimeCountsFromWhenTheFileWasFirstSeen() {
        var check = SettleCheck(settle: 0.2)
        let future = snapshot(modified: 10_000)
        #expect(check.decision(for: "a.md", snapshot: future, now: 100) == .wait(until: 101))
        #expect(check.decision(for: "a.md", snapshot: future, now: 101) == .ready)
    }

    @Test func forgettingDropsTheCloseEvent() {
        var check = SettleCheck(settle: 0.2, quiet: 3)
        check.noteClosed("a.md", at: 100.01)
        check.forget("a.md")
        #expect(check.decision(for: "a.md", snapshot: snapshot(modified: 100), now: 100.5) == .wait(until: 103))
        #expect(check.trackedNames == ["a.md"])
    }
}

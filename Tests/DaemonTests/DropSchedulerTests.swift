import FileIO
import Testing

@testable import Daemon

/// The scheduler's decisions, without threads or a file system: snapshots and times are given.
@Suite struct DropSchedulerTests {
    static func file(modified: Double, size: Int64 = 100) -> DropFileFilter.Classification {
        .candidate(FileSnapshot(kind: .regular, size: size, modifiedNanoseconds: Int64(modified * 1e9)))
    }

    static func scheduler(once: Bool = false) -> DropScheduler {
        DropScheduler(
            settle: SettleCheck(settle: 0.2, quiet: 1),
            settings: .init(once: once, rescanInterval: 30, backoff: (1, 60), maximumAttempts: 3, firstBatchWait: 10))
    }

    @Test func aClosedFileIsTakenAfterTheSettlePeriodOldestFirst() {
        var scheduler = Self.scheduler()
        scheduler.scanned([], now: 100)
        scheduler.apply(.closed("b.md"), now: 100)
        scheduler.apply(.closed("a.md"), now: 100)
        let files = ["a.md": Self.file(modified: 100), "b.md": Self.file(modified: 99.9)]
        guard case .wait(let until) = scheduler.plan(now: 100.05, examined: files, hasModel: true) else {
            Issue.record("a file closed 0.1 s ago waits")
            return
        }
        #expect(abs(until - 100.1) < 1e-9)
        #expect(scheduler.plan(now: 100.3, examined: files, hasModel: true) == .process("b.md", ingestFirst: []))
        #expect(scheduler.record(.vanished, for: "b.md", now: 100.3) == .done)
        #expect(scheduler.plan(now: 100.3, examined: ["a.md": Self.file(modified: 100)], hasModel: true) == .process("a.md", ingestFirst: []))
    }

    @Test func aFileFoundByAScanWaitsForTheQuietPeriod() {
        var scheduler = Self.scheduler()
        #expect(scheduler.isScanDue(now: 0))
        scheduler.scanned(["a.md"], now: 50)
        #expect(!scheduler.isScanDue(now: 60) && scheduler.isScanDue(now: 80))
        let files = ["a.md": Self.file(modified: 50)]
        #expect(scheduler.plan(now: 50.5, examined: files, hasModel: true) == .wait(until: 51))
        #expect(scheduler.plan(now: 51, examined: files, hasModel: true) == .process("a.md", ingestFirst: []))
    }

    @Test func ignoredAndVanishedNamesAreForgotten() {
        var scheduler = Self.scheduler()
        scheduler.scanned(["a.tmp", "gone.md"], now: 0)
        _ = scheduler.plan(now: 5, examined: ["a.tmp": .ignored("temporary"), "gone.md": .absent], hasModel: true)
        #expect(scheduler.pending.isEmpty)
    }

    @Test func transientProblemsBackOffAndOtherErrorsGiveUp() {
        var scheduler = Self.scheduler()
        scheduler.scanned(["a.md", "b.md"], now: 0)
        let disk = ProcessingOutcome.retry(RetryReason(message: "disk full", isFileSystem: true))
        #expect(scheduler.record(disk, for: "a.md", now: 10) == .retry(attempt: 1, delay: 1))
        #expect(scheduler.record(disk, for: "a.md", now: 11) == .retry(attempt: 2, delay: 2))
        #expect(scheduler.record(disk, for: "a.md", now: 13) == .retry(attempt: 3, delay: 4), "disk problems never give up")
        #expect(!scheduler.namesToExamine(now: 16).contains("a.md") && scheduler.namesToExamine(now: 17).contains("a.md"))
        let bug = ProcessingOutcome.retry(RetryReason(message: "boom", isFileSystem: false))
        #expect(scheduler.record(bug, for: "b.md", now: 0) == .retry(attempt: 1, delay: 1))
        #expect(scheduler.record(bug, for: "b.md", now: 1) == .retry(attempt: 2, delay: 2))
        #expect(scheduler.record(bug, for: "b.md", now: 3) == .giveUp(attempts: 3))
        #expect(scheduler.giveUpFailed("b.md", now: 3) == .retry(attempt: 3, delay: 4))
        for _ in 0..<10 { _ = scheduler.record(disk, for: "a.md", now: 20) }
        #expect(scheduler.record(disk, for: "a.md", now: 20) == .retry(attempt: 14, delay: 60), "capped")
    }

    @Test func theFirstBatchWaitsForSettlingFilesThenIsStoredTogether() {
        var scheduler = Self.scheduler()
        scheduler.scanned([], now: 0)
        for name in ["a.md", "b.md"] { scheduler.apply(.closed(name), now: 0) }
        scheduler.apply(.closed("c.md"), now: 0.9)
        let settling = ["a.md": Self.file(modified: 0), "b.md": Self.file(modified: 0), "c.md": Self.file(modified: 0.9)]
        guard case .wait(let until) = scheduler.plan(now: 0.95, examined: settling, hasModel: false) else {
            Issue.record("the first batch waits for c.md")
            return
        }
        #expect(abs(until - 1.1) < 1e-9)
        #expect(scheduler.plan(now: 1.2, examined: settling, hasModel: false) == .process("a.md", ingestFirst: ["a.md", "b.md", "c.md"]))
        // A file that never settles does not hold the first batch back for more than the wait.
        var stuck = Self.scheduler()
        stuck.scanned([], now: 0)
        stuck.apply(.closed("a.md"), now: 0)
        stuck.apply(.closed("b.md"), now: 0)
        // b.md changed after its close: it needs the quiet period (1 s) from its last change.
        #expect(stuck.plan(now: 1, examined: ["a.md": Self.file(modified: 0), "b.md": Self.file(modified: 1)], hasModel: false)
            == .wait(until: 2))
        #expect(stuck.plan(now: 10.5, examined: ["a.md": Self.file(modified: 0), "b.md": Self.file(modified: 10.4)], hasModel: false)
            == .wait(until: 11), "at most 10 s after the first file was ready")
        #expect(stuck.plan(now: 11.5, examined: ["a.md": Self.file(modified: 0), "b.md": Self.file(modified: 11.4)], hasModel: false)
            == .process("a.md", ingestFirst: []))
    }

    @Test func onceModeFinishesWhenNothingIsLeftAndLeavesRetriesForTheNextRun() {
        var scheduler = Self.scheduler(once: true)
        #expect(scheduler.isScanDue(now: 0))
        scheduler.scanned(["a.md"], now: 0)
        #expect(!scheduler.isScanDue(now: 1000), "no rescans in a once run")
        let files = ["a.md": Self.file(modified: -10)]
        #expect(scheduler.plan(now: 0, examined: files, hasModel: true) == .process("a.md", ingestFirst: []))
        let disk = ProcessingOutcome.retry(RetryReason(message: "disk full", isFileSystem: true))
        #expect(scheduler.record(disk, for: "a.md", now: 0) == .retry(attempt: 1, delay: nil))
        #expect(scheduler.namesToExamine(now: 1e9).isEmpty)
        #expect(scheduler.plan(now: 1, examined: [:], hasModel: true) == .finished)
    }

    @Test func eventsAboutTheFolderAndShutdownAreKept() {
        var scheduler = Self.scheduler()
        scheduler.scanned([], now: 0)
        scheduler.apply(.folderGone, now: 1)
        #expect(!scheduler.folderPresent)
        scheduler.folderReturned()
        #expect(scheduler.folderPresent && scheduler.isScanDue(now: 2))
        scheduler.apply(.rescan, now: 2)
        #expect(scheduler.isScanDue(now: 2))
        scheduler.apply(.shutdown, now: 3)
        #expect(scheduler.shuttingDown)
    }
}

import FileIO
import Foundation
import Logging
import PaperRadarCore
import ServiceLifecycle
import Store
import Synchronization

/// The daemon: watches the drop folder and turns every settled digest into a report, one at a time.
///
/// Lifecycle (swift-service-lifecycle):
/// - start-up: creates the folders, takes the pid lock, recovers the journal after a crash (``DigestJournal``),
///   starts the inotify watch, loads the model's vectors once, then scans what is already there;
/// - steady state: events (close-after-write, moved-in) and a rescan every `rescanInterval` seconds feed a
///   ``SettleCheck``; each settled file is processed on a dedicated queue (``DigestProcessor``); refits start in
///   the background when due (``ModelKeeper``);
/// - graceful shutdown (SIGTERM, SIGINT): the digest in progress finishes, then the service returns; only the idle
///   wait is interrupted, never a digest;
/// - a drop folder that disappears is waited for (checked every second), re-watched and rescanned when it is back;
/// - transient problems (disk full, permission denied) keep the file in the drop folder, retried with exponential
///   backoff (`retryBackoff`); other errors are retried up to 5 times, then the file goes to `failed/`.
///
/// With `once`, there is no watch: it processes what is in the folder (waiting for files still settling), refits
/// when due, and returns; ``summary`` says what happened.
public final class DropFolderService: Service, Sendable {
    /// What a run did.
    public struct Summary: Sendable, Hashable {
        public var reported = 0
        public var duplicates = 0
        public var failed = 0
        /// Files left in the drop folder after a transient problem (in `--once` mode).
        public var leftForRetry: [String] = []

        /// Digests handled (reports written or duplicates recorded).
        public var processed: Int { reported + duplicates }
    }

    public let configuration: DaemonConfiguration
    public let processor: DigestProcessor
    private let logger: Logger
    private let inbox = EventInbox()
    private let worker = SerialWorker(label: "paperradar.digest")
    private let summaryState = Mutex(Summary())
    private let lock = Mutex<PidLock?>(nil)

    /// Non-file-system errors tolerated per file before it goes to `failed/`.
    static let maximumAttempts = 5

    public init(configuration: DaemonConfiguration, processor: DigestProcessor, logger: Logger) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
    }

    /// What the run did so far.
    public var summary: Summary { summaryState.withLock { $0 } }

    private var layout: DropFolderLayout { configuration.layout }
    private var keeper: ModelKeeper { processor.keeper }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.runLoop()
        } onGracefulShutdown: { [inbox] in
            inbox.post(.shutdown)
        }
    }

    // MARK: - The loop

    private func runLoop() async throws {
        try start()
        defer { lock.withLock { $0?.release() } }
        var watcher: DropFolderWatcher?
        if !configuration.once {
            let started = try DropFolderWatcher(folder: layout.drop, inbox: inbox)
            try started.watch()
            watcher = started
        }
        defer { watcher?.stop() }
        try await loadModel()

        var loop = LoopState(settle: SettleCheck(settle: configuration.settle, quiet: configuration.quiet))
        while true {
            let now = Date().timeIntervalSince1970
            for event in inbox.drain() { apply(event, to: &loop, now: now) }
            if loop.shuttingDown || Task.isCancelled {
                logger.notice("shutting down (no digest in progress)")
                break
            }
            if let watcher, loop.folderPresent, now >= loop.nextFolderCheck {
                loop.nextFolderCheck = now + 1
                if !watcher.isWatchedFolderIntact() { apply(.folderGone, to: &loop, now: now) }
            }
            if !loop.folderPresent {
                watcher?.unwatch()
                if configuration.once {
                    throw DaemonError("the drop folder \(layout.drop.path) disappeared while it was processed")
                }
                guard try reattach(watcher, &loop) else {
                    await inbox.wait(until: Date(timeIntervalSince1970: now + 1))
                    continue
                }
            }
            if loop.needScan || (!configuration.once && now >= loop.nextRescan) {
                scan(&loop, now: now)
                if !configuration.once { await checkRefit() }
                if !loop.folderPresent { continue }
            }
            let selection = select(&loop, now: now)
            if let name = selection.ready.first {
                if !keeper.hasModel {
                    // The first model is fitted on the first batch: wait (up to 10 s) for files still settling.
                    let since = loop.firstBatchSince ?? now
                    loop.firstBatchSince = since
                    if selection.settling > 0, now - since < 10 {
                        await inbox.wait(until: Date(timeIntervalSince1970: min(selection.nextCheck ?? now, since + 10)))
                        continue
                    }
                    if selection.ready.count > 1 { await ingestBeforeFirstFit(selection.ready, &loop) }
                }
                await handle(name, &loop)
                continue
            }
            if configuration.once && selection.settling == 0 { break }
            let wake = min(selection.nextCheck ?? loop.nextRescan, configuration.once ? .infinity : loop.nextFolderCheck)
            await inbox.wait(until: Date(timeIntervalSince1970: min(wake, loop.nextRescan)))
        }
        if configuration.once {
            let reason = await worker.run { [keeper] in keeper.refitIfDue(wait: true) }
            if reason == nil { logger.debug("no refit due") }
        }
        if keeper.isRefitting && !configuration.once {
            logger.notice("a background refit is abandoned: the current model stays, and the refit runs again when due")
        }
        let summary = self.summary
        logger.notice(
            "stopped",
            metadata: [
                "reported": "\(summary.reported)", "duplicates": "\(summary.duplicates)", "failed": "\(summary.failed)",
                "left_for_retry": "\(summary.leftForRetry.count)",
            ])
    }

    /// Folders, lock, crash recovery, journal facts.
    private func start() throws {
        try layout.prepare()
        let pidLock = try PidLock(path: layout.pidFile.path)
        lock.withLock { $0 = pidLock }
        let journal = processor.journal
        let recovery = try journal.recover()
        if !recovery.isEmpty {
            logger.notice(
                "recovered after an interrupted run",
                metadata: [
                    "completed_moves": "\(recovery.completedDigests + recovery.completedDuplicates + recovery.completedFailures)",
                    "removed_temporary_files": "\(recovery.removedTemporaries.count)",
                ])
        }
        try journal.store.journalClearRetry()
        try journal.store.journalSetMeta([
            "drop": layout.drop.path, "reports": layout.reports.path,
            "formats": configuration.formats.map(\.fileExtension).joined(separator: ","),
            "started_at": Timestamp.now, "pid": "\(ProcessInfo.processInfo.processIdentifier)",
        ])
        logger.notice(
            configuration.once ? "processing the drop folder once" : "watching the drop folder",
            metadata: [
                "drop": "\(layout.drop.path)", "reports": "\(layout.reports.path)",
                "formats": "\(configuration.formats.map(\.fileExtension).joined(separator: ","))",
                "settle_ms": "\(Int(configuration.settle * 1000))",
            ])
    }

    private func loadModel() async throws {
        let started = Date()
        let papers = try await worker.run { [keeper] in try keeper.load() }
        if let papers {
            logger.notice(
                "model loaded",
                metadata: [
                    "papers": "\(papers)", "seconds": "\(String(format: "%.2f", Date().timeIntervalSince(started)))",
                ])
        } else {
            logger.notice("no model yet: the first digests are stored first, then a model is fitted on them")
        }
    }

    private func apply(_ event: DropEvent, to loop: inout LoopState, now: Double) {
        switch event {
        case .closed(let name):
            loop.settle.noteClosed(name, at: now)
            loop.pending.insert(name)
        case .appeared(let name), .removed(let name):
            loop.pending.insert(name)
        case .rescan:
            logger.warning("inotify queue overflowed: rescanning the drop folder")
            loop.needScan = true
        case .folderGone:
            if loop.folderPresent {
                logger.warning(
                    "the drop folder disappeared (deleted, moved or unmounted); waiting for it to come back",
                    metadata: ["drop": "\(layout.drop.path)"])
            }
            loop.folderPresent = false
        case .shutdown:
            loop.shuttingDown = true
        }
    }

    /// Re-watches a drop folder that came back; false while it is still missing.
    ///
    /// - Throws: ``DaemonError`` when another daemon took the folder meanwhile.
    private func reattach(_ watcher: DropFolderWatcher?, _ loop: inout LoopState) throws -> Bool {
        guard FileSnapshot.of(target: layout.drop.path)?.kind == .directory else { return false }
        do {
            try layout.prepare()
            try watcher?.watch()
            // The old lock may be on a file that is gone with the old folder: lock the folder's file anew.
            lock.withLock { lock in
                lock?.release()
                lock = nil
            }
            let relocked = try PidLock(path: layout.pidFile.path)
            lock.withLock { $0 = relocked }
        } catch let error as DaemonError {
            throw error
        } catch {
            logger.warning("the drop folder is back but cannot be watched yet: \(error)")
            return false
        }
        logger.notice("the drop folder is back: rescanning it", metadata: ["drop": "\(layout.drop.path)"])
        loop.folderPresent = true
        loop.needScan = true
        return true
    }

    private func scan(_ loop: inout LoopState, now: Double) {
        loop.needScan = false
        loop.nextRescan = now + configuration.rescanInterval
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: layout.drop.path)
            loop.pending.formUnion(names.filter { DropFileFilter.ignoredReason(forName: $0) == nil })
        } catch {
            if FileSnapshot.of(target: layout.drop.path)?.kind != .directory {
                apply(.folderGone, to: &loop, now: now)
            } else {
                logger.error("cannot list the drop folder \(layout.drop.path): \(error)")
            }
        }
    }

    /// The files ready now (oldest first), how many are still settling, and when to look again.
    private func select(_ loop: inout LoopState, now: Double) -> (ready: [String], settling: Int, nextCheck: Double?) {
        var ready: [(name: String, modified: Int64)] = []
        var settling = 0
        var nextCheck: Double?
        for name in loop.pending.sorted() {
            if let retry = loop.retries[name], retry.nextAttempt > now {
                if retry.nextAttempt.isFinite { nextCheck = min(nextCheck ?? .infinity, retry.nextAttempt) }
                continue
            }
            switch DropFileFilter.classify(name: name, in: layout.drop) {
            case .absent:
                loop.forget(name)
            case .ignored(let reason):
                if loop.ignoredLogged.insert(name).inserted {
                    logger.debug("ignored \(name): \(reason)")
                }
                loop.forget(name)
            case .candidate(let snapshot):
                switch loop.settle.decision(for: name, snapshot: snapshot, now: now) {
                case .ready:
                    ready.append((name, snapshot.modifiedNanoseconds))
                case .wait(let until):
                    settling += 1
                    nextCheck = min(nextCheck ?? .infinity, until)
                }
            }
        }
        ready.sort { ($0.modified, $0.name) < ($1.modified, $1.name) }
        return (ready.map(\.name), settling, nextCheck)
    }

    /// Before the first model: stores every ready digest so the first fit sees them all.
    private func ingestBeforeFirstFit(_ names: [String], _ loop: inout LoopState) async {
        logger.notice("storing \(names.count) digests before fitting the first model")
        for name in names {
            let outcome = await worker.run { [processor] in processor.process(name, ingestOnly: true) }
            if case .ingested = outcome { continue }
            record(outcome, for: name, &loop)
        }
    }

    private func handle(_ name: String, _ loop: inout LoopState) async {
        let outcome = await worker.run { [processor] in processor.process(name) }
        record(outcome, for: name, &loop)
        if case .retry = outcome { return }
        if !configuration.once { await checkRefit() }
    }

    private func record(_ outcome: ProcessingOutcome, for name: String, _ loop: inout LoopState) {
        switch outcome {
        case .reported:
            summaryState.withLock { $0.reported += 1 }
            loop.forget(name)
        case .duplicate:
            summaryState.withLock { $0.duplicates += 1 }
            loop.forget(name)
        case .failed:
            summaryState.withLock { $0.failed += 1 }
            loop.forget(name)
        case .vanished:
            logger.debug("\(name) left the drop folder before it was taken")
            loop.forget(name)
        case .ingested:
            break
        case .retry(let reason):
            scheduleRetry(name, reason: reason, &loop)
        }
    }

    private func scheduleRetry(_ name: String, reason: RetryReason, _ loop: inout LoopState) {
        var retry = loop.retries[name] ?? LoopState.Retry()
        retry.attempts += 1
        if !reason.isFileSystem && retry.attempts >= Self.maximumAttempts {
            let outcome = processor.giveUp(on: name, attempts: retry.attempts, lastError: reason.message)
            if case .failed = outcome {
                summaryState.withLock { $0.failed += 1 }
                loop.forget(name)
                return
            }
        }
        let now = Date().timeIntervalSince1970
        let delay = min(
            configuration.retryBackoff.maximum,
            configuration.retryBackoff.initial * pow(2, Double(retry.attempts - 1)))
        retry.nextAttempt = configuration.once ? .infinity : now + delay
        loop.retries[name] = retry
        if configuration.once {
            summaryState.withLock { $0.leftForRetry.append(name) }
            logger.error("\(name) stays in the drop folder: \(reason.message); run again once this is fixed")
        } else {
            logger.warning(
                "\(name) stays in the drop folder: \(reason.message); retrying in \(Int(delay.rounded())) s",
                metadata: ["file": "\(name)", "attempt": "\(retry.attempts)"])
        }
        try? processor.journal.store.journalRecordRetry(
            JournalRetry(
                fileName: name, error: reason.message, attempts: retry.attempts,
                nextAttemptAt: retry.nextAttempt.isFinite
                    ? Timestamp.string(from: Date(timeIntervalSince1970: retry.nextAttempt)) : "next run"))
    }

    private func checkRefit() async {
        guard !keeper.isRefitting else { return }
        _ = await worker.run { [keeper] in keeper.refitIfDue() }
    }
}

/// The loop's bookkeeping (owned by the loop alone).
struct LoopState {
    struct Retry {
        var attempts = 0
        var nextAttempt = 0.0
    }

    var settle: SettleCheck
    /// Names to look at: from events and scans, until taken or gone.
    var pending: Set<String> = []
    var retries: [String: Retry] = [:]
    var ignoredLogged: Set<String> = []
    var needScan = true
    var nextRescan = 0.0
    var folderPresent = true
    /// When to check next that the watched folder is still the one at the drop folder's path.
    var nextFolderCheck = 0.0
    var shuttingDown = false
    /// When the first digest was ready while the store had no model.
    var firstBatchSince: Double?

    init(settle: SettleCheck) { self.settle = settle }

    mutating func forget(_ name: String) {
        pending.remove(name)
        retries[name] = nil
        settle.forget(name)
    }
}

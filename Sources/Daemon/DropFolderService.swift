import FileIO
import Foundation
import Logging
import PaperRadarCore
import Pipeline
import ServiceLifecycle
import Store
import Synchronization

/// The daemon: watches the drop folder and turns every settled digest into a report, one at a time.
///
/// A thin shell around three parts: ``DropScheduler`` decides what to take and when, ``DigestProcessor`` turns a
/// file into a report, ``ModelKeeper`` holds the model. Lifecycle (swift-service-lifecycle):
/// - start-up: creates the folders, takes the pid lock, recovers the journal after a crash (``DigestJournal``),
///   starts the inotify watch, loads the model's vectors once, then scans what is already there;
/// - steady state: events (close-after-write, moved-in) and a rescan every `rescanInterval` seconds feed the
///   scheduler; refits run as a child task when due (the fit is computed on a thread of its own while reports go
///   on; only the swap holds reports back);
/// - graceful shutdown (SIGTERM, SIGINT): the digest in progress finishes, a running refit is cancelled at its
///   next stage, then the service returns;
/// - a drop folder that disappears is waited for (checked every second), re-watched and rescanned when it is back;
/// - transient problems (disk full, permission denied) keep the file in the drop folder, retried with exponential
///   backoff; other errors are retried up to 5 times, then the file goes to `failed/`.
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
        /// Mails and hooks delivered.
        public var delivered = 0
        /// Delivery attempts that failed (retried later, or given up).
        public var deliveryFailures = 0
        /// Deliveries still pending or given up when the run ended.
        public var deliveriesOpen = 0

        /// Digests handled (reports written or duplicates recorded).
        public var processed: Int { reported + duplicates }
    }

    public let configuration: DaemonConfiguration
    public let processor: DigestProcessor
    public let deliverer: Deliverer
    private let logger: Logger
    private let inbox = EventInbox()
    private let refits = RefitRunner()
    private let summaryState = Mutex(Summary())
    private let lock = Mutex<PidLock?>(nil)

    public init(configuration: DaemonConfiguration, processor: DigestProcessor, logger: Logger) {
        self.configuration = configuration
        self.processor = processor
        self.deliverer = Deliverer(
            store: processor.journal.store, programs: configuration.delivery.programs,
            policy: configuration.delivery.policy, receipts: configuration.layout.receipts, logger: logger)
        self.logger = logger
    }

    /// What the run did so far.
    public var summary: Summary { summaryState.withLock { $0 } }

    private var layout: DropFolderLayout { configuration.layout }
    private var keeper: ModelKeeper { processor.keeper }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                if !self.configuration.once {
                    group.addTask { await self.refits.serve(self.keeper, logger: self.logger) }
                }
                defer { group.cancelAll() }
                try await self.runLoop()
            }
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
        let wake = DeliveryWakeSignal(inbox: inbox)
        defer { wake.stop() }
        try await loadModel()

        var scheduler = DropScheduler(
            settle: SettleCheck(settle: configuration.settle, quiet: configuration.quiet),
            settings: .init(
                once: configuration.once, rescanInterval: configuration.rescanInterval,
                backoff: configuration.retryBackoff))
        var ignoredLogged: Set<String> = []
        var nextFolderCheck = 0.0
        var nextDelivery = 0.0
        while true {
            var now = Date().timeIntervalSince1970
            for event in inbox.drain() {
                if event == .deliveriesDue { nextDelivery = 0 }
                if event == .folderGone && scheduler.folderPresent { logFolderGone() }
                if event == .rescan { logger.warning("inotify queue overflowed: rescanning the drop folder") }
                scheduler.apply(event, now: now)
            }
            if scheduler.shuttingDown || Task.isCancelled {
                logger.notice("shutting down (no digest in progress)")
                break
            }
            if now >= nextDelivery {
                nextDelivery = await deliver()
                now = Date().timeIntervalSince1970
            }
            if let watcher, scheduler.folderPresent, now >= nextFolderCheck {
                nextFolderCheck = now + 1
                if !watcher.isWatchedFolderIntact() {
                    logFolderGone()
                    scheduler.apply(.folderGone, now: now)
                }
            }
            if !scheduler.folderPresent {
                watcher?.unwatch()
                if configuration.once {
                    throw DaemonError("the drop folder \(layout.drop.path) disappeared while it was processed")
                }
                guard try reattach(watcher) else {
                    await inbox.wait(until: Date(timeIntervalSince1970: now + 1))
                    continue
                }
                scheduler.folderReturned()
            }
            if scheduler.isScanDue(now: now) {
                guard let names = scan() else {
                    logFolderGone()
                    scheduler.apply(.folderGone, now: now)
                    continue
                }
                scheduler.scanned(names, now: now)
                if !configuration.once { await refits.requestIfDue(keeper) }
            }
            now = Date().timeIntervalSince1970
            var examined: [String: DropFileFilter.Classification] = [:]
            for name in scheduler.namesToExamine(now: now) {
                let classification = DropFileFilter.classify(name: name, in: layout.drop)
                if case .ignored(let reason) = classification, ignoredLogged.insert(name).inserted {
                    logger.debug("ignored \(name): \(reason)")
                }
                examined[name] = classification
            }
            let hasModel = (try? await keeper.hasModel()) ?? false
            switch scheduler.plan(now: now, examined: examined, hasModel: hasModel) {
            case .process(let name, let ingestFirst):
                if !ingestFirst.isEmpty { await ingestBeforeFirstFit(ingestFirst, &scheduler) }
                await handle(name, &scheduler)
                nextDelivery = 0  // its mail and hook, if any
            case .wait(let until):
                // A `--once` run does not wait for a retry's backoff (the next run sends it).
                let deliveryDue = configuration.once ? Double.infinity : nextDelivery
                let wake = configuration.once ? until : min(until, nextFolderCheck, deliveryDue)
                await inbox.wait(until: wake.isFinite ? Date(timeIntervalSince1970: wake) : nil)
            case .finished:
                if configuration.once { await refitOnce() }
                countOpenDeliveries()
                logStopped()
                return
            }
        }
        if await refits.isRunning {
            logger.notice("a background refit is cancelled: the current model stays, and the refit runs again when due")
        }
        countOpenDeliveries()
        logStopped()
    }

    /// Delivers what is due; returns when to look again (seconds since 1970).
    private func deliver() async -> Double {
        let round = await deliverer.deliverDue()
        summaryState.withLock { summary in
            summary.delivered += round.sent
            summary.deliveryFailures += round.retrying + round.gaveUp
        }
        return round.next ?? .infinity
    }

    private func countOpenDeliveries() {
        let open = (try? processor.journal.store.deliveries(in: [.pending, .sending, .failed]).count) ?? 0
        summaryState.withLock { $0.deliveriesOpen = open }
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
                    "interrupted_deliveries": "\(recovery.resumedDeliveries)",
                ])
        }
        try journal.store.clearRetry()
        try journal.store.setMeta([
            "drop": layout.drop.path, "reports": layout.reports.path,
            "formats": configuration.formats.map(\.fileExtension).joined(separator: ","),
            "started_at": Timestamp.now, "pid": "\(ProcessInfo.processInfo.processIdentifier)",
            "sendmail": configuration.delivery.programs.sendmail,
            "mail_timeout": "\(configuration.delivery.programs.mailTimeout)",
            "hook_timeout": "\(configuration.delivery.programs.hookTimeout)",
            "delivery_attempts": "\(configuration.delivery.policy.maximumAttempts)",
            "delivery_backoff": "\(configuration.delivery.policy.initialDelay)",
        ])
        if let mail = configuration.delivery.mail, !FileManager.default.isExecutableFile(atPath: mail.sendmail) {
            logger.warning(
                """
                the mailer \(mail.sendmail) is not an executable file: mails wait and are retried until it is \
                (install msmtp-mta, Postfix or Exim, or give --sendmail PATH)
                """)
        }
        logger.notice(
            configuration.once ? "processing the drop folder once" : "watching the drop folder",
            metadata: [
                "drop": "\(layout.drop.path)", "reports": "\(layout.reports.path)",
                "formats": "\(configuration.formats.map(\.fileExtension).joined(separator: ","))",
                "settle_ms": "\(Int(configuration.settle * 1000))",
            ])
    }

    private func loadModel() async throws {
        let watch = Stopwatch()
        if let papers = try await keeper.load() {
            logger.notice(
                "model loaded", metadata: ["papers": "\(papers)", "seconds": "\(String(format: "%.2f", watch.seconds))"])
        } else {
            logger.notice("no model yet: the first digests are stored first, then a model is fitted on them")
        }
    }

    private func logFolderGone() {
        logger.warning(
            "the drop folder disappeared (deleted, moved or unmounted); waiting for it to come back",
            metadata: ["drop": "\(layout.drop.path)"])
    }

    /// Re-watches a drop folder that came back; false while it is still missing.
    ///
    /// - Throws: ``DaemonError`` when another daemon took the folder meanwhile.
    private func reattach(_ watcher: DropFolderWatcher?) throws -> Bool {
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
        return true
    }

    /// The names in the drop folder that may be digests; `nil` when the folder is gone.
    private func scan() -> [String]? {
        do {
            return try FileTree.names(in: layout.drop.path).filter { DropFileFilter.ignoredReason(forName: $0) == nil }
        } catch {
            if FileSnapshot.of(target: layout.drop.path)?.kind != .directory { return nil }
            logger.error("cannot list the drop folder \(layout.drop.path): \(error)")
            return []
        }
    }

    /// Before the first model: stores every ready digest so the first fit sees them all.
    private func ingestBeforeFirstFit(_ names: [String], _ scheduler: inout DropScheduler) async {
        logger.notice("storing \(names.count) digests before fitting the first model")
        for name in names {
            let outcome = await processor.process(name, ingestOnly: true)
            if case .ingested = outcome { continue }
            await record(outcome, for: name, &scheduler)
        }
    }

    private func handle(_ name: String, _ scheduler: inout DropScheduler) async {
        let outcome = await processor.process(name)
        await record(outcome, for: name, &scheduler)
        if case .retry = outcome { return }
        if !configuration.once { await refits.requestIfDue(keeper) }
    }

    private func record(_ outcome: ProcessingOutcome, for name: String, _ scheduler: inout DropScheduler) async {
        let now = Date().timeIntervalSince1970
        var decision = scheduler.record(outcome, for: name, now: now)
        count(outcome)
        if case .giveUp(let attempts) = decision, case .retry(let reason) = outcome {
            let given = await processor.giveUp(on: name, attempts: attempts, lastError: reason.message)
            if case .failed = given {
                count(given)
                scheduler.forget(name)
                return
            }
            decision = scheduler.giveUpFailed(name, now: now)
        }
        guard case .retry(let attempt, let delay) = decision, case .retry(let reason) = outcome else {
            if case .vanished = outcome { logger.debug("\(name) left the drop folder before it was taken") }
            return
        }
        if let delay {
            logger.warning(
                "\(name) stays in the drop folder: \(reason.message); retrying in \(Int(delay.rounded())) s",
                metadata: ["file": "\(name)", "attempt": "\(attempt)"])
        } else {
            summaryState.withLock { $0.leftForRetry.append(name) }
            logger.error("\(name) stays in the drop folder: \(reason.message); run again once this is fixed")
        }
        try? processor.journal.store.recordRetry(
            JournalRetry(
                fileName: name, error: reason.message, attempts: attempt,
                nextAttemptAt: delay.map { Timestamp.string(from: Date(timeIntervalSince1970: now + $0)) } ?? "next run"))
    }

    private func count(_ outcome: ProcessingOutcome) {
        summaryState.withLock { summary in
            switch outcome {
            case .reported: summary.reported += 1
            case .duplicate: summary.duplicates += 1
            case .failed: summary.failed += 1
            case .ingested, .retry, .vanished: break
            }
        }
    }

    /// `--once`: refits before returning when one is due.
    private func refitOnce() async {
        guard let reason = await keeper.refitReason() else {
            logger.debug("no refit due")
            return
        }
        await refits.run(reason, keeper: keeper, logger: logger)
    }

    private func logStopped() {
        let summary = self.summary
        logger.notice(
            "stopped",
            metadata: [
                "reported": "\(summary.reported)", "duplicates": "\(summary.duplicates)", "failed": "\(summary.failed)",
                "left_for_retry": "\(summary.leftForRetry.count)", "delivered": "\(summary.delivered)",
                "deliveries_open": "\(summary.deliveriesOpen)",
            ])
    }
}

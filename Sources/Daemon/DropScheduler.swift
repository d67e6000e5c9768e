import FileIO

/// What the daemon does next with its drop folder: which file to take, when to look again, retries with backoff,
/// the first batch before the first fit, and when a `--once` run is over.
///
/// Pure bookkeeping: events, scans and file snapshots come in, decisions come out; no threads, no file system, no
/// clock (every call is given `now`, in seconds since 1970). The service shell gathers what it asks for and carries
/// out what it decides.
public struct DropScheduler: Sendable {
    /// How the scheduler decides.
    public struct Settings: Sendable {
        /// Process what is there and finish (no rescans, no retries within the run).
        public var once: Bool
        /// Seconds between full scans of the drop folder.
        public var rescanInterval: Double
        /// Backoff of retries: first delay and cap, in seconds.
        public var backoff: (initial: Double, maximum: Double)
        /// Non-file-system errors tolerated per file before it goes to `failed/`.
        public var maximumAttempts: Int
        /// Seconds the first digests may wait for files still settling, before the first model is fitted on them.
        public var firstBatchWait: Double

        public init(
            once: Bool, rescanInterval: Double = 30, backoff: (initial: Double, maximum: Double) = (1, 60),
            maximumAttempts: Int = 5, firstBatchWait: Double = 10
        ) {
            self.once = once
            self.rescanInterval = rescanInterval
            self.backoff = backoff
            self.maximumAttempts = maximumAttempts
            self.firstBatchWait = firstBatchWait
        }
    }

    /// What to do now.
    public enum Plan: Sendable, Equatable {
        /// Process this file; before the first model exists, first store `ingestFirst` (the rest of the first
        /// batch) so that the first fit sees them all.
        case process(String, ingestFirst: [String])
        /// Nothing to take before this time (or until an event arrives).
        case wait(until: Double)
        /// A `--once` run has nothing left to do.
        case finished
    }

    /// What becomes of a file after an outcome.
    public enum Decision: Sendable, Equatable {
        /// Done with it (reported, duplicate, failed, vanished, or stored for the first fit).
        case done
        /// It stays in the drop folder; tried again after `delay` seconds (`nil` in a `--once` run: next run).
        case retry(attempt: Int, delay: Double?)
        /// It failed too often for a reason that is not the disk's: move it to `failed/`.
        case giveUp(attempts: Int)
    }

    public let settings: Settings
    private var settle: SettleCheck
    /// Names to look at: from events and scans, until taken or gone.
    public private(set) var pending: Set<String> = []
    private var retries: [String: (attempts: Int, nextAttempt: Double)] = [:]
    private var nextRescan = 0.0
    private var scanRequested = true
    private var firstBatchSince: Double?
    /// Whether the drop folder is there (false after it was deleted or moved, until it is back).
    public private(set) var folderPresent = true
    /// Whether graceful shutdown was requested.
    public private(set) var shuttingDown = false

    public init(settle: SettleCheck, settings: Settings) {
        self.settle = settle
        self.settings = settings
    }

    /// Takes an event into account.
    public mutating func apply(_ event: DropEvent, now: Double) {
        switch event {
        case .closed(let name):
            settle.noteClosed(name, at: now)
            pending.insert(name)
        case .appeared(let name), .removed(let name):
            pending.insert(name)
        case .rescan:
            scanRequested = true
        case .folderGone:
            folderPresent = false
        case .shutdown:
            shuttingDown = true
        case .deliveriesDue:
            break  // the service's: deliveries are not files
        }
    }

    /// The drop folder is back: look at everything in it.
    public mutating func folderReturned() {
        folderPresent = true
        scanRequested = true
    }

    /// Whether the folder should be listed now (at start, after an overflow or a return, and every
    /// `rescanInterval` seconds unless `once`).
    public func isScanDue(now: Double) -> Bool {
        scanRequested || (!settings.once && now >= nextRescan)
    }

    /// The names a scan found (already filtered of names never taken).
    public mutating func scanned(_ names: [String], now: Double) {
        scanRequested = false
        nextRescan = now + settings.rescanInterval
        pending.formUnion(names)
    }

    /// The pending names whose state should be looked at now (those not waiting for a retry).
    public func namesToExamine(now: Double) -> [String] {
        pending.filter { (retries[$0]?.nextAttempt ?? 0) <= now }.sorted()
    }

    /// Decides what to do, given what the names of ``namesToExamine(now:)`` are now.
    ///
    /// - Parameter hasModel: whether the store has a fitted model (the first batch waits for settling files).
    public mutating func plan(now: Double, examined: [String: DropFileFilter.Classification], hasModel: Bool) -> Plan {
        var ready: [(name: String, modified: Int64)] = []
        var settling = 0
        var nextCheck = nextRescanTime
        for (name, retry) in retries where retry.nextAttempt > now && pending.contains(name) {
            nextCheck = min(nextCheck, retry.nextAttempt)
        }
        for name in namesToExamine(now: now) {
            switch examined[name] ?? .absent {
            case .absent, .ignored:
                forget(name)
            case .candidate(let snapshot):
                switch settle.decision(for: name, snapshot: snapshot, now: now) {
                case .ready:
                    ready.append((name, snapshot.modifiedNanoseconds))
                case .wait(let until):
                    settling += 1
                    nextCheck = min(nextCheck, until)
                }
            }
        }
        ready.sort { ($0.modified, $0.name) < ($1.modified, $1.name) }
        if let first = ready.first {
            guard !hasModel else { return .process(first.name, ingestFirst: []) }
            // The first model is fitted on the first batch: wait (up to firstBatchWait) for files still settling.
            let since = firstBatchSince ?? now
            firstBatchSince = since
            if settling > 0, now - since < settings.firstBatchWait {
                return .wait(until: min(nextCheck, since + settings.firstBatchWait))
            }
            return .process(first.name, ingestFirst: ready.count > 1 ? ready.map(\.name) : [])
        }
        if settings.once && settling == 0 { return .finished }
        return .wait(until: nextCheck)
    }

    private var nextRescanTime: Double { settings.once ? .infinity : nextRescan }

    /// Records what processing a file did.
    public mutating func record(_ outcome: ProcessingOutcome, for name: String, now: Double) -> Decision {
        guard case .retry(let reason) = outcome else {
            if case .ingested = outcome { return .done }
            forget(name)
            return .done
        }
        var retry = retries[name] ?? (0, 0)
        retry.attempts += 1
        retries[name] = retry
        if !reason.isFileSystem && retry.attempts >= settings.maximumAttempts {
            return .giveUp(attempts: retry.attempts)
        }
        return scheduleRetry(name, now: now)
    }

    /// Giving up did not work either (the move to `failed/` hit a disk problem): try again later.
    public mutating func giveUpFailed(_ name: String, now: Double) -> Decision {
        scheduleRetry(name, now: now)
    }

    private mutating func scheduleRetry(_ name: String, now: Double) -> Decision {
        guard var retry = retries[name] else { return .done }
        let delay = min(settings.backoff.maximum, settings.backoff.initial * pow2(retry.attempts - 1))
        retry.nextAttempt = settings.once ? .infinity : now + delay
        retries[name] = retry
        return .retry(attempt: retry.attempts, delay: settings.once ? nil : delay)
    }

    private func pow2(_ exponent: Int) -> Double {
        exponent <= 0 ? 1 : Double(1 << min(exponent, 30))
    }

    /// Forgets a name (taken, removed or moved away).
    public mutating func forget(_ name: String) {
        pending.remove(name)
        retries[name] = nil
        settle.forget(name)
    }
}

import FileIO
import Foundation
import Store

/// The daemon's crash-safe journal: which digests it has turned into reports, and how far it got with each.
///
/// ## The exactly-once protocol
///
/// The journal lives in the store's SQLite database (``JournalStore``, migration `v5-daemon-journal`), keyed by the
/// SHA-256 of a digest's bytes, so it commits with the same durability as the papers. One digest file goes through:
///
/// 1. **read + hash** the settled file (size limit first).
/// 2. **look up** the hash: `delivering` or `done` → step D below; another state → resume at that state; unknown → step 3.
/// 3. **parse** (pure); a parse error, a blank file or too many papers → step F.
/// 4. **ingest** into the store (one transaction; idempotent by content hash, so a crash right after it finds
///    the digest already stored and continues) and record `ingested` with the store's digest id.
/// 5. **compute the report** against one consistent model (``ModelKeeper``).
/// 6. **reserve the report name** `REPORTS/<stem>[-n]` → `reserved`. Names with any report file on disk are
///    skipped first; the transaction that records the name then skips names reserved by any other digest, so two
///    digests never share a report, and a resumed digest reuses its own name.
/// 7. **write the report files** atomically (temporary file + `fsync` + rename; overwriting the digest's own
///    reserved files on resume is fine).
/// 8. **record `reported`**, reserving the digest's place in `processed/` (`<name>`, `<stem>-2<ext>`, … never a
///    path reserved by any journal row or present on disk), and, in the same transaction, the digest's deliveries
///    (its mail, its hook: `pending`) and its entries of the rolling feeds.
/// 9. **write the rolling feeds** (`feed.atom`, `reading-list.atom`) from the journal, atomically (idempotent).
/// 10. **move** the digest file there (`rename`, never replacing), then record **`delivering`** (or **`done`** when
///    nothing is to be delivered).
/// 11. **deliver**: for each delivery, record `sending` (one more attempt), run the mailer or hook, record `sent`
///    (or `pending` with the next attempt's time, or `failed` after the last attempt); when no delivery of the digest
///    is pending or sending any more, record **`done`**. A failed delivery never touches the report or the move.
///
/// - **D (duplicate):** bytes already `done` under any name → a duplicate row reserving a place in `processed/`,
///   the move, then the row is marked moved. No report is written.
/// - **F (failure):** a failure row with the reason reserving a place in `failed/`, `<name>.error.txt` written
///   atomically beside it, the move, then the row is marked moved.
///
/// A `kill -9` can strike between any two steps. On restart, stale temporary files are removed, rows whose move
/// happened (the reserved target exists) are completed (``recover()``), deliveries found `sending` (the program
/// may or may not have finished) become pending again, so a mail goes out at least once and never again once `sent`
/// is recorded (its stable `Message-ID` lets mail clients drop the rare repeat), and every file still in the drop folder
/// is processed again from its journal state: the parse and the report are recomputed, reservations are reused,
/// so each digest ends with exactly one store record, one journal row, one set of report files and one file in
/// `processed/` (or `failed/`). Duplicate and failure rows whose move did not happen are found by bytes and name
/// and reused instead of being recorded twice.
///
/// Transient problems (disk full, permission denied, a vanished folder) never reach `failed/`: the file stays in
/// the drop folder with its journal state, and is retried with backoff.
public struct DigestJournal: Sendable {
    public let store: JournalStore
    public let layout: DropFolderLayout

    public init(store: JournalStore, layout: DropFolderLayout) {
        self.store = store
        self.layout = layout
    }

    /// The entry for these bytes, if the daemon has seen them.
    public func entry(contentHash: String) throws -> JournalEntry? {
        try store.entry(contentHash: contentHash)
    }

    /// Step 4: the digest's papers are stored.
    @discardableResult
    public func recordIngested(_ record: DigestRecord, fileName: String) throws -> JournalEntry {
        try store.recordIngested(
            contentHash: record.contentHash, fileName: fileName, digestID: record.id, paperCount: record.paperCount,
            newCount: record.newCount)
    }

    /// Step 6: the report base path for a digest named `fileName` (kept from an earlier attempt when it is in the
    /// current reports folder).
    public func reserveReportBase(contentHash: String, fileName: String) throws -> String {
        let folder = layout.reports.path
        let stem = ReportNaming.stem(of: fileName)
        return try firstFree(
            { folder + "/" + ReportNaming.candidate(stem, attempt: $0) }, isFree: ReportNaming.isReportBaseFree
        ) { candidates in
            try store.reserveReportBase(
                contentHash: contentHash, keepExisting: { ($0 as NSString).deletingLastPathComponent == folder },
                candidates: candidates)
        }
    }

    /// Step 8: the reports are written; records the deliveries and feed entries, and returns where the digest file
    /// goes in `processed/`.
    public func recordReported(
        contentHash: String, fileName: String, files: [String], modelHash: String?, topicsHash: String?,
        deliveries: [NewDelivery] = [], feeds: [FeedUpdate] = []
    ) throws -> String {
        try firstFree(processedPath(fileName), isFree: ReportNaming.isMoveTargetFree) { candidates in
            try store.recordReported(
                contentHash: contentHash, files: files, modelHash: modelHash, topicsHash: topicsHash, movedTo: candidates,
                deliveries: deliveries, feeds: feeds)
        }
    }

    /// Step 10: the digest file is in `processed/`; returns `delivering` or `done`.
    @discardableResult
    public func markMoved(contentHash: String) throws -> JournalState {
        try store.markMoved(contentHash: contentHash)
    }

    /// Step D: a duplicate drop, with its reserved place in `processed/`.
    public func recordDuplicate(contentHash: String, fileName: String) throws -> JournalDuplicate {
        try firstFree(processedPath(fileName), isFree: ReportNaming.isMoveTargetFree) { candidates in
            try store.recordDuplicate(contentHash: contentHash, fileName: fileName, movedTo: candidates)
        }
    }

    /// Step F: a failure, with its reserved place in `failed/`.
    public func recordFailure(contentHash: String?, fileName: String, error: String) throws -> JournalFailure {
        let folder = layout.failed.path
        return try firstFree(
            { folder + "/" + ReportNaming.movedName(fileName, attempt: $0) }, isFree: ReportNaming.isMoveTargetFree
        ) { candidates in
            try store.recordFailure(contentHash: contentHash, fileName: fileName, error: error, movedTo: candidates)
        }
    }

    private func processedPath(_ fileName: String) -> (Int) -> String {
        let folder = layout.processed.path
        return { folder + "/" + ReportNaming.movedName(fileName, attempt: $0) }
    }

    /// Checks the disk first, then reserves in a transaction: candidates free on disk are offered (the first alone,
    /// then in batches of 8) until `reserve` takes one (it returns nil when each is reserved by another journal row).
    private func firstFree<T>(
        _ candidate: (Int) -> String, isFree: (String) -> Bool, reserve: ([String]) throws -> T?
    ) throws -> T {
        var attempt = 1
        while attempt <= 100_000 {
            var batch: [String] = []
            let size = attempt == 1 ? 1 : 8
            while batch.count < size && attempt <= 100_000 {
                let path = candidate(attempt)
                if isFree(path) { batch.append(path) }
                attempt += 1
            }
            if let reserved = try reserve(batch) { return reserved }
        }
        throw DaemonError("no free file name for \(candidate(1))")
    }

    /// What ``recover()`` completed.
    public struct Recovery: Sendable, Hashable {
        public var completedDigests = 0
        public var completedDuplicates = 0
        public var completedFailures = 0
        public var removedTemporaries: [String] = []
        /// Deliveries that were under way (`sending`): pending again.
        public var resumedDeliveries = 0

        public var isEmpty: Bool {
            completedDigests + completedDuplicates + completedFailures + resumedDeliveries == 0
                && removedTemporaries.isEmpty
        }
    }

    /// Start-up recovery after a crash: removes stale temporary files, completes the rows whose move happened
    /// before the crash (the reserved target exists) but was not recorded, and makes interrupted deliveries pending.
    public func recover() throws -> Recovery {
        var recovery = Recovery()
        for folder in layout.outputFolders {
            recovery.removedTemporaries += AtomicFile.removeStaleTemporaries(in: folder)
        }
        for entry in try store.entries() where entry.state == .reported {
            if let target = entry.movedTo, FileSnapshot.of(entry: target) != nil {
                try store.markMoved(contentHash: entry.contentHash)
                recovery.completedDigests += 1
            }
        }
        recovery.resumedDeliveries = try store.resumeInterruptedDeliveries().count
        for duplicate in try store.duplicates() where !duplicate.moved {
            if FileSnapshot.of(entry: duplicate.movedTo) != nil {
                try store.markDuplicateMoved(id: duplicate.id)
                recovery.completedDuplicates += 1
            }
        }
        for failure in try store.failures() where !failure.moved {
            if FileSnapshot.of(entry: failure.movedTo) != nil {
                try store.markFailureMoved(id: failure.id)
                recovery.completedFailures += 1
            }
        }
        return recovery
    }
}

import Foundation
import GRDB
import PaperRadarCore

/// How far the watch daemon got with a digest (the states of `daemon_digest`, in order).
///
/// The protocol that moves a digest through these states is documented on the daemon's `DigestJournal`.
public enum JournalState: String, Sendable, Codable, CaseIterable, Comparable {
    /// Its papers are in the store (`digest_id` is set).
    case ingested
    /// Its report name is reserved (`report_base` is set); the report files may or may not be written.
    case reserved
    /// Every report file is written; its place in `processed/` is reserved (`moved_to`), its deliveries and feed
    /// entries are recorded; the file may still be in the drop folder.
    case reported
    /// The digest file is in `processed/`; a mail or hook of it has not been carried out yet (see
    /// ``JournalDelivery``).
    case delivering
    /// The digest file is in `processed/` and every delivery is sent or given up: nothing left to do.
    case done

    /// The state's position in the protocol (0 for ``ingested``).
    public var rank: Int {
        switch self {
        case .ingested: 0
        case .reserved: 1
        case .reported: 2
        case .delivering: 3
        case .done: 4
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One digest the daemon is turning (or turned) into a report, keyed by the SHA-256 of its bytes.
public struct JournalEntry: Sendable, Hashable, Codable {
    public var contentHash: String
    /// The drop-folder file name it arrived under (the latest, until its report name was reserved).
    public var fileName: String
    public var state: JournalState
    /// The store's digest id.
    public var digestID: Int64?
    public var paperCount: Int
    public var newCount: Int
    /// The reserved report path without extension (`…/reports/2026-11-09-llm`).
    public var reportBase: String?
    /// The report files written, in format order.
    public var reportFiles: [String]
    /// The models the report was computed with (`<tfidf>+<lsa>`) and the topics model, when known.
    public var modelHash: String?
    public var topicsHash: String?
    /// Where the digest file goes (or went) in `processed/`.
    public var movedTo: String?
    public var receivedAt: String
    public var updatedAt: String
}

/// A file whose bytes had already been reported: moved to `processed/` without a new report.
public struct JournalDuplicate: Sendable, Hashable, Codable {
    public var id: Int64
    public var contentHash: String
    public var fileName: String
    public var movedTo: String
    /// False while the move is reserved but not yet done (a crash in between is resumed).
    public var moved: Bool
    public var recordedAt: String
}

/// A file that could not become a report: moved to `failed/` with `<name>.error.txt` beside it.
public struct JournalFailure: Sendable, Hashable, Codable {
    public var id: Int64
    /// The SHA-256 of its bytes, when they were read (not for files over the size limit).
    public var contentHash: String?
    public var fileName: String
    public var movedTo: String
    /// What was wrong and what to do, as written in the error file.
    public var error: String
    public var moved: Bool
    public var recordedAt: String

    /// The error file beside the moved digest.
    public var errorFile: String { movedTo + ".error.txt" }
}

/// A file left in the drop folder after a transient problem, to be retried.
public struct JournalRetry: Sendable, Hashable, Codable {
    public var fileName: String
    public var error: String
    public var attempts: Int
    /// When it is tried next (ISO 8601), or `next run` for `--once`.
    public var nextAttemptAt: String

    public init(fileName: String, error: String, attempts: Int, nextAttemptAt: String) {
        self.fileName = fileName
        self.error = error
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }
}

/// The watch daemon's journal (tables `daemon_*` of the store's database): which digests it has turned into
/// reports and how far it got with each, duplicates, failures, retries and facts about the running daemon.
///
/// The protocol that moves a digest through the states is documented on the daemon's `DigestJournal`. Reservations
/// of file names are compare-and-reserve transactions over candidates the caller found free on disk: no file
/// system is touched inside a transaction.
public final class JournalStore: Sendable {
    let writer: any DatabaseWriter

    /// The journal of a store (the same database).
    public init(store: PaperStore) {
        writer = store.writer
    }

    // MARK: - Digests

    /// The journal entry for a digest's bytes, if the daemon has seen them.
    public func entry(contentHash: String) throws -> JournalEntry? {
        try writer.read { db in try Self.fetchJournalEntry(contentHash, in: db) }
    }

    /// Every journal entry, in the order the digests were first received.
    public func entries() throws -> [JournalEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.journalColumns) FROM daemon_digest ORDER BY received_at, rowid")
                .map(Self.journalEntry(from:))
        }
    }

    /// Records that a digest's papers are in the store (state ``JournalState/ingested``).
    ///
    /// An entry already further along keeps its state and reservations; its file name is updated only while no
    /// report name is reserved (the report is named after the file as it is when the name is chosen).
    @discardableResult
    public func recordIngested(
        contentHash: String, fileName: String, digestID: Int64, paperCount: Int, newCount: Int
    ) throws -> JournalEntry {
        try writer.write { db in
            let now = Timestamp.now
            if let existing = try Self.fetchJournalEntry(contentHash, in: db) {
                if existing.reportBase == nil {
                    try db.execute(
                        sql: "UPDATE daemon_digest SET file_name = ?, updated_at = ? WHERE content_hash = ?",
                        arguments: [fileName, now, contentHash])
                }
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO daemon_digest (content_hash, file_name, state, digest_id, paper_count, new_count,
                            received_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        contentHash, fileName, JournalState.ingested.rawValue, digestID, paperCount, newCount, now, now,
                    ])
            }
            guard let entry = try Self.fetchJournalEntry(contentHash, in: db) else {
                throw StoreError("the journal entry for \(fileName) vanished inside its own transaction")
            }
            return entry
        }
    }

    /// Reserves a report path (without extension) for a digest, or returns the one it already has.
    ///
    /// The first of `candidates` (paths the caller found free on disk, in preference order) that no other
    /// journal entry has reserved is taken, in one transaction; `nil` when every candidate is reserved (ask again
    /// with the next ones).
    ///
    /// - Parameter keepExisting: whether an existing reservation is still valid (e.g. it is in the current reports
    ///   folder); when it is not, a new one is chosen.
    public func reserveReportBase(
        contentHash: String, keepExisting: (String) -> Bool = { _ in true }, candidates: [String]
    ) throws -> String? {
        try writer.write { db in
            guard let entry = try Self.fetchJournalEntry(contentHash, in: db) else {
                throw StoreError("no journal entry for digest \(contentHash.prefix(12)): ingest it first")
            }
            if let base = entry.reportBase, keepExisting(base) { return base }
            for base in candidates {
                let reserved = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM daemon_digest WHERE report_base = ?", arguments: [base]) ?? false
                if reserved { continue }
                try db.execute(
                    sql: """
                        UPDATE daemon_digest SET report_base = ?, report_files = '[]', state = ?, updated_at = ?
                        WHERE content_hash = ?
                        """,
                    arguments: [base, JournalState.reserved.rawValue, Timestamp.now, contentHash])
                return base
            }
            return nil
        }
    }

    /// Records that every report file of a digest is written and reserves its place in `processed/` (state
    /// ``JournalState/reported``), or returns the place already reserved.
    ///
    /// - Returns: the path the digest file is to be moved to.
    /// - Parameter candidates: paths in `processed/` the caller found free on disk, in preference order.
    /// - Returns: the path the digest file is to be moved to; `nil` when every candidate is reserved.
    /// - Parameters:
    ///   - deliveries: the digest's mails and hooks, recorded in the same transaction (once per kind and target).
    ///   - feeds: the digest's entries of the rolling feeds, recorded in the same transaction.
    public func recordReported(
        contentHash: String, files: [String], modelHash: String?, topicsHash: String?, movedTo candidates: [String],
        deliveries: [NewDelivery] = [], feeds: [FeedUpdate] = []
    ) throws -> String? {
        try writer.write { db in
            guard let entry = try Self.fetchJournalEntry(contentHash, in: db) else {
                throw StoreError("no journal entry for digest \(contentHash.prefix(12))")
            }
            guard let target = try entry.movedTo ?? Self.firstUnreserved(candidates, in: db) else { return nil }
            try Self.insert(deliveries, contentHash: contentHash, in: db)
            for feed in feeds { try Self.record(feed, contentHash: contentHash, in: db) }
            try db.execute(
                sql: """
                    UPDATE daemon_digest SET report_files = ?, model_hash = ?, topics_hash = ?, moved_to = ?, state = ?,
                        updated_at = ?
                    WHERE content_hash = ?
                    """,
                arguments: [
                    JSONColumn.encode(files), modelHash, topicsHash, target, JournalState.reported.rawValue,
                    Timestamp.now, contentHash,
                ])
            return target
        }
    }

    /// Records that a digest file is in `processed/`: state ``JournalState/delivering`` while a delivery of it is
    /// pending or under way, else ``JournalState/done``.
    ///
    /// - Returns: the state recorded.
    @discardableResult
    public func markMoved(contentHash: String) throws -> JournalState {
        try writer.write { db in try Self.settle(contentHash, in: db) }
    }

    // MARK: - Duplicates and failures

    /// Records a duplicate drop and reserves its place in `processed/`; a reservation for the same bytes and name
    /// whose move never happened (a crash in between) is returned instead of a new one.
    ///
    /// - Parameter candidates: paths the caller found free on disk; `nil` is returned when all are reserved.
    public func recordDuplicate(
        contentHash: String, fileName: String, movedTo candidates: [String]
    ) throws -> JournalDuplicate? {
        try writer.write { db in
            if let pending = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.duplicateColumns) FROM daemon_duplicate
                    WHERE content_hash = ? AND file_name = ? AND moved = 0 ORDER BY id LIMIT 1
                    """, arguments: [contentHash, fileName])
            {
                return Self.duplicate(from: pending)
            }
            guard let target = try Self.firstUnreserved(candidates, in: db) else { return nil }
            try db.execute(
                sql: """
                    INSERT INTO daemon_duplicate (content_hash, file_name, moved_to, moved, recorded_at)
                    VALUES (?, ?, ?, 0, ?)
                    """, arguments: [contentHash, fileName, target, Timestamp.now])
            return JournalDuplicate(
                id: db.lastInsertedRowID, contentHash: contentHash, fileName: fileName, movedTo: target, moved: false,
                recordedAt: Timestamp.now)
        }
    }

    /// Records a failed file and reserves its place in `failed/`; a pending reservation for the same file name
    /// (and bytes, when known) whose move never happened is updated and returned instead.
    ///
    /// - Parameter candidates: paths the caller found free on disk; `nil` is returned when all are reserved.
    public func recordFailure(
        contentHash: String?, fileName: String, error: String, movedTo candidates: [String]
    ) throws -> JournalFailure? {
        try writer.write { db in
            if let pending = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.failureColumns) FROM daemon_failure
                    WHERE file_name = ? AND content_hash IS ? AND moved = 0 ORDER BY id LIMIT 1
                    """, arguments: [fileName, contentHash])
            {
                var failure = Self.failure(from: pending)
                failure.error = error
                try db.execute(
                    sql: "UPDATE daemon_failure SET error = ? WHERE id = ?", arguments: [error, failure.id])
                return failure
            }
            guard let target = try Self.firstUnreserved(candidates, in: db) else { return nil }
            let now = Timestamp.now
            try db.execute(
                sql: """
                    INSERT INTO daemon_failure (content_hash, file_name, moved_to, error, moved, recorded_at)
                    VALUES (?, ?, ?, ?, 0, ?)
                    """, arguments: [contentHash, fileName, target, error, now])
            return JournalFailure(
                id: db.lastInsertedRowID, contentHash: contentHash, fileName: fileName, movedTo: target, error: error,
                moved: false, recordedAt: now)
        }
    }

    /// Records that a duplicate's file was moved.
    public func markDuplicateMoved(id: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE daemon_duplicate SET moved = 1 WHERE id = ?", arguments: [id])
        }
    }

    /// Records that a failed file was moved.
    public func markFailureMoved(id: Int64) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE daemon_failure SET moved = 1 WHERE id = ?", arguments: [id])
        }
    }

    /// Every duplicate drop, oldest first.
    public func duplicates() throws -> [JournalDuplicate] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.duplicateColumns) FROM daemon_duplicate ORDER BY id")
                .map(Self.duplicate(from:))
        }
    }

    /// Every failed file, oldest first.
    public func failures() throws -> [JournalFailure] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.failureColumns) FROM daemon_failure ORDER BY id")
                .map(Self.failure(from:))
        }
    }

    // MARK: - Retries

    /// Records (or updates) a transient problem with a file that stays in the drop folder.
    public func recordRetry(_ retry: JournalRetry) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO daemon_retry (file_name, error, attempts, next_attempt_at)
                    VALUES (?, ?, ?, ?)
                    """, arguments: [retry.fileName, retry.error, retry.attempts, retry.nextAttemptAt])
        }
    }

    /// Forgets the transient problem of a file (it was handled), or of every file when `fileName` is nil.
    public func clearRetry(fileName: String? = nil) throws {
        try writer.write { db in
            if let fileName {
                try db.execute(sql: "DELETE FROM daemon_retry WHERE file_name = ?", arguments: [fileName])
            } else {
                try db.execute(sql: "DELETE FROM daemon_retry")
            }
        }
    }

    /// Files waiting for a retry, by name.
    public func retries() throws -> [JournalRetry] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT file_name, error, attempts, next_attempt_at FROM daemon_retry ORDER BY file_name"
            ).map { JournalRetry(fileName: $0[0], error: $0[1], attempts: $0[2], nextAttemptAt: $0[3]) }
        }
    }

    // MARK: - Meta and models

    /// A daemon fact by key (`drop`, `reports`, `started_at`, …).
    public func meta(_ key: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM daemon_meta WHERE key = ?", arguments: [key])
        }
    }

    /// Sets daemon facts, in one transaction.
    public func setMeta(_ values: [String: String]) throws {
        try writer.write { db in
            for (key, value) in values {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO daemon_meta (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    // MARK: - Rows

    private static let journalColumns = """
        content_hash, file_name, state, digest_id, paper_count, new_count, report_base, report_files, model_hash,
        topics_hash, moved_to, received_at, updated_at
        """
    private static let duplicateColumns = "id, content_hash, file_name, moved_to, moved, recorded_at"
    private static let failureColumns = "id, content_hash, file_name, moved_to, error, moved, recorded_at"

    /// Sets a moved digest's state from its deliveries (see ``markMoved(contentHash:)``).
    static func settle(_ contentHash: String, in db: Database) throws -> JournalState {
        let open =
            try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM daemon_delivery WHERE content_hash = ? AND state IN ('pending', 'sending') LIMIT 1",
                arguments: [contentHash]) ?? false
        let state: JournalState = open ? .delivering : .done
        try db.execute(
            sql: "UPDATE daemon_digest SET state = ?, updated_at = ? WHERE content_hash = ? AND state != ?",
            arguments: [state.rawValue, Timestamp.now, contentHash, state.rawValue])
        return state
    }

    private static func fetchJournalEntry(_ contentHash: String, in db: Database) throws -> JournalEntry? {
        try Row.fetchOne(
            db, sql: "SELECT \(journalColumns) FROM daemon_digest WHERE content_hash = ?", arguments: [contentHash]
        ).map(journalEntry(from:))
    }

    private static func journalEntry(from row: Row) -> JournalEntry {
        JournalEntry(
            contentHash: row[0], fileName: row[1], state: JournalState(rawValue: row[2]) ?? .ingested,
            digestID: row[3], paperCount: row[4], newCount: row[5], reportBase: row[6],
            reportFiles: JSONColumn.decode(row[7]), modelHash: row[8], topicsHash: row[9], movedTo: row[10],
            receivedAt: row[11], updatedAt: row[12])
    }

    private static func duplicate(from row: Row) -> JournalDuplicate {
        JournalDuplicate(
            id: row[0], contentHash: row[1], fileName: row[2], movedTo: row[3], moved: row[4], recordedAt: row[5])
    }

    private static func failure(from row: Row) -> JournalFailure {
        JournalFailure(
            id: row[0], contentHash: row[1], fileName: row[2], movedTo: row[3], error: row[4], moved: row[5],
            recordedAt: row[6])
    }

    /// The first of `candidates` that no journal row has reserved as a move target.
    private static func firstUnreserved(_ candidates: [String], in db: Database) throws -> String? {
        for path in candidates {
            let reserved =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM daemon_digest WHERE moved_to = ?1
                        UNION ALL SELECT 1 FROM daemon_duplicate WHERE moved_to = ?1
                        UNION ALL SELECT 1 FROM daemon_failure WHERE moved_to = ?1
                        LIMIT 1
                        """, arguments: [path]) ?? false
            if !reserved { return path }
        }
        return nil
    }
}

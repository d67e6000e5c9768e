import Foundation
import GRDB
import PaperRadarCore

/// What the daemon delivers after a report.
public enum DeliveryKind: String, Sendable, Codable, CaseIterable {
    /// The report as an e-mail, handed to a sendmail-compatible program.
    case mail
    /// A command run with the report's paths and counts in its environment.
    case hook
}

/// Where a delivery is.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Waiting for its (next) attempt.
    case pending
    /// Recorded as started before the program ran; found so after a crash, it is attempted again (at least once).
    case sending
    /// Done: the mailer or hook exited with 0.
    case sent
    /// Given up after its attempts; `paperradar deliveries retry` makes it pending again.
    case failed
}

/// A mail or hook to deliver for a digest, as recorded with its report.
public struct NewDelivery: Sendable, Hashable {
    public var kind: DeliveryKind
    /// Recipients (`a@example.org,b@example.org`) or the hook's command: one delivery per digest, kind and target.
    public var target: String
    /// The mail's `Message-ID`.
    public var messageID: String?
    /// What is delivered: the rendered message, or the hook's environment as JSON.
    public var payload: String

    public init(kind: DeliveryKind, target: String, messageID: String?, payload: String) {
        self.kind = kind
        self.target = target
        self.messageID = messageID
        self.payload = payload
    }
}

/// A recorded delivery of a digest.
public struct JournalDelivery: Sendable, Hashable, Codable {
    public var id: Int64
    /// The digest's content hash.
    public var contentHash: String
    public var kind: DeliveryKind
    public var target: String
    public var messageID: String?
    public var payload: String
    public var state: DeliveryState
    /// Attempts started so far.
    public var attempts: Int
    /// When it is due (ISO 8601).
    public var nextAttemptAt: String
    /// Why the last attempt failed.
    public var lastError: String?
    public var createdAt: String
    public var updatedAt: String
    public var sentAt: String?

    public init(
        id: Int64, contentHash: String, kind: DeliveryKind, target: String, messageID: String?, payload: String,
        state: DeliveryState, attempts: Int, nextAttemptAt: String, lastError: String?, createdAt: String,
        updatedAt: String, sentAt: String?
    ) {
        self.id = id
        self.contentHash = contentHash
        self.kind = kind
        self.target = target
        self.messageID = messageID
        self.payload = payload
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
    }
}

/// A digest's entries of one rolling feed (each entry as JSON, in the digest's feed order).
public struct FeedUpdate: Sendable, Hashable {
    /// The feed's name (`feed`, `reading-list`).
    public var feed: String
    /// Entry id (the paper's URL) and the entry as JSON, in order.
    public var entries: [(id: String, json: String)]
    /// Entries the feed keeps (the most recent).
    public var limit: Int

    public init(feed: String, entries: [(id: String, json: String)], limit: Int) {
        precondition(limit >= 1, "a feed keeps at least one entry")
        self.feed = feed
        self.entries = entries
        self.limit = limit
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.feed == rhs.feed && lhs.limit == rhs.limit && lhs.entries.map(\.id) == rhs.entries.map(\.id)
            && lhs.entries.map(\.json) == rhs.entries.map(\.json)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(feed)
        hasher.combine(entries.map(\.id))
    }
}

extension JournalStore {
    // MARK: - Deliveries

    /// Every delivery, oldest first.
    public func deliveries() throws -> [JournalDelivery] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.deliveryColumns) FROM daemon_delivery ORDER BY id")
                .map(Self.delivery(from:))
        }
    }

    /// Deliveries in the given states, oldest first.
    public func deliveries(in states: Set<DeliveryState>) throws -> [JournalDelivery] {
        try writer.read { db in
            let list = states.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM daemon_delivery WHERE state IN (\(list)) ORDER BY id"
            ).map(Self.delivery(from:))
        }
    }

    /// Pending deliveries of digests whose file is in `processed/` (earlier ones wait for their digest), oldest
    /// first.
    public func pendingDeliveries() throws -> [JournalDelivery] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.deliveryColumns.split(separator: ",").map { "x." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
                    FROM daemon_delivery x JOIN daemon_digest d ON d.content_hash = x.content_hash
                    WHERE x.state = 'pending' AND d.state IN ('delivering', 'done') ORDER BY x.id
                    """
            ).map(Self.delivery(from:))
        }
    }

    /// Records that an attempt starts (before the program runs): state `sending`, one more attempt.
    public func recordSending(id: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE daemon_delivery SET state = 'sending', attempts = attempts + 1, updated_at = ?
                    WHERE id = ?
                    """, arguments: [Timestamp.now, id])
        }
    }

    /// Records that an attempt succeeded, and settles the digest when it was its last open delivery.
    ///
    /// - Returns: the digest's state afterwards.
    @discardableResult
    public func recordSent(id: Int64) throws -> JournalState? {
        try writer.write { db in
            let now = Timestamp.now
            try db.execute(
                sql: """
                    UPDATE daemon_delivery SET state = 'sent', last_error = NULL, sent_at = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [now, now, id])
            return try Self.settleDigest(ofDelivery: id, in: db)
        }
    }

    /// Records that an attempt failed: pending again until `nextAttemptAt`, or failed (given up) when it is nil.
    ///
    /// - Returns: the digest's state afterwards.
    @discardableResult
    public func recordFailedAttempt(id: Int64, error: String, nextAttemptAt: String?) throws -> JournalState? {
        try writer.write { db in
            let state: DeliveryState = nextAttemptAt == nil ? .failed : .pending
            try db.execute(
                sql: """
                    UPDATE daemon_delivery SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, error, nextAttemptAt ?? "never", Timestamp.now, id])
            return try Self.settleDigest(ofDelivery: id, in: db)
        }
    }

    /// After a crash: deliveries found `sending` (the program may or may not have finished) become pending and due
    /// now, so each is attempted again (at least once; the mail's stable `Message-ID` lets clients drop a repeat).
    ///
    /// - Returns: the deliveries changed.
    @discardableResult
    public func resumeInterruptedDeliveries() throws -> [JournalDelivery] {
        try writer.write { db in
            let interrupted = try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM daemon_delivery WHERE state = 'sending' ORDER BY id"
            ).map(Self.delivery(from:))
            let now = Timestamp.now
            try db.execute(
                sql: """
                    UPDATE daemon_delivery SET state = 'pending', next_attempt_at = ?, updated_at = ?,
                        last_error = COALESCE(last_error, 'interrupted while sending')
                    WHERE state = 'sending'
                    """, arguments: [now, now])
            return interrupted
        }
    }

    /// Makes failed deliveries (all, or those with the given ids) pending and due now, with their attempts counted
    /// afresh (their digests are delivering again); pending ones waiting for a retry are made due now too.
    ///
    /// - Returns: the failed deliveries made pending.
    @discardableResult
    public func retryFailedDeliveries(ids: [Int64]? = nil) throws -> [JournalDelivery] {
        try writer.write { db in
            var failed = try Row.fetchAll(
                db, sql: "SELECT \(Self.deliveryColumns) FROM daemon_delivery WHERE state = 'failed' ORDER BY id"
            ).map(Self.delivery(from:))
            if let ids { failed = failed.filter { ids.contains($0.id) } }
            let now = Timestamp.now
            for delivery in failed {
                try db.execute(
                    sql: """
                        UPDATE daemon_delivery SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
                        WHERE id = ?
                        """, arguments: [now, now, delivery.id])
                try db.execute(
                    sql: "UPDATE daemon_digest SET state = 'delivering', updated_at = ? WHERE content_hash = ? AND state = 'done'",
                    arguments: [now, delivery.contentHash])
            }
            if ids == nil {
                try db.execute(
                    sql: "UPDATE daemon_delivery SET next_attempt_at = ? WHERE state = 'pending'", arguments: [now])
            }
            return failed
        }
    }

    // MARK: - Rolling feeds

    /// The entries (as recorded JSON) of a rolling feed: newest digest first, each digest's entries in its order.
    public func feedEntries(feed: String) throws -> [String] {
        try writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT entry FROM daemon_feed_entry WHERE feed = ? ORDER BY digest_rank DESC, position",
                arguments: [feed])
        }
    }

    // MARK: - Rows

    static func insert(_ deliveries: [NewDelivery], contentHash: String, in db: Database) throws {
        let now = Timestamp.now
        for delivery in deliveries {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO daemon_delivery (content_hash, kind, target, message_id, payload, state,
                        attempts, next_attempt_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                    """,
                arguments: [
                    contentHash, delivery.kind.rawValue, delivery.target, delivery.messageID, delivery.payload, now,
                    now, now,
                ])
        }
    }

    /// A digest's feed entries: each paper's entry moves to this digest (the newest), the digest keeps its rank
    /// when it is recorded again, and the feed is cut to its most recent `limit` entries.
    static func record(_ update: FeedUpdate, contentHash: String, in db: Database) throws {
        let existing = try Int64.fetchOne(
            db, sql: "SELECT digest_rank FROM daemon_feed_entry WHERE feed = ? AND content_hash = ? LIMIT 1",
            arguments: [update.feed, contentHash])
        let newest = try Int64.fetchOne(
            db, sql: "SELECT MAX(digest_rank) FROM daemon_feed_entry WHERE feed = ?", arguments: [update.feed])
        let rank = existing ?? ((newest ?? 0) + 1)
        for (position, entry) in update.entries.enumerated() {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO daemon_feed_entry (feed, entry_id, content_hash, digest_rank, position, entry)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [update.feed, entry.id, contentHash, rank, position, entry.json])
        }
        try db.execute(
            sql: """
                DELETE FROM daemon_feed_entry WHERE feed = ?1 AND entry_id NOT IN (
                    SELECT entry_id FROM daemon_feed_entry WHERE feed = ?1 ORDER BY digest_rank DESC, position LIMIT ?2)
                """, arguments: [update.feed, update.limit])
    }

    private static func settleDigest(ofDelivery id: Int64, in db: Database) throws -> JournalState? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.content_hash, d.state FROM daemon_delivery x JOIN daemon_digest d
                        ON d.content_hash = x.content_hash WHERE x.id = ?
                    """, arguments: [id])
        else { return nil }
        let state = JournalState(rawValue: row[1]) ?? .ingested
        // Only a moved digest is settled by its deliveries; earlier states finish through the protocol.
        guard state >= .delivering else { return state }
        return try settle(row[0], in: db)
    }

    static let deliveryColumns = """
        id, content_hash, kind, target, message_id, payload, state, attempts, next_attempt_at, last_error, created_at,
        updated_at, sent_at
        """

    static func delivery(from row: Row) -> JournalDelivery {
        JournalDelivery(
            id: row[0], contentHash: row[1], kind: DeliveryKind(rawValue: row[2]) ?? .mail, target: row[3],
            messageID: row[4], payload: row[5], state: DeliveryState(rawValue: row[6]) ?? .pending, attempts: row[7],
            nextAttemptAt: row[8], lastError: row[9], createdAt: row[10], updatedAt: row[11], sentAt: row[12])
    }
}

import Foundation
import GRDB
import PaperRadarCore

/// Where a digest's bytes came from, and their identity.
public struct DigestSource: Sendable, Hashable {
    /// The path as given by the user (recorded, not used for identity).
    public var path: String
    /// SHA-256 of the bytes: the digest's identity.
    public var contentHash: String
    public var byteCount: Int

    public init(path: String, contentHash: String, byteCount: Int) {
        self.path = path
        self.contentHash = contentHash
        self.byteCount = byteCount
    }

    /// The source of in-memory bytes.
    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, contentHash: SHA256.hexDigest(bytes), byteCount: bytes.count)
    }
}

/// A digest as recorded in the store.
public struct DigestRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var contentHash: String
    public var path: String
    public var format: DigestFormat?
    public var date: String?
    public var byteCount: Int
    public var paperCount: Int
    public var newCount: Int
    public var updatedCount: Int
    public var unchangedCount: Int
    /// Papers of this digest the store holds without an abstract (title-only), counted when the record is read: a
    /// later digest or import that completes them lowers it.
    public var titleOnlyCount: Int
    public var warnings: [String]
    public var ingestedAt: String
}

/// A digest as it landed: its record, and its papers as the store now holds them, in the digest's order, each with
/// the digest's tags and what the digest did to it.
///
/// Ingesting returns it, and it flows through fold-in, related papers, topics and report building, so that no
/// step reads the same rows back.
public struct IngestedDigest: Sendable {
    public var record: DigestRecord
    /// The papers as stored after the merge, in the digest's order, with the tags the digest gave them.
    public var papers: [Paper]
    /// What the digest did to each paper (`papers[i]` ↔ `changes[i]`).
    public var changes: [PaperChange]
    /// The text sequence numbers (``TextSequence``) this digest drew, when it drew any: the texts of its new and
    /// changed papers.
    public var textSequences: ClosedRange<Int64>?

    public init(record: DigestRecord, papers: [Paper], changes: [PaperChange], textSequences: ClosedRange<Int64>?) {
        precondition(papers.count == changes.count, "one change per paper")
        self.record = record
        self.papers = papers
        self.changes = changes
        self.textSequences = textSequences
    }
}

/// What ingesting one digest did.
public enum IngestOutcome: Sendable {
    /// The digest landed.
    case ingested(IngestedDigest)
    /// The same bytes were ingested before (under any name): nothing changed.
    case duplicate(of: DigestRecord)
}

extension PaperStore {
    /// Records a parsed digest and its papers in one transaction (all or nothing).
    ///
    /// Papers are upserted by arXiv id (see ``Paper/merged(with:)``); the digest row keeps the content hash, path,
    /// format, date and counts, and `digest_paper` keeps which papers it mentioned under which tags. Ingesting the
    /// same bytes again changes nothing and returns ``IngestOutcome/duplicate(of:)``.
    public func ingest(_ digest: ParsedDigest, from source: DigestSource) throws -> IngestOutcome {
        try writer.write { db in
            if let existing = try Self.fetchDigest(contentHash: source.contentHash, in: db) {
                return .duplicate(of: existing)
            }
            let now = Timestamp.now
            var sequence = try TextSequence(in: db)
            let firstSequence = sequence.last + 1
            var counts: [PaperChange: Int] = [:]
            var papers: [Paper] = []
            var changes: [PaperChange] = []
            papers.reserveCapacity(digest.papers.count)
            for paper in digest.papers {
                var (stored, change) = try Self.upsert(paper, source: "digest", now: now, sequence: &sequence, in: db)
                counts[change, default: 0] += 1
                stored.tags = paper.tags
                papers.append(stored)
                changes.append(change)
            }
            let warnings = digest.warnings.map(\.description)
            try db.execute(
                sql: """
                    INSERT INTO digest (content_hash, path, format, date, byte_count, paper_count, new_count,
                        updated_count, unchanged_count, warnings, ingested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    source.contentHash, source.path, digest.format?.rawValue, digest.date, source.byteCount,
                    digest.papers.count, counts[.new] ?? 0, counts[.updated] ?? 0, counts[.unchanged] ?? 0,
                    JSONColumn.encode(warnings), now,
                ])
            let record = DigestRecord(
                id: db.lastInsertedRowID, contentHash: source.contentHash, path: source.path,
                format: digest.format, date: digest.date, byteCount: source.byteCount,
                paperCount: digest.papers.count, newCount: counts[.new] ?? 0, updatedCount: counts[.updated] ?? 0,
                unchangedCount: counts[.unchanged] ?? 0, titleOnlyCount: papers.count(where: \.isTitleOnly),
                warnings: warnings, ingestedAt: now)
            let insert = try db.makeStatement(
                sql: "INSERT INTO digest_paper (digest_id, paper_id, position, tags, change) VALUES (?, ?, ?, ?, ?)")
            for (position, paper) in papers.enumerated() {
                try insert.execute(arguments: [
                    record.id, paper.id.rawValue, position, JSONColumn.encode(paper.tags), changes[position].rawValue,
                ])
            }
            let drawn = sequence.last >= firstSequence ? firstSequence...sequence.last : nil
            _ = try Self.indexPendingSearchTexts(db)  // the digest's papers are searchable when it is reported
            return .ingested(IngestedDigest(record: record, papers: papers, changes: changes, textSequences: drawn))
        }
    }

    static let digestColumns = """
        id, content_hash, path, format, date, byte_count, paper_count, new_count, updated_count, unchanged_count,
        warnings, ingested_at,
        (SELECT COUNT(*) FROM digest_paper dp JOIN paper p ON p.id = dp.paper_id
            WHERE dp.digest_id = digest.id AND p.abstract = '') AS title_only_count
        """

    static func digestRecord(from row: Row) -> DigestRecord {
        DigestRecord(
            id: row[0], contentHash: row[1], path: row[2], format: (row[3] as String?).flatMap(DigestFormat.init),
            date: row[4], byteCount: row[5], paperCount: row[6], newCount: row[7], updatedCount: row[8],
            unchangedCount: row[9], titleOnlyCount: row[12], warnings: JSONColumn.decode(row[10]), ingestedAt: row[11])
    }

    static func fetchDigest(contentHash: String, in db: Database) throws -> DigestRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(digestColumns) FROM digest WHERE content_hash = ?", arguments: [contentHash]
        ).map(digestRecord)
    }

    static func fetchDigest(id: Int64, in db: Database) throws -> DigestRecord? {
        try Row.fetchOne(db, sql: "SELECT \(digestColumns) FROM digest WHERE id = ?", arguments: [id])
            .map(digestRecord)
    }

    /// The digest with these bytes, if it was ingested.
    public func digest(contentHash: String) throws -> DigestRecord? {
        try writer.read { db in try Self.fetchDigest(contentHash: contentHash, in: db) }
    }

    /// A digest by its store id.
    public func digest(id: Int64) throws -> DigestRecord? {
        try writer.read { db in try Self.fetchDigest(id: id, in: db) }
    }

    /// Every digest ingested, oldest first.
    public func digests() throws -> [DigestRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.digestColumns) FROM digest ORDER BY id").map(Self.digestRecord)
        }
    }

    /// A stored digest with its papers as the store holds them now, in the digest's order, each with the tags it
    /// had there and what the digest did to it (`new` when the store first saw the paper in this digest).
    ///
    /// Digests stored before the change was recorded resolve it by time: a paper first seen when the digest was
    /// ingested was new.
    public func ingestedDigest(id: Int64) throws -> IngestedDigest? {
        try writer.read { db in
            guard let record = try Self.fetchDigest(id: id, in: db) else { return nil }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.paperColumns.split(separator: ",").map { "p." + $0.trimmingWhitespace() }
                        .joined(separator: ", ")), d.tags, d.change, p.first_seen_at
                    FROM digest_paper d JOIN paper p ON p.id = d.paper_id
                    WHERE d.digest_id = ? ORDER BY d.position
                    """, arguments: [id])
            var papers: [Paper] = []
            var changes: [PaperChange] = []
            for row in rows {
                guard var paper = Self.paper(from: row) else { continue }
                paper.tags = JSONColumn.decode(row[9])
                let recorded = (row[10] as String?).flatMap(PaperChange.init(rawValue:))
                let firstSeen: String = row[11]
                papers.append(paper)
                changes.append(recorded ?? (firstSeen == record.ingestedAt ? .new : .unchanged))
            }
            return IngestedDigest(record: record, papers: papers, changes: changes, textSequences: nil)
        }
    }
}

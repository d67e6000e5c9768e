import Foundation
import GRDB
import PaperRadarCore

extension PaperStore {
    /// Inserts or merges one paper inside a write transaction; returns the paper as stored and what changed.
    ///
    /// The row is read once, merged with ``Paper/merged(with:)``, and written only when it differs. A new paper,
    /// and a stored one whose title or abstract changes, takes the next text sequence number (see
    /// ``TextSequence``): vectors computed before it are outdated.
    static func upsert(
        _ incoming: Paper, source: String, now: String, sequence: inout TextSequence, in db: Database
    ) throws -> (paper: Paper, change: PaperChange) {
        let existing = try fetchPaper(id: incoming.id.rawValue, in: db)
        let stored: Paper
        let change: PaperChange
        if let existing {
            let merged = existing.merged(with: incoming)
            if merged == existing {
                stored = existing
                change = .unchanged
            } else {
                let textChanged = merged.title != existing.title || merged.abstract != existing.abstract
                try db.cachedStatement(
                    sql: """
                        UPDATE paper SET version = ?, title = ?, authors = ?, abstract = ?, categories = ?,
                            primary_category = ?, date = ?, code_url = ?, extras = ?, updated_at = ?,
                            text_seq = CASE WHEN ? THEN ? ELSE text_seq END
                        WHERE id = ?
                        """
                ).execute(
                    arguments: [
                        merged.version, merged.title, JSONColumn.encode(merged.authors), merged.abstract,
                        JSONColumn.encode(merged.categories), merged.primaryCategory, merged.date, merged.codeURL,
                        encodeExtras(merged.extras), now, textChanged, textChanged ? sequence.next() : 0,
                        merged.id.rawValue,
                    ])
                stored = merged
                change = .updated
            }
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO paper (id, version, title, authors, abstract, categories, primary_category, date,
                        code_url, extras, source, first_seen_at, updated_at, text_seq)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    incoming.id.rawValue, incoming.version, incoming.title, JSONColumn.encode(incoming.authors),
                    incoming.abstract, JSONColumn.encode(incoming.categories), incoming.primaryCategory,
                    incoming.date, incoming.codeURL, encodeExtras(incoming.extras), source, now, now, sequence.next(),
                ])
            var fresh = incoming
            fresh.tags = []
            stored = fresh
            change = .new
        }
        if let version = incoming.version {
            try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO paper_version (paper_id, version, first_seen_at) VALUES (?, ?, ?)"
            ).execute(arguments: [incoming.id.rawValue, version, now])
        }
        return (stored, change)
    }

    static func encodeExtras(_ extras: PaperExtras) -> String? {
        guard !extras.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(extras)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func decodeExtras(_ text: String?) -> PaperExtras {
        guard let text, let data = text.data(using: .utf8) else { return PaperExtras() }
        return (try? JSONDecoder().decode(PaperExtras.self, from: data)) ?? PaperExtras()
    }

    static let paperColumns =
        "id, version, title, authors, abstract, categories, date, code_url, extras"

    static func paper(from row: Row) -> Paper? {
        guard let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) else { return nil }
        return Paper(
            id: id, version: row[1], title: row[2], authors: JSONColumn.decode(row[3]), abstract: row[4],
            categories: JSONColumn.decode(row[5]), date: row[6], tags: [], codeURL: row[7],
            extras: decodeExtras(row[8]))
    }

    static func fetchPaper(id: String, in db: Database) throws -> Paper? {
        let statement = try db.cachedStatement(sql: "SELECT \(paperColumns) FROM paper WHERE id = ?")
        guard let row = try Row.fetchOne(statement, arguments: [id]) else { return nil }
        return paper(from: row)
    }

    /// The tags a paper was filed under across all digests, in order of first appearance.
    static func tags(of id: String, in db: Database) throws -> [String] {
        let lists = try String.fetchAll(
            db, sql: "SELECT tags FROM digest_paper WHERE paper_id = ? ORDER BY digest_id, position", arguments: [id])
        var seen = Set<String>()
        return lists.flatMap(JSONColumn.decode).filter { seen.insert($0).inserted }
    }

    /// One paper with its tags, or `nil` when the store does not have it.
    public func paper(id: ArxivID) throws -> Paper? {
        try writer.read { db in
            guard var paper = try Self.fetchPaper(id: id.rawValue, in: db) else { return nil }
            paper.tags = try Self.tags(of: id.rawValue, in: db)
            return paper
        }
    }

    /// Every version seen of a paper, ascending.
    public func versions(of id: ArxivID) throws -> [Int] {
        try writer.read { db in
            try Int.fetchAll(
                db, sql: "SELECT version FROM paper_version WHERE paper_id = ? ORDER BY version", arguments: [id.rawValue])
        }
    }

    /// All papers ordered by id, with their tags.
    ///
    /// - Complexity: O(n) rows; one pass over papers and one over digest mentions.
    public func allPapers() throws -> [Paper] {
        try writer.read { db in
            var tagsByID: [String: [String]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT paper_id, tags FROM digest_paper ORDER BY digest_id, position")
            while let row = try rows.next() {
                let id: String = row[0]
                let tags = JSONColumn.decode(row[1])
                guard !tags.isEmpty else { continue }
                var list = tagsByID[id, default: []]
                for tag in tags where !list.contains(tag) { list.append(tag) }
                tagsByID[id] = list
            }
            var papers: [Paper] = []
            papers.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.paperColumns) FROM paper ORDER BY id")
            while let row = try cursor.next() {
                guard var paper = Self.paper(from: row) else { continue }
                paper.tags = tagsByID[paper.id.rawValue] ?? []
                papers.append(paper)
            }
            return papers
        }
    }

    /// The id, title and English abstract of every stored paper, ordered by id: what a fit computes vectors from.
    ///
    /// A fraction of ``allPapers()``'s memory on a large store (no authors, categories, extras or tags), which is
    /// what a background refit holds beside the daemon's current model.
    public func allPaperTexts() throws -> [PaperText] {
        try writer.read { db in
            var texts: [PaperText] = []
            texts.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0)
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, title, abstract FROM paper ORDER BY id")
            while let row = try cursor.next() {
                guard let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) else { continue }
                texts.append(PaperText(id: id, title: row[1], abstract: row[2]))
            }
            return texts
        }
    }

    /// The number of papers stored.
    public func paperCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
    }
}

import Foundation
import GRDB
import PaperRadarCore

/// A keyword or phrase to look for in titles and abstracts: its words in order (lowercased), the last one a prefix
/// when `isPrefix`.
public struct SearchTerm: Sendable, Hashable {
    public var words: [String]
    public var isPrefix: Bool

    public init(words: [String], isPrefix: Bool) {
        precondition(!words.isEmpty, "a search term has at least one word")
        self.words = words
        self.isPrefix = isPrefix
    }
}

/// What keyword and listing queries are narrowed to.
public struct PaperFilters: Sendable, Hashable {
    /// Papers dated on or after this day (`YYYY-MM-DD`).
    public var from: String?
    /// Papers dated on or before this day.
    public var to: String?
    /// Papers listing this arXiv category.
    public var category: String?
    /// Papers among these (a topic's papers, as the caller's space assigns them).
    public var papers: Set<ArxivID>?

    public init(from: String? = nil, to: String? = nil, category: String? = nil, papers: Set<ArxivID>? = nil) {
        self.from = from
        self.to = to
        self.category = category
        self.papers = papers
    }

    /// True when nothing narrows.
    public var isEmpty: Bool { from == nil && to == nil && category == nil && papers == nil }
}

/// A paper found by a keyword search, with its BM25 score (higher is better).
public struct KeywordHit: Sendable, Hashable {
    public var id: ArxivID
    public var score: Double
}

extension PaperStore {
    /// Adds the papers inserted or changed since the last call to the full-text index, in one statement.
    ///
    /// Papers are queued as they are stored (a trigger) and indexed in bulk: a digest's papers in its own
    /// transaction, an import's by `fit` or by the first search after it (``keywordSearch(_:filters:limit:)`` calls
    /// this first), so that the index never misses a stored paper when it is read.
    ///
    /// - Returns: how many papers were indexed.
    /// - Complexity: O(text of the queued papers).
    @discardableResult
    public func indexPendingSearchTexts() throws -> Int {
        guard try pendingSearchTextCount() > 0 else { return 0 }  // the usual case: a read, not the write lock
        return try writer.write { db in try Self.indexPendingSearchTexts(db) }
    }

    /// How many stored papers wait for the full-text index.
    public func pendingSearchTextCount() throws -> Int {
        try writer.read { db in try Self.pendingSearchTextCount(db) }
    }

    static func pendingSearchTextCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_pending") ?? 0
    }

    static func indexPendingSearchTexts(_ db: Database) throws -> Int {
        let count = try pendingSearchTextCount(db)
        guard count > 0 else { return 0 }
        try db.execute(
            sql: """
                INSERT INTO paper_search(rowid, title, abstract)
                    SELECT p.rowid, p.title, p.abstract FROM search_pending s JOIN paper p ON p.rowid = s.paper_rowid
                    ORDER BY s.paper_rowid;
                DELETE FROM search_pending;
                """)
        return count
    }

    /// The papers whose title or abstract holds any of `terms`, best first by BM25 (title weighted 2, abstract 1)
    /// over the store's full-text index, through `filters`; and how many match in all.
    ///
    /// - Complexity: O(matches) in the index, plus sorting them.
    public func keywordSearch(
        _ terms: [SearchTerm], filters: PaperFilters = PaperFilters(), limit: Int
    ) throws -> (hits: [KeywordHit], total: Int) {
        guard !terms.isEmpty, limit > 0 else { return ([], 0) }
        try indexPendingSearchTexts()
        let match = terms.map(Self.ftsPhrase).joined(separator: " OR ")
        if filters.isEmpty {
            // Ranked on the index alone, the ids read for the best `limit` only: joining every match to the paper
            // table first tripled the time of a common word.
            return try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid, bm25(paper_search, 2.0, 1.0) AS rank FROM paper_search
                        WHERE paper_search MATCH ? ORDER BY rank LIMIT ?
                        """, arguments: [match, limit])
                let total =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper_search WHERE paper_search MATCH ?", arguments: [match])
                    ?? 0
                var idOfRow: [Int64: ArxivID] = [:]
                let rowids = rows.map { $0[0] as Int64 }
                for start in stride(from: 0, to: rowids.count, by: 500) {
                    let chunk = Array(rowids[start..<min(start + 500, rowids.count)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    for row in try Row.fetchAll(
                        db, sql: "SELECT rowid, id FROM paper WHERE rowid IN (\(marks))", arguments: StatementArguments(chunk))
                    {
                        if let id = ArxivID(row[1] as String) { idOfRow[row[0]] = id }
                    }
                }
                let hits = rows.compactMap { row -> KeywordHit? in
                    guard let id = idOfRow[row[0] as Int64] else { return nil }
                    return KeywordHit(id: id, score: -(row[1] as Double))
                }
                return (hits, total)
            }
        }
        let sql = Self.filterSQL(filters, paperAlias: "p")
        let from = """
            FROM paper_search JOIN paper p ON p.rowid = paper_search.rowid \(sql.joins)
            WHERE paper_search MATCH ?\(sql.conditions.map { " AND " + $0 }.joined())
            """
        return try writer.read { db in
            let all = sql.joinArguments + [match] + sql.conditionArguments
            let rows = try Row.fetchAll(
                db, sql: "SELECT p.id, bm25(paper_search, 2.0, 1.0) AS rank \(from) ORDER BY rank LIMIT ?",
                arguments: all + [limit])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(from)", arguments: all) ?? 0
            let hits = rows.compactMap { row -> KeywordHit? in
                guard let id = ArxivID(row[0] as String) else { return nil }
                return KeywordHit(id: id, score: -(row[1] as Double))
            }
            return (hits, total)
        }
    }

    /// Which of `ids` pass `filters`.
    public func filtered(_ ids: [ArxivID], by filters: PaperFilters) throws -> Set<ArxivID> {
        guard !filters.isEmpty else { return Set(ids) }
        guard !ids.isEmpty else { return [] }
        let filter = Self.filterSQL(filters, paperAlias: "p")
        return try writer.read { db in
            var passing = Set<ArxivID>()
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(start + 500, ids.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let sql = """
                    SELECT p.id FROM paper p \(filter.joins) WHERE p.id IN (\(marks))\
                    \(filter.conditions.map { " AND " + $0 }.joined())
                    """
                let arguments =
                    filter.joinArguments + StatementArguments(chunk.map(\.rawValue)) + filter.conditionArguments
                for raw in try String.fetchAll(db, sql: sql, arguments: arguments) {
                    if let id = ArxivID(raw) { passing.insert(id) }
                }
            }
            return passing
        }
    }

    /// The arXiv categories of the stored papers with how many papers list each, most used first.
    public func categoryCounts() throws -> [(category: String, count: Int)] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT value, COUNT(*) AS n FROM paper, json_each(paper.categories)
                    GROUP BY value ORDER BY n DESC, value
                    """
            ).map { ($0[0], $0[1]) }
        }
    }

    /// The stored digests that list a paper, newest first.
    public func digests(listing id: ArxivID) throws -> [DigestRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.digestColumns) FROM digest
                    WHERE id IN (SELECT digest_id FROM digest_paper WHERE paper_id = ?) ORDER BY id DESC
                    """, arguments: [id.rawValue]
            ).map(Self.digestRecord)
        }
    }

    /// A term as an FTS5 string: `"w1 w2"`, with `*` after it for a prefix.
    static func ftsPhrase(_ term: SearchTerm) -> String {
        let words = term.words.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }.joined(separator: " ")
        return "\"\(words)\"" + (term.isPrefix ? " *" : "")
    }

    /// Joins, conditions and their arguments for `filters` on the paper table aliased `p`.
    static func filterSQL(
        _ filters: PaperFilters, paperAlias p: String
    ) -> (joins: String, joinArguments: StatementArguments, conditions: [String], conditionArguments: StatementArguments) {
        var joins = ""
        var joinArguments = StatementArguments()
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let papers = filters.papers {
            // One argument however many papers: a JSON array of their ids.
            let list = "[" + papers.map { "\"\($0.rawValue)\"" }.sorted().joined(separator: ",") + "]"
            joins = "JOIN json_each(?) chosen ON chosen.value = \(p).id"
            joinArguments += [list]
        }
        if let from = filters.from {
            conditions.append("\(p).date >= ?")
            arguments += [from]
        }
        if let to = filters.to {
            conditions.append("\(p).date <= ?")
            arguments += [to]
        }
        if let category = filters.category {
            conditions.append("EXISTS (SELECT 1 FROM json_each(\(p).categories) WHERE value = ?)")
            arguments += [category]
        }
        return (joins, joinArguments, conditions, arguments)
    }
}

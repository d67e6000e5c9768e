import GRDB
import PaperRadarCore

/// A summary of what the store holds.
public struct StoreStats: Sendable, Hashable, Codable {
    public var paperCount: Int
    /// Papers stored without an English abstract (title-only, ``Paper/isTitleOnly``), until a digest or an import
    /// brings it.
    public var titleOnlyCount: Int
    public var versionCount: Int
    public var digestCount: Int
    /// Digests per format (`empty` for blank digests).
    public var formats: [String: Int]
    public var firstDate: String?
    public var lastDate: String?
    /// The most frequent primary categories with their paper counts, most frequent first.
    public var topCategories: [CategoryCount]
    /// The most frequent digest tags with their paper counts, most frequent first.
    public var topTags: [CategoryCount]
    public var importCount: Int

    public struct CategoryCount: Sendable, Hashable, Codable {
        public var name: String
        public var count: Int
    }
}

extension PaperStore {
    /// Counts (title-only papers among them), formats, date range, top categories and tags.
    public func stats(top: Int = 10) throws -> StoreStats {
        try writer.read { db in
            let papers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0
            let titleOnly = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper WHERE abstract = ''") ?? 0
            let versions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper_version") ?? 0
            let digests = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM digest") ?? 0
            let imports = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_run") ?? 0
            var formats: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT COALESCE(format, 'empty'), COUNT(*) FROM digest GROUP BY 1") {
                formats[row[0]] = row[1]
            }
            let range = try Row.fetchOne(
                db, sql: "SELECT MIN(date), MAX(date) FROM paper WHERE date IS NOT NULL AND date <> ''")
            let categories = try Row.fetchAll(
                db,
                sql: """
                    SELECT primary_category, COUNT(*) AS n FROM paper WHERE primary_category IS NOT NULL
                    GROUP BY primary_category ORDER BY n DESC, primary_category LIMIT ?
                    """, arguments: [top]
            ).map { StoreStats.CategoryCount(name: $0[0], count: $0[1]) }
            var tagCounts: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT paper_id, tags FROM digest_paper") {
                for tag in JSONColumn.decode(row[1]) { tagCounts[tag, default: []].insert(row[0]) }
            }
            let tags = tagCounts.map { StoreStats.CategoryCount(name: $0.key, count: $0.value.count) }
                .sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(top)
            return StoreStats(
                paperCount: papers, titleOnlyCount: titleOnly, versionCount: versions, digestCount: digests, formats: formats,
                firstDate: range?[0], lastDate: range?[1], topCategories: categories, topTags: Array(tags),
                importCount: imports)
        }
    }
}

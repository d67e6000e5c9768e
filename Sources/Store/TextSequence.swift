import GRDB

/// Numbers the texts stored: every new paper, and every stored paper whose title or abstract changes, takes the
/// next number of one increasing sequence (`paper.text_seq`).
///
/// Vectors are computed from texts, so a vector block records the highest number it covers: a paper whose number
/// is above the number of the block holding its row changed (or arrived) after the row was computed, and needs a
/// new one. One indexed query (`text_seq > n`) finds everything a vector space lacks.
struct TextSequence {
    private(set) var last: Int64

    /// The sequence as the database has it (inside a write transaction, so no other writer draws numbers).
    init(in db: Database) throws {
        last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(text_seq), 0) FROM paper") ?? 0
    }

    mutating func next() -> Int64 {
        last += 1
        return last
    }
}

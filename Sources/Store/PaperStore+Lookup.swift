import Foundation
import GRDB
import PaperRadarCore

extension PaperStore {
    /// Every stored paper id, ascending.
    public func paperIDs() throws -> [ArxivID] {
        try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM paper ORDER BY id").compactMap(ArxivID.init)
        }
    }

    /// The ids of the `limit` papers stored last (by insertion order), newest first.
    public func newestPaperIDs(limit: Int) throws -> [ArxivID] {
        guard limit > 0 else { return [] }
        return try writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM paper ORDER BY rowid DESC LIMIT ?", arguments: [limit])
                .compactMap(ArxivID.init)
        }
    }

    /// The stored papers with these ids, by id (unknown ids are absent). Tags are not loaded.
    public func papers(ids: some Collection<ArxivID>) throws -> [ArxivID: Paper] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [ArxivID: Paper] = [:]
            // SQLite limits bound parameters; 500 per statement is well within every build's limit.
            let all = Array(ids)
            for start in stride(from: 0, to: all.count, by: 500) {
                let chunk = all[start..<min(start + 500, all.count)]
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(Self.paperColumns) FROM paper WHERE id IN (\(marks))",
                    arguments: StatementArguments(chunk.map(\.rawValue)))
                for row in rows {
                    if let paper = Self.paper(from: row) { result[paper.id] = paper }
                }
            }
            return result
        }
    }

    /// The highest text sequence number drawn (``TextSequence``; 0 for an empty store).
    public func lastTextSequence() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(text_seq), 0) FROM paper") ?? 0 }
    }

    /// The papers whose text sequence number is above `sequence` (new or changed since), by id, with their
    /// numbers; those in `excluded` are left out.
    public func texts(
        after sequence: Int64, excluding excluded: ClosedRange<Int64>? = nil
    ) throws -> [(id: ArxivID, sequence: Int64)] {
        try writer.read { db in
            var result: [(id: ArxivID, sequence: Int64)] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT id, text_seq FROM paper WHERE text_seq > ? ORDER BY text_seq", arguments: [sequence])
            while let row = try cursor.next() {
                let number: Int64 = row[1]
                if let excluded, excluded.contains(number) { continue }
                if let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) { result.append((id, number)) }
            }
            return result
        }
    }

    /// Each paper's date (`YYYY-MM-DD`; papers without one are absent).
    public func paperDates() throws -> [ArxivID: String] {
        try writer.read { db in
            var result: [ArxivID: String] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, date FROM paper WHERE date IS NOT NULL")
            while let row = try cursor.next() {
                if let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) { result[id] = row[1] }
            }
            return result
        }
    }
}

import FileIO
import Foundation
import GRDB
import PaperRadarCore

extension PaperStore {
    /// The model kind of the neighbour index.
    public static let neighbourIndexKind = "neighbour-index"

    /// Saves a neighbour index over the first vector blocks of an LSA basis (the fit's) as the current one:
    /// ``writeNeighbourIndexFile(_:)`` then ``saveNeighbourIndex(file:lsaHash:paperCount:textSequence:summary:)``.
    ///
    /// - Returns: false for an in-memory store (it has no folder for files; queries then read the whole space).
    @discardableResult
    public func saveNeighbourIndex(_ contents: NeighbourIndexContents, lsaHash: String, summary: String) throws -> Bool {
        guard let file = try writeNeighbourIndexFile(contents) else { return false }
        try saveNeighbourIndex(
            file: file, lsaHash: lsaHash, paperCount: contents.ids.count, textSequence: contents.textSequence,
            summary: summary)
        return true
    }

    /// Writes a neighbour index file into the store's folder of files, named by no row yet (a background refit
    /// writes it before the models are swapped; a file never named is removed as an orphan an hour later).
    ///
    /// - Returns: the file's name, or nil for an in-memory store.
    public func writeNeighbourIndexFile(_ contents: NeighbourIndexContents) throws -> String? {
        guard let blobs else { return nil }
        let name = BlobFolder.newName(kind: "index")
        try blobs.write(name: name) { try contents.write(to: &$0) }
        return name
    }

    /// Makes a written neighbour index file the current index of an LSA basis stored before (the file is removed
    /// when this fails).
    ///
    /// - Throws: ``StoreError`` (a concurrent change) when the basis is no longer in the store.
    public func saveNeighbourIndex(
        file name: String, lsaHash: String, paperCount: Int, textSequence: Int64, summary: String
    ) throws {
        guard let blobs else { return }
        _ = try blobs.open(name: name)  // still there (a file unnamed for an hour is removed as an orphan)
        let model = StoredModel(
            kind: Self.neighbourIndexKind, contentHash: "\(lsaHash)-index-\(paperCount)-\(textSequence)",
            parentHash: lsaHash, paperCount: paperCount, summary: summary, data: [])
        do {
            let replaced = try writer.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM model WHERE content_hash = ?", arguments: [lsaHash]) == true
                else { throw StoreError(concurrentChange: "the LSA model \(lsaHash.prefix(12)) was replaced (a refit)") }
                return try Self.filesReplaced(in: db) { try Self.save(model, file: name, in: db) }
            }
            blobs.remove(replaced)
        } catch {
            blobs.remove([name])
            throw error
        }
    }

    /// The current neighbour index, when there is one over the first vector blocks of this LSA basis and of its
    /// TF-IDF model (it indexes exactly their rows: same count, same text sequence).
    public func neighbourIndex(lsaHash: String, tfidfHash: String) throws -> NeighbourIndexFile? {
        guard let blobs else { return nil }
        let found: (file: String, first: [(rows: Int, sequence: Int64)])? = try writer.read { db in
            guard
                let file = try String.fetchOne(
                    db,
                    sql: """
                        SELECT m.file FROM current_model c JOIN model m ON m.content_hash = c.content_hash
                        WHERE c.kind = ? AND m.parent_hash = ? AND m.file IS NOT NULL
                        """, arguments: [Self.neighbourIndexKind, lsaHash])
            else { return nil }
            let first = try [lsaHash, tfidfHash].compactMap { hash -> (rows: Int, sequence: Int64)? in
                try Row.fetchOne(
                    db, sql: "SELECT row_count, text_seq FROM vector_block WHERE model_hash = ? ORDER BY id LIMIT 1",
                    arguments: [hash]
                ).map { ($0[0], $0[1]) }
            }
            return (file, first)
        }
        guard let found, found.first.count == 2 else { return nil }
        let index = try NeighbourIndexFile(file: blobs.open(name: found.file))
        guard found.first.allSatisfy({ $0.rows == index.count && $0.sequence == index.textSequence }) else { return nil }
        return index
    }

    /// Every vector block of a model but the first (the fit's), oldest first, and how many rows they hold; the
    /// blocks are read only when they hold at most `maxRows` rows (else `blocks` is empty).
    public func laterVectorBlocks(modelHash: String, maxRows: Int) throws -> (rows: Int, blocks: [VectorBlock]) {
        try writer.read { db in
            let rows =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE(SUM(row_count), 0) FROM vector_block WHERE model_hash = ?
                        AND id > (SELECT MIN(id) FROM vector_block WHERE model_hash = ?)
                        """, arguments: [modelHash, modelHash]) ?? 0
            guard rows <= maxRows else { return (rows, []) }
            var blocks: [VectorBlock] = []
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(VectorBlock.columns) FROM vector_block WHERE model_hash = ?
                    AND id > (SELECT MIN(id) FROM vector_block WHERE model_hash = ?) ORDER BY id
                    """, arguments: [modelHash, modelHash])
            while let row = try cursor.next() {
                guard let block = try VectorBlock.decode(row, blobs: blobs) else {
                    throw StoreError("a stored vector block of model \(modelHash.prefix(12)) is malformed: run `paperradar fit`")
                }
                blocks.append(block)
            }
            return (rows, blocks)
        }
    }
}

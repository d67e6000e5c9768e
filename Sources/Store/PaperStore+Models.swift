import Foundation
import GRDB
import PaperRadarCore

/// A fitted model as the store keeps it: an opaque encoding plus what identifies and describes it.
public struct StoredModel: Sendable, Hashable {
    /// What the model is (`tfidf`, `lsa`, `topics`, …).
    public var kind: String
    /// The hash of `data`: the model's identity; vectors are keyed by it so models are never mixed.
    public var contentHash: String
    /// The model this one was derived from (e.g. the TF-IDF model under an LSA basis), if any.
    public var parentHash: String?
    public var createdAt: String
    /// How many papers it was fitted on.
    public var paperCount: Int
    /// A short human-readable description (settings, sizes), shown by `stats` and reports.
    public var summary: String
    public var data: [UInt8]

    public init(
        kind: String, contentHash: String, parentHash: String? = nil, createdAt: String? = nil, paperCount: Int,
        summary: String, data: [UInt8]
    ) {
        self.kind = kind
        self.contentHash = contentHash
        self.parentHash = parentHash
        self.createdAt = createdAt ?? Timestamp.now
        self.paperCount = paperCount
        self.summary = summary
        self.data = data
    }
}

extension PaperStore {
    /// Saves models with their vector blocks in one transaction, each becoming the current model of its kind;
    /// earlier models of the same kinds are deleted with their vectors.
    ///
    /// Large model data and blocks are written as files first (``BlobFolder``), so the transaction itself is small
    /// and holds the write lock for milliseconds; the files of what it replaced are removed after it commits.
    public func saveModels(_ entries: [(model: StoredModel, blocks: [VectorBlock])]) throws {
        var modelFiles: [String: String] = [:]
        var blockFiles: [[String?]] = entries.map { Array(repeating: nil, count: $0.blocks.count) }
        if let blobs {
            blobs.removeOrphans(referenced: try writer.read(Self.referencedFiles), olderThan: 3600)
        }
        do {
            if let blobs {
                for (i, entry) in entries.enumerated() {
                    if entry.model.data.count >= BlobFolder.threshold {
                        let name = BlobFolder.newName(kind: "model")
                        try blobs.write(name: name) { try $0.write(entry.model.data) }
                        modelFiles[entry.model.contentHash] = name
                    }
                    for (j, block) in entry.blocks.enumerated() where block.payloadSize >= BlobFolder.threshold {
                        let name = BlobFolder.newName(kind: "block")
                        try blobs.write(name: name) { try block.writeFile(to: &$0) }
                        blockFiles[i][j] = name
                    }
                }
            }
            let replaced = try writer.write { db in
                try Self.filesReplaced(in: db) {
                    for (i, entry) in entries.enumerated() {
                        try Self.save(entry.model, file: modelFiles[entry.model.contentHash], in: db)
                        for (j, block) in entry.blocks.enumerated() {
                            try block.insert(modelHash: entry.model.contentHash, file: blockFiles[i][j], in: db)
                        }
                    }
                }
            }
            blobs?.remove(replaced)
        } catch {
            blobs?.remove(Array(modelFiles.values) + blockFiles.joined().compactMap { $0 })
            throw error
        }
    }

    /// The blob files rows name.
    static func referencedFiles(_ db: Database) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                sql: "SELECT file FROM model WHERE file IS NOT NULL UNION SELECT file FROM vector_block WHERE file IS NOT NULL"
            ))
    }

    /// Runs `body` inside a transaction and returns the files rows named before it and no longer after it.
    static func filesReplaced(in db: Database, _ body: () throws -> Void) throws -> Set<String> {
        let before = try referencedFiles(db)
        try body()
        return before.subtracting(try referencedFiles(db))
    }

    /// Saves a model as the current one of its kind, deleting the earlier ones of that kind and their vectors.
    ///
    /// - Parameter file: the ``BlobFolder`` file holding the model's data (written before), or `nil` to keep it in the
    ///   row.
    static func save(_ model: StoredModel, file: String? = nil, in db: Database) throws {
        // In a file, the row keeps an empty blob; otherwise the (possibly 100+ MB) bytes are bound in place.
        let inline = file == nil ? model.data : []
        try inline.withUnsafeBytes { raw in
            let blob =
                raw.baseAddress.map {
                    Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: raw.count, deallocator: .none)
                } ?? Data()
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO model (content_hash, kind, parent_hash, created_at, paper_count, summary, data,
                        file)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    model.contentHash, model.kind, model.parentHash, model.createdAt, model.paperCount, model.summary,
                    blob, file,
                ])
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO current_model (kind, content_hash) VALUES (?, ?)",
            arguments: [model.kind, model.contentHash])
        try db.execute(
            sql: "DELETE FROM model WHERE kind = ? AND content_hash <> ?", arguments: [model.kind, model.contentHash])
    }

    /// Appends vector blocks under existing models (papers folded in with frozen models), in one transaction.
    ///
    /// - Throws: ``StoreError`` when a model is no longer in the store (a refit replaced it).
    public func appendVectorBlocks(_ blocks: [(modelHash: String, block: VectorBlock)]) throws {
        try writer.write { db in
            for (modelHash, block) in blocks {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM model WHERE content_hash = ?", arguments: [modelHash])
                    == true
                else { throw StoreError("model \(modelHash.prefix(12)) is not in the store") }
                try block.insert(modelHash: modelHash, in: db)
            }
        }
    }

    /// Merges every vector block of each model after its first (the fit's) into one block (compaction), in one
    /// transaction: each paper's latest row, in order of first appearance, under the latest block's text sequence.
    /// The first block, the bulk of the vectors, is not rewritten (a neighbour index over it stays valid).
    ///
    /// - Complexity: O(rows and values of the later blocks).
    public func mergeLaterVectorBlocks(modelHashes: [String]) throws {
        var written: [String] = []
        do {
            let replaced = try writer.write { db in
                try Self.filesReplaced(in: db) {
                    for modelHash in modelHashes {
                        let ids = try Int64.fetchAll(
                            db, sql: "SELECT id FROM vector_block WHERE model_hash = ? ORDER BY id", arguments: [modelHash])
                        guard ids.count > 2 else { continue }
                        var blocks: [VectorBlock] = []
                        let cursor = try Row.fetchCursor(
                            db, sql: "SELECT \(VectorBlock.columns) FROM vector_block WHERE model_hash = ? AND id > ? ORDER BY id",
                            arguments: [modelHash, ids[0]])
                        while let row = try cursor.next() {
                            guard let block = try VectorBlock.decode(row, blobs: blobs) else {
                                throw StoreError("a stored vector block of model \(modelHash.prefix(12)) is malformed: run `paperradar fit`")
                            }
                            blocks.append(block)
                        }
                        let merged = VectorBlock(merging: blocks)
                        var file: String?
                        if let blobs, merged.payloadSize >= BlobFolder.threshold {
                            let name = BlobFolder.newName(kind: "block")
                            try blobs.write(name: name) { try merged.writeFile(to: &$0) }
                            written.append(name)
                            file = name
                        }
                        try db.execute(
                            sql: "DELETE FROM vector_block WHERE model_hash = ? AND id > ?", arguments: [modelHash, ids[0]])
                        try merged.insert(modelHash: modelHash, file: file, in: db)
                    }
                }
            }
            blobs?.remove(replaced)
        } catch {
            blobs?.remove(written)
            throw error
        }
    }

    /// Every vector block stored under a model, oldest first (later rows for a paper replace earlier ones).
    ///
    /// - Throws: ``StoreError`` when a block is malformed.
    public func vectorBlocks(modelHash: String) throws -> [VectorBlock] {
        try writer.read { db in
            var blocks: [VectorBlock] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT \(VectorBlock.columns) FROM vector_block WHERE model_hash = ? ORDER BY id",
                arguments: [modelHash])
            while let row = try cursor.next() {
                guard let block = try VectorBlock.decode(row, blobs: blobs) else {
                    throw StoreError("a stored vector block of model \(modelHash.prefix(12)) is malformed: run `paperradar fit`")
                }
                blocks.append(block)
            }
            return blocks
        }
    }

    /// How many vector blocks a model has.
    public func vectorBlockCount(modelHash: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vector_block WHERE model_hash = ?", arguments: [modelHash])
                ?? 0
        }
    }

    /// The model of a kind currently in use, if one was fitted.
    public func currentModel(kind: String) throws -> StoredModel? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT m.kind, m.content_hash, m.parent_hash, m.created_at, m.paper_count, m.summary, m.data,
                            m.file
                        FROM current_model c JOIN model m ON m.content_hash = c.content_hash WHERE c.kind = ?
                        """, arguments: [kind])
            else { return nil }
            let data: [UInt8]
            if let file = row[7] as String? {
                guard let blobs else { throw StoreError("model \(row[1] as String) is kept in a file this store cannot reach") }
                data = try blobs.read(name: file)
            } else {
                data = try row.withUnsafeData(atIndex: 6) { VectorBlock.array(from: $0) }
            }
            return StoredModel(
                kind: row[0], contentHash: row[1], parentHash: row[2], createdAt: row[3], paperCount: row[4],
                summary: row[5], data: data)
        }
    }

    /// The current model of every kind, without its data (cheap: for checking whether a refit happened).
    public func currentModelInfos() throws -> [String: StoredModelInfo] {
        try writer.read { db in
            var result: [String: StoredModelInfo] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.kind, m.content_hash, m.created_at, m.paper_count, m.summary
                    FROM current_model c JOIN model m ON m.content_hash = c.content_hash
                    """)
            for row in rows {
                let info = StoredModelInfo(
                    kind: row[0], contentHash: row[1], createdAt: row[2], paperCount: row[3], summary: row[4])
                result[info.kind] = info
            }
            return result
        }
    }
}

/// The current model of one kind, without its (possibly large) data.
public struct StoredModelInfo: Sendable, Hashable, Codable {
    public var kind: String
    public var contentHash: String
    public var createdAt: String
    public var paperCount: Int
    public var summary: String
}

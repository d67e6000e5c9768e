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
    /// Saves a model with the vectors computed with it and makes it the current one of its kind, in one
    /// transaction. Vectors of the model's earlier versions of the same kind are deleted.
    ///
    /// - Parameter vectors: `(paper id, encoded vector)` pairs; every id must be a stored paper.
    public func saveModel(_ model: StoredModel, vectors: [(ArxivID, [UInt8])]) throws {
        try saveModels([(model, vectors)])
    }

    /// Saves several models with their vectors in one transaction (e.g. a TF-IDF model and the LSA basis over it),
    /// each becoming the current model of its kind.
    public func saveModels(_ entries: [(model: StoredModel, vectors: [(ArxivID, [UInt8])])]) throws {
        try saveModels(entries.map { entry in
            ModelVectors(model: entry.model, count: entry.vectors.count) { entry.vectors[$0] }
        })
    }

    /// Saves several models in one transaction, encoding each vector only as it is written (no copy of them all).
    public func saveModels(_ entries: [ModelVectors]) throws {
        try writer.write { db in
            for entry in entries {
                try Self.save(entry.model, vectorCount: entry.count, vector: entry.vector, in: db)
            }
        }
    }

    static func save(_ model: StoredModel, vectors: [(ArxivID, [UInt8])], in db: Database) throws {
        try save(model, vectorCount: vectors.count, vector: { vectors[$0] }, in: db)
    }

    static func save(
        _ model: StoredModel, vectorCount: Int, vector: (Int) -> (ArxivID, [UInt8]), in db: Database
    ) throws {
        // Bind the (possibly 100+ MB) model bytes in place instead of copying them into a Data first.
        try model.data.withUnsafeBytes { raw in
            let blob =
                raw.baseAddress.map {
                    Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: raw.count, deallocator: .none)
                } ?? Data()
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO model (content_hash, kind, parent_hash, created_at, paper_count, summary, data)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    model.contentHash, model.kind, model.parentHash, model.createdAt, model.paperCount, model.summary,
                    blob,
                ])
        }
        try db.execute(
            sql: """
                DELETE FROM paper_vector WHERE model_hash IN
                    (SELECT content_hash FROM model WHERE kind = ? AND content_hash <> ?)
                """, arguments: [model.kind, model.contentHash])
        try db.execute(
            sql: "INSERT OR REPLACE INTO current_model (kind, content_hash) VALUES (?, ?)",
            arguments: [model.kind, model.contentHash])
        try db.execute(
            sql: "DELETE FROM model WHERE kind = ? AND content_hash <> ?", arguments: [model.kind, model.contentHash])
        let insert = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO paper_vector (model_hash, paper_id, data) VALUES (?, ?, ?)")
        for i in 0..<vectorCount {
            let (id, data) = vector(i)
            try insert.execute(arguments: [model.contentHash, id.rawValue, Data(data)])
        }
    }

    /// Adds vectors for papers under an existing model (papers folded in with a frozen model).
    public func addVectors(_ vectors: [(ArxivID, [UInt8])], modelHash: String) throws {
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM model WHERE content_hash = ?", arguments: [modelHash])
                == true
            else { throw StoreError("model \(modelHash.prefix(12)) is not in the store") }
            let insert = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO paper_vector (model_hash, paper_id, data) VALUES (?, ?, ?)")
            for (id, data) in vectors {
                try insert.execute(arguments: [modelHash, id.rawValue, Data(data)])
            }
        }
    }

    /// The model of a kind currently in use, if one was fitted.
    public func currentModel(kind: String) throws -> StoredModel? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT m.kind, m.content_hash, m.parent_hash, m.created_at, m.paper_count, m.summary, m.data
                        FROM current_model c JOIN model m ON m.content_hash = c.content_hash WHERE c.kind = ?
                        """, arguments: [kind])
            else { return nil }
            return StoredModel(
                kind: row[0], contentHash: row[1], parentHash: row[2], createdAt: row[3], paperCount: row[4],
                summary: row[5], data: [UInt8](row[6] as Data))
        }
    }

    /// Every vector stored under a model, ordered by paper id.
    public func vectors(modelHash: String) throws -> [(id: ArxivID, data: [UInt8])] {
        try writer.read { db in
            var result: [(id: ArxivID, data: [UInt8])] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT paper_id, data FROM paper_vector WHERE model_hash = ? ORDER BY paper_id",
                arguments: [modelHash])
            while let row = try cursor.next() {
                guard let id = ArxivID(row[0] as String) else { continue }
                result.append((id, [UInt8](row[1] as Data)))
            }
            return result
        }
    }

    /// The papers that have no vector under a model yet (new since it was fitted), ordered by id.
    public func papersWithoutVectors(modelHash: String) throws -> [Paper] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.paperColumns) FROM paper p
                    WHERE NOT EXISTS (SELECT 1 FROM paper_vector v WHERE v.model_hash = ? AND v.paper_id = p.id)
                    ORDER BY id
                    """, arguments: [modelHash]
            ).compactMap(Self.paper(from:))
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

/// A model and its vectors, produced one at a time while they are written.
public struct ModelVectors {
    public var model: StoredModel
    public var count: Int
    public var vector: (Int) -> (ArxivID, [UInt8])

    public init(model: StoredModel, count: Int, vector: @escaping (Int) -> (ArxivID, [UInt8])) {
        self.model = model
        self.count = count
        self.vector = vector
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

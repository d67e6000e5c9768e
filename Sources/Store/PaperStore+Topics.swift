import Foundation
import GRDB
import PaperRadarCore

/// One paper's place in a topics model.
public struct TopicAssignment: Sendable, Hashable {
    public var paperID: ArxivID
    public var topicID: Int
    /// Cosine to the topic's centroid.
    public var similarity: Float
    /// Cosine to each named topic, in catalog order.
    public var namedSimilarities: [Float]

    public init(paperID: ArxivID, topicID: Int, similarity: Float, namedSimilarities: [Float]) {
        self.paperID = paperID
        self.topicID = topicID
        self.similarity = similarity
        self.namedSimilarities = namedSimilarities
    }
}

/// A recorded change of a topic between two fits.
public struct TopicEventRecord: Sendable, Hashable, Codable {
    public var modelHash: String
    public var topicID: Int
    /// `appeared`, `grew`, `shrank`, `stable` or `vanished`.
    public var kind: String
    public var name: String?
    public var previousSize: Int?
    public var size: Int?
    public var at: String

    public init(
        modelHash: String, topicID: Int, kind: String, name: String?, previousSize: Int?, size: Int?,
        at: String? = nil
    ) {
        self.modelHash = modelHash
        self.topicID = topicID
        self.kind = kind
        self.name = name
        self.previousSize = previousSize
        self.size = size
        self.at = at ?? Timestamp.now
    }
}

extension PaperStore {
    /// Saves a topics model, every paper's assignment and the refit's events in one transaction; the model becomes
    /// the current one of its kind (earlier topics models and their assignments are removed, events are kept).
    public func saveTopics(_ model: StoredModel, assignments: [TopicAssignment], events: [TopicEventRecord]) throws {
        try writer.write { db in
            try Self.save(model, in: db)
            try db.execute(sql: "DELETE FROM topic_block WHERE model_hash = ?", arguments: [model.contentHash])
            try Self.insertTopicBlock(assignments, modelHash: model.contentHash, in: db)
            let event = try db.makeStatement(
                sql: """
                    INSERT INTO topic_event (model_hash, topic_id, kind, name, previous_size, size, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for e in events {
                try event.execute(arguments: [e.modelHash, e.topicID, e.kind, e.name, e.previousSize, e.size, e.at])
            }
        }
    }

    /// Adds assignments of papers folded in after the topics were fitted (nearest centroid, no refit).
    public func addTopicAssignments(_ assignments: [TopicAssignment], modelHash: String) throws {
        try writer.write { db in try Self.insertTopicBlock(assignments, modelHash: modelHash, in: db) }
    }

    /// Every paper's assignment under a topics model, ordered by paper id.
    public func topicAssignments(modelHash: String) throws -> [TopicAssignment] {
        try writer.read { db in try Self.topicAssignments(modelHash: modelHash, in: db) }
            .values.sorted { $0.paperID < $1.paperID }
    }

    /// Every paper's topic and similarity to its centroid under a topics model, by paper id (without the named
    /// similarities: what loading the vector space needs).
    public func topicsOfPapers(modelHash: String) throws -> [ArxivID: (topic: Int, similarity: Float)] {
        try writer.read { db in
            var result: [ArxivID: (topic: Int, similarity: Float)] = [:]
            try Self.forEachTopicBlock(modelHash: modelHash, in: db) { ids, topics, similarities, _, _ in
                result.reserveCapacity(result.count + ids.count)
                for i in ids.indices { result[ids[i]] = (Int(topics[i]), similarities[i]) }
            }
            return result
        }
    }

    /// The assignments of these papers under a topics model, by paper id (unassigned papers are absent).
    public func topicAssignments(modelHash: String, ids: [ArxivID]) throws -> [ArxivID: TopicAssignment] {
        guard !ids.isEmpty else { return [:] }
        let all = try writer.read { db in try Self.topicAssignments(modelHash: modelHash, in: db) }
        var result: [ArxivID: TopicAssignment] = [:]
        for id in ids { result[id] = all[id] }
        return result
    }

    /// Assignments are stored as blocks, like vectors: a fit writes one for every paper, each fold-in appends one for
    /// its papers, and a later block's assignment of a paper replaces an earlier one. Ids are newline-separated UTF-8,
    /// topics `Int32`, similarities `Float`, named similarities `Float` row-major (`row_count × named_count`).
    static func insertTopicBlock(_ assignments: [TopicAssignment], modelHash: String, in db: Database) throws {
        guard !assignments.isEmpty else { return }
        let namedCount = assignments[0].namedSimilarities.count
        precondition(
            assignments.allSatisfy { $0.namedSimilarities.count == namedCount },
            "every assignment has one similarity per named topic")
        precondition(UInt16(1).littleEndian == 1, "topic blocks are stored little-endian")
        let ids = Data(assignments.map(\.paperID.rawValue).joined(separator: "\n").utf8)
        let topics = assignments.map { Int32($0.topicID) }.withUnsafeBytes { Data($0) }
        let similarities = assignments.map(\.similarity).withUnsafeBytes { Data($0) }
        let named = assignments.flatMap(\.namedSimilarities).withUnsafeBytes { Data($0) }
        try db.execute(
            sql: """
                INSERT INTO topic_block (model_hash, row_count, named_count, ids, topics, similarities, named)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [modelHash, assignments.count, namedCount, ids, topics, similarities, named])
    }

    /// Every paper's assignment under a model, later blocks replacing earlier ones.
    static func topicAssignments(modelHash: String, in db: Database) throws -> [ArxivID: TopicAssignment] {
        var result: [ArxivID: TopicAssignment] = [:]
        try forEachTopicBlock(modelHash: modelHash, in: db) { ids, topics, similarities, named, namedCount in
            for i in ids.indices {
                result[ids[i]] = TopicAssignment(
                    paperID: ids[i], topicID: Int(topics[i]), similarity: similarities[i],
                    namedSimilarities: Array(named[(i * namedCount)..<((i + 1) * namedCount)]))
            }
        }
        return result
    }

    /// Each stored block of a topics model, oldest first: ids, topics, similarities, named similarities (row-major)
    /// and their width.
    static func forEachTopicBlock(
        modelHash: String, in db: Database,
        _ body: (_ ids: [ArxivID], _ topics: [Int32], _ similarities: [Float], _ named: [Float], _ namedCount: Int) throws
            -> Void
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT row_count, named_count, ids, topics, similarities, named FROM topic_block
                WHERE model_hash = ? ORDER BY id
                """, arguments: [modelHash])
        while let row = try rows.next() {
            let count: Int = row[0]
            let namedCount: Int = row[1]
            let ids = try row.withUnsafeData(atIndex: 2) { data in
                (data ?? Data()).withUnsafeBytes { raw in
                    raw.split(separator: UInt8(ascii: "\n")).compactMap { ArxivID(normalizedUTF8: $0) }
                }
            }
            let topics: [Int32] = try row.withUnsafeData(atIndex: 3) { VectorBlock.array(from: $0) }
            let similarities: [Float] = try row.withUnsafeData(atIndex: 4) { VectorBlock.array(from: $0) }
            let named: [Float] = try row.withUnsafeData(atIndex: 5) { VectorBlock.array(from: $0) }
            guard ids.count == count, topics.count == count, similarities.count == count,
                named.count == count * namedCount
            else {
                throw StoreError("a stored topic block of model \(modelHash.prefix(12)) is malformed: run `paperradar topics`")
            }
            try body(ids, topics, similarities, named, namedCount)
        }
    }

    /// Every topic event, oldest first.
    public func topicEvents() throws -> [TopicEventRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT model_hash, topic_id, kind, name, previous_size, size, at FROM topic_event ORDER BY id"
            ).map {
                TopicEventRecord(
                    modelHash: $0[0], topicID: $0[1], kind: $0[2], name: $0[3], previousSize: $0[4], size: $0[5],
                    at: $0[6])
            }
        }
    }

    /// Little-endian `Float32` bytes (the named similarities of the per-paper rows before migration v7).
    static func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).map { i in
            Float(
                bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24)
        }
    }
}

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
            try db.execute(sql: "DELETE FROM paper_topic WHERE model_hash <> ?", arguments: [model.contentHash])
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO paper_topic (model_hash, paper_id, topic_id, similarity, named_similarities)
                    VALUES (?, ?, ?, ?, ?)
                    """)
            for a in assignments {
                try insert.execute(arguments: [
                    model.contentHash, a.paperID.rawValue, a.topicID, Double(a.similarity),
                    Data(Self.floatBytes(a.namedSimilarities)),
                ])
            }
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
        try writer.write { db in
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO paper_topic (model_hash, paper_id, topic_id, similarity, named_similarities)
                    VALUES (?, ?, ?, ?, ?)
                    """)
            for a in assignments {
                try insert.execute(arguments: [
                    modelHash, a.paperID.rawValue, a.topicID, Double(a.similarity), Data(Self.floatBytes(a.namedSimilarities)),
                ])
            }
        }
    }

    /// Every paper's assignment under a topics model, ordered by paper id.
    public func topicAssignments(modelHash: String) throws -> [TopicAssignment] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT paper_id, topic_id, similarity, named_similarities FROM paper_topic
                    WHERE model_hash = ? ORDER BY paper_id
                    """, arguments: [modelHash]
            ).compactMap { row in
                guard let id = ArxivID(normalizedUTF8: (row[0] as String).utf8) else { return nil }
                return TopicAssignment(
                    paperID: id, topicID: row[1], similarity: Float(row[2] as Double),
                    namedSimilarities: Self.floats([UInt8](row[3] as Data)))
            }
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

    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value -> [UInt8] in
            let bits = value.bitPattern.littleEndian
            return [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: bits >> UInt32($0)) }
        }
    }

    static func floats(_ bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).map { i in
            Float(
                bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24)
        }
    }
}

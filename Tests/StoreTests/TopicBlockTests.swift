import Foundation
import GRDB
import PaperRadarCore
import Testing

@testable import Store

/// Topic assignments stored as blocks: a fit's block, fold-ins appended, later assignments replacing earlier ones,
/// and the per-paper rows of older stores migrated.
@Suite struct TopicBlockTests {
    static func assignment(_ id: String, topic: Int, similarity: Float = 0.5, named: [Float] = [0.1, 0.2]) -> TopicAssignment {
        TopicAssignment(paperID: ArxivID(id)!, topicID: topic, similarity: similarity, namedSimilarities: named)
    }

    static let topicsModel = StoredModel(kind: "topics", contentHash: "k1", paperCount: 3, summary: "k", data: [1])

    @Test func assignmentsRoundTripAndFoldInsReplaceEarlierOnes() throws {
        let store = try PaperStore()
        let fitted = [
            Self.assignment("2611.00002", topic: 1), Self.assignment("2611.00001", topic: 0, similarity: 0.9),
            Self.assignment("2611.00003", topic: 1, named: [0.7, -0.2]),
        ]
        try store.saveTopics(Self.topicsModel, assignments: fitted, events: [])
        #expect(try store.topicAssignments(modelHash: "k1") == fitted.sorted { $0.paperID < $1.paperID })
        // A fold-in: a new paper, and a changed paper moving to another topic.
        let folded = [Self.assignment("2611.00004", topic: 0), Self.assignment("2611.00002", topic: 0, similarity: 0.4)]
        try store.addTopicAssignments(folded, modelHash: "k1")
        let all = try store.topicAssignments(modelHash: "k1")
        #expect(all.map(\.paperID.rawValue) == ["2611.00001", "2611.00002", "2611.00003", "2611.00004"])
        #expect(all[1] == folded[1])
        let some = try store.topicAssignments(modelHash: "k1", ids: [ArxivID("2611.00003")!, ArxivID("2611.09999")!])
        #expect(some.count == 1 && some[ArxivID("2611.00003")!]?.namedSimilarities == [0.7, -0.2])
        // Saving the topics again replaces every assignment; another model starts empty.
        try store.saveTopics(Self.topicsModel, assignments: [Self.assignment("2611.00001", topic: 3)], events: [])
        #expect(try store.topicAssignments(modelHash: "k1").map(\.topicID) == [3])
        #expect(try store.topicAssignments(modelHash: "other").isEmpty)
    }

    @Test func perPaperRowsOfOlderStoresBecomeABlock() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("paperradar.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v6-vector-blocks")
            try queue.write { db in
                for id in ["2611.00001", "2611.00002"] {
                    try db.execute(
                        sql: """
                            INSERT INTO paper (id, title, authors, abstract, categories, source, first_seen_at, updated_at)
                            VALUES (?, 't', '[]', 'a', '[]', 'digest', 'now', 'now')
                            """, arguments: [id])
                }
                try db.execute(
                    sql: """
                        INSERT INTO model (content_hash, kind, created_at, paper_count, summary, data)
                        VALUES ('k1', 'topics', 'now', 2, 'k', x'01')
                        """)
                let named = [Float(0.25), -0.5].withUnsafeBytes { Data($0) }
                try db.execute(
                    sql: "INSERT INTO paper_topic VALUES ('k1', '2611.00002', 4, 0.75, ?), ('k1', '2611.00001', 2, 0.5, ?)",
                    arguments: [named, Data()])
            }
        }
        let store = try PaperStore(databaseURL: URL(fileURLWithPath: path))
        let migrated = try store.topicAssignments(modelHash: "k1")
        #expect(migrated.map(\.paperID.rawValue) == ["2611.00001", "2611.00002"])
        #expect(migrated.map(\.topicID) == [2, 4] && migrated.map(\.similarity) == [0.5, 0.75])
        #expect(migrated[0].namedSimilarities == [0, 0], "a row without named similarities is padded")
        #expect(migrated[1].namedSimilarities == [0.25, -0.5])
    }
}

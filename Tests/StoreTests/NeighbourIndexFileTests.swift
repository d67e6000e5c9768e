import FileIO
import Foundation
import PaperRadarCore
import Testing

@testable import Store

/// The neighbour index file: written list by list from the rows as they are, read back a range at a time, tied to
/// the first vector blocks of its models.
@Suite struct NeighbourIndexFileTests {
    static let ids = ["2401.00001", "hep-th/9901001", "2401.00010", "0704.0001", "cond-mat.mes-hall/0101001"].map { ArxivID($0)! }
    /// Five rows in two lists: list 0 holds rows 3 and 1, list 1 rows 0, 2, 4.
    static func contents(textSequence: Int64 = 7) -> NeighbourIndexContents {
        NeighbourIndexContents(
            weights: [2, 1], embeddingDimension: 3, centroids: [1, 0, 0, 1], order: [3, 1, 0, 2, 4], listOffsets: [0, 2, 5],
            ids: ids, view: [0.6, 0.8, 1, 0, 0, 1, 0.8, 0.6, 0.28, 0.96], rowOffsets: [0, 2, 2, 3, 5, 6],
            columnIndices: [1, 4, 0, 2, 3, 4], values: [0.6, 0.8, 1, 0.8, 0.6, 1], columns: 5, textSequence: textSequence)
    }

    static func storeWithModels(rows: Int, textSequence: Int64) throws -> (PaperStore, URL) {
        let folder = try Fixtures.temporaryFolder()
        let store = try PaperStore(databaseURL: folder.appendingPathComponent("paperradar.sqlite"))
        let ids = Array(Self.ids.prefix(rows))
        try store.saveModels([
            (StoredModel(kind: "tfidf", contentHash: "t1", paperCount: rows, summary: "", data: [1]),
             [VectorBlock(ids: ids, width: 5, offsets: Array(0...rows), indices: Array(repeating: 0, count: rows),
                          values: Array(repeating: 1, count: rows), textSequence: textSequence)]),
            (StoredModel(kind: "lsa", contentHash: "l1", parentHash: "t1", paperCount: rows, summary: "", data: [2]),
             [VectorBlock(ids: ids, width: 3, values: Array(repeating: 0.5, count: 3 * rows), textSequence: textSequence)]),
        ])
        return (store, folder)
    }

    @Test func readsBackWhatWasWrittenListByList() throws {
        let (store, folder) = try Self.storeWithModels(rows: 5, textSequence: 7)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.neighbourIndex(lsaHash: "l1", tfidfHash: "t1") == nil, "none saved yet")
        #expect(try store.saveNeighbourIndex(Self.contents(), lsaHash: "l1", summary: "2 lists"))
        let index = try #require(try store.neighbourIndex(lsaHash: "l1", tfidfHash: "t1"))
        #expect(index.count == 5 && index.listCount == 2 && index.viewDimension == 2 && index.embeddingDimension == 3)
        #expect(index.tfidfColumns == 5 && index.textSequence == 7 && index.weights == [2, 1])
        #expect(index.centroids == [1, 0, 0, 1] && index.listOffsets == [0, 2, 5])
        // Entries in list order: rows 3, 1, 0, 2, 4.
        #expect(try index.vectors(0..<2) == [0.8, 0.6, 1, 0])
        #expect(try index.vectors(2..<5) == [0.6, 0.8, 0, 1, 0.28, 0.96])
        for (entry, row) in [3, 1, 0, 2, 4].enumerated() {
            #expect(try index.id(ofEntry: entry) == Self.ids[row])
            #expect(try index.entry(of: Self.ids[row]) == entry)
        }
        #expect(try index.entry(of: ArxivID("2401.00011")!) == nil)
        #expect(try index.tfidfRow(ofEntry: 0) == ([2, 3], [0.8, 0.6]))
        #expect(try index.tfidfRow(ofEntry: 1) == ([], []))
        #expect(try index.tfidfRow(ofEntry: 2) == ([1, 4], [0.6, 0.8]))
        #expect(try index.tfidfRow(ofEntry: 4) == ([4], [1]))
        #expect(try store.currentModelInfos()[PaperStore.neighbourIndexKind]?.summary == "2 lists")
    }

    @Test func anIndexOfOtherRowsIsNotUsedAndAReplacedOneLeavesNoFile() throws {
        let (store, folder) = try Self.storeWithModels(rows: 5, textSequence: 8)
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveNeighbourIndex(Self.contents(textSequence: 7), lsaHash: "l1", summary: "")
        #expect(try store.neighbourIndex(lsaHash: "l1", tfidfHash: "t1") == nil, "the blocks cover another text sequence")
        #expect(try store.neighbourIndex(lsaHash: "l2", tfidfHash: "t1") == nil, "another basis")
        try store.saveNeighbourIndex(Self.contents(textSequence: 8), lsaHash: "l1", summary: "")
        #expect(try store.neighbourIndex(lsaHash: "l1", tfidfHash: "t1") != nil)
        let blobs = folder.appendingPathComponent("paperradar.sqlite.blobs").path
        let files = try FileManager.default.contentsOfDirectory(atPath: blobs).filter { $0.hasPrefix("index-") }
        #expect(files.count == 1, "the replaced index's file is removed")
        #expect(throws: StoreError.self) {
            try store.saveNeighbourIndex(Self.contents(), lsaHash: "gone", summary: "")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: blobs).filter { $0.hasPrefix("index-") } == files)
    }

    @Test func aTruncatedFileIsAnError() throws {
        let (store, folder) = try Self.storeWithModels(rows: 5, textSequence: 7)
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveNeighbourIndex(Self.contents(), lsaHash: "l1", summary: "")
        let blobs = folder.appendingPathComponent("paperradar.sqlite.blobs").path
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: blobs).first { $0.hasPrefix("index-") })
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: blobs + "/" + name))
        try handle.truncate(atOffset: 100)
        try handle.close()
        #expect(throws: StoreError.self) { try store.neighbourIndex(lsaHash: "l1", tfidfHash: "t1") }
    }
}

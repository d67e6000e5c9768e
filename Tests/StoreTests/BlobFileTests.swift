import FileIO
import Foundation
import PaperRadarCore
import Testing

@testable import Store

#if canImport(Glibc)
    import Glibc
#endif

/// Large model data and vector blocks as files beside the database: written before the transaction naming them,
/// removed after the one that stops naming them, orphans cleaned, a vanished file reported as a concurrent change.
@Suite struct BlobFileTests {
    /// A store in a temporary folder, and its blob folder.
    static func fileStore() throws -> (store: PaperStore, folder: URL, blobs: String) {
        let folder = try Fixtures.temporaryFolder()
        let database = folder.appendingPathComponent("paperradar.sqlite")
        return (try PaperStore(databaseURL: database), folder, database.path + ".blobs")
    }

    static func files(_ blobs: String) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).filter { $0.hasSuffix(".bin") })
    }

    static let ids = (1...1_000).map { ArxivID(String(format: "2611.%05d", $0))! }
    /// 1,000 × 300 floats: 1.2 MB, above the threshold.
    static let large = VectorBlock(
        ids: ids, width: 300, values: (0..<300_000).map { Float($0 % 977) / 977 }, textSequence: 9)
    static let sparse = VectorBlock(
        ids: Array(ids.prefix(2)), width: 10, offsets: [0, 2, 3], indices: [1, 7, 4], values: [0.6, 0.8, 1],
        textSequence: 9)
    static func model(_ kind: String, _ hash: String, bytes: Int) -> StoredModel {
        StoredModel(
            kind: kind, contentHash: hash, paperCount: 1_000, summary: kind,
            data: (0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 31) })
    }

    @Test func largeBlocksAndModelsLiveInFilesAndReadBackExactly() throws {
        let (store, folder, blobs) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tfidf = Self.model("tfidf", "t1", bytes: 2 << 20)
        try store.saveModels([
            (tfidf, [Self.sparse]), (Self.model("lsa", "l1", bytes: 64), [Self.large]),
        ])
        #expect(Self.files(blobs).count == 2, "the 2 MB model and the 1.2 MB block; the small ones stay in rows")
        #expect(try store.vectorBlocks(modelHash: "l1") == [Self.large])
        #expect(try store.vectorBlocks(modelHash: "t1") == [Self.sparse])
        #expect(try store.currentModel(kind: "tfidf")?.data == tfidf.data)
        // Reopened, the same.
        let again = try PaperStore(databaseURL: folder.appendingPathComponent("paperradar.sqlite"))
        #expect(try again.vectorBlocks(modelHash: "l1") == [Self.large])
    }

    @Test func replacedModelsAndCompactedBlocksTakeTheirFilesWithThem() throws {
        let (store, folder, blobs) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveModels([(Self.model("lsa", "l1", bytes: 2 << 20), [Self.large])])
        let first = Self.files(blobs)
        #expect(first.count == 2)
        try store.saveModels([(Self.model("lsa", "l2", bytes: 2 << 20), [Self.large])])
        let second = Self.files(blobs)
        #expect(second.count == 2 && second.isDisjoint(with: first), "the replaced model's files are gone")
        // Compaction merges the blocks after the first into one (each paper's latest row) and keeps the first.
        let bulk = (0..<2_000).map { ArxivID(String(format: "2612.%05d", $0 + 1))! }
        let olderRows = VectorBlock(ids: bulk, width: 300, values: (0..<600_000).map { Float($0 % 13) }, textSequence: 10)
        let newerRows = VectorBlock(ids: bulk, width: 300, values: (0..<600_000).map { Float($0 % 7) }, textSequence: 11)
        let small = VectorBlock(
            ids: [bulk[0], Self.ids[5]], width: 300, values: (0..<600).map { Float($0) }, textSequence: 12)
        try store.appendVectorBlocks([("l2", olderRows)])
        try store.appendVectorBlocks([("l2", newerRows)])
        try store.appendVectorBlocks([("l2", small)])
        let beforeMerge = Self.files(blobs)
        try store.mergeLaterVectorBlocks(modelHashes: ["l2"])
        let blocks = try store.vectorBlocks(modelHash: "l2")
        #expect(blocks.count == 2 && blocks[0] == Self.large, "the first block is kept as it was")
        #expect(blocks[1].ids == bulk + [Self.ids[5]] && blocks[1].textSequence == 12)
        #expect(Array(blocks[1].values[0..<300]) == Array(small.values[0..<300]), "the latest row of a paper")
        #expect(Array(blocks[1].values[300..<600]) == Array(newerRows.values[300..<600]))
        #expect(Array(blocks[1].values[(2_000 * 300)...]) == Array(small.values[300...]))
        let third = Self.files(blobs)
        #expect(beforeMerge == second, "appended blocks stay in rows")
        #expect(third.count == 3 && third.isSuperset(of: second))
        #expect(third.subtracting(second).count == 1, "the merged block is one new file; the appended ones are gone")
        // Nothing to merge: unchanged.
        try store.mergeLaterVectorBlocks(modelHashes: ["l2"])
        #expect(try store.vectorBlocks(modelHash: "l2") == blocks)
    }

    @Test func orphansAreRemovedOnceTheyAreOldEnough() throws {
        let (store, folder, blobs) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveModels([(Self.model("lsa", "l1", bytes: 64), [Self.large])])
        let old = blobs + "/block-crashed-long-ago.bin"
        let fresh = blobs + "/block-being-written.bin"
        _ = FileManager.default.createFile(atPath: old, contents: Data([1]))
        _ = FileManager.default.createFile(atPath: fresh, contents: Data([2]))
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, old, &times, 0) == 0)
        try store.saveModels([(Self.model("lsa", "l2", bytes: 64), [Self.large])])
        #expect(!FileManager.default.fileExists(atPath: old), "an orphan from a crash long ago is removed")
        #expect(FileManager.default.fileExists(atPath: fresh), "a file another process may be writing is kept")
        #expect(try store.vectorBlocks(modelHash: "l2") == [Self.large])
    }

    @Test func aVanishedFileIsAConcurrentChange() throws {
        let (store, folder, blobs) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.saveModels([(Self.model("lsa", "l1", bytes: 64), [Self.large])])
        for name in Self.files(blobs) { try FileManager.default.removeItem(atPath: blobs + "/" + name) }
        #expect {
            try store.vectorBlocks(modelHash: "l1")
        } throws: { error in
            (error as? StoreError)?.isConcurrentChange == true
        }
    }

    @Test func inMemoryStoresKeepEverythingInRows() throws {
        let store = try PaperStore()
        try store.saveModels([(Self.model("lsa", "l1", bytes: 2 << 20), [Self.large])])
        #expect(try store.vectorBlocks(modelHash: "l1") == [Self.large])
        #expect(try store.currentModel(kind: "lsa")?.data.count == 2 << 20)
    }

    @Test func theFileFormRoundTripsAndRefusesDamage() throws {
        for block in [Self.large, Self.sparse] {
            let folder = try Fixtures.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("b.bin").path
            try AtomicFile.write(to: path) { try block.writeFile(to: &$0) }
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let decode = { (bytes: [UInt8]) throws -> VectorBlock? in
                let damaged = folder.appendingPathComponent("d.bin")
                try Data(bytes).write(to: damaged)
                return try VectorBlock.decode(
                    file: RandomAccessFile(path: damaged.path), textSequence: block.textSequence, count: block.rowCount,
                    width: block.width)
            }
            #expect(try decode(bytes) == block)
            #expect(try decode(Array(bytes.dropLast())) == nil, "truncated")
            #expect(try decode(bytes + [0]) == nil, "trailing bytes")
            #expect(try decode(Array(bytes.prefix(20))) == nil, "cut inside the header")
            var wrongMagic = bytes
            wrongMagic[0] = 0
            #expect(try decode(wrongMagic) == nil)
            var hugeCount = bytes
            hugeCount[8 + 8 * 3 + 7] = 0x7f  // a value count far beyond the file
            #expect(try decode(hugeCount) == nil)
        }
    }
}

extension VectorBlock {
    /// The same rows under another width (sparse), for appending a small block.
    fileprivate func withWidth(_ width: Int) -> VectorBlock {
        VectorBlock(ids: ids, width: width, offsets: offsets!, indices: indices!, values: values, textSequence: textSequence)
    }
}

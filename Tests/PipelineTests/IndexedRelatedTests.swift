import Foundation
import PaperRadarCore
import Store
import Testing

@testable import Pipeline

/// `related ID` from the stored neighbour index answers as the scan of the whole space: after the fit, after
/// digests are folded in and after their blocks are compacted; it steps aside while papers wait to be folded in.
@Suite struct IndexedRelatedTests {
    static func expectSameAsScan(
        _ store: PaperStore, _ space: VectorSpace, ids: [ArxivID], top: Int = 5,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let indexed = try #require(try IndexedRelatedQueries(store: store), sourceLocation: sourceLocation)
        let scan = RelatedQueries(space: space, store: store)
        for id in ids {
            let expected = try scan.related(to: id, top: top)
            let found = try #require(try indexed.related(to: id, top: top), sourceLocation: sourceLocation)
            #expect(found.query == id, sourceLocation: sourceLocation)
            #expect(found.items.map(\.id) == expected.items.map(\.id), "\(id)", sourceLocation: sourceLocation)
            for (a, b) in zip(found.items, expected.items) {
                #expect(abs(a.score - b.score) < 1e-4 && abs(a.semanticScore - b.semanticScore) < 1e-4, sourceLocation: sourceLocation)
                #expect(a.sharedTerms.map(\.term) == b.sharedTerms.map(\.term), "\(id)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func answersAsTheScanAfterAFitAndAfterFoldIns() throws {
        let papers = TestPapers.papers(perTheme: 10)
        let (store, folder) = try TestPapers.fileStore(with: papers)
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository).fit().space
        try Self.expectSameAsScan(store, space, ids: space.ids)
        #expect(try IndexedRelatedQueries(store: store)?.related(to: ArxivID("2611.99999")!, top: 5) == nil)

        // New papers and a changed text: stored, not folded in yet — the index steps aside.
        var added = TestPapers.papers(perTheme: 2, idOffset: 50)
        var changed = papers[3]
        changed.abstract = papers[0].abstract + " " + papers[0].title
        changed.version = 2
        added.append(changed)
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: added, warnings: []),
            from: DigestSource(path: "more.md", bytes: Array("more".utf8)))
        #expect(try IndexedRelatedQueries(store: store) == nil)
        // Folded in: the later rows replace the changed paper's indexed rows and add the new papers.
        try repository.catchUp(&space)
        try Self.expectSameAsScan(store, space, ids: space.ids)
        let related = try #require(try IndexedRelatedQueries(store: store)?.related(to: papers[0].id, top: 3))
        // The changed paper now repeats the first one's text (as does 2611.00051, drawn with the same seed).
        #expect(related.items.prefix(2).contains { $0.id == changed.id }, "\(related.items.map(\.id))")
        TestPapers.expectSameSpace(try repository.openSpace(), space)
    }

    @Test func aRefitWritesItsIndexInTheBackgroundAndNamesItAtTheSwap() throws {
        let papers = TestPapers.papers(perTheme: 10)
        let (store, folder) = try TestPapers.fileStore(with: papers)
        defer { try? FileManager.default.removeItem(at: folder) }
        let blobs = folder.appendingPathComponent("paperradar.sqlite.blobs").path
        func indexFiles() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: blobs).filter { $0.hasPrefix("index-") })
        }
        let fitter = try ModelFitter(repository: ModelRepository(store: store))
        _ = try fitter.fit()
        let first = try indexFiles()
        #expect(first.count == 1)
        // More papers, then a refit computed as the daemon does: its index file is written, not yet named.
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: TestPapers.papers(perTheme: 3, idOffset: 60), warnings: []),
            from: DigestSource(path: "more.md", bytes: Array("more".utf8)))
        let prepared = try fitter.prepare()
        let file = try #require(prepared.indexFile)
        #expect(try indexFiles() == first.union([file]))
        #expect(try IndexedRelatedQueries(store: store) == nil, "the stored papers wait for a fold-in or the swap")
        let space = try fitter.save(prepared).space
        #expect(try indexFiles() == [file], "the new file is named, the replaced one removed")
        try Self.expectSameAsScan(store, space, ids: space.ids)
    }

    @Test func survivesCompactionOfTheFoldedInBlocks() throws {
        let (store, folder) = try TestPapers.fileStore(with: TestPapers.papers())
        defer { try? FileManager.default.removeItem(at: folder) }
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository).fit().space
        let fitted = try store.vectorBlocks(modelHash: space.lsa.contentHash)[0]
        for i in 0..<(ModelRepository.compactionThreshold + 2) {
            let words = TestPapers.themes[i % TestPapers.themes.count].words
            let paper = Paper(
                id: ArxivID("2612.\(String(format: "%05d", i + 1))")!, title: "Paper \(i)",
                abstract: (0..<10).map { j in
                    // Distinct texts (no ties): words drawn by a hash of (paper, position).
                    let h = UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(j + 1) &* 0xBF58_476D_1CE4_E5B9
                    return words[Int((h >> 33) % UInt64(words.count))]
                }.joined(separator: " "))
            guard case .ingested(let digest) = try store.ingest(
                ParsedDigest(format: .arxivAnnouncement, date: nil, papers: [paper], warnings: []),
                from: DigestSource(path: "\(i).md", bytes: [UInt8(i)]))
            else { continue }
            try repository.extend(&space, with: digest)
        }
        let blocks = try store.vectorBlocks(modelHash: space.lsa.contentHash)
        #expect(blocks.count < ModelRepository.compactionThreshold && blocks[0] == fitted, "the fit's block is kept")
        try Self.expectSameAsScan(store, space, ids: space.ids)
        TestPapers.expectSameSpace(try repository.openSpace(), space)
    }

    @Test func theNearestListsHoldTheNearestPapers() throws {
        // 40 themes of 50 papers: about one list per theme; a query reads a sixteenth of the papers.
        let papers = TestPapers.manyThemes(40, perTheme: 50)
        let (store, folder) = try TestPapers.fileStore(with: papers)
        defer { try? FileManager.default.removeItem(at: folder) }
        var fitter = try ModelFitter(repository: ModelRepository(store: store))
        fitter.options.topicCount = .fixed(8)
        let space = try fitter.fit().space
        var indexed = try #require(try IndexedRelatedQueries(store: store))
        indexed.minimumScan = 1
        let scan = RelatedQueries(space: space, store: store)
        var overlap = 0, total = 0
        for row in stride(from: 0, to: space.count, by: 40) {
            let id = space.ids[row]
            let exact = Set(try scan.related(to: id, top: 10).items.map(\.id))
            let found = try #require(try indexed.related(to: id, top: 10))
            #expect(found.items.count == 10 && !found.items.contains { $0.id == id })
            #expect(zip(found.items, found.items.dropFirst()).allSatisfy { $0.score >= $1.score })
            overlap += found.items.filter { exact.contains($0.id) }.count
            total += 10
        }
        let recall = Double(overlap) / Double(total)
        #expect(recall >= 0.9, "recall@10 \(recall) reading a sixteenth of the papers")
        try Self.expectSameAsScan(store, space, ids: Array(space.ids.prefix(20)), top: 10)
    }
}

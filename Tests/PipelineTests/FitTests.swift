import LinearAlgebra
import PaperRadarCore
import Store
import Testing
import TextFeatures

@testable import Pipeline

@Suite struct FitTests {
    @Test func fitStoresTheModelsAndTheSpaceLoadsBackTheSame() throws {
        let papers = TestPapers.papers()
        let repository = ModelRepository(store: try TestPapers.store(with: papers))
        let result = try ModelFitter(repository: repository).fit()
        #expect(result.report.paperCount == papers.count)
        let model = try #require(try repository.currentTFIDF())
        #expect(model == result.report.tfidf)
        let fitted = result.space
        #expect(fitted.ids == papers.map(\.id))
        for (i, norm) in fitted.tfidfRows.rowNorms().enumerated() { #expect(abs(norm - 1) < 1e-4, "row \(i)") }
        // The stored vectors are the model's own transform.
        let direct = model.transform(try repository.store.allPapers())
        #expect(direct.columnIndices == fitted.tfidfRows.columnIndices)
        #expect(zip(direct.values, fitted.tfidfRows.values).allSatisfy { abs($0 - $1) < 1e-6 })

        let stored = try #require(try repository.storedSpace())
        #expect(stored.outdated.isEmpty)
        TestPapers.expectSameSpace(stored.space, fitted)
    }

    @Test func newPapersAreFoldedInWithTheFrozenModel() throws {
        let store = try TestPapers.store(with: TestPapers.papers())
        let repository = ModelRepository(store: store)
        let model = try ModelFitter(repository: repository).fit().report.tfidf
        var extra = TestPapers.papers(perTheme: 1, idOffset: 50)
        extra[0].abstract += " zyzzyva unseenword"
        _ = try store.ingest(
            ParsedDigest(format: .arxivAnnouncement, date: nil, papers: extra, warnings: []),
            from: DigestSource(path: "more.md", bytes: [7]))
        #expect(try repository.storedSpace()?.outdated.count == extra.count)
        let space = try repository.openSpace()
        #expect(try repository.currentTFIDF() == model, "folding in never refits")
        #expect(try repository.storedSpace()?.outdated.isEmpty == true, "the fold-in was stored")
        #expect(try space.count == store.paperCount())
        #expect(space.tfidfRows.columns == model.featureCount, "unknown terms are ignored")
        #expect(space.topics?.topicOfRow.count == space.count, "folded-in papers get a topic")
        TestPapers.expectSameSpace(try repository.openSpace(), space)
    }

    @Test func extendingWithADigestEqualsAFreshLoad() throws {
        let store = try TestPapers.store(with: TestPapers.papers())
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository).fit().space
        // A digest with new papers (lower ids than some stored ones) and a known paper whose text changes.
        var changed = TestPapers.papers(perTheme: 1)[0]
        changed.version = 2
        changed.abstract = "We study retrieval passage query reranker document index grounded retrieval."
        let fresh = (0..<3).map {
            Paper(id: ArxivID("2605.0000\($0 + 1)")!, title: "Agents for tools \($0)", abstract: "agent tool planning web action")
        }
        guard case .ingested(let digest) = try store.ingest(
            ParsedDigest(format: .arxivAnnouncement, date: nil, papers: fresh + [changed], warnings: []),
            from: DigestSource(path: "new.md", bytes: [9]))
        else {
            Issue.record("the digest did not land")
            return
        }
        #expect(digest.changes == [.new, .new, .new, .updated])
        try repository.extend(&space, with: digest)
        #expect(space.count == 35)
        TestPapers.expectSameSpace(try repository.openSpace(), space)
        let row = try #require(space.row(of: changed.id))
        let expected = space.tfidf.transform([changed])
        #expect(space.tfidfRows.row(row).map(\.column) == expected.row(0).map(\.column), "the changed text's row")
    }

    @Test func titleOnlyPapersAreCompletedNotDuplicated() throws {
        var titleOnly = TestPapers.papers(perTheme: 1, idOffset: 70)[0]
        let abstract = titleOnly.abstract
        titleOnly.abstract = ""
        let store = try TestPapers.store(with: TestPapers.papers() + [titleOnly])
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository).fit().space
        let row = try #require(space.row(of: titleOnly.id))
        let titleRow = space.tfidfRows.row(row)
        var complete = titleOnly
        complete.abstract = abstract
        guard case .ingested(let digest) = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: [complete], warnings: []),
            from: DigestSource(path: "later.md", bytes: [3]))
        else {
            Issue.record("the digest did not land")
            return
        }
        try repository.extend(&space, with: digest)
        #expect(space.count == 33 && space.row(of: titleOnly.id) == row)
        #expect(space.tfidfRows.row(row).count > titleRow.count, "the abstract's terms are in the row now")
        TestPapers.expectSameSpace(try repository.openSpace(), space)
    }

    @Test func manyFoldInsAreCompacted() throws {
        let store = try TestPapers.store(with: TestPapers.papers())
        let repository = ModelRepository(store: store)
        var space = try ModelFitter(repository: repository).fit().space
        for i in 0..<(ModelRepository.compactionThreshold + 2) {
            let paper = Paper(id: ArxivID("2612.\(String(format: "%05d", i + 1))")!, title: "Paper \(i)", abstract: "agent tool web")
            guard case .ingested(let digest) = try store.ingest(
                ParsedDigest(format: .arxivAnnouncement, date: nil, papers: [paper], warnings: []),
                from: DigestSource(path: "\(i).md", bytes: [UInt8(i)]))
            else { continue }
            try repository.extend(&space, with: digest)
        }
        #expect(try store.vectorBlockCount(modelHash: space.tfidf.contentHash) < ModelRepository.compactionThreshold)
        TestPapers.expectSameSpace(try repository.openSpace(), space)
    }

    @Test func importedModelReplacesTheCurrentOne() throws {
        let repository = ModelRepository(store: try TestPapers.store(with: TestPapers.papers()))
        var options = FitOptions()
        options.tfidf.minDF = 1
        let first = try ModelFitter(repository: repository, options: options).fit().report.tfidf
        let other = ModelRepository(store: try TestPapers.store(with: TestPapers.papers(perTheme: 5)))
        let second = try ModelFitter(repository: other).fit().report.tfidf
        #expect(first.contentHash != second.contentHash)
        let imported = try ModelFitter(repository: repository).fit(importing: second.encoded())
        #expect(imported.report.tfidf == second)
        #expect(try repository.currentTFIDF() == second)
        #expect(try repository.store.vectorBlockCount(modelHash: first.contentHash) == 0, "old vectors are gone")
        #expect(try repository.openSpace().count == 32)
    }

    @Test func clearErrors() throws {
        let empty = ModelRepository(store: try PaperStore())
        #expect(throws: PipelineError.self) { try ModelFitter(repository: empty).fit() }
        #expect(throws: PipelineError.self) { try empty.requireTFIDF() }
        #expect(throws: PipelineError.self) { try empty.openSpace() }
        let repository = ModelRepository(store: try TestPapers.store(with: TestPapers.papers()))
        #expect(throws: PipelineError.self) { try ModelFitter(repository: repository).fit(importing: [1, 2, 3]) }
    }

    @Test func bundledModelFilesAreEmbedded() throws {
        let inputs = try ModelInputs.bundled()
        #expect(inputs.stopWords.contains("propose"))
        #expect((inputs.prior?.documentCount ?? 0) > 90_000)
        #expect(try ModelInputs.bundledCatalog().topics.count > 5)
    }

    @Test func onePaperFitsWithoutTopics() throws {
        let repository = ModelRepository(store: try TestPapers.store(with: Array(TestPapers.papers(perTheme: 1).prefix(1))))
        let result = try ModelFitter(repository: repository).fit()
        #expect(result.report.topics == nil)
        #expect(result.report.lsa.dimension == 1)
        #expect(try repository.currentTopics() == nil)
        #expect(try repository.openSpace().count == 1)
    }

    @Test func aCancelledFitStoresNothing() throws {
        let repository = ModelRepository(store: try TestPapers.store(with: TestPapers.papers()))
        var stages = 0
        #expect(throws: CancellationError.self) {
            try ModelFitter(repository: repository).fit(progress: { _ in stages += 1 }, isCancelled: { stages >= 2 })
        }
        #expect(try repository.currentTFIDF() == nil)
    }
}

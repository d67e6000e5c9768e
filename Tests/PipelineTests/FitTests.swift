import LinearAlgebra
import PaperRadarCore
import Store
import Testing
import TextFeatures

@testable import Pipeline

@Suite struct FitTests {
    @Test func fitStoresTheModelAndOneVectorPerPaper() throws {
        let papers = TestPapers.papers()
        let engine = Engine(store: try TestPapers.store(with: papers))
        let report = try engine.fit()
        #expect(report.paperCount == papers.count)
        let model = try #require(try engine.currentTFIDF())
        #expect(model == report.tfidf)
        let (_, ids, matrix) = try engine.tfidfMatrix()
        #expect(ids == papers.map(\.id).sorted())
        #expect(matrix.rows == papers.count)
        for (i, norm) in matrix.rowNorms().enumerated() { #expect(abs(norm - 1) < 1e-4, "row \(i)") }
        // The stored vectors are the model's own transform.
        let direct = model.transform(try engine.store.allPapers())
        #expect(direct.columnIndices == matrix.columnIndices)
        #expect(zip(direct.values, matrix.values).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func newPapersAreFoldedInWithTheFrozenModel() throws {
        let store = try TestPapers.store(with: TestPapers.papers())
        let engine = Engine(store: store)
        let model = try engine.fit().tfidf
        var extra = TestPapers.papers(perTheme: 1, idOffset: 50)
        extra[0].abstract += " zyzzyva unseenword"
        _ = try store.ingest(
            ParsedDigest(format: .arxivAnnouncement, date: nil, papers: extra, warnings: []),
            from: DigestSource(path: "more.md", bytes: [7]))
        #expect(try engine.foldInNewPapers() == extra.count)
        #expect(try engine.currentTFIDF() == model, "folding in never refits")
        #expect(try engine.foldInNewPapers() == 0)
        let (_, ids, matrix) = try engine.tfidfMatrix()
        #expect(try ids.count == store.paperCount())
        #expect(matrix.columns == model.featureCount, "unknown terms are ignored")
    }

    @Test func importedModelReplacesTheCurrentOne() throws {
        let engine = Engine(store: try TestPapers.store(with: TestPapers.papers()))
        var options = FitOptions()
        options.tfidf.minDF = 1
        let first = try engine.fit(options: options).tfidf
        let other = Engine(store: try TestPapers.store(with: TestPapers.papers(perTheme: 5)))
        let second = try other.fit().tfidf
        #expect(first.contentHash != second.contentHash)
        let imported = try engine.importModel(second.encoded())
        #expect(imported == second)
        #expect(try engine.currentTFIDF() == second)
        #expect(try engine.store.vectors(modelHash: first.contentHash).isEmpty, "old vectors are gone")
        #expect(try engine.store.vectors(modelHash: second.contentHash).count == 32)
    }

    @Test func clearErrors() throws {
        let empty = Engine(store: try PaperStore())
        #expect(throws: PipelineError.self) { try empty.fit() }
        #expect(throws: PipelineError.self) { try empty.requireTFIDF() }
        let engine = Engine(store: try TestPapers.store(with: TestPapers.papers()))
        #expect(throws: PipelineError.self) { try engine.importModel([1, 2, 3]) }
    }

    @Test func bundledModelFilesAreEmbedded() throws {
        let inputs = try ModelInputs.bundled()
        #expect(inputs.stopWords.contains("propose"))
        #expect((inputs.prior?.documentCount ?? 0) > 90_000)
    }

    @Test func onePaperFitsWithoutTopics() throws {
        let engine = Engine(store: try TestPapers.store(with: Array(TestPapers.papers(perTheme: 1).prefix(1))))
        let report = try engine.fit()
        #expect(report.topics == nil)
        #expect(report.lsa.dimension == 1)
        #expect(try engine.currentTopics() == nil)
        #expect(try engine.vectorSpace().ids.count == 1)
    }
}

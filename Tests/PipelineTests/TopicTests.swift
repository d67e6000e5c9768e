import DigestParsing
import Foundation
import PaperRadarCore
import Store
import Topics
import Testing

@testable import Pipeline
import TestSupport

/// The repository's example digests, parsed into a fresh store.
enum Examples {
    static let folder: URL = Repository.examples

    static func store() throws -> PaperStore {
        let store = try PaperStore()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count == 5)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let parsed = try DigestParser().parse(bytes: bytes)
            _ = try store.ingest(parsed, from: DigestSource(path: file, bytes: bytes))
        }
        return store
    }
}

@Suite(.serialized) struct TopicTests {
    /// The named topic a paper's title makes obvious, for the four main themes of the examples.
    static func expectedNamedTopic(_ title: String) -> String? {
        let t = title.lowercased()
        if t.contains("retrieval") || t.contains("rerank") || t.contains("rag") { return "rag" }
        if t.contains("agent") { return "agents" }
        if t.contains("image") || t.contains("video") || t.contains("detection") || t.contains("segmentation")
            || t.contains("3d") || t.contains("vision-language")
        {
            return "vision"
        }
        return nil
    }

    @Test func exampleDigestsMapToTheNamedTopics() throws {
        let store = try Examples.store()
        let repository = ModelRepository(store: store)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        let report = try ModelFitter(repository: repository, options: options).fit().report
        let reportTopics = try #require(report.topics)
        let names = Set(reportTopics.topics.compactMap(\.namedTopicID))
        #expect(names == ["llm", "agents", "rag", "vision"], "topics: \(reportTopics.topics.map(\.name))")

        // Papers whose title names a theme sit in the topic of that name, and are most similar to that named topic.
        let (hash, model) = try #require(try repository.currentTopics().map { ($0.hash, $0.model) })
        let assignments = try store.topicAssignments(modelHash: hash)
        let catalogIDs = model.namedTopicIDs
        var checked = 0
        var inNamedTopic = 0
        var bestNamed = 0
        for assignment in assignments {
            guard let paper = try store.paper(id: assignment.paperID),
                let expected = Self.expectedNamedTopic(paper.title)
            else { continue }
            checked += 1
            if model.topic(id: assignment.topicID)?.namedTopicID == expected { inNamedTopic += 1 }
            // Papers often straddle two named topics (a CT segmentation paper is medical and vision): the expected
            // one must be among the paper's two closest.
            let closest = assignment.namedSimilarities.indices.sorted {
                assignment.namedSimilarities[$0] > assignment.namedSimilarities[$1]
            }.prefix(2)
            if closest.contains(where: { catalogIDs[$0] == expected }) { bestNamed += 1 }
        }
        #expect(checked >= 20)
        #expect(Double(inNamedTopic) / Double(checked) >= 0.8, "\(inNamedTopic) of \(checked) in their named topic")
        #expect(Double(bestNamed) / Double(checked) >= 0.9, "\(bestNamed) of \(checked) close to their named topic")
        for assignment in assignments { #expect(assignment.namedSimilarities.count == catalogIDs.count) }
    }

    @Test func autoKKeepsTheCurve() throws {
        let report = try ModelFitter(repository: ModelRepository(store: try Examples.store())).fit().report
        let reportTopics = try #require(report.topics)
        #expect(reportTopics.kChoice == "auto")
        #expect(reportTopics.kCurve.count >= 2)
        #expect(reportTopics.kCurve.contains { $0.k == reportTopics.topics.count })
        #expect(reportTopics.topics.map(\.size).reduce(0, +) == 52)
    }

    @Test func idsPersistAcrossRefitsOnShiftedData() throws {
        let store = try TestPapers.store(with: TestPapers.papers(perTheme: 10))
        let repository = ModelRepository(store: store)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        func fit() throws -> TopicModel? { try ModelFitter(repository: repository, options: options).fit().report.topics }
        let first = try #require(try fit())
        let themeOf = { (model: TopicModel) -> [String: Int] in
            Dictionary(uniqueKeysWithValues: model.topics.map { ($0.topTerms.first ?? "", $0.id) })
        }
        #expect(Set(first.topics.map(\.id)) == [1, 2, 3, 4])
        #expect(try store.topicEvents().map(\.kind) == ["appeared", "appeared", "appeared", "appeared"])

        // Shift the corpus: more papers on two of the themes, then refit everything (new TF-IDF, new LSA basis).
        let extra = TestPapers.papers(perTheme: 10, idOffset: 50).filter { $0.tags == ["RAG"] || $0.tags == ["LLM"] }
        _ = try store.ingest(
            ParsedDigest(format: .arxivAnnouncement, date: nil, papers: extra, warnings: []),
            from: DigestSource(path: "more.md", bytes: [1, 2, 3]))
        let second = try #require(try fit())
        #expect(themeOf(second) == themeOf(first), "each theme keeps its topic id")
        let events = try store.topicEvents().suffix(4)
        #expect(Set(events.map(\.kind)).isSubset(of: ["grew", "shrank", "stable"]))
        #expect(events.filter { $0.kind == "grew" }.count == 2)

        // Five topics next: one appears, the old ids stay.
        options.topicCount = .fixed(5)
        let third = try #require(try fit())
        #expect(Set(third.topics.map(\.id)).isSuperset(of: [1, 2, 3, 4]) || third.topics.contains { $0.id == 5 })
        #expect(try store.topicEvents().contains { $0.kind == "appeared" && $0.topicID == 5 })
    }

    @Test func topicsAreDeterministic() throws {
        let a = try #require(try ModelFitter(repository: ModelRepository(store: try Examples.store())).fit().report.topics)
        let b = try #require(try ModelFitter(repository: ModelRepository(store: try Examples.store())).fit().report.topics)
        #expect(a == b)
    }

    @Test func aPaperWithNoKnownWordsDoesNotBreakTheFit() throws {
        var papers = TestPapers.papers(perTheme: 6)
        papers.append(
            Paper(id: ArxivID("2611.09999")!, title: "全中文标题", abstract: "这是一篇只有中文的摘要，没有英文词。"))
        let store = try TestPapers.store(with: papers)
        let repository = ModelRepository(store: store)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        let result = try ModelFitter(repository: repository, options: options).fit()
        let reportTopics = try #require(result.report.topics)
        #expect(reportTopics.topics.map(\.size).reduce(0, +) == papers.count)
        let hash = try #require(try repository.currentTopics()?.hash)
        let assignment = try #require(
            try store.topicAssignments(modelHash: hash).first { $0.paperID.rawValue == "2611.09999" })
        #expect(assignment.similarity == 0)
        let related = try RelatedQueries(space: result.space, store: store).related(to: ArxivID("2611.09999")!, top: 3)
        #expect(related.items.allSatisfy { $0.score == 0 })
    }

    @Test func papersIngestedAfterTheFitGetTheirNearestTopic() throws {
        let store = try Examples.store()
        let repository = ModelRepository(store: store)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        _ = try ModelFitter(repository: repository, options: options).fit()
        let retrieval = Paper(
            id: ArxivID("2611.99001")!, version: 1, title: "Dense Retrieval with a Cross-Encoder Reranker",
            abstract: "We improve retrieval-augmented generation: a dense retriever finds passages for each query and "
                + "a reranker orders them before the answer is generated, which reduces hallucinated answers.")
        _ = try store.ingest(
            ParsedDigest(format: .arxivAnnouncement, date: nil, papers: [retrieval], warnings: []),
            from: DigestSource(path: "late.md", bytes: [42]))
        let space = try repository.openSpace()
        let (model, hash) = try #require(try repository.currentTopics())
        let assignments = try store.topicAssignments(modelHash: hash)
        #expect(assignments.count == space.ids.count, "every paper has a topic")
        let late = try #require(assignments.first { $0.paperID == retrieval.id })
        #expect(model.topic(id: late.topicID)?.namedTopicID == "rag")
        #expect(late.similarity > 0)
        #expect(space.topic(ofRow: try #require(space.row(of: retrieval.id)))?.namedTopicID == "rag")
    }
}

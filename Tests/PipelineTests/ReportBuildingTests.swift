import DigestParsing
import Foundation
import PaperRadarCore
import Reports
import Store
import Testing

@testable import Pipeline

/// Digest and topic report values built from a store, and the daemon's incremental vector space.
@Suite(.serialized) struct ReportBuildingTests {
    static let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

    /// A fitted store of the example digests, its space and a report builder over it.
    static func fitted() throws -> (store: PaperStore, space: VectorSpace, builder: ReportBuilder) {
        let store = try Examples.store()
        var options = FitOptions()
        options.topicCount = .fixed(4)
        let space = try ModelFitter(repository: ModelRepository(store: store), options: options).fit().space
        return (store, space, ReportBuilder(space: space, store: store, now: fixedNow))
    }

    @Test func digestReportCoversEveryPaperWithTopicsAndRelatedPapers() throws {
        let (store, space, builder) = try Self.fitted()
        let firstID = try #require(try store.digests().first).id
        let ingested = try #require(try store.ingestedDigest(id: firstID))
        let digest = ingested.record
        let report = try builder.digestReport(ingested, top: 3)
        let members = ingested.papers

        #expect(report.entries.count == members.count)
        #expect(Set(report.entries.map(\.paper.id)) == Set(members.map(\.id.rawValue)))
        #expect(report.summary.paperCount == members.count)
        #expect(report.summary.newCount + report.summary.knownCount == members.count)
        // The first digest brought every one of its papers.
        #expect(report.summary.newCount == digest.newCount)
        #expect(report.summary.topicMix.map(\.count).reduce(0, +) == members.count)
        #expect(report.ordering == .topic)
        #expect(report.provenance.modelHash == space.modelHash)
        #expect(report.provenance.generatedAt == "2026-11-18T11:06:40Z")
        #expect(report.digest.file == URL(fileURLWithPath: digest.path).lastPathComponent)
        for entry in report.entries {
            #expect(entry.topic != nil)
            #expect(entry.related.count == 3)
            #expect(!entry.related.contains { $0.paper.id == entry.paper.id })
            #expect(entry.related.map(\.score) == entry.related.map(\.score).sorted(by: >))
        }
        // Grouped by topic: each topic's entries are one consecutive run, in the mix's order.
        var runs: [Int] = []
        for entry in report.entries where runs.last != entry.topic?.id { runs.append(entry.topic!.id) }
        #expect(runs == report.summary.topicMix.map(\.topic.id))
    }

    @Test func profileScoresOrderTheDigestBestFirst() throws {
        let (store, _, builder) = try Self.fitted()
        let firstID = try #require(try store.digests().first).id
        let digest = try #require(try store.ingestedDigest(id: firstID))
        let ids = digest.papers.map(\.id)
        let scores = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Double($0) / 100) })
        let report = try builder.digestReport(digest, profileScores: scores)
        #expect(report.ordering == .profile)
        #expect(report.entries.map(\.paper.id) == ids.reversed().map(\.rawValue))
    }

    @Test func aDigestIngestedAgainLaterReportsItsPapersAsKnown() throws {
        var (store, space, _) = try Self.fitted()
        let first = try #require(try store.digests().first)
        let papers = try #require(try store.ingestedDigest(id: first.id)).papers
        let outcome = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: "2026-11-20", papers: Array(papers.prefix(3)), warnings: []),
            from: DigestSource(path: "again.md", bytes: Array("again".utf8)))
        guard case .ingested(let digest) = outcome else { Issue.record("not ingested"); return }
        try ModelRepository(store: store).extend(&space, with: digest)
        let report = try ReportBuilder(space: space, store: store).digestReport(digest)
        #expect(report.summary.newCount == 0)
        #expect(report.summary.knownCount == 3)
        #expect(report.entries.allSatisfy { !$0.isNew })
    }

    @Test func titleOnlyPapersGetATopicAndRelatedPapersFromTheirTitlesAndAreCounted() throws {
        var (store, space, _) = try Self.fitted()
        let titleOnly = Paper(
            id: ArxivID("2612.99998")!, title: "Retrieval augmented generation with a passage reranker", abstract: "")
        let outcome = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: "2026-11-21", papers: [titleOnly], warnings: []),
            from: DigestSource(path: "archive.md", bytes: Array("archive".utf8)))
        guard case .ingested(let digest) = outcome else { Issue.record("not ingested"); return }
        try ModelRepository(store: store).extend(&space, with: digest)
        let report = try ReportBuilder(space: space, store: store).digestReport(digest, top: 3)
        #expect(report.summary.titleOnlyCount == 1)
        let entry = try #require(report.entries.first)
        #expect(entry.isTitleOnly && entry.topic != nil && entry.related.count == 3)
        #expect(entry.related.allSatisfy { !$0.sharedTerms.isEmpty }, "the title's words explain the matches")
    }

    @Test func extendingAddsNewPapersAndMatchesAFreshSpace() throws {
        var (store, space, _) = try Self.fitted()
        let before = space.count
        // One id sorting before every stored id, one after: order does not matter to the space.
        let fresh = [
            Paper(id: ArxivID("2001.00001")!, title: "Retrieval reranker for passages",
                  abstract: "A reranker over retrieved passages improves grounded question answering."),
            Paper(id: ArxivID("2612.99999")!, title: "Segmentation of video",
                  abstract: "Video object segmentation with a diffusion prior and camera motion."),
        ]
        guard case .ingested(let digest) = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: fresh, warnings: []),
            from: DigestSource(path: "new.md", bytes: Array("new".utf8)))
        else {
            Issue.record("not ingested")
            return
        }
        let repository = ModelRepository(store: store)
        try repository.extend(&space, with: digest)
        #expect(space.count == before + 2)
        TestPapers.expectSameSpace(space, try repository.openSpace())
        // New papers got a topic right away, stored too.
        let hash = try #require(space.topics?.hash)
        #expect(try store.topicAssignments(modelHash: hash, ids: fresh.map(\.id)).count == 2)
        #expect(fresh.allSatisfy { space.row(of: $0.id).flatMap(space.topic(ofRow:)) != nil })
        // Nothing new: the same space.
        let again = space
        try repository.catchUp(&space)
        #expect(space.ids == again.ids)
    }

    @Test func topicReportCountsEveryPaperAndMapsThem() throws {
        let (store, _, builder) = try Self.fitted()
        let report = try builder.topicReport()
        let count = try store.paperCount()
        #expect(report.topics.count == 4)
        #expect(report.topics.map(\.size).reduce(0, +) == count)
        #expect(report.topics.map(\.size) == report.topics.map(\.size).sorted(by: >))
        #expect(report.map.count == count)
        #expect(report.mapPaperCount == count)
        #expect(!report.mapSampled)
        #expect(report.mapExplainedVariance.count == 2)
        #expect(report.mapExplainedVariance[0] >= report.mapExplainedVariance[1])
        #expect(report.mapExplainedVariance.reduce(0, +) <= 1.0001)
        #expect(report.map.allSatisfy { $0.x.isFinite && $0.y.isFinite })
        #expect(!report.dates.isEmpty)
        #expect(report.dates == report.dates.sorted())
        for topic in report.topics {
            #expect(topic.growth.count == report.dates.count)
            #expect(topic.growth.reduce(0, +) <= topic.size)
            #expect(!topic.centralPapers.isEmpty)
            #expect(!topic.topTerms.isEmpty)
        }
        #expect(report.kChoice.contains("fixed"))
        #expect(report.events.count >= 4)
    }

    @Test func evenSampleSpreadsOverTheRows() {
        #expect(ReportBuilder.evenSample(count: 5, limit: 10) == [0, 1, 2, 3, 4])
        let sample = ReportBuilder.evenSample(count: 10_000, limit: 100)
        #expect(sample.count == 100 && sample.first == 0 && sample.last == 9_900)
        #expect(Set(sample).count == 100)
    }
}

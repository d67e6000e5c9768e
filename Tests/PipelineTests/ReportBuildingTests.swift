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

    /// A fitted store of the example digests and its engine.
    static func fittedEngine() throws -> Engine {
        let engine = Engine(store: try Examples.store())
        var options = FitOptions()
        options.topicCount = .fixed(4)
        _ = try engine.fit(options: options)
        return engine
    }

    @Test func digestReportCoversEveryPaperWithTopicsAndRelatedPapers() throws {
        let engine = try Self.fittedEngine()
        let space = try engine.vectorSpace()
        let digest = try #require(try engine.store.digests().first)
        let report = try engine.digestReport(digestID: digest.id, space: space, top: 3, now: Self.fixedNow)
        let members = try engine.store.papers(inDigest: digest.id)

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
        let engine = try Self.fittedEngine()
        let space = try engine.vectorSpace()
        let digest = try #require(try engine.store.digests().first)
        let ids = try engine.store.papers(inDigest: digest.id).map(\.id)
        let scores = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Double($0) / 100) })
        let report = try engine.digestReport(digestID: digest.id, space: space, profileScores: scores)
        #expect(report.ordering == .profile)
        #expect(report.entries.map(\.paper.id) == ids.reversed().map(\.rawValue))
    }

    @Test func aDigestIngestedAgainLaterReportsItsPapersAsKnown() throws {
        let engine = try Self.fittedEngine()
        let first = try #require(try engine.store.digests().first)
        let papers = try engine.store.papers(inDigest: first.id)
        let outcome = try engine.store.ingest(
            ParsedDigest(format: .tableAbstracts, date: "2026-11-20", papers: Array(papers.prefix(3)), warnings: []),
            from: DigestSource(path: "again.md", bytes: Array("again".utf8)))
        guard case .ingested(let record) = outcome else { Issue.record("not ingested"); return }
        let report = try engine.digestReport(digestID: record.id, space: try engine.vectorSpace())
        #expect(report.summary.newCount == 0)
        #expect(report.summary.knownCount == 3)
        #expect(report.entries.allSatisfy { !$0.isNew })
    }

    @Test func extendingAddsNewPapersWithoutReloadingAndMatchesAFreshSpace() throws {
        let engine = try Self.fittedEngine()
        let space = try engine.vectorSpace()
        // One id sorting before every stored id, one after: both paths of the merge.
        let fresh = [
            Paper(id: ArxivID("2001.00001")!, title: "Retrieval reranker for passages",
                  abstract: "A reranker over retrieved passages improves grounded question answering."),
            Paper(id: ArxivID("2612.99999")!, title: "Segmentation of video",
                  abstract: "Video object segmentation with a diffusion prior and camera motion."),
        ]
        _ = try engine.store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: fresh, warnings: []),
            from: DigestSource(path: "new.md", bytes: Array("new".utf8)))
        let extended = try engine.extending(space)
        let reloaded = try engine.vectorSpace()
        #expect(extended.ids == reloaded.ids)
        #expect(extended.ids.count == space.ids.count + 2)
        #expect(extended.ids == extended.ids.sorted())
        #expect(extended.tfidfRows == reloaded.tfidfRows)
        #expect(extended.embeddings == reloaded.embeddings)
        #expect(extended.neighbours == reloaded.neighbours)
        // New papers got a topic right away.
        let (_, hash) = try #require(try engine.currentTopics())
        let assigned = try engine.store.topicAssignments(modelHash: hash, ids: fresh.map(\.id))
        #expect(assigned.count == 2)
        // Nothing new: the same space back.
        #expect(try engine.extending(extended).ids == extended.ids)
    }

    @Test func topicReportCountsEveryPaperAndMapsThem() throws {
        let engine = try Self.fittedEngine()
        let report = try engine.topicReport(now: Self.fixedNow)
        let count = try engine.store.paperCount()
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
        #expect(Engine.evenSample(count: 5, limit: 10) == [0, 1, 2, 3, 4])
        let sample = Engine.evenSample(count: 10_000, limit: 100)
        #expect(sample.count == 100 && sample.first == 0 && sample.last == 9_900)
        #expect(Set(sample).count == 100)
    }
}

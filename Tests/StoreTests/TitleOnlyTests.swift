import Foundation
import PaperRadarCore
import Testing

@testable import Store

/// Title-only papers (no English abstract yet): stored, counted, completed rather than duplicated.
@Suite struct TitleOnlyTests {
    /// A table row's view of a paper: title, first author, no abstract.
    static func titleOnly(_ id: String, version: Int? = 1, title: String = "Moss Maps") -> Paper {
        Paper(
            id: ArxivID(id)!, version: version, title: title, authors: ["Ilse Vos"], abstract: "", date: "2026-11-02",
            tags: ["SLAM"])
    }

    static func record(_ outcome: IngestOutcome) throws -> DigestRecord {
        guard case .ingested(let digest) = outcome else { throw StoreError("expected an ingest, got \(outcome)") }
        return digest.record
    }

    @Test func titleOnlyPapersAreStoredAndCounted() throws {
        let store = try PaperStore()
        let digest = Fixtures.digest([Self.titleOnly("2611.00101"), Fixtures.paper("2611.00102")])
        let record = try Self.record(try store.ingest(digest, from: DigestSource(path: "a.md", bytes: [1])))
        #expect(record.paperCount == 2)
        #expect(record.titleOnlyCount == 1)
        let stored = try #require(try store.paper(id: ArxivID("2611.00101")!))
        #expect(stored.isTitleOnly)
        #expect(stored.title == "Moss Maps" && stored.tags == ["SLAM"])
        let stats = try store.stats()
        #expect(stats.paperCount == 2 && stats.titleOnlyCount == 1)
    }

    @Test func aLaterDigestCompletesATitleOnlyPaper() throws {
        let store = try PaperStore()
        let first = try Self.record(
            try store.ingest(
                Fixtures.digest([Self.titleOnly("2611.00101", title: "Moss maps")]),
                from: DigestSource(path: "archive.md", bytes: [1])))
        var full = Fixtures.paper(
            "2611.00101", title: "Moss Maps: Mapping Forests with a Single Lidar", abstract: "We map forests.")
        full.authors = ["Ilse Vos", "Tariq Haddad"]
        let second = try Self.record(
            try store.ingest(Fixtures.digest([full]), from: DigestSource(path: "llm.md", bytes: [2])))
        #expect(second.updatedCount == 1 && second.newCount == 0)
        #expect(try store.paperCount() == 1, "completed, not duplicated")
        let stored = try #require(try store.paper(id: full.id))
        #expect(stored.abstract == "We map forests.")
        #expect(stored.title == "Moss Maps: Mapping Forests with a Single Lidar")
        #expect(stored.authors == ["Ilse Vos", "Tariq Haddad"])
        #expect(stored.tags == ["SLAM"], "tags of both digests")
        #expect(try store.digest(id: first.id)?.titleOnlyCount == 0)
        #expect(try store.stats().titleOnlyCount == 0)
    }

    @Test func aTitleOnlyMentionNeverErasesAnAbstract() throws {
        let store = try PaperStore()
        _ = try store.ingest(
            Fixtures.digest([Fixtures.paper("2611.00101", abstract: "We map forests.")]),
            from: DigestSource(path: "a.md", bytes: [1]))
        // The same version, then a newer one, both without an abstract.
        _ = try store.ingest(Fixtures.digest([Self.titleOnly("2611.00101")]), from: DigestSource(path: "b.md", bytes: [2]))
        _ = try store.ingest(
            Fixtures.digest([Self.titleOnly("2611.00101", version: 2, title: "Moss Maps v2")]),
            from: DigestSource(path: "c.md", bytes: [3]))
        let stored = try #require(try store.paper(id: ArxivID("2611.00101")!))
        #expect(stored.abstract == "We map forests.")
        #expect(stored.version == 2 && stored.title == "Moss Maps v2")
        #expect(try store.stats().titleOnlyCount == 0)
    }

    @Test func anImportCompletesATitleOnlyPaper() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PaperStore()
        _ = try store.ingest(Fixtures.digest([Self.titleOnly("2611.00101")]), from: DigestSource(path: "a.md", bytes: [1]))
        let file = folder.appendingPathComponent("papers.jsonl")
        try Data("2611.00101|Moss Maps: Mapping Forests with a Single Lidar|We map forests.\n".utf8).write(to: file)
        let summary = try store.importPapers(from: file, decode: ImportTests.decodeLine)
        #expect(summary.updatedCount == 1 && summary.newCount == 0)
        #expect(try store.paperCount() == 1)
        #expect(try store.paper(id: ArxivID("2611.00101")!)?.abstract == "We map forests.")
        #expect(try store.stats().titleOnlyCount == 0)
    }

    @Test func aCompletedPaperTakesANewTextSequenceSoItsVectorsAreComputedAgain() throws {
        let store = try PaperStore()
        let untouched = Fixtures.paper("2611.00102")
        _ = try store.ingest(
            Fixtures.digest([Self.titleOnly("2611.00101"), untouched]), from: DigestSource(path: "a.md", bytes: [1]))
        #expect(try store.lastTextSequence() == 2)

        // Only tags change: no new text.
        _ = try store.ingest(Fixtures.digest([untouched]), from: DigestSource(path: "b.md", bytes: [2]))
        #expect(try store.lastTextSequence() == 2)

        // The abstract arrives: the completed paper is new text after everything vectorised so far.
        guard
            case .ingested(let completed) = try store.ingest(
                Fixtures.digest([Fixtures.paper("2611.00101", title: "Moss Maps", abstract: "We map forests.")]),
                from: DigestSource(path: "c.md", bytes: [3]))
        else {
            Issue.record("not ingested")
            return
        }
        #expect(completed.changes == [.updated] && completed.textSequences == 3...3)
        #expect(try store.texts(after: 2).map(\.id) == [ArxivID("2611.00101")!])
        #expect(try store.paperCount() == 2)
    }
}

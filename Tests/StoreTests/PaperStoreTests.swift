import Foundation
import PaperRadarCore
import Testing

@testable import Store

@Suite struct PaperStoreTests {
    @Test func ingestRoundTrip() throws {
        let store = try PaperStore()
        var first = Fixtures.paper("2611.00001", categories: ["cs.CL", "cs.AI"], tags: ["LLM", "Agents"])
        first.codeURL = "https://github.com/example/repo"
        first.extras = PaperExtras(tldr: "short", translatedAbstract: "摘要", notes: [.init(heading: "Method", text: "m")])
        let second = Fixtures.paper("2611.00002", version: 2, title: "Seeing Things", tags: ["Vision"])
        let outcome = try store.ingest(Fixtures.digest([first, second]), from: DigestSource(path: "a.md", bytes: [1, 2]))
        guard case .ingested(let recordDigest) = outcome else {
            Issue.record("expected an ingest, got \(outcome)")
            return
        }
        let record = recordDigest.record
        #expect(record.paperCount == 2 && record.newCount == 2 && record.updatedCount == 0)
        #expect(record.format == .tableAbstracts && record.path == "a.md" && record.byteCount == 2)
        #expect(try store.paper(id: first.id) == first)
        #expect(try store.paper(id: second.id) == second)
        #expect(try store.allPapers() == [first, second])
        #expect(try store.allPaperTexts() == [first, second].map { PaperText(id: $0.id, title: $0.title, abstract: $0.abstract) })
        #expect(recordDigest.papers == [first, second] && recordDigest.changes == [.new, .new])
        #expect(recordDigest.textSequences == 1...2)
        let readBack = try #require(try store.ingestedDigest(id: record.id))
        #expect(readBack.papers == [first, second] && readBack.changes == [.new, .new])
        #expect(try store.versions(of: second.id) == [2])
    }

    @Test func sameBytesTwiceChangeNothing() throws {
        let store = try PaperStore()
        let digest = Fixtures.digest([Fixtures.paper("2611.00001")])
        let source = DigestSource(path: "a.md", bytes: Array("digest".utf8))
        guard case .ingested(let recordDigest) = try store.ingest(digest, from: source) else {
            Issue.record("first ingest did not land")
            return
        }
        let record = recordDigest.record
        let again = try store.ingest(digest, from: DigestSource(path: "renamed.md", bytes: Array("digest".utf8)))
        guard case .duplicate(let original) = again else {
            Issue.record("the same bytes again must be a duplicate")
            return
        }
        #expect(original == record)
        #expect(try store.digests().count == 1)
        #expect(try store.stats().paperCount == 1)
    }

    @Test func newerVersionUpdatesAndKeepsVersions() throws {
        let store = try PaperStore()
        let v1 = Fixtures.paper("2611.00003", version: 1, title: "Old title", categories: ["cs.CV"])
        _ = try store.ingest(Fixtures.digest([v1]), from: DigestSource(path: "1.md", bytes: [1]))
        let v2 = Fixtures.paper("2611.00003", version: 2, title: "New title", abstract: "Revised.")
        guard case .ingested(let recordDigest) = try store.ingest(
            Fixtures.digest([v2]), from: DigestSource(path: "2.md", bytes: [2]))
        else {
            Issue.record("second digest did not land")
            return
        }
        let record = recordDigest.record
        #expect(record.updatedCount == 1 && record.newCount == 0)
        let stored = try #require(try store.paper(id: v1.id))
        #expect(stored.title == "New title" && stored.abstract == "Revised." && stored.version == 2)
        #expect(stored.categories == ["cs.CV"], "a newer version without categories keeps the known ones")
        #expect(try store.versions(of: v1.id) == [1, 2])

        // An older version arriving later changes no text but is remembered as seen.
        let old = Fixtures.paper("2611.00003", version: 1, title: "Old title")
        guard case .ingested(let thirdDigest) = try store.ingest(
            Fixtures.digest([old]), from: DigestSource(path: "3.md", bytes: [3]))
        else {
            Issue.record("third digest did not land")
            return
        }
        let third = thirdDigest.record
        #expect(third.unchangedCount == 1)
        #expect(try store.paper(id: v1.id)?.title == "New title")
    }

    @Test func sameVersionFillsMissingFields() throws {
        let store = try PaperStore()
        _ = try store.ingest(
            Fixtures.digest([Fixtures.paper("2611.00004")]), from: DigestSource(path: "1.md", bytes: [1]))
        var richer = Fixtures.paper("2611.00004", categories: ["cs.IR"])
        richer.codeURL = "https://github.com/x/y"
        guard case .ingested(let recordDigest) = try store.ingest(
            Fixtures.digest([richer]), from: DigestSource(path: "2.md", bytes: [2]))
        else {
            Issue.record("second digest did not land")
            return
        }
        let record = recordDigest.record
        #expect(record.updatedCount == 1)
        let stored = try #require(try store.paper(id: richer.id))
        #expect(stored.categories == ["cs.IR"] && stored.codeURL == "https://github.com/x/y")
    }

    @Test func aFailingDigestLeavesNothingBehind() throws {
        let store = try PaperStore()
        // The same id twice violates digest_paper's key half-way through: the whole digest must roll back.
        let broken = Fixtures.digest([Fixtures.paper("2611.00005"), Fixtures.paper("2611.00005")])
        #expect(throws: (any Error).self) {
            try store.ingest(broken, from: DigestSource(path: "bad.md", bytes: [9]))
        }
        #expect(try store.paperCount() == 0)
        #expect(try store.digests().isEmpty)
    }

    @Test func tagsAreUnitedAcrossDigests() throws {
        let store = try PaperStore()
        _ = try store.ingest(
            Fixtures.digest([Fixtures.paper("2611.00006", tags: ["LLM"])]), from: DigestSource(path: "1", bytes: [1]))
        _ = try store.ingest(
            Fixtures.digest([Fixtures.paper("2611.00006", tags: ["Medical", "LLM"])]),
            from: DigestSource(path: "2", bytes: [2]))
        #expect(try store.paper(id: ArxivID("2611.00006")!)?.tags == ["LLM", "Medical"])
        let stats = try store.stats()
        #expect(stats.topTags.map(\.name) == ["LLM", "Medical"])
        #expect(stats.digestCount == 2 && stats.formats == ["table-abstracts": 2])
    }

    @Test func fileStoreReopensAndKeepsData() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = StoreLocation(home: folder.appendingPathComponent("nested/home"))
        do {
            let store = try PaperStore(location: location)
            _ = try store.ingest(
                Fixtures.digest([Fixtures.paper("2611.00007")]), from: DigestSource(path: "1", bytes: [1]))
        }
        let reopened = try PaperStore(location: location)
        #expect(try reopened.paperCount() == 1)
        #expect(FileManager.default.fileExists(atPath: location.databaseURL.path))
    }

    @Test func unwritableHomeIsAClearError() throws {
        let error = #expect(throws: StoreError.self) {
            try PaperStore(location: StoreLocation(home: URL(fileURLWithPath: "/proc/paperradar-cannot-exist")))
        }
        #expect(error?.message.contains("/proc/paperradar-cannot-exist") == true)
    }
}

@Suite struct StoreLocationTests {
    @Test func precedence() {
        let env = ["PAPERRADAR_HOME": "/data/pr", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]
        #expect(StoreLocation.resolve(explicit: "/explicit", environment: env).home.path == "/explicit")
        #expect(StoreLocation.resolve(explicit: nil, environment: env).home.path == "/data/pr")
        #expect(StoreLocation.resolve(environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/h"]).home.path == "/xdg/paperradar")
        #expect(StoreLocation.resolve(environment: ["HOME": "/h"]).home.path == "/h/.local/share/paperradar")
        #expect(
            StoreLocation.resolve(environment: ["HOME": "/h"]).databaseURL.path
                == "/h/.local/share/paperradar/paperradar.sqlite")
    }
}

@Suite struct JSONColumnTests {
    @Test(arguments: [[], ["a"], ["quote \" and \\ slash", "line\nbreak\ttab", "control \u{01}", "中文", "emoji 🧪"]])
    func roundTrip(strings: [String]) {
        #expect(JSONColumn.decode(JSONColumn.encode(strings)) == strings)
    }

    @Test func readsEscapedUnicodeAndSurrogates() {
        #expect(JSONColumn.decode(#"["\u00e9t\u00e9","\ud83e\uddea"]"#) == ["été", "🧪"])
    }
}

@Suite struct VectorBlockAndJournalTests {
    @Test func textSequencesNumberNewAndChangedTexts() throws {
        let store = try PaperStore()
        _ = try store.ingest(Fixtures.digest([Fixtures.paper("2611.00001"), Fixtures.paper("2611.00002")]), from: DigestSource(path: "1", bytes: [1]))
        #expect(try store.lastTextSequence() == 2)
        // A category filled in is no new text; a new abstract is.
        var categorised = Fixtures.paper("2611.00001", categories: ["cs.CL"])
        categorised.version = nil
        guard case .ingested(let second) = try store.ingest(Fixtures.digest([categorised]), from: DigestSource(path: "2", bytes: [2])) else {
            Issue.record("not ingested")
            return
        }
        #expect(second.changes == [.updated] && second.textSequences == nil)
        let revised = Fixtures.paper("2611.00002", version: 3, abstract: "A revised abstract.")
        guard case .ingested(let third) = try store.ingest(Fixtures.digest([revised]), from: DigestSource(path: "3", bytes: [3])) else {
            Issue.record("not ingested")
            return
        }
        #expect(third.textSequences == 3...3)
        #expect(try store.texts(after: 2).map(\.id.rawValue) == ["2611.00002"])
        #expect(try store.texts(after: 0, excluding: 3...3).map(\.id.rawValue) == ["2611.00001"])
    }

    @Test func vectorBlocksRoundTripUnderTheirModel() throws {
        let store = try PaperStore()
        _ = try store.ingest(Fixtures.digest([Fixtures.paper("2611.00001"), Fixtures.paper("2611.00002")]), from: DigestSource(path: "1", bytes: [1]))
        let ids = [ArxivID("2611.00001")!, ArxivID("2611.00002")!]
        let sparse = VectorBlock(ids: ids, width: 10, offsets: [0, 2, 3], indices: [1, 7, 4], values: [0.6, 0.8, 1], textSequence: 2)
        let dense = VectorBlock(ids: ids, width: 2, values: [1, 0, 0, 1], textSequence: 2)
        try store.saveModels([
            (StoredModel(kind: "tfidf", contentHash: "t1", paperCount: 2, summary: "t", data: [1, 2, 3]), [sparse]),
            (StoredModel(kind: "lsa", contentHash: "l1", parentHash: "t1", paperCount: 2, summary: "l", data: [4]), [dense]),
        ])
        #expect(try store.vectorBlocks(modelHash: "t1") == [sparse])
        #expect(try store.vectorBlocks(modelHash: "l1") == [dense])
        #expect(try store.currentModel(kind: "tfidf")?.data == [1, 2, 3])
        let more = VectorBlock(ids: [ids[0]], width: 2, values: [0, 1], textSequence: 3)
        try store.appendVectorBlocks([("l1", more)])
        #expect(try store.vectorBlocks(modelHash: "l1") == [dense, more])
        #expect(throws: StoreError.self) { try store.appendVectorBlocks([("gone", more)]) }
        // A new model of the kind replaces the old one and its vectors.
        try store.saveModels([(StoredModel(kind: "lsa", contentHash: "l2", paperCount: 2, summary: "l", data: [5]), [dense])])
        #expect(try store.vectorBlockCount(modelHash: "l1") == 0 && store.vectorBlockCount(modelHash: "l2") == 1)
    }

    @Test func journalReservationsSkipWhatOtherDigestsReserved() throws {
        let store = try PaperStore()
        let journal = JournalStore(store: store)
        try journal.recordIngested(contentHash: "a", fileName: "a.md", digestID: 1, paperCount: 1, newCount: 1)
        try journal.recordIngested(contentHash: "b", fileName: "a.md", digestID: 2, paperCount: 1, newCount: 1)
        #expect(try journal.reserveReportBase(contentHash: "a", candidates: ["/r/a"]) == "/r/a")
        #expect(try journal.reserveReportBase(contentHash: "b", candidates: ["/r/a"]) == nil, "taken by another digest")
        #expect(try journal.reserveReportBase(contentHash: "b", candidates: ["/r/a", "/r/a-2"]) == "/r/a-2")
        #expect(try journal.reserveReportBase(contentHash: "a", candidates: []) == "/r/a", "a digest keeps its name")
        #expect(try journal.recordReported(contentHash: "a", files: ["/r/a.md"], modelHash: nil, topicsHash: nil, movedTo: ["/p/a.md"]) == "/p/a.md")
        #expect(try journal.recordDuplicate(contentHash: "a", fileName: "c.md", movedTo: ["/p/a.md"]) == nil)
        #expect(try journal.recordDuplicate(contentHash: "a", fileName: "c.md", movedTo: ["/p/a.md", "/p/c.md"])?.movedTo == "/p/c.md")
        #expect(try journal.recordFailure(contentHash: nil, fileName: "x.md", error: "bad", movedTo: ["/p/c.md", "/f/x.md"])?.movedTo == "/f/x.md")
    }
}

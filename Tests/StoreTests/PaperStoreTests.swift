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
        guard case .ingested(let record) = outcome else {
            Issue.record("expected an ingest, got \(outcome)")
            return
        }
        #expect(record.paperCount == 2 && record.newCount == 2 && record.updatedCount == 0)
        #expect(record.format == .tableAbstracts && record.path == "a.md" && record.byteCount == 2)
        #expect(try store.paper(id: first.id) == first)
        #expect(try store.paper(id: second.id) == second)
        #expect(try store.allPapers() == [first, second])
        #expect(try store.papers(inDigest: record.id) == [first, second])
        #expect(try store.versions(of: second.id) == [2])
    }

    @Test func sameBytesTwiceChangeNothing() throws {
        let store = try PaperStore()
        let digest = Fixtures.digest([Fixtures.paper("2611.00001")])
        let source = DigestSource(path: "a.md", bytes: Array("digest".utf8))
        guard case .ingested(let record) = try store.ingest(digest, from: source) else {
            Issue.record("first ingest did not land")
            return
        }
        let again = try store.ingest(digest, from: DigestSource(path: "renamed.md", bytes: Array("digest".utf8)))
        #expect(again == .duplicate(of: record))
        #expect(try store.digests().count == 1)
        #expect(try store.stats().paperCount == 1)
    }

    @Test func newerVersionUpdatesAndKeepsVersions() throws {
        let store = try PaperStore()
        let v1 = Fixtures.paper("2611.00003", version: 1, title: "Old title", categories: ["cs.CV"])
        _ = try store.ingest(Fixtures.digest([v1]), from: DigestSource(path: "1.md", bytes: [1]))
        let v2 = Fixtures.paper("2611.00003", version: 2, title: "New title", abstract: "Revised.")
        guard case .ingested(let record) = try store.ingest(
            Fixtures.digest([v2]), from: DigestSource(path: "2.md", bytes: [2]))
        else {
            Issue.record("second digest did not land")
            return
        }
        #expect(record.updatedCount == 1 && record.newCount == 0)
        let stored = try #require(try store.paper(id: v1.id))
        #expect(stored.title == "New title" && stored.abstract == "Revised." && stored.version == 2)
        #expect(stored.categories == ["cs.CV"], "a newer version without categories keeps the known ones")
        #expect(try store.versions(of: v1.id) == [1, 2])

        // An older version arriving later changes no text but is remembered as seen.
        let old = Fixtures.paper("2611.00003", version: 1, title: "Old title")
        guard case .ingested(let third) = try store.ingest(
            Fixtures.digest([old]), from: DigestSource(path: "3.md", bytes: [3]))
        else {
            Issue.record("third digest did not land")
            return
        }
        #expect(third.unchangedCount == 1)
        #expect(try store.paper(id: v1.id)?.title == "New title")
    }

    @Test func sameVersionFillsMissingFields() throws {
        let store = try PaperStore()
        _ = try store.ingest(
            Fixtures.digest([Fixtures.paper("2611.00004")]), from: DigestSource(path: "1.md", bytes: [1]))
        var richer = Fixtures.paper("2611.00004", categories: ["cs.IR"])
        richer.codeURL = "https://github.com/x/y"
        guard case .ingested(let record) = try store.ingest(
            Fixtures.digest([richer]), from: DigestSource(path: "2.md", bytes: [2]))
        else {
            Issue.record("second digest did not land")
            return
        }
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

import FileIO
import Foundation
import GRDB
import PaperRadarCore
import Testing

@testable import Store

@Suite struct RatingsAndSearchTests {
    static func paper(_ id: String, _ title: String, _ abstract: String, date: String = "2026-11-02", categories: [String] = ["cs.CL"]) -> Paper {
        Paper(id: ArxivID(id)!, title: title, abstract: abstract, categories: categories, date: date)
    }

    static func store() throws -> PaperStore {
        let store = try PaperStore()
        _ = try store.ingest(
            ParsedDigest(
                format: .tableAbstracts, date: nil,
                papers: [
                    paper("2611.00001", "Retrieval Augmented Generation for Answers", "We ground answers in passages."),
                    paper("2611.00002", "Agentic Planning", "Agents plan with tools.", date: "2026-10-01", categories: ["cs.AI"]),
                    paper("2611.00003", "Agent Benchmarks", "An agent suite; retrieval is not used.", categories: ["cs.AI", "cs.CL"]),
                    paper("2611.00004", "Image Segmentation", "Pixels and masks."),
                ], warnings: []),
            from: DigestSource(path: "d.md", bytes: Array("d".utf8)))
        return store
    }

    @Test func likesAndDislikesExcludeEachOther() throws {
        let store = try Self.store()
        let a = ArxivID("2611.00001")!
        let b = ArxivID("2611.00002")!
        #expect(try store.storedProfile(named: "default") == nil)
        #expect(try store.rate([a, b], .like, profile: "default", at: "2026-11-01T00:00:00Z") == 2)
        #expect(try store.rate([a], .like, profile: "default") == 0, "rating again keeps the first time")
        #expect(try store.rate([b], .dislike, profile: "default", at: "2026-11-02T00:00:00Z") == 1)
        #expect(try store.rate([a], .save, profile: "default") == 1)
        var profile = try #require(try store.storedProfile(named: "default"))
        #expect(profile.ids(.like) == [a] && profile.ids(.dislike) == [b] && profile.ids(.save) == [a])
        #expect(profile.ratings.first { $0.kind == .like }?.ratedAt == "2026-11-01T00:00:00Z")
        let revision = profile.revision
        #expect(try store.unrate([a], kinds: [.save], profile: "default") == 1)
        profile = try #require(try store.storedProfile(named: "default"))
        #expect(profile.ids(.save).isEmpty && profile.ids(.like) == [a] && profile.revision > revision)
        #expect(try store.unrate([a, b], profile: "other") == 0)
        #expect(try store.profileNames() == ["default"])
        #expect(throws: StoreError.self) { try store.rate([a], .like, profile: "../evil") }
        #expect(try store.addLikedTexts([StoredLikedText(title: "T", abstract: "A", source: "x.bib")], profile: "work") == 1)
        #expect(try store.addLikedTexts([StoredLikedText(title: "T", abstract: "A", source: "y.bib")], profile: "work") == 0)
        try store.saveProfileSettings("top = 5\n", profile: "work")
        #expect(try store.storedProfile(named: "work")?.settings == "top = 5\n")
    }

    @Test func keywordSearchRanksPhrasesPrefixesAndFilters() throws {
        let store = try Self.store()
        let phrase = try store.keywordSearch([SearchTerm(words: ["retrieval", "augmented", "generation"], isPrefix: false)], limit: 10)
        #expect(phrase.hits.map(\.id.rawValue) == ["2611.00001"] && phrase.total == 1)
        let prefix = try store.keywordSearch([SearchTerm(words: ["agent"], isPrefix: true)], limit: 10)
        #expect(Set(prefix.hits.map(\.id.rawValue)) == ["2611.00002", "2611.00003"])
        let either = try store.keywordSearch(
            [SearchTerm(words: ["retrieval"], isPrefix: false), SearchTerm(words: ["pixels"], isPrefix: false)], limit: 10)
        #expect(either.total == 3)
        let order = either.hits.map(\.id.rawValue)
        #expect(order.firstIndex(of: "2611.00001")! < order.firstIndex(of: "2611.00003")!, "a title match weighs more")
        let filtered = try store.keywordSearch(
            [SearchTerm(words: ["agent"], isPrefix: true)], filters: PaperFilters(from: "2026-11-01", category: "cs.CL"),
            limit: 10)
        #expect(filtered.hits.map(\.id.rawValue) == ["2611.00003"])
        #expect(try store.filtered([ArxivID("2611.00002")!, ArxivID("2611.00004")!], by: PaperFilters(to: "2026-10-15"))
            == [ArxivID("2611.00002")!])
        // The index follows changed texts.
        var updated = Self.paper("2611.00004", "Image Segmentation", "Pixels, masks and retrieval.")
        updated.version = 2
        _ = try store.ingest(
            ParsedDigest(format: .tableAbstracts, date: nil, papers: [updated], warnings: []),
            from: DigestSource(path: "e.md", bytes: Array("e".utf8)))
        #expect(try store.keywordSearch([SearchTerm(words: ["retrieval"], isPrefix: false)], limit: 10).total == 3)
        #expect(try store.keywordSearch([SearchTerm(words: ["retrieval"], isPrefix: false)], limit: 10).hits.contains { $0.id.rawValue == "2611.00004" })
        #expect(try store.keywordSearch([SearchTerm(words: ["\"quoted\""], isPrefix: false)], limit: 10).total == 0)
    }

    @Test func aZoteroDatabaseIsReadFromACopy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zotero-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("zotero.sqlite").path
        try ZoteroFixture.write(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let entries = try ZoteroLibrary.entries(at: path)
        #expect(entries.map(\.title) == ["Sparse Routers", "Retrieval Gates", "A Book Without an Id", "A Preprint"])
        #expect(entries.map(\.arxivID?.rawValue) == ["2611.00101", "2611.00102", nil, "2611.00104"])
        #expect(entries[2].abstract == "Words about books.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the database is not touched")
        let notZotero = folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: notZotero)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: StoreError.self) { try ZoteroLibrary.entries(at: notZotero) }
        #expect(throws: StoreError.self) { try ZoteroLibrary.entries(at: folder.appendingPathComponent("missing.sqlite").path) }
    }

    /// Checks the full-text index against the paper table (FTS5's own check of an external-content index).
    private func expectIndexMatchesPapers(_ store: PaperStore) throws {
        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO paper_search(paper_search, rank) VALUES ('integrity-check', 1)")
        }
    }

    private func hits(_ store: PaperStore, _ word: String) throws -> [String] {
        try store.keywordSearch([SearchTerm(words: [word], isPrefix: false)], limit: 10).hits.map(\.id.rawValue).sorted()
    }

    @Test func importedPapersAreQueuedAndIndexedInBulkBeforeTheyAreSearched() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("papers.jsonl")
        // `id|version|title|abstract`: a later version replaces the stored text.
        let decode: @Sendable (ArraySlice<UInt8>) throws -> Paper = { line in
            let f = String(decoding: line, as: UTF8.self).split(separator: "|").map(String.init)
            var paper = Paper(id: ArxivID(f[0])!, title: f[2], abstract: f[3])
            paper.version = Int(f[1])!
            return paper
        }
        try Data("2611.00010|1|Quasar lensing|Bright quasars\n2611.00011|1|Galaxy mergers|Tidal tails\n".utf8).write(to: file)
        let store = try Self.store()
        #expect(try store.pendingSearchTextCount() == 0, "a digest's papers are indexed in its own transaction")
        _ = try store.importPapers(from: file, decode: decode)
        #expect(try store.pendingSearchTextCount() == 2, "an import queues its papers")

        // A queued paper changed before it was indexed: only its new text is indexed.
        try Data("2611.00011|2|Galaxy mergers|Stellar streams\n".utf8).write(to: file)
        _ = try store.importPapers(from: file, decode: decode)
        #expect(try store.pendingSearchTextCount() == 2)
        #expect(try hits(store, "quasars") == ["2611.00010"], "a search indexes the queue first")
        #expect(try hits(store, "streams") == ["2611.00011"] && hits(store, "tidal").isEmpty)
        #expect(try store.pendingSearchTextCount() == 0)
        try expectIndexMatchesPapers(store)

        // An indexed paper changed: its old text leaves the index at once, its new one is queued.
        try Data("2611.00010|2|Quasar lensing|Microlensing of quasars\n".utf8).write(to: file)
        _ = try store.importPapers(from: file, decode: decode)
        #expect(try store.pendingSearchTextCount() == 1)
        #expect(try store.indexPendingSearchTexts() == 1)
        #expect(try hits(store, "bright").isEmpty && hits(store, "microlensing") == ["2611.00010"])
        try expectIndexMatchesPapers(store)
    }
}

/// A tiny database shaped like Zotero's (the tables and columns `ZoteroLibrary` reads), written for the tests.
enum ZoteroFixture {
    static func write(to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT);
                    CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT, key TEXT);
                    CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT);
                    CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value);
                    CREATE TABLE itemData (itemID INT, fieldID INT, valueID INT, PRIMARY KEY (itemID, fieldID));
                    CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY, dateDeleted TEXT);
                    INSERT INTO itemTypes VALUES (1, 'journalArticle'), (2, 'attachment'), (3, 'note'), (4, 'preprint');
                    INSERT INTO fields VALUES (1, 'title'), (2, 'abstractNote'), (3, 'url'), (4, 'DOI'), (5, 'extra'),
                        (6, 'archiveID'), (7, 'date');
                    INSERT INTO items VALUES (1, 1, 'A'), (2, 1, 'B'), (3, 2, 'C'), (4, 1, 'D'), (5, 1, 'E'), (6, 4, 'F');
                    INSERT INTO itemDataValues VALUES (1, 'Sparse Routers'), (2, 'http://arxiv.org/abs/2611.00101v1'),
                        (3, 'Retrieval Gates'), (4, '10.48550/arXiv.2611.00102'), (5, 'attachment.pdf'),
                        (6, 'A Book Without an Id'), (7, 'Words about books.'), (8, 'Trashed'), (9, 'A Preprint'),
                        (10, 'arXiv:2611.00104'), (11, 2026);
                    INSERT INTO itemData VALUES (1, 1, 1), (1, 3, 2), (2, 1, 3), (2, 4, 4), (3, 1, 5), (4, 1, 6), (4, 2, 7),
                        (4, 7, 11), (5, 1, 8), (6, 1, 9), (6, 6, 10);
                    INSERT INTO deletedItems VALUES (5, '2026-01-01');
                    """)
        }
    }
}

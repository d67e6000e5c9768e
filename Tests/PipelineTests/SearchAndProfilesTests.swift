import Foundation
import PaperRadarCore
import Recommendation
import Reports
import Store
import Testing

@testable import Pipeline

/// Search and stored profiles on the four-theme test papers (LLM 2611.000xx, RAG 2611.001xx, Vision 2611.002xx,
/// Agents 2611.003xx).
@Suite(.serialized) struct SearchAndProfilesTests {
    static func fitted(extra: [Paper] = []) throws -> (store: PaperStore, space: VectorSpace) {
        var papers = TestPapers.papers(perTheme: 10)
        for i in papers.indices {
            papers[i].date = "2026-11-\(i % 10 < 9 ? "0" : "")\(i % 10 + 1)"
            papers[i].categories = [["cs.CL", "cs.IR", "cs.CV", "cs.AI"][i / 10]]
        }
        let store = try TestPapers.store(with: papers + extra)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        let space = try ModelFitter(repository: ModelRepository(store: store), options: options).fit().space
        return (store, space)
    }

    @Test func keywordsAndMeaningAreBlendedAndExplained() throws {
        // A retrieval paper that never says "retrieval": found by meaning alone.
        let quiet = Paper(
            id: ArxivID("2611.00999")!, title: "Passage reranker study",
            abstract: "We study passage query reranker document index grounded passage query document reranker index.")
        let (store, space) = try Self.fitted(extra: [quiet])
        let search = PaperSearch(space: space, store: store)
        let report = try search.search("retrieval", limit: 40)
        #expect(report.keywords == ["retrieval"])
        #expect(report.keywordMatchCount == 10)
        let ids = report.items.map(\.id)
        #expect(ids.prefix(10).allSatisfy { $0.hasPrefix("2611.001") }, "\(ids)")
        let byMeaning = try #require(report.items.first { $0.id == "2611.00999" }, "found without the word: \(ids)")
        #expect(byMeaning.keywordScore == nil && byMeaning.matchedKeywords.isEmpty && byMeaning.semanticScore >= 0.3)
        #expect(byMeaning.why.hasPrefix("Found by meaning"))
        let first = try #require(report.items.first)
        #expect(first.matchedKeywords == ["retrieval"] && first.why.hasPrefix("Matches “retrieval”"))
        #expect(first.snippet.contains { $0.match && $0.text.lowercased() == "retrieval" })
        #expect(report.items.allSatisfy { $0.score >= 0 && $0.score <= 1 })

        let filtered = try search.search("retrieval", filters: SearchFilters(from: "2026-11-05", category: "cs.IR"), limit: 40)
        #expect(filtered.items.allSatisfy { ($0.paper.date ?? "") >= "2026-11-05" && $0.paper.categories == ["cs.IR"] })
        #expect(filtered.keywordMatchCount == 6)
        let row = try #require(space.row(of: ArxivID("2611.00101")!))
        let topic = try #require(space.topic(ofRow: row))
        let inTopic = try search.search("study", filters: SearchFilters(topic: topic.id), limit: 60)
        #expect(inTopic.items.allSatisfy { $0.topic?.id == topic.id } && !inTopic.items.isEmpty)
        #expect(throws: PipelineError.self) { try search.search("retrieval", filters: SearchFilters(from: "soon")) }
        #expect(throws: PipelineError.self) { try search.search("retrieval", filters: SearchFilters(topic: 999)) }
        #expect(throws: PipelineError.self) { try search.search("  \"\" ") }

        let page = try search.search("retrieval", offset: 3, limit: 3)
        #expect(page.offset == 4 && page.items.map(\.id) == Array(ids[3..<6]) && page.hasMore)
        let like = try search.moreLike(ArxivID("2611.00301")!, limit: 5)
        #expect(!like.items.contains { $0.id == "2611.00301" } && like.items.allSatisfy { $0.id.hasPrefix("2611.003") })
        let json = report.rendered(as: .json)
        #expect(json.contains("\"kind\" : \"search-results\""))
    }

    @Test func storedRatingsShapeTheReadingList() throws {
        let (store, space) = try Self.fitted()
        let profiles = ReadingProfiles(store: store)
        let lists = ReadingLists(space: space, store: store, catalog: try PaperCatalog(space: space, store: store))
        try store.rate((1...3).map { ArxivID("2611.\(String(format: "%05d", 100 + $0))")! }, .like, profile: "default")
        var profile = try profiles.profile(named: "default")
        let retrieval = try lists.readingList(profile: profile, profileFile: "profile default", top: 5)
        #expect(retrieval.items.allSatisfy { $0.id.hasPrefix("2611.001") }, "\(retrieval.items.map(\.id))")
        // Liking other papers moves the list; a dislike drops a paper.
        try store.rate((1...6).map { ArxivID("2611.\(String(format: "%05d", 300 + $0))")! }, .like, profile: "default")
        try store.rate([ArxivID(retrieval.items[0].id)!], .dislike, profile: "default")
        profile = try profiles.profile(named: "default")
        let mixed = try lists.readingList(profile: profile, profileFile: "profile default", top: 10)
        #expect(mixed.items.contains { $0.id.hasPrefix("2611.003") })
        #expect(!mixed.items.contains { $0.id == retrieval.items[0].id })
        #expect(mixed.profile.likedCount == 9 && mixed.profile.dislikedCount == 1)

        // Settings are validated like a profile file and applied.
        #expect(throws: ReadingProfileError.self) { try profiles.saveSettings("top = 0\n", profile: "default") }
        try profiles.saveSettings("[keywords]\nmute = [\"agent\"]\n", profile: "default")
        let muted = try lists.readingList(profile: try profiles.profile(named: "default"), profileFile: "p", top: 10)
        #expect(muted.profile.rules.contains("mute: \"agent\""))

        // Export, then import into another profile: the same profile.
        let text = try profiles.exportText(named: "default")
        let summary = try profiles.importProfile(try ReadingProfile(parsing: text), source: "p.toml", into: "copy")
        #expect(summary.likesAdded == 9 && summary.dislikesAdded == 1 && summary.settingsReplaced)
        #expect(try profiles.profile(named: "copy") == (try profiles.profile(named: "default")))
        #expect(throws: PipelineError.self) { try profiles.exportText(named: "nobody") }
    }

    @Test func likedTextsFromALibraryArePositives() throws {
        let (store, space) = try Self.fitted()
        let profiles = ReadingProfiles(store: store)
        let entries = [
            LibraryEntry(title: "Images A", eprint: "2611.00201"),
            LibraryEntry(title: "Not stored", doi: "10.48550/arXiv.2611.09876"),
            LibraryEntry(
                title: "Segmenting camera video", abstract: "We study image pixel segmentation detection camera video diffusion image pixel."),
            LibraryEntry(title: "No abstract, no id"),
        ]
        let summary = try profiles.importLibrary(entries, source: "library.bib", into: "default")
        #expect(summary.entries == 4 && summary.likedIDs == 2 && summary.likedInStore == 1)
        #expect(summary.likedTexts == 1 && summary.likedTextsAdded == 1 && summary.skipped == 1)
        #expect(try profiles.importLibrary(entries, source: "library.bib", into: "default").likedTextsAdded == 0)

        let textOnly = ReadingProfile(
            liked: [], likedTexts: [LikedText(title: "Segmenting camera video", abstract: entries[2].abstract)])
        let report = try ReadingLists(space: space, store: store).readingList(profile: textOnly, profileFile: "t", top: 5)
        #expect(report.items.allSatisfy { $0.id.hasPrefix("2611.002") }, "\(report.items.map(\.id))")
        #expect(report.items[0].why.closestLiked.first?.title == "Segmenting camera video")
        #expect(report.items[0].why.closestLiked.first?.id == "")
        #expect(report.profile.rules.first?.hasPrefix("liked texts: 1") == true)
    }
}

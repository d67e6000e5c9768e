import Foundation
import PaperRadarCore
import Recommendation
import Reports
import Store
import Testing

@testable import Pipeline

/// Reading lists end to end on the four-theme test papers (LLM, RAG, Vision, Agents; ids 2611.001xx … 2611.004xx).
@Suite(.serialized) struct ReadingListTests {
    /// The test papers with dates (2026-11-01 … 2026-11-10 by paper) and one author per theme, fitted with 4 topics.
    static func fittedEngine() throws -> ReadingLists {
        var papers = TestPapers.papers(perTheme: 10)
        for i in papers.indices {
            papers[i].date = "2026-11-\(i % 10 < 9 ? "0" : "")\(i % 10 + 1)"
            papers[i].authors = ["\(papers[i].tags[0]) Author", "Student \(i)"]
        }
        let store = try TestPapers.store(with: papers)
        var options = FitOptions()
        options.topicCount = .fixed(4)
        let space = try ModelFitter(repository: ModelRepository(store: store), options: options).fit().space
        return ReadingLists(space: space, store: store)
    }

    static func ids(theme: Int, _ numbers: ClosedRange<Int>) -> [ArxivID] {
        numbers.map { ArxivID("2611.\(String(format: "%05d", theme * 100 + $0))")! }
    }

    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aProfileGetsItsThemeExplained() throws {
        let engine = try Self.fittedEngine()
        let liked = Self.ids(theme: 0, 1...6)  // language models
        let report = try engine.readingList(
            profile: ReadingProfile(liked: liked), profileFile: "profile.toml", top: 8, now: Self.now)
        #expect(report.items.count == 8)
        #expect(report.candidateCount == 40 - 6)
        #expect(report.profile == .init(file: "profile.toml", likedCount: 6, dislikedCount: 0, unknownIDs: [], rules: []))
        #expect(report.since == nil)
        let likedStrings = Set(liked.map(\.rawValue))
        #expect(report.items.allSatisfy { !likedStrings.contains($0.id) })
        let themeOf = { (id: String) in Int(id.dropFirst(5).prefix(3))! / 100 }
        #expect(report.items.prefix(4).allSatisfy { themeOf($0.id) == 0 }, "\(report.items.map(\.id))")
        #expect(report.items.allSatisfy { $0.score > 0 && $0.score < 1 })
        let first = try #require(report.items.first)
        #expect(first.paper.title.hasPrefix("Language models study"))
        #expect(first.topic != nil)
        #expect(first.why.closestLiked.count == 3)
        #expect(first.why.closestLiked.allSatisfy { likedStrings.contains($0.id) && $0.title.hasPrefix("Language models") })
        #expect(!first.why.sharedTerms.isEmpty)
        #expect(first.why.summary.hasPrefix("Closest to your liked “Language models study"))
        let check = try #require(report.selfCheck)
        #expect(check.heldOut == 3 && check.folds == 3 && check.cutoff == 2 && check.cutoffShare == 0.05)
        #expect(report.provenance.generatedAt == Timestamp.string(from: Self.now))
        #expect(report.provenance.paperCount == 40)
        #expect(report.provenance.topicsHash != nil)
        let settings = Dictionary(uniqueKeysWithValues: report.provenance.settings.map { ($0.name, $0.value) })
        #expect(settings["profile"] == "profile.toml: 6 liked, 0 disliked, 0 rules")
        #expect(settings["ranker"]?.contains("logistic regression") == true)
        #expect(settings["self-check"] != nil && settings["tfidf"] != nil)
    }

    @Test func theJSONContractListsIdScoreAndWhyInRankOrder() throws {
        let engine = try Self.fittedEngine()
        let report = try engine.readingList(
            profile: ReadingProfile(liked: Self.ids(theme: 1, 1...2)), profileFile: "p.toml", top: 5, now: Self.now)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        let items = try #require(json?["items"] as? [[String: Any]])
        #expect(items.count == 5)
        #expect(items.compactMap { $0["id"] as? String } == report.items.map(\.id))
        for item in items {
            #expect((item["score"] as? NSNumber)?.doubleValue != nil)
            let why = try #require(item["why"] as? [String: Any])
            #expect(why["summary"] is String && why["closestLiked"] is [Any] && why["sharedTerms"] is [Any])
        }
        #expect(report.selfCheck == nil, "fewer than 4 liked papers")
    }

    @Test func rulesApplyEndToEnd() throws {
        let engine = try Self.fittedEngine()
        let liked = Self.ids(theme: 0, 1...4) + Self.ids(theme: 3, 1...4)
        // Vision papers' topic, by the name reports show.
        let (model, hash) = try #require(engine.space.topics.map { ($0.model, $0.hash) })
        let visionID = ArxivID("2611.00201")!
        let visionTopic = try #require(try engine.store.topicAssignments(modelHash: hash).first { $0.paperID == visionID })
        let visionName = try #require(model.topic(id: visionTopic.topicID)?.name)
        let profile = try ReadingProfile(
            parsing: """
                liked = [\(liked.map { "\"\($0)\"" }.joined(separator: ", "))]
                disliked = ["2611.00105"]
                authors = ["rag author"]
                mute_topics = ["\(visionName.uppercased())"]
                seen_days = 5

                [keywords]
                boost = ["passage"]
                mute = ["workflow"]
                """)
        let report = try engine.readingList(profile: profile, profileFile: "rules.toml", top: 40, now: Self.now)
        let stored = Dictionary(uniqueKeysWithValues: try engine.store.allPapers().map { ($0.id.rawValue, $0) })
        for item in report.items {
            let paper = try #require(stored[item.id])
            #expect(item.topic?.id != visionTopic.topicID, "muted topic \(visionName)")
            #expect(!paper.abstract.contains("workflow"), "muted keyword")
            #expect(paper.date! >= "2026-11-05", "seen window: newest 2026-11-10 minus 5 days")
            #expect(item.id != "2611.00105", "disliked")
            if paper.tags == ["RAG"] {
                #expect(item.why.rules.contains("pinned author RAG Author (+2.0)"))
                #expect(item.why.rules.contains("boost keyword \"passage\" (+1.0)") == paper.abstract.contains("passage"))
            }
        }
        #expect(report.items.contains { stored[$0.id]?.tags == ["RAG"] }, "boosted RAG papers make the list")
        #expect(report.profile.dislikedCount == 1)
        #expect(
            report.profile.rules == [
                "boost: \"passage\" +1.0", "mute: \"workflow\"", "pinned author: rag author +2.0",
                "mute topic: \(visionName.uppercased())", "seen after: 5 days",
            ])

        let since = try engine.readingList(
            profile: ReadingProfile(liked: liked), profileFile: "p.toml", since: "2026-11-09", top: 40, now: Self.now)
        #expect(since.since == "2026-11-09")
        #expect(since.candidateCount == 8 - liked.filter { ["2611.00009", "2611.00010", "2611.00309", "2611.00310"].contains($0.rawValue) }.count)
        #expect(since.items.allSatisfy { $0.paper.date! >= "2026-11-09" })
    }

    @Test func unknownLikedIdsAreReportedAndNoneKnownIsAnError() throws {
        let engine = try Self.fittedEngine()
        let unknown = ArxivID("2611.09999")!
        let report = try engine.readingList(
            profile: ReadingProfile(liked: Self.ids(theme: 2, 1...2) + [unknown], disliked: [ArxivID("2611.08888")!]),
            profileFile: "p.toml", top: 3, now: Self.now)
        #expect(report.profile.unknownIDs == ["2611.09999"])
        #expect(report.profile.likedCount == 2 && report.profile.dislikedCount == 0)
        #expect(report.items.count == 3)
        #expect {
            try engine.readingList(profile: ReadingProfile(liked: [unknown]), profileFile: "mine.toml", now: Self.now)
        } throws: { error in
            (error as? PipelineError)?.message
                == "none of the 1 liked papers of mine.toml is in the store (2611.09999): add them with "
                + "`paperradar ingest` or `paperradar import`, or like papers that `paperradar related` or a digest shows"
        }
    }

    @Test func userErrorsAreActionable() throws {
        let engine = try Self.fittedEngine()
        let profile = ReadingProfile(liked: Self.ids(theme: 0, 1...2))
        func message(_ body: () throws -> Void) -> String? {
            do {
                try body()
                return nil
            } catch {
                return (error as? PipelineError)?.message
            }
        }
        #expect(
            message { _ = try engine.readingList(profile: profile, profileFile: "p.toml", since: "2026-13-01") }
                == "--since must be a date written YYYY-MM-DD, e.g. 2025-06-01; got \"2026-13-01\"")
        #expect(
            message { _ = try engine.readingList(profile: profile, profileFile: "p.toml", top: 0) }
                == "--top must be at least 1 (the number of papers to list), got 0")
        var muted = profile
        muted.muteTopics = [.name("astronomy"), .id(999)]
        let unknownTopic = try #require(message { _ = try engine.readingList(profile: muted, profileFile: "p.toml") })
        #expect(unknownTopic.hasPrefix("p.toml: mute_topics has astronomy, which is not a current topic; use a name or number of: "))
        let empty = ModelRepository(store: try PaperStore())
        #expect(
            message { _ = try empty.openSpace() }
                == "no model has been fitted yet: run `paperradar fit` (after `ingest` or `import`)")
    }

    @Test func profileScoresOrderPapersByTheProfile() throws {
        let engine = try Self.fittedEngine()
        let profile = ReadingProfile(liked: Self.ids(theme: 1, 1...5))  // retrieval
        let retrieval = Self.ids(theme: 1, 6...8)
        let vision = Self.ids(theme: 2, 6...8)
        let unknown = ArxivID("2611.07777")!
        let scores = try engine.profileScores(profile: profile, ids: retrieval + vision + [unknown])
        #expect(scores.count == 6 && scores[unknown] == nil)
        #expect(scores.values.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(retrieval.map { scores[$0]! }.min()! > vision.map { scores[$0]! }.max()!)
        // The same scores the reading list shows.
        let report = try engine.readingList(profile: profile, profileFile: "p.toml", top: 3, now: Self.now)
        let listed = try engine.profileScores(profile: profile, ids: report.items.map { ArxivID($0.id)! })
        for item in report.items { #expect(abs(listed[ArxivID(item.id)!]! - item.score) < 1e-12) }
    }
}

import Testing

@testable import Recommendation

@Suite struct SearchQueryTests {
    @Test func queriesReadAsProfileKeywords() {
        let query = SearchQuery("  \"Retrieval-Augmented generation\" agent* RAG rag “graph networks” \"unclosed phrase")
        #expect(query.keywords.map(\.text) == [
            "Retrieval-Augmented generation", "agent*", "RAG", "graph networks", "unclosed phrase",
        ])
        #expect(query.quoted == [true, false, false, true, true])
        #expect(query.keywords[0].words == ["retrieval", "augmented", "generation"])
        #expect(query.keywords[1].isPrefix)
        #expect(SearchQuery("  ?! ").isEmpty)
        let dropped = SearchQuery("the retrieval of \"the index\"").dropping { ["the", "of"].contains($0) }
        #expect(dropped.keywords.map(\.text) == ["retrieval", "the index"])
        #expect(SearchQuery("the").dropping { $0 == "the" }.keywords.map(\.text) == ["the"], "never left empty")
    }

    @Test func matchesFindWholeWordsPhrasesAndPrefixes() throws {
        let text = "Agentic RAG: retrieval-augmented Generation with agents, not magentas. Ünïcode Wörter."
        let keywords = [
            try #require(Keyword("retrieval augmented generation")), try #require(Keyword("agent*")),
            try #require(Keyword("rag")), try #require(Keyword("wörter")), try #require(Keyword("absent")),
        ]
        let (ranges, found) = KeywordMatcher.matches(of: keywords, in: text)
        #expect(found == [0, 1, 2, 3])
        #expect(ranges.map { String(text[$0]) } == ["Agentic", "RAG", "retrieval-augmented Generation", "agents", "Wörter"])
        #expect(KeywordMatcher.matches(of: [try #require(Keyword("agent"))], in: text).found.isEmpty, "no stemming")
    }
}

@Suite struct ProfileFormsTests {
    @Test func settingsParseWithTheFileMessagesAndRefuseRatings() throws {
        let settings = try ReadingProfile.settings(
            parsing: "authors = [\"Ada Lovelace\"]\nmin_score = 0.4\n[keywords]\nboost = [\"agent*\"]\n")
        #expect(settings.liked.isEmpty && settings.authors == ["Ada Lovelace"] && settings.minScore == 0.4)
        #expect(throws: ReadingProfileError.self) { try ReadingProfile.settings(parsing: "min_score = 2\n") }
        do {
            _ = try ReadingProfile.settings(parsing: "liked = [\"2502.10391\"]\n")
            Issue.record("a rating is not a setting")
        } catch {
            #expect(error.message.contains("is a rating, not a setting"))
        }
    }

    @Test func aProfileFileRoundTrips() throws {
        let text = """
            liked = ["2502.10391", "arXiv:2410.07177v2"]
            disliked = ["2501.00001"]
            saved = ["2501.00002"]
            authors = ["Ada \\"The\\" Lovelace"]
            mute_topics = ["vision", 7]
            min_score = 0.25
            seen_days = 30
            top = 12
            [keywords]
            must = ["retrieval"]
            boost = ["agent*", "tool use"]
            mute = ["survey"]
            boost_weight = 1.5

            [[liked_texts]]
            title = "A paper without an id"
            abstract = "Line one.\\nLine two with \\"quotes\\"."
            """
        let profile = try ReadingProfile(parsing: text)
        #expect(profile.liked.map(\.rawValue) == ["2502.10391", "2410.07177"])
        #expect(profile.saved.map(\.rawValue) == ["2501.00002"])
        #expect(profile.likedTexts == [LikedText(title: "A paper without an id", abstract: "Line one.\nLine two with \"quotes\".")])
        let again = try ReadingProfile(parsing: profile.tomlText)
        #expect(again == profile)
        #expect(try ReadingProfile.settings(parsing: profile.settingsTOML).ruleDescriptions == profile.ruleDescriptions)
        let textsOnly = try ReadingProfile(parsing: "[[liked_texts]]\ntitle = \"T\"\nabstract = \"A\"\n")
        #expect(textsOnly.liked.isEmpty && textsOnly.likedTexts.count == 1, "liked texts alone are enough")
        #expect(throws: ReadingProfileError.self) { try ReadingProfile(parsing: "[[liked_texts]]\ntitle = \"T\"\n") }
    }
}

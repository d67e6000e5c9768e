import PaperRadarCore
import Testing

@testable import Recommendation

@Suite struct ReadingProfileTests {
    /// The full example of the README section, verbatim.
    static let fullExample = """
        # Papers I liked and disliked: arXiv ids, with or without "arXiv:" and a version ("arXiv:2410.07177v2").
        liked = ["2502.10391", "2410.07177", "2503.01842"]
        disliked = ["2501.00001"]

        # Pinned authors: their papers get +2.0 on the logit scale (full name, case, dots and extra spaces ignored).
        authors = ["Ada Lovelace", "Grace Hopper"]

        # Topics to leave out: a name as reports show it, a named-topic id from models/topics.toml, or a topic number.
        mute_topics = ["vision", 7]

        # Drop papers whose final score (0…1) is below this.
        min_score = 0.6

        # Papers dated more than 30 days before the newest paper in the store count as already seen and are skipped.
        seen_days = 30

        # List length when --top is not given (default 50).
        top = 40

        [keywords]
        must = ["language model*"]                      # every one of these must appear
        boost = ["retrieval", "graph neural network"]   # each one that appears adds boost_weight to the logit
        mute = ["survey"]                               # papers with any of these are left out
        boost_weight = 1.5                              # default 1.0
        """

    @Test func theSmallestProfileIsOneLine() throws {
        let profile = try ReadingProfile(parsing: #"liked = ["2502.10391", "2410.07177"]"#)
        #expect(profile.liked.map(\.rawValue) == ["2502.10391", "2410.07177"])
        #expect(profile.disliked.isEmpty && profile.authors.isEmpty && profile.muteTopics.isEmpty)
        #expect(profile.mustKeywords.isEmpty && profile.boostKeywords.isEmpty && profile.muteKeywords.isEmpty)
        #expect(profile.boostWeight == ReadingProfile.defaultBoostWeight)
        #expect(profile.minScore == nil && profile.seenDays == nil && profile.top == nil)
        #expect(profile.ruleDescriptions.isEmpty)
    }

    @Test func theFullExampleParses() throws {
        let profile = try ReadingProfile(parsing: Self.fullExample)
        #expect(profile.liked.map(\.rawValue) == ["2502.10391", "2410.07177", "2503.01842"])
        #expect(profile.disliked.map(\.rawValue) == ["2501.00001"])
        #expect(profile.authors == ["Ada Lovelace", "Grace Hopper"])
        #expect(profile.muteTopics == [.name("vision"), .id(7)])
        #expect(profile.minScore == 0.6 && profile.seenDays == 30 && profile.top == 40)
        #expect(profile.mustKeywords.map(\.words) == [["language", "model"]])
        #expect(profile.mustKeywords[0].isPrefix)
        #expect(profile.boostKeywords.map(\.text) == ["retrieval", "graph neural network"])
        #expect(profile.muteKeywords.map(\.text) == ["survey"])
        #expect(profile.boostWeight == 1.5)
        #expect(
            profile.ruleDescriptions == [
                "must: \"language model*\"", "boost: \"retrieval\" +1.5", "boost: \"graph neural network\" +1.5",
                "mute: \"survey\"", "pinned author: Ada Lovelace +2.0", "pinned author: Grace Hopper +2.0",
                "mute topic: vision", "mute topic: #7", "min score: 0.6", "seen after: 30 days",
            ])
    }

    @Test func idsAreNormalisedAndDeduplicated() throws {
        let profile = try ReadingProfile(
            parsing: #"liked = [" arXiv:2502.10391v3 ", "2502.10391", "hep-th/9901001v2"]"#)
        #expect(profile.liked.map(\.rawValue) == ["2502.10391", "hep-th/9901001"])
    }

    @Test func aPlainKeywordListMeansBoostAndInlineTablesWork() throws {
        let plain = try ReadingProfile(parsing: "liked = [\"2502.10391\"]\nkeywords = [\"Agent*\", \"RAG\"]")
        #expect(plain.boostKeywords.map(\.words) == [["agent"], ["rag"]])
        #expect(plain.boostKeywords[0].isPrefix && !plain.boostKeywords[1].isPrefix)
        let inline = try ReadingProfile(parsing: "liked = [\"2502.10391\"]\nkeywords = { mute = [\"survey\"] }")
        #expect(inline.muteKeywords.map(\.text) == ["survey"])
        let dotted = try ReadingProfile(parsing: "liked = [\"2502.10391\"]\nkeywords.must = [\"graph\"]")
        #expect(dotted.mustKeywords.map(\.text) == ["graph"])
    }

    /// Every user error: the line, the key, and what to write instead.
    @Test(arguments: [
        ("disliked = [\"2502.10391\"]", nil, "the required key \"liked\" is missing: list the papers you liked, e.g. liked = [\"2502.10391\", \"2410.07177\"]"),
        ("likes = [\"2502.10391\"]", 1, "unknown key \"likes\" (did you mean \"liked\"?); valid keys: liked, disliked, saved, liked_texts, keywords, authors, mute_topics, min_score, seen_days, top"),
        ("liked = [\"2502.10391\"]\nseen = 3", 2, "unknown key \"seen\"; valid keys: liked, disliked, saved, liked_texts, keywords, authors, mute_topics, min_score, seen_days, top"),
        ("liked = []", 1, "\"liked\" is empty: list at least one arXiv id, e.g. liked = [\"2502.10391\"]"),
        ("liked = \"2502.10391\"", 1, "\"liked\" must be a list of arXiv ids in quotes, e.g. liked = [\"2502.10391\", \"2410.07177\"]; found a string \"2502.10391\""),
        ("# mine\nliked = [\"2502.10391\", \"2502.1039x\"]", 2, "\"liked\" has \"2502.1039x\", which is not an arXiv id: write it like \"2502.10391\" (\"arXiv:2502.10391v2\" and old ids like \"hep-th/9901001\" are accepted too)"),
        ("liked = [\"2502.10391\"]\ndisliked = [\"arXiv:2502.10391v1\"]", 2, "2502.10391 is both liked and disliked: remove it from one of the two lists"),
        ("liked = [\"2502.10391\"]\n\n[keywords]\nboosts = [\"agent\"]", 4, "unknown key \"boosts\" in [keywords] (did you mean \"boost\"?); valid keys: must, boost, mute, boost_weight"),
        ("liked = [\"2502.10391\"]\nkeywords = [\"--\"]", 2, "\"keywords\" has \"--\", which has no letter or digit to match: write a word or phrase, e.g. \"retrieval\""),
        ("liked = [\"2502.10391\"]\nkeywords = \"agent\"", 2, "\"keywords\" must be a list of words (boosted) or a [keywords] table with must / boost / mute lists, e.g. keywords = [\"retrieval\"]; found a string \"agent\""),
        ("liked = [\"2502.10391\"]\n[keywords]\nmust = [\"graph\"]\nmute = [\"Graph\"]", 2, "\"graph\" is both muted and wanted in [keywords]: keep it in one list"),
        ("liked = [\"2502.10391\"]\n[keywords]\nboost_weight = 0", 3, "\"boost_weight\" must be a number above 0 and at most 10 (the logit a matching boost keyword adds, default 1.0), e.g. boost_weight = 1.5; found an integer 0"),
        ("liked = [\"2502.10391\"]\n[keywords]\nmute = [3]", 3, "\"keywords.mute\" must be a list of words or phrases in quotes, e.g. [\"retrieval\", \"graph neural network\", \"agent*\"]; found a list of 1 item"),
        ("liked = [\"2502.10391\"]\nauthors = \"Ada\"", 2, "\"authors\" must be a list of names, e.g. authors = [\"Ada Lovelace\"]; found a string \"Ada\""),
        ("liked = [\"2502.10391\"]\nauthors = [\" . \"]", 2, "\"authors\" has an empty name: write the author's full name"),
        ("liked = [\"2502.10391\"]\nmute_topics = [true]", 2, "\"mute_topics\" entries are topic names (as reports show them, e.g. \"vision\") or topic numbers (e.g. 7); found a boolean true"),
        ("liked = [\"2502.10391\"]\nmute_topics = \"vision\"", 2, "\"mute_topics\" must be a list of topic names or numbers, e.g. mute_topics = [\"vision\", 7]; found a string \"vision\""),
        ("liked = [\"2502.10391\"]\nmin_score = 1.5", 2, "\"min_score\" must be a number from 0 to 1 (items scoring less are dropped), e.g. min_score = 0.5; found a number 1.5"),
        ("liked = [\"2502.10391\"]\nmin_score = \"high\"", 2, "\"min_score\" must be a number from 0 to 1 (items scoring less are dropped), e.g. min_score = 0.5; found a string \"high\""),
        ("liked = [\"2502.10391\"]\nseen_days = -1", 2, "\"seen_days\" must be a whole number of days, 0 or more (papers older than this before the newest stored paper count as seen), e.g. seen_days = 30; found an integer -1"),
        ("liked = [\"2502.10391\"]\nseen_days = 2.5", 2, "\"seen_days\" must be a whole number of days, 0 or more (papers older than this before the newest stored paper count as seen), e.g. seen_days = 30; found a number 2.5"),
        ("liked = [\"2502.10391\"]\ntop = 0", 2, "\"top\" must be a whole number from 1 to 1000 (the list length), e.g. top = 50; found an integer 0"),
    ] as [(String, Int?, String)])
    func userErrorsSayWhereAndWhatToWrite(text: String, line: Int?, message: String) {
        #expect {
            _ = try ReadingProfile(parsing: text)
        } throws: { error in
            guard let error = error as? ReadingProfileError else { return false }
            #expect(error.line == line)
            #expect(error.message == message)
            #expect(error.description == (line.map { "line \($0): " } ?? "") + message)
            return true
        }
    }

    @Test func syntaxErrorsKeepTheTOMLLineAndShowTheFormat() {
        #expect {
            _ = try ReadingProfile(parsing: "liked = [\"2502.10391\"]\nseen_days = = 3")
        } throws: { error in
            guard let error = error as? ReadingProfileError else { return false }
            return error.line == 2 && error.key == nil && error.message.hasSuffix(
                "(a profile is TOML, one `key = value` per line, e.g. liked = [\"2502.10391\", \"2410.07177\"])")
        }
    }

    @Test func topicSelectorsMatchNamesIdsAndNamedTopicsIgnoringCase() {
        #expect(TopicSelector.name("Vision").matches(id: 3, name: "vision", namedTopicID: nil))
        #expect(TopicSelector.name("rag").matches(id: 3, name: "Retrieval-augmented generation", namedTopicID: "RAG"))
        #expect(!TopicSelector.name("vision").matches(id: 3, name: "Vision 2", namedTopicID: nil))
        #expect(TopicSelector.id(3).matches(id: 3, name: "x", namedTopicID: nil))
        #expect(!TopicSelector.id(4).matches(id: 3, name: "4", namedTopicID: nil))
    }

    @Test func keywordsMatchWholeWordsAndPhrasesWithoutStemming() throws {
        func matches(_ keyword: String, _ text: String) -> Bool {
            KeywordMatcher.contains(
                KeywordMatcher.normalize(text), pattern: KeywordMatcher.pattern(of: Keyword(keyword)!))
        }
        #expect(matches("agent", "An LLM Agent for the web"))
        #expect(!matches("agent", "Agents for the web"), "no stemming")
        #expect(matches("agent*", "Agentic workflows"), "a trailing * is a prefix")
        #expect(!matches("gent*", "Agentic workflows"), "prefixes start at a word")
        #expect(!matches("rag", "Storage and leverage"), "whole words only")
        #expect(matches("vision-language", "Vision Language Models"))
        #expect(matches("vision language", "vision-language models"))
        #expect(matches("graph neural network", "A Graph  Neural\nNetwork."))
        #expect(!matches("graph neural network", "graph of neural networks"))
        #expect(matches("GPT-4", "compared with gpt 4 and others"))
        #expect(matches("Überblick", "Ein ÜBERBLICK über"))
        #expect(KeywordMatcher.words(of: "  RAG, (Retrieval)-Augmented!! ") == ["rag", "retrieval", "augmented"])
        #expect(Keyword("  ** ") == nil)
    }

    @Test func calendarDaysCountFromTheEpoch() {
        #expect(CalendarDay.number("1970-01-01") == 0)
        #expect(CalendarDay.number("2000-03-01") == 11_017)
        #expect(CalendarDay.number("2024-02-29") == 19_782)
        #expect(CalendarDay.number("1969-12-31") == -1)
        #expect(CalendarDay.number("2026-01-01")! - CalendarDay.number("2025-01-01")! == 365)
        for invalid in ["2023-02-29", "2025-13-01", "2025-6-1", "2025-06-01T00:00", "20250601", "2025-04-31"] {
            #expect(CalendarDay.number(invalid) == nil, "\(invalid)")
        }
    }

    @Test func authorsMatchByNormalisedFullName() {
        #expect(ReadingListRules.normalizedAuthor("  Ada   LOVELACE ") == "ada lovelace")
        #expect(ReadingListRules.normalizedAuthor("A. Lovelace") == ReadingListRules.normalizedAuthor("a lovelace"))
        #expect(ReadingListRules.normalizedAuthor("Lovelace, Ada") == "lovelace ada")
    }
}

import PaperRadarCore

/// A reader's profile for reading lists, as written in `profile.toml` (parsed by ``init(parsing:)``).
///
/// The smallest valid profile is one line, `liked = ["2502.10391", "2410.07177"]`. Every other key is optional:
///
/// | key | meaning |
/// |---|---|
/// | `liked` | arXiv ids the reader liked (required unless `liked_texts` is given): the positives of the ranking model |
/// | `disliked` | arXiv ids the reader disliked: extra-weighted negatives, and their close neighbours are pushed down |
/// | `saved` | arXiv ids the reader saved for later (kept, not used for ranking) |
/// | `liked_texts` | `[[liked_texts]]` tables with `title` and `abstract`: liked papers that have no arXiv id |
/// | `keywords` | `[keywords]` table with `must`, `boost`, `mute` string arrays and `boost_weight`; a plain array means `boost` |
/// | `authors` | pinned authors: their papers are boosted |
/// | `mute_topics` | topics to leave out, by name as reports show it, named-topic id (models/topics.toml) or number |
/// | `min_score` | drop items whose final score (0…1) is below this |
/// | `seen_days` | papers dated more than this many days before the store's newest paper count as already seen |
/// | `top` | list length when the command line does not give one |
///
/// Keywords match case-insensitively as whole words or phrases on title + abstract, without stemming (see ``Keyword``).
public struct ReadingProfile: Sendable, Hashable {
    /// Liked papers, normalised (no `arXiv:` prefix, no version), in the order written, duplicates removed.
    public var liked: [ArxivID]
    /// Disliked papers, normalised like ``liked``.
    public var disliked: [ArxivID]
    /// Papers saved for later, normalised like ``liked`` (not used for ranking).
    public var saved: [ArxivID]
    /// Liked papers without an arXiv id (from a reader's library): positives folded into the space as texts.
    public var likedTexts: [LikedText]
    /// Papers must contain every one of these (on title + abstract).
    public var mustKeywords: [Keyword]
    /// Papers containing these are boosted by ``boostWeight`` each (in logit units).
    public var boostKeywords: [Keyword]
    /// Papers containing any of these are left out.
    public var muteKeywords: [Keyword]
    /// Logit added per matching boost keyword (``defaultBoostWeight`` unless `keywords.boost_weight` is set).
    public var boostWeight: Double
    /// Pinned authors as written (matched by ``ReadingListRules/normalizedAuthor(_:)``).
    public var authors: [String]
    /// Topics to leave out.
    public var muteTopics: [TopicSelector]
    /// Items whose final score is below this (0…1) are dropped.
    public var minScore: Double?
    /// Papers dated more than this many days before the newest paper of the store count as already seen.
    public var seenDays: Int?
    /// List length to use when the caller does not give one.
    public var top: Int?

    /// The logit a matching boost keyword adds when the profile does not set `keywords.boost_weight`.
    public static let defaultBoostWeight = 1.0

    public init(
        liked: [ArxivID], disliked: [ArxivID] = [], saved: [ArxivID] = [], likedTexts: [LikedText] = [],
        mustKeywords: [Keyword] = [], boostKeywords: [Keyword] = [],
        muteKeywords: [Keyword] = [], boostWeight: Double = ReadingProfile.defaultBoostWeight, authors: [String] = [],
        muteTopics: [TopicSelector] = [], minScore: Double? = nil, seenDays: Int? = nil, top: Int? = nil
    ) {
        self.liked = liked
        self.disliked = disliked
        self.saved = saved
        self.likedTexts = likedTexts
        self.mustKeywords = mustKeywords
        self.boostKeywords = boostKeywords
        self.muteKeywords = muteKeywords
        self.boostWeight = boostWeight
        self.authors = authors
        self.muteTopics = muteTopics
        self.minScore = minScore
        self.seenDays = seenDays
        self.top = top
    }

    /// The top-level keys a profile may use.
    public static let validKeys = [
        "liked", "disliked", "saved", "liked_texts", "keywords", "authors", "mute_topics", "min_score", "seen_days", "top",
    ]
    /// The keys that hold the reader's ratings (the others are settings).
    public static let ratingKeys = ["liked", "disliked", "saved", "liked_texts"]
    /// The keys of the `[keywords]` table.
    public static let validKeywordKeys = ["must", "boost", "mute", "boost_weight"]

    /// The profile's rules in words, for reports (`must: "retrieval"`, `boost: "agent" +1.0`, `mute topic: vision`, …).
    public var ruleDescriptions: [String] {
        var rules: [String] = []
        rules += mustKeywords.map { "must: \"\($0.text)\"" }
        rules += boostKeywords.map { "boost: \"\($0.text)\" +\(Self.format(boostWeight))" }
        rules += muteKeywords.map { "mute: \"\($0.text)\"" }
        rules += authors.map { "pinned author: \($0) +\(Self.format(ReadingListRules.defaultAuthorBoost))" }
        rules += muteTopics.map { "mute topic: \($0)" }
        if let minScore { rules.append("min score: \(Self.format(minScore))") }
        if let seenDays { rules.append("seen after: \(seenDays) day\(seenDays == 1 ? "" : "s")") }
        return rules
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) + ".0" : String(rounded)
    }
}

/// A liked paper known by its text only (a library entry without an arXiv id): its title and abstract.
public struct LikedText: Sendable, Hashable, Codable {
    public var title: String
    public var abstract: String

    public init(title: String, abstract: String) {
        self.title = title
        self.abstract = abstract
    }
}

/// A topic named in `mute_topics`: a number (the stable topic id) or a name.
public enum TopicSelector: Sendable, Hashable, CustomStringConvertible {
    case id(Int)
    /// A topic name as reports show it, or a named-topic id of models/topics.toml; matched case-insensitively.
    case name(String)

    /// Whether a topic with this stable id, shown name and named-topic id is the one selected.
    public func matches(id: Int, name: String, namedTopicID: String?) -> Bool {
        switch self {
        case .id(let selected):
            return selected == id
        case .name(let selected):
            let wanted = selected.lowercased()
            return name.lowercased() == wanted || namedTopicID?.lowercased() == wanted
        }
    }

    public var description: String {
        switch self {
        case .id(let id): "#\(id)"
        case .name(let name): name
        }
    }
}

/// A keyword or phrase of a profile, matched case-insensitively as whole words on title + abstract.
///
/// Text is split into words at every character that is not a letter or digit (ASCII letters fold case; other
/// letters are compared after Unicode lowercasing), so `"vision-language"` matches "Vision-Language" and "vision
/// language", and a phrase matches its words in order with any punctuation or spacing between them. There is no
/// stemming: `"agent"` does not match "agents"; a trailing `*` makes the last word a prefix (`"agent*"` matches
/// agent, agents, agentic).
public struct Keyword: Sendable, Hashable, CustomStringConvertible {
    /// The keyword as the profile wrote it.
    public var text: String
    /// The lowercased words, in order.
    public var words: [String]
    /// Whether the last word matches as a prefix (`*` at the end).
    public var isPrefix: Bool

    /// A keyword from the profile's text, or `nil` when it has no letter or digit.
    public init?(_ text: String) {
        var body = text.trimmingWhitespace()
        let isPrefix = body.hasSuffix("*")
        if isPrefix { body.removeLast() }
        let words = KeywordMatcher.words(of: body)
        guard !words.isEmpty else { return nil }
        self.text = text.trimmingWhitespace()
        self.words = words
        self.isPrefix = isPrefix
    }

    public var description: String { text }
}

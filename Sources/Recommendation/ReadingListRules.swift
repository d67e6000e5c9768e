/// The rules of a profile that act on papers, resolved for one corpus (topic names are already topic ids, `since` a
/// day number).
///
/// Score rules add to the model's logit: `+boostWeight` per boost keyword a paper contains, `+authorBoost` when a
/// pinned author wrote it. Filters remove papers: a missing `must` keyword, any `mute` keyword, a muted topic, a date
/// outside the seen window or before `since`, a final score under `minScore`.
public struct ReadingListRules: Sendable, Hashable {
    /// Every one of these must appear in title + abstract.
    public var must: [Keyword]
    /// Each of these that appears adds ``boostWeight`` to the logit.
    public var boost: [Keyword]
    /// Papers containing any of these are left out.
    public var mute: [Keyword]
    /// Logit added per matching boost keyword.
    public var boostWeight: Double
    /// Pinned authors (as written; matched by ``normalizedAuthor(_:)``).
    public var pinnedAuthors: [String]
    /// Logit added when one or more pinned authors wrote the paper.
    public var authorBoost: Double
    /// Stable topic ids whose papers are left out.
    public var mutedTopics: Set<Int>
    /// Items with a final score below this (0…1) are dropped.
    public var minScore: Double?
    /// Papers dated more than this many days before the newest dated paper of the corpus are already seen.
    public var seenDays: Int?
    /// Only papers dated on or after this day (``CalendarDay/number(_:)``) are candidates; undated papers are not.
    public var sinceDay: Int?

    /// The logit a pinned author adds.
    public static let defaultAuthorBoost = 2.0

    public init(
        must: [Keyword] = [], boost: [Keyword] = [], mute: [Keyword] = [],
        boostWeight: Double = ReadingProfile.defaultBoostWeight, pinnedAuthors: [String] = [],
        authorBoost: Double = ReadingListRules.defaultAuthorBoost, mutedTopics: Set<Int> = [], minScore: Double? = nil,
        seenDays: Int? = nil, sinceDay: Int? = nil
    ) {
        precondition(boostWeight >= 0 && authorBoost >= 0, "boosts are not negative")
        precondition(minScore.map { (0...1).contains($0) } ?? true, "min score is in 0…1")
        precondition((seenDays ?? 0) >= 0, "the seen window is not negative")
        self.must = must
        self.boost = boost
        self.mute = mute
        self.boostWeight = boostWeight
        self.pinnedAuthors = pinnedAuthors
        self.authorBoost = authorBoost
        self.mutedTopics = mutedTopics
        self.minScore = minScore
        self.seenDays = seenDays
        self.sinceDay = sinceDay
    }

    /// The rules of a profile, with its muted topics resolved to ids by the caller and an optional `since` day.
    public init(profile: ReadingProfile, mutedTopics: Set<Int> = [], sinceDay: Int? = nil) {
        self.init(
            must: profile.mustKeywords, boost: profile.boostKeywords, mute: profile.muteKeywords,
            boostWeight: profile.boostWeight, pinnedAuthors: profile.authors, mutedTopics: mutedTopics,
            minScore: profile.minScore, seenDays: profile.seenDays, sinceDay: sinceDay)
    }

    /// Whether any rule needs the papers' text.
    var needsText: Bool { !must.isEmpty || !boost.isEmpty || !mute.isEmpty }

    /// An author's name as matched: lowercased, dots and commas as spaces, white space collapsed
    /// (`"A.  Lovelace"` → `"a lovelace"`). Pinned authors match by this full form.
    public static func normalizedAuthor(_ name: String) -> String {
        String(name.lowercased().map { $0 == "." || $0 == "," ? " " : $0 })
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

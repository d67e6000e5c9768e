/// A stored reading profile as the web app's settings page shows it: its ratings, liked texts and settings.
///
/// The JSON form is `kind: "profile"`.
public struct ProfileReport: Sendable, Hashable, Codable {
    public var name: String
    /// Increases with every change.
    public var revision: Int
    /// Oldest first.
    public var liked: [RatedPaper]
    public var disliked: [RatedPaper]
    public var saved: [RatedPaper]
    public var likedTexts: [LikedText]
    /// The settings as a profile file writes them (TOML, without the ratings).
    public var settings: String
    /// The settings in words (`must: "retrieval"`, …).
    public var rules: [String]

    /// A rated paper: its id, its title when the store has it, and when it was rated.
    public struct RatedPaper: Sendable, Hashable, Codable {
        public var id: String
        public var title: String?
        public var ratedAt: String
        public init(id: String, title: String?, ratedAt: String) {
            self.id = id
            self.title = title
            self.ratedAt = ratedAt
        }
    }

    /// A liked text: its title and where it came from.
    public struct LikedText: Sendable, Hashable, Codable {
        public var title: String
        public var source: String
        public init(title: String, source: String) {
            self.title = title
            self.source = source
        }
    }

    public init(
        name: String, revision: Int, liked: [RatedPaper], disliked: [RatedPaper], saved: [RatedPaper],
        likedTexts: [LikedText], settings: String, rules: [String]
    ) {
        self.name = name
        self.revision = revision
        self.liked = liked
        self.disliked = disliked
        self.saved = saved
        self.likedTexts = likedTexts
        self.settings = settings
        self.rules = rules
    }

    /// The report as JSON (`kind: "profile"`).
    public var json: String { ReportJSON.document(self, kind: "profile") }
}

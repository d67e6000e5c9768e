/// One paper as the web app's paper page shows it: everything the store knows, its topic, its related papers with
/// the terms that explain them, the digests that listed it, and the reader's rating.
///
/// The JSON form is `kind: "paper"`.
public struct PaperReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    public var paper: PaperReference
    /// The English abstract (paragraphs separated by a blank line); empty for a title-only paper.
    public var abstract: String
    /// The latest version seen.
    public var version: Int?
    public var codeURL: String?
    /// Section or topic tags the digests filed it under.
    public var tags: [String]
    public var extras: Extras
    public var topic: TopicReference?
    /// The digests that listed it, newest first.
    public var digests: [DigestMention]
    /// The most related stored papers, best first (empty before the first fit).
    public var related: [DigestReport.RelatedEntry]
    /// The reader's rating of this paper.
    public var rating: Rating

    /// The digest's text around the paper that is not the authors' English text.
    public struct Extras: Sendable, Hashable, Codable {
        public var tldr: String?
        public var translatedTitle: String?
        public var translatedAbstract: String?
        public var notes: [Note]
        public var announceType: String?
        public var comment: String?

        public struct Note: Sendable, Hashable, Codable {
            public var heading: String
            public var text: String
            public init(heading: String, text: String) {
                self.heading = heading
                self.text = text
            }
        }

        public init(
            tldr: String? = nil, translatedTitle: String? = nil, translatedAbstract: String? = nil, notes: [Note] = [],
            announceType: String? = nil, comment: String? = nil
        ) {
            self.tldr = tldr
            self.translatedTitle = translatedTitle
            self.translatedAbstract = translatedAbstract
            self.notes = notes
            self.announceType = announceType
            self.comment = comment
        }
    }

    /// A digest that listed the paper.
    public struct DigestMention: Sendable, Hashable, Codable {
        public var id: Int64
        public var file: String
        public var date: String?
        public init(id: Int64, file: String, date: String?) {
            self.id = id
            self.file = file
            self.date = date
        }
    }

    /// What the reader said about a paper: liked or disliked (never both), and saved.
    public struct Rating: Sendable, Hashable, Codable {
        public var liked: Bool
        public var disliked: Bool
        public var saved: Bool
        public init(liked: Bool = false, disliked: Bool = false, saved: Bool = false) {
            self.liked = liked
            self.disliked = disliked
            self.saved = saved
        }
    }

    public init(
        provenance: ReportProvenance, paper: PaperReference, abstract: String, version: Int?, codeURL: String?,
        tags: [String], extras: Extras, topic: TopicReference?, digests: [DigestMention],
        related: [DigestReport.RelatedEntry], rating: Rating
    ) {
        self.provenance = provenance
        self.paper = paper
        self.abstract = abstract
        self.version = version
        self.codeURL = codeURL
        self.tags = tags
        self.extras = extras
        self.topic = topic
        self.digests = digests
        self.related = related
        self.rating = rating
    }

    /// The report as JSON (`kind: "paper"`).
    public var json: String {
        var copy = self
        for index in copy.related.indices {
            copy.related[index].score = NumberFormat.rounded(copy.related[index].score, decimals: ReportJSON.decimals)
        }
        return ReportJSON.document(copy, kind: "paper")
    }
}

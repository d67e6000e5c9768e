/// The report for one digest: what it brought, and for every paper its topic and most related stored papers.
public struct DigestReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    public var digest: DigestInfo
    public var summary: Summary
    /// How ``entries`` are ordered.
    public var ordering: Ordering
    /// Every distinct paper of the digest, in ``ordering``.
    public var entries: [Entry]
    /// Parse warnings for the digest file (line numbers and what was wrong).
    public var warnings: [String]

    /// The digest file as stored.
    public struct DigestInfo: Sendable, Hashable, Codable {
        /// The store's digest id, when stored.
        public var id: Int64?
        /// The file name (without directories).
        public var file: String
        /// `YYYY-MM-DD`, when the digest names one.
        public var date: String?
        /// The detected layout (`table-abstracts`, …).
        public var format: String?
        /// SHA-256 of the file's bytes.
        public var contentHash: String

        public init(id: Int64?, file: String, date: String?, format: String?, contentHash: String) {
            self.id = id
            self.file = file
            self.date = date
            self.format = format
            self.contentHash = contentHash
        }
    }

    /// Counts for the digest as a whole.
    public struct Summary: Sendable, Hashable, Codable {
        /// Distinct papers in the digest.
        public var paperCount: Int
        /// Papers the store had not seen before this digest.
        public var newCount: Int
        /// Papers already known (from earlier digests or imports).
        public var knownCount: Int
        /// Papers the store holds without an English abstract (title-only): their vectors come from their titles.
        public var titleOnlyCount: Int
        /// How the digest's papers spread over topics, largest first.
        public var topicMix: [TopicShare]

        public init(paperCount: Int, newCount: Int, knownCount: Int, titleOnlyCount: Int = 0, topicMix: [TopicShare]) {
            self.paperCount = paperCount
            self.newCount = newCount
            self.knownCount = knownCount
            self.titleOnlyCount = titleOnlyCount
            self.topicMix = topicMix
        }

        private enum CodingKeys: String, CodingKey {
            case paperCount, newCount, knownCount, titleOnlyCount, topicMix
        }

        /// Decodes a summary; reports written before title-only papers existed have no `titleOnlyCount` (0).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            paperCount = try container.decode(Int.self, forKey: .paperCount)
            newCount = try container.decode(Int.self, forKey: .newCount)
            knownCount = try container.decode(Int.self, forKey: .knownCount)
            titleOnlyCount = try container.decodeIfPresent(Int.self, forKey: .titleOnlyCount) ?? 0
            topicMix = try container.decode([TopicShare].self, forKey: .topicMix)
        }
    }

    /// Papers of the digest in one topic.
    public struct TopicShare: Sendable, Hashable, Codable {
        public var topic: TopicReference
        public var count: Int
        public init(topic: TopicReference, count: Int) {
            self.topic = topic
            self.count = count
        }
    }

    /// How entries are ordered: by the reader's profile score, or grouped by topic (largest share first).
    public enum Ordering: String, Sendable, Hashable, Codable {
        case profile
        case topic
    }

    /// One paper of the digest.
    public struct Entry: Sendable, Hashable, Codable {
        public var paper: PaperReference
        /// True when the store first saw this paper in this digest.
        public var isNew: Bool
        /// True when the store has no English abstract for it yet (its topic and related papers come from its title).
        public var isTitleOnly: Bool
        /// Its topic, when topics are fitted.
        public var topic: TopicReference?
        /// The profile's score for this paper, when ordered by a profile.
        public var profileScore: Double?
        /// The most related stored papers, best first.
        public var related: [RelatedEntry]

        public init(
            paper: PaperReference, isNew: Bool, isTitleOnly: Bool = false, topic: TopicReference?,
            profileScore: Double? = nil, related: [RelatedEntry]
        ) {
            self.paper = paper
            self.isNew = isNew
            self.isTitleOnly = isTitleOnly
            self.topic = topic
            self.profileScore = profileScore
            self.related = related
        }

        private enum CodingKeys: String, CodingKey {
            case paper, isNew, isTitleOnly, topic, profileScore, related
        }

        /// Decodes an entry; reports written before title-only papers existed have no `isTitleOnly` (false).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            paper = try container.decode(PaperReference.self, forKey: .paper)
            isNew = try container.decode(Bool.self, forKey: .isNew)
            isTitleOnly = try container.decodeIfPresent(Bool.self, forKey: .isTitleOnly) ?? false
            topic = try container.decodeIfPresent(TopicReference.self, forKey: .topic)
            profileScore = try container.decodeIfPresent(Double.self, forKey: .profileScore)
            related = try container.decode([RelatedEntry].self, forKey: .related)
        }
    }

    /// A related stored paper with its score and the terms that explain it.
    public struct RelatedEntry: Sendable, Hashable, Codable {
        public var paper: PaperReference
        /// The related score (0…1): 0.9·LSA cosine + 0.1·TF-IDF cosine.
        public var score: Double
        /// Shared terms carrying the TF-IDF match, largest share first.
        public var sharedTerms: [String]

        public init(paper: PaperReference, score: Double, sharedTerms: [String]) {
            self.paper = paper
            self.score = score
            self.sharedTerms = sharedTerms
        }
    }

    public init(
        provenance: ReportProvenance, digest: DigestInfo, summary: Summary, ordering: Ordering, entries: [Entry],
        warnings: [String] = []
    ) {
        self.provenance = provenance
        self.digest = digest
        self.summary = summary
        self.ordering = ordering
        self.entries = entries
        self.warnings = warnings
    }
}

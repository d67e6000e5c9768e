/// A personalised reading list: the papers a profile ranks highest, each with why, and a self-check of the profile.
///
/// The JSON form is the command's contract: `{"items": [{"id", "score", "why", …}], …}` in rank order.
public struct ReadingListReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    public var profile: ProfileSummary
    /// Only papers dated on or after this day were ranked (`YYYY-MM-DD`), when set.
    public var since: String?
    /// Candidates that were ranked (after the seen window, `since` and must-have keywords).
    public var candidateCount: Int
    /// The reading list, best first.
    public var items: [Item]
    /// How well the profile finds held-out liked papers again; nil with too few liked papers.
    public var selfCheck: SelfCheck?

    /// The profile as the report states it.
    public struct ProfileSummary: Sendable, Hashable, Codable {
        /// The profile file's name.
        public var file: String
        public var likedCount: Int
        public var dislikedCount: Int
        /// Liked ids that are not in the store (ignored).
        public var unknownIDs: [String]
        /// The rules in words (`must: "retrieval"`, `boost: "agent" ×1.5`, `mute topic: vision`, …).
        public var rules: [String]
        public init(file: String, likedCount: Int, dislikedCount: Int, unknownIDs: [String], rules: [String]) {
            self.file = file
            self.likedCount = likedCount
            self.dislikedCount = dislikedCount
            self.unknownIDs = unknownIDs
            self.rules = rules
        }
    }

    /// One recommended paper.
    public struct Item: Sendable, Hashable, Codable {
        /// The arXiv id (also in ``paper``; first-class because the JSON contract names it).
        public var id: String
        /// The final score: the linear model's calibrated score blended with the rules.
        public var score: Double
        public var why: Why
        public var paper: PaperReference
        public var topic: TopicReference?

        public init(score: Double, why: Why, paper: PaperReference, topic: TopicReference?) {
            self.id = paper.id
            self.score = score
            self.why = why
            self.paper = paper
            self.topic = topic
        }
    }

    /// Why an item is on the list.
    public struct Why: Sendable, Hashable, Codable {
        /// One sentence a reader can scan.
        public var summary: String
        /// The liked papers it is closest to, closest first.
        public var closestLiked: [Neighbour]
        /// Terms it shares with the liked papers.
        public var sharedTerms: [String]
        /// The rules that fired (`boost keyword "agent"`, `pinned author Ada Lovelace`, …).
        public var rules: [String]
        public init(summary: String, closestLiked: [Neighbour], sharedTerms: [String], rules: [String]) {
            self.summary = summary
            self.closestLiked = closestLiked
            self.sharedTerms = sharedTerms
            self.rules = rules
        }
    }

    /// A liked paper and its cosine similarity to the item.
    public struct Neighbour: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var similarity: Double
        public init(id: String, title: String, similarity: Double) {
            self.id = id
            self.title = title
            self.similarity = similarity
        }
    }

    /// Recall of held-out liked papers: the profile is refitted without them and the ranking checked.
    public struct SelfCheck: Sendable, Hashable, Codable {
        /// Liked papers held out (per fold).
        public var heldOut: Int
        /// Folds averaged.
        public var folds: Int
        /// The cut-off: a held-out paper counts as found within the top `cutoff` of the ranking.
        public var cutoff: Int
        /// The cut-off as a share of the ranked candidates (e.g. 0.05).
        public var cutoffShare: Double
        /// Mean share of held-out papers found within the cut-off.
        public var recall: Double
        public init(heldOut: Int, folds: Int, cutoff: Int, cutoffShare: Double, recall: Double) {
            self.heldOut = heldOut
            self.folds = folds
            self.cutoff = cutoff
            self.cutoffShare = cutoffShare
            self.recall = recall
        }
    }

    public init(
        provenance: ReportProvenance, profile: ProfileSummary, since: String?, candidateCount: Int, items: [Item],
        selfCheck: SelfCheck?
    ) {
        self.provenance = provenance
        self.profile = profile
        self.since = since
        self.candidateCount = candidateCount
        self.items = items
        self.selfCheck = selfCheck
    }
}

import PaperRadarCore

/// The fitted topics as stored (JSON): one entry per cluster, with stable ids, names, terms and centroids.
public struct TopicModel: Sendable, Codable, Hashable {
    public struct Topic: Sendable, Codable, Hashable {
        /// Stable id: kept across refits when the topic persists.
        public var id: Int
        /// A named topic's name (possibly with a distinguishing suffix), or the top terms.
        public var name: String
        /// The id of the named topic in models/topics.toml the name comes from, if any.
        public var namedTopicID: String?
        /// Cosine between the centroid and the named topic's seed vector.
        public var nameSimilarity: Float
        public var size: Int
        public var topTerms: [String]
        /// The most central papers (highest cosine to the centroid), best first.
        public var centralPapers: [String]
    }

    /// A paper close to two topics.
    public struct Bridge: Sendable, Codable, Hashable {
        public var paper: String
        public var topicA: Int
        public var topicB: Int
        public var similarityA: Float
        public var similarityB: Float
    }

    /// One evaluated k of `--k auto`.
    public struct KPoint: Sendable, Codable, Hashable {
        public var k: Int
        public var silhouette: Double
        public var stability: Double
        public var objective: Double
    }

    /// The LSA model the centroids live in.
    public var lsaHash: String
    /// `auto` or `fixed`.
    public var kChoice: String
    /// The curve `--k auto` chose from (empty for a fixed k).
    public var kCurve: [KPoint]
    public var topics: [Topic]
    /// k × d unit centroids, in `topics` order.
    public var centroids: [[Float]]
    /// The named topics (catalog ids) the per-paper similarities refer to, in order.
    public var namedTopicIDs: [String]
    public var bridges: [Bridge]
    /// Mean cosine of papers to their centroid.
    public var meanSimilarity: Double
    public var iterations: Int
    /// The next fresh topic id.
    public var nextID: Int

    /// The topic with a stable id.
    public func topic(id: Int) -> Topic? { topics.first { $0.id == id } }
}

/// The topic report: every topic with its size, growth, terms and papers, how k was chosen, a 2-D map of the
/// papers and topics over time.
public struct TopicReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    /// How k was chosen, in words (`fixed k = 12`, `auto: silhouette × stability over 6…24`).
    public var kChoice: String
    /// The curve behind an automatic k (empty for a fixed k).
    public var kCurve: [KPoint]
    /// Topics, largest first.
    public var topics: [Topic]
    /// Papers close to two topics.
    public var bridges: [Bridge]
    /// The papers projected on the first two principal components of their embeddings (a sample when the store
    /// is large; see ``mapSampled``).
    public var map: [MapPoint]
    /// Papers in the store, of which ``map`` shows a sample when it is smaller.
    public var mapPaperCount: Int
    /// The share of the embeddings' variance each of the two components explains.
    public var mapExplainedVariance: [Double]
    /// Digest dates (`YYYY-MM-DD`), ascending: the x axis of every topic's ``Topic/growth``.
    public var dates: [String]
    /// Topic changes recorded at refits (appeared, grew, shrank, stable, vanished), newest first.
    public var events: [Event]

    /// True when ``map`` shows a sample rather than every paper.
    public var mapSampled: Bool { map.count < mapPaperCount }

    /// One point of the k curve.
    public struct KPoint: Sendable, Hashable, Codable {
        public var k: Int
        public var silhouette: Double
        public var stability: Double
        /// True for the k that was chosen.
        public var chosen: Bool
        public init(k: Int, silhouette: Double, stability: Double, chosen: Bool) {
            self.k = k
            self.silhouette = silhouette
            self.stability = stability
            self.chosen = chosen
        }
    }

    /// One topic.
    public struct Topic: Sendable, Hashable, Codable {
        public var id: Int
        public var name: String
        /// The named topic (models/topics.toml) it matched, if any.
        public var namedTopic: String?
        /// Papers in the topic.
        public var size: Int
        /// Papers per digest date, aligned with ``TopicReport/dates``.
        public var growth: [Int]
        /// Class-based TF-IDF terms, most distinctive first.
        public var topTerms: [String]
        /// The papers closest to the topic's centre.
        public var centralPapers: [PaperReference]

        public init(
            id: Int, name: String, namedTopic: String?, size: Int, growth: [Int], topTerms: [String],
            centralPapers: [PaperReference]
        ) {
            self.id = id
            self.name = name
            self.namedTopic = namedTopic
            self.size = size
            self.growth = growth
            self.topTerms = topTerms
            self.centralPapers = centralPapers
        }

        public var reference: TopicReference { TopicReference(id: id, name: name) }
    }

    /// A paper close to two topics.
    public struct Bridge: Sendable, Hashable, Codable {
        public var paper: PaperReference
        public var topicA: TopicReference
        public var topicB: TopicReference
        public var similarityA: Double
        public var similarityB: Double
        public init(
            paper: PaperReference, topicA: TopicReference, topicB: TopicReference, similarityA: Double,
            similarityB: Double
        ) {
            self.paper = paper
            self.topicA = topicA
            self.topicB = topicB
            self.similarityA = similarityA
            self.similarityB = similarityB
        }
    }

    /// One paper on the map.
    public struct MapPoint: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var topicID: Int
        public var x: Double
        public var y: Double
        public init(id: String, title: String, topicID: Int, x: Double, y: Double) {
            self.id = id
            self.title = title
            self.topicID = topicID
            self.x = x
            self.y = y
        }
    }

    /// A topic change recorded at a refit.
    public struct Event: Sendable, Hashable, Codable {
        public var topicID: Int
        /// `appeared`, `grew`, `shrank`, `stable` or `vanished`.
        public var kind: String
        public var name: String?
        public var previousSize: Int?
        public var size: Int?
        /// When the refit happened (ISO 8601).
        public var at: String
        public init(topicID: Int, kind: String, name: String?, previousSize: Int?, size: Int?, at: String) {
            self.topicID = topicID
            self.kind = kind
            self.name = name
            self.previousSize = previousSize
            self.size = size
            self.at = at
        }
    }

    public init(
        provenance: ReportProvenance, kChoice: String, kCurve: [KPoint], topics: [Topic], bridges: [Bridge],
        map: [MapPoint], mapPaperCount: Int, mapExplainedVariance: [Double], dates: [String], events: [Event]
    ) {
        self.provenance = provenance
        self.kChoice = kChoice
        self.kCurve = kCurve
        self.topics = topics
        self.bridges = bridges
        self.map = map
        self.mapPaperCount = mapPaperCount
        self.mapExplainedVariance = mapExplainedVariance
        self.dates = dates
        self.events = events
    }
}

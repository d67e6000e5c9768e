import LinearAlgebra

/// Everything the reading-list ranker reads about the papers, one row per paper in the same order everywhere.
///
/// Validated once here: the embeddings, TF-IDF rows and paper metadata have one row per paper, the vocabulary names
/// every TF-IDF column.
public struct ReadingListCorpus: Sendable {
    /// n × d unit-norm LSA embeddings: the features of the model, and cosines for explanations and diversity.
    public let embeddings: Matrix
    /// n × m unit-norm TF-IDF rows, for the shared-term explanations.
    public let tfidf: SparseMatrix
    /// Term strings by TF-IDF column.
    public let vocabulary: [String]
    /// Per-paper metadata the rules and explanations need.
    public let papers: [Paper]
    /// The newest paper date (``CalendarDay`` number), the reference of the seen window.
    public let newestDay: Int?

    /// One paper as the rules see it.
    public struct Paper: Sendable, Hashable {
        /// The arXiv id, as explanations show it.
        public var id: String
        public var title: String
        public var abstract: String
        public var authors: [String]
        /// The stable id of the paper's topic, when topics are fitted.
        public var topic: Int?
        /// The paper's date as a ``CalendarDay`` number, when known.
        public var day: Int?

        public init(id: String, title: String, abstract: String, authors: [String] = [], topic: Int? = nil, day: Int? = nil) {
            self.id = id
            self.title = title
            self.abstract = abstract
            self.authors = authors
            self.topic = topic
            self.day = day
        }
    }

    public init(embeddings: Matrix, tfidf: SparseMatrix, vocabulary: [String], papers: [Paper]) {
        precondition(embeddings.rows == papers.count, "one embedding per paper")
        precondition(tfidf.rows == papers.count, "one TF-IDF row per paper")
        precondition(vocabulary.count == tfidf.columns, "the vocabulary must name every TF-IDF column")
        self.embeddings = embeddings
        self.tfidf = tfidf
        self.vocabulary = vocabulary
        self.papers = papers
        newestDay = papers.compactMap(\.day).max()
    }

    /// Number of papers.
    public var count: Int { papers.count }
}

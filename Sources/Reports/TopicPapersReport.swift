/// One topic's papers, a page at a time, most central first: the web app's topic page.
///
/// The JSON form is `kind: "topic-papers"`.
public struct TopicPapersReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    public var topic: TopicReference
    /// Papers in the topic.
    public var size: Int
    public var topTerms: [String]
    /// The 1-based rank of the page's first paper.
    public var offset: Int
    public var hasMore: Bool
    public var papers: [Entry]

    /// A paper of the topic and its cosine to the topic's centroid.
    public struct Entry: Sendable, Hashable, Codable {
        public var paper: PaperReference
        public var similarity: Double
        public init(paper: PaperReference, similarity: Double) {
            self.paper = paper
            self.similarity = similarity
        }
    }

    public init(
        provenance: ReportProvenance, topic: TopicReference, size: Int, topTerms: [String], offset: Int,
        hasMore: Bool, papers: [Entry]
    ) {
        self.provenance = provenance
        self.topic = topic
        self.size = size
        self.topTerms = topTerms
        self.offset = offset
        self.hasMore = hasMore
        self.papers = papers
    }

    /// The report as JSON (`kind: "topic-papers"`).
    public var json: String {
        var copy = self
        for index in copy.papers.indices {
            copy.papers[index].similarity = NumberFormat.rounded(
                copy.papers[index].similarity, decimals: ReportJSON.decimals)
        }
        return ReportJSON.document(copy, kind: "topic-papers")
    }
}

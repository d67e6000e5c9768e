/// One related paper: a corpus row, its scores, and the terms that explain the match.
public struct RelatedPaper: Sendable, Hashable, Codable {
    /// Row of the corpus (the caller maps it to a paper id).
    public var index: Int
    /// The final score: `(1 − w)·semanticScore + w·lexicalScore` (``RelatedPapers/tfidfWeight``).
    public var score: Float
    /// The LSA cosine that made it a candidate.
    public var semanticScore: Float
    /// The exact TF-IDF cosine.
    public var lexicalScore: Float
    /// The shared terms contributing most to the TF-IDF dot product, largest first.
    public var sharedTerms: [SharedTerm]

    public init(index: Int, score: Float, semanticScore: Float, lexicalScore: Float, sharedTerms: [SharedTerm]) {
        self.index = index
        self.score = score
        self.semanticScore = semanticScore
        self.lexicalScore = lexicalScore
        self.sharedTerms = sharedTerms
    }
}

/// A term both papers use, with its share of their TF-IDF dot product.
public struct SharedTerm: Sendable, Hashable, Codable {
    public var term: String
    /// `w_q(t)·w_c(t) / (w_q·w_c)`: the fraction of the cosine this term accounts for (0…1).
    public var share: Float

    public init(term: String, share: Float) {
        self.term = term
        self.share = share
    }
}

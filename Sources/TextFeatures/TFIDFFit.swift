import LinearAlgebra

/// The result of ``TFIDFVectorizer/fit(_:concurrency:)``: the model and the documents' rows.
public struct TFIDFFit: Sendable {
    /// What the fit saw and pruned, for diagnostics (`paperradar analyze`, bench output).
    public struct Statistics: Sendable, Hashable, Codable {
        public var documents = 0
        /// Tokens after normalisation, stop words included.
        public var tokens = 0
        /// Distinct terms before pruning.
        public var candidateTerms = 0
        public var removedBelowMinDF = 0
        public var removedAboveMaxDF = 0
        public var removedByMaxFeatures = 0
        /// Terms below `minDF` locally that were kept because the prior lists them.
        public var keptByPrior = 0
        public var vocabularySize = 0
        /// Documents without a single vocabulary term (their rows are all zero).
        public var emptyDocuments = 0

        public init() {}
    }

    /// The fitted model.
    public var model: TFIDFModel
    /// One L2-normalised row per document, in input order; columns are `model.vocabulary`.
    public var matrix: SparseMatrix
    public var statistics: Statistics
    /// Each column's log-entropy global weight over the fitted documents, `g(t) = 1 + Σ_d p ln p / ln n` in
    /// (0, 1]: high for terms concentrated in few papers. Not part of the TF-IDF weights; LSA scales its input by it.
    public var entropyWeights: [Float]

    public init(model: TFIDFModel, matrix: SparseMatrix, statistics: Statistics, entropyWeights: [Float]? = nil) {
        self.model = model
        self.matrix = matrix
        self.statistics = statistics
        self.entropyWeights = entropyWeights ?? [Float](repeating: 1, count: matrix.columns)
    }
}

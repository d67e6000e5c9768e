/// Why a paper is represented as it is: every token with its stem and stop-word flag, and every vocabulary term
/// with tf, idf and final weight, heaviest first.
///
/// Its JSON (`paperradar analyze --json`) is
/// `{"tokens": [{"text", "stem", "stop"}], "terms": [{"term", "tf", "idf", "weight"}]}`.
public struct Analysis: Sendable, Hashable, Codable {
    /// One token of the text, in order (title first, then abstract).
    public struct Token: Sendable, Hashable, Codable {
        public var text: String
        public var stem: String
        public var stop: Bool

        public init(text: String, stem: String, stop: Bool) {
            self.text = text
            self.stem = stem
            self.stop = stop
        }
    }

    /// One vocabulary term of the text.
    public struct Term: Sendable, Hashable, Codable {
        public var term: String
        /// Weighted count: each title occurrence counts `titleWeight`, each abstract occurrence 1.
        public var tf: Int
        public var idf: Float
        /// The L2-normalised TF-IDF weight: this term's value in the paper's row.
        public var weight: Float

        public init(term: String, tf: Int, idf: Float, weight: Float) {
            self.term = term
            self.tf = tf
            self.idf = idf
            self.weight = weight
        }
    }

    public var tokens: [Token]
    /// Terms in the model's vocabulary, by decreasing weight (ties: alphabetical).
    public var terms: [Term]

    public init(tokens: [Token], terms: [Term]) {
        self.tokens = tokens
        self.terms = terms
    }
}

extension TFIDFModel {
    /// The analysis of a paper under this model: pure, and the same weights ``transform(_:concurrency:)`` gives.
    ///
    /// - Complexity: O(text length + t log V) for t terms and V vocabulary terms.
    public func analyze(title: String = "", abstract: String) -> Analysis {
        let analyzer = TextAnalyzer(configuration: configuration, stopWords: stopWords)
        let titleTokens = configuration.titleWeight > 0 ? analyzer.tokens(in: title) : []
        let tokens = (titleTokens + analyzer.tokens(in: abstract)).map {
            Analysis.Token(text: $0.text, stem: $0.stem, stop: $0.isStopWord)
        }
        let counts = analyzer.termCounts(title: title, abstract: abstract, titleWeight: configuration.titleWeight)
        var entries: [(term: String, column: Int, tf: Int, weight: Double)] = []
        for (term, tf) in counts {
            guard let column = column(of: term) else { continue }
            let weight = TFIDFWeighting.termWeight(tf, sublinear: configuration.sublinearTF) * Double(idf[column])
            entries.append((term, column, tf, weight))
        }
        // The same arithmetic, in the same (column) order, as the matrix rows.
        entries.sort { $0.column < $1.column }
        let squares = entries.reduce(0) { $0 + $1.weight * $1.weight }
        let scale = squares > 0 ? 1 / squares.squareRoot() : 0
        let terms = entries.map { entry in
            Analysis.Term(term: entry.term, tf: entry.tf, idf: idf[entry.column], weight: Float(entry.weight * scale))
        }.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        return Analysis(tokens: tokens, terms: terms)
    }

    /// The analysis of a free text (as an abstract without title).
    public func analyze(text: String) -> Analysis { analyze(title: "", abstract: text) }
}

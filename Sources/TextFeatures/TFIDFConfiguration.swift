/// Every setting of a TF-IDF model, with the defaults PaperRadar uses.
///
/// The defaults follow arxiv-sanity-lite's `TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, norm='l2',
/// smooth_idf=True, min_df=…, max_df=…)`, plus stemming and a double-weight title.
public struct TFIDFConfiguration: Sendable, Hashable, Codable {
    /// `1...1` unigrams, `1...2` unigrams and bigrams (default), `2...2` bigrams only.
    public var ngramRange: ClosedRange<Int> = 1...2
    /// A term must occur in at least this many documents (default 3), unless the ``IDFPrior`` knows it.
    public var minDF: Int = 3
    /// A term in more than this fraction of the documents is dropped (default 0.5).
    ///
    /// With a prior the fraction is the blended one (see ``IDFPrior``). Do not go as low as 0.1: it drops "llm"
    /// from an LLM-heavy corpus.
    public var maxDF: Double = 0.5
    /// Keep at most this many terms, the most frequent over the corpus (ties: alphabetical); `nil` keeps all.
    public var maxFeatures: Int?
    /// Use `1 + ln(tf)` instead of `tf` (default true).
    public var sublinearTF: Bool = true
    /// Every term of the title counts this many times (default 2); 0 ignores titles.
    public var titleWeight: Int = 2
    /// Stem tokens with the Snowball English stemmer (default true).
    public var stemming: Bool = true
    /// How many pseudo-documents an ``IDFPrior`` is worth for an empty local corpus (`m₀`, default 1000); the
    /// weight shrinks as `m = m₀² / (m₀ + n)` for `n` local documents.
    public var priorWeight: Double = 1_000

    public init(
        ngramRange: ClosedRange<Int> = 1...2, minDF: Int = 3, maxDF: Double = 0.5, maxFeatures: Int? = nil,
        sublinearTF: Bool = true, titleWeight: Int = 2, stemming: Bool = true, priorWeight: Double = 1_000
    ) {
        self.ngramRange = ngramRange
        self.minDF = minDF
        self.maxDF = maxDF
        self.maxFeatures = maxFeatures
        self.sublinearTF = sublinearTF
        self.titleWeight = titleWeight
        self.stemming = stemming
        self.priorWeight = priorWeight
    }

    var includesUnigrams: Bool { ngramRange.contains(1) }
    var includesBigrams: Bool { ngramRange.contains(2) }

    /// Throws ``TextFeaturesError/Code-swift.struct/invalidConfiguration`` for out-of-range values.
    public func validate() throws {
        func fail(_ message: String) -> TextFeaturesError { TextFeaturesError(.invalidConfiguration, message) }
        guard ngramRange.lowerBound >= 1 && ngramRange.upperBound <= 2 else {
            throw fail("ngramRange must be 1...1, 1...2 or 2...2 (got \(ngramRange)).")
        }
        guard minDF >= 1 else { throw fail("minDF must be at least 1 (got \(minDF)).") }
        guard maxDF > 0 && maxDF <= 1 else { throw fail("maxDF must be a fraction in (0, 1] (got \(maxDF)).") }
        if let maxFeatures, maxFeatures < 1 { throw fail("maxFeatures must be at least 1 (got \(maxFeatures)).") }
        guard titleWeight >= 0 && titleWeight <= 100 else {
            throw fail("titleWeight must be between 0 and 100 (got \(titleWeight)).")
        }
        guard priorWeight >= 0 && priorWeight.isFinite else {
            throw fail("priorWeight must be a finite number ≥ 0 (got \(priorWeight)).")
        }
    }
}

import Algorithms
import Synchronization

/// A fitted TF-IDF model: configuration, stop words, vocabulary and idf weights.
///
/// A value; refitting is explicit. Column `j` of every matrix the model makes is term `vocabulary[j]`; the
/// vocabulary is sorted by UTF-8 bytes (terms are ASCII). A unigram term is a stem, a bigram term
/// `"stem₁ stem₂"`. Vectors of different models must never be mixed: ``contentHash`` (FNV-1a 64 of the canonical
/// ``encoded()`` bytes, 16 hex digits) identifies the model. ``transform(_:concurrency:)`` ignores terms outside
/// the vocabulary.
public struct TFIDFModel: Sendable, Hashable {
    /// The settings the model was fitted with.
    public let configuration: TFIDFConfiguration
    /// The stop words the model was fitted with (``transform(_:concurrency:)`` uses the same).
    public let stopWords: StopWords
    /// `off`, or the stemmer's identifier (`snowball-english:` + a fingerprint of its output on probe words).
    public let stemmer: String
    /// The terms, sorted; the column order of the matrices.
    public let vocabulary: [String]
    /// Local document frequency of each term (the number of fitted documents holding it).
    public let documentFrequencies: [Int]
    /// The idf of each term, prior blend included.
    public let idf: [Float]
    /// The number of documents the model was fitted on (`n`).
    public let documentCount: Int
    /// The pseudo-document weight `m` the ``IDFPrior`` had in this fit (0 without a prior).
    public let priorPseudoDocuments: Double
    /// FNV-1a 64 of the canonical encoding, 16 hex digits.
    public private(set) var contentHash: String

    private let index: TermIndexCache

    init(
        configuration: TFIDFConfiguration, stopWords: StopWords, stemmer: String, vocabulary: [String],
        documentFrequencies: [Int], idf: [Float], documentCount: Int, priorPseudoDocuments: Double
    ) {
        precondition(vocabulary.count == documentFrequencies.count && vocabulary.count == idf.count)
        self.configuration = configuration
        self.stopWords = stopWords
        self.stemmer = stemmer
        self.vocabulary = vocabulary
        self.documentFrequencies = documentFrequencies
        self.idf = idf
        self.documentCount = documentCount
        self.priorPseudoDocuments = priorPseudoDocuments
        self.index = TermIndexCache()
        self.contentHash = ""
        var hasher = FNV1a64()
        hasher.update(encodedBody())
        self.contentHash = hasher.hex
    }

    /// The number of terms (matrix columns).
    public var featureCount: Int { vocabulary.count }

    /// The column of `term`, if the vocabulary has it.
    ///
    /// - Complexity: O(log n) comparisons.
    public func column(of term: String) -> Int? {
        let low = vocabulary.partitioningIndex { $0 >= term }
        return low < vocabulary.count && vocabulary[low] == term ? low : nil
    }

    /// The term lookup ``transform(_:concurrency:)`` uses, built on first use and shared by copies of the model.
    var termIndex: TermIndex { index.get(vocabulary) }

    public static func == (lhs: TFIDFModel, rhs: TFIDFModel) -> Bool {
        lhs.contentHash == rhs.contentHash && lhs.configuration == rhs.configuration && lhs.stemmer == rhs.stemmer
            && lhs.documentCount == rhs.documentCount && lhs.priorPseudoDocuments == rhs.priorPseudoDocuments
            && lhs.stopWords == rhs.stopWords && lhs.vocabulary == rhs.vocabulary
            && lhs.documentFrequencies == rhs.documentFrequencies && lhs.idf == rhs.idf
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(contentHash) }
}

/// Builds a model's ``TermIndex`` once, on first use, for all copies of the model.
final class TermIndexCache: Sendable {
    private let storage = Mutex<TermIndex?>(nil)

    func get(_ vocabulary: [String]) -> TermIndex {
        storage.withLock { index in
            if let index { return index }
            let built = TermIndex(vocabulary: vocabulary)
            index = built
            return built
        }
    }
}

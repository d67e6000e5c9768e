/// A token after every analysis stage: its text, stem, stop-word flag and phrase boundary.
public struct AnalyzedToken: Sendable, Hashable {
    /// The token as the tokenizer yields it (normalised, lower case).
    public var text: String
    /// Its stem (the text itself when stemming is off or the token holds a digit).
    public var stem: String
    /// True when the token is a stop word (it makes no term and breaks bigrams).
    public var isStopWord: Bool
    /// True when punctuation or dropped material separates it from the previous token.
    public var startsPhrase: Bool

    public init(text: String, stem: String, isStopWord: Bool, startsPhrase: Bool) {
        self.text = text
        self.stem = stem
        self.isStopWord = isStopWord
        self.startsPhrase = startsPhrase
    }
}

/// The whole analysis pipeline, one readable `String` stage after another.
///
/// normalise (``TextNormalizer``) → tokenise (``Tokenizer``) → stop words (``StopWords``) → stem
/// (``PorterStemmer``, Snowball English; off when ``TFIDFConfiguration/stemming`` is false; tokens with a digit
/// are not stemmed) → n-grams (``NGramBuilder``). ``TFIDFVectorizer`` runs the same stages on UTF-8 bytes with
/// interned words; the two give the same terms (the tests check it).
public struct TextAnalyzer: Sendable, Hashable {
    public var normalizer = TextNormalizer()
    public var tokenizer = Tokenizer()
    public var stopWords: StopWords
    public var stemming: Bool
    public var ngrams: NGramBuilder

    public init(stopWords: StopWords, stemming: Bool = true, ngramRange: ClosedRange<Int> = 1...2) {
        self.stopWords = stopWords
        self.stemming = stemming
        self.ngrams = NGramBuilder(ngramRange: ngramRange)
    }

    /// The analyser a vectorizer with `configuration` uses.
    public init(configuration: TFIDFConfiguration, stopWords: StopWords) {
        self.init(stopWords: stopWords, stemming: configuration.stemming, ngramRange: configuration.ngramRange)
    }

    /// Every token of `text` in order, with stem and stop-word flag.
    ///
    /// - Complexity: O(n) in the length of `text`, plus one stemmer call per token.
    public func tokens(in text: String) -> [AnalyzedToken] {
        tokenizer.tokens(in: normalizer.normalize(text)).map { token in
            AnalyzedToken(
                text: token.text, stem: TermStemming.stem(token.text, enabled: stemming),
                isStopWord: stopWords.contains(token.text), startsPhrase: token.startsPhrase)
        }
    }

    /// The terms (unigrams, bigrams) of `text` in order.
    public func terms(in text: String) -> [String] { ngrams.terms(from: tokens(in: text)) }

    /// Term counts of a document: every term of the title counts `titleWeight` times, of the abstract once; no
    /// bigram joins the title to the abstract.
    public func termCounts(title: String, abstract: String, titleWeight: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        if titleWeight > 0 {
            for term in terms(in: title) { counts[term, default: 0] += titleWeight }
        }
        for term in terms(in: abstract) { counts[term, default: 0] += 1 }
        return counts
    }
}

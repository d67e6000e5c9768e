/// The fifth stage of the analysis: analysed tokens → terms (unigrams and bigrams).
///
/// A unigram is the stem of a token that is not a stop word. A bigram is `"stem₁ stem₂"` for two consecutive
/// tokens that are both not stop words, where the second does not start a phrase (``Tokenizer/Token/startsPhrase``):
/// a bigram never spans a stop word ("learning to rank" gives no "learn rank"), punctuation, dropped math or a URL.
public struct NGramBuilder: Sendable, Hashable {
    /// Unigrams are made when the range holds 1, bigrams when it holds 2 (it must lie within `1...2`).
    public var ngramRange: ClosedRange<Int>

    public init(ngramRange: ClosedRange<Int> = 1...2) {
        precondition(ngramRange.lowerBound >= 1 && ngramRange.upperBound <= 2, "ngramRange must lie within 1...2")
        self.ngramRange = ngramRange
    }

    /// The terms of `tokens` in order: for each token, its unigram, then the bigram that ends at it.
    ///
    /// - Complexity: O(n) in the number of tokens.
    public func terms(from tokens: [AnalyzedToken]) -> [String] {
        let unigrams = ngramRange.contains(1)
        let bigrams = ngramRange.contains(2)
        var terms: [String] = []
        var previous: String?
        for token in tokens {
            if token.startsPhrase || token.isStopWord { previous = nil }
            guard !token.isStopWord else { continue }
            if unigrams { terms.append(token.stem) }
            if bigrams, let previous { terms.append(previous + " " + token.stem) }
            previous = token.stem
        }
        return terms
    }
}

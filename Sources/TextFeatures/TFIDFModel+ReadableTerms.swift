/// How often each word (and each adjacent word pair) of some text produced each stem (pair): the material
/// ``TFIDFModel/readableTerms(_:using:)`` turns stems back into words with.
public struct SurfaceForms: Sendable, Hashable {
    /// Surface word counts by stem, and surface pair counts by `"stem stem"`.
    var counts: [String: [String: Int]] = [:]

    public init() {}

    /// The counts of several texts together.
    public init(merging forms: some Sequence<SurfaceForms>) {
        for form in forms {
            counts.merge(form.counts) { a, b in a.merging(b, uniquingKeysWith: +) }
        }
    }
}

extension TFIDFModel {
    /// The surface forms of `texts` under this model's analysis (tokenizer, stop words, stemmer).
    ///
    /// Bigrams are counted as the model builds them: adjacent words within a phrase, neither a stop word.
    ///
    /// - Parameter terms: the only terms (stems, or two stems joined by a space) to count; `nil` counts all.
    /// - Complexity: O(total text length).
    public func surfaceForms(in texts: [String], only terms: Set<String>? = nil) -> SurfaceForms {
        var forms = SurfaceForms()
        guard configuration.stemming else { return forms }
        // The stems that matter: those of the wanted terms, alone or in a pair.
        let stems = terms.map { Set($0.flatMap { $0.split(separator: " ").map(String.init) }) }
        let analyzer = TextAnalyzer(configuration: configuration, stopWords: stopWords)
        for text in texts {
            let tokens = analyzer.tokens(in: text)
            for (i, token) in tokens.enumerated() where !token.isStopWord {
                if let stems, !stems.contains(token.stem) { continue }
                if terms?.contains(token.stem) ?? true {
                    forms.counts[token.stem, default: [:]][token.text, default: 0] += 1
                }
                if i > 0, !token.startsPhrase, !tokens[i - 1].isStopWord {
                    let previous = tokens[i - 1]
                    let pair = previous.stem + " " + token.stem
                    if terms?.contains(pair) ?? true {
                        forms.counts[pair, default: [:]][previous.text + " " + token.text, default: 0] += 1
                    }
                }
            }
        }
        return forms
    }

    /// Vocabulary terms as a reader would write them: each stem replaced by the word that most often produced it
    /// in `texts` (`retriev passag` → `retrieval passages`).
    ///
    /// Terms are stems (or two stems joined by a space); a bigram takes the adjacent word pair that produced it
    /// when the texts have one, else each stem its own word; a stem no text produced is kept as it is. Among the
    /// surface forms of a stem the most frequent wins, ties going to the shorter, then the alphabetically first.
    ///
    /// - Complexity: O(total text length + terms).
    public func readableTerms(_ terms: [String], in texts: [String]) -> [String] {
        guard configuration.stemming, !terms.isEmpty else { return terms }
        return readableTerms(terms, using: surfaceForms(in: texts))
    }

    /// ``readableTerms(_:in:)`` with surface forms counted beforehand (e.g. once per paper, merged per pair).
    public func readableTerms(_ terms: [String], using forms: SurfaceForms) -> [String] {
        guard configuration.stemming else { return terms }
        func mostFrequent(_ words: [String: Int]) -> String {
            words.min { a, b in
                a.value != b.value ? a.value > b.value : a.key.count != b.key.count ? a.key.count < b.key.count : a.key < b.key
            }!.key
        }
        return terms.map { term in
            if let words = forms.counts[term] { return mostFrequent(words) }
            return term.split(separator: " ").map { forms.counts[String($0)].map(mostFrequent) ?? String($0) }
                .joined(separator: " ")
        }
    }
}

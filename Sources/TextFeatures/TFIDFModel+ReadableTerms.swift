extension TFIDFModel {
    /// Vocabulary terms as a reader would write them: each stem replaced by the word that most often produced it
    /// in `texts` (`retriev passag` → `retrieval passages`).
    ///
    /// Terms are stems (or two stems joined by a space); a stem no text produced is kept as it is. Among the
    /// surface words of a stem the most frequent wins, ties going to the shorter, then the alphabetically first.
    ///
    /// - Complexity: O(total text length + terms).
    public func readableTerms(_ terms: [String], in texts: [String]) -> [String] {
        guard configuration.stemming, !terms.isEmpty else { return terms }
        let analyzer = TextAnalyzer(configuration: configuration, stopWords: stopWords)
        // Surface forms by stem, and by stem pair for bigrams (adjacent words within a phrase, as terms are built).
        var surfaces: [String: [String: Int]] = [:]
        for text in texts {
            let tokens = analyzer.tokens(in: text)
            for (i, token) in tokens.enumerated() where !token.isStopWord {
                surfaces[token.stem, default: [:]][token.text, default: 0] += 1
                if i > 0, !token.startsPhrase, !tokens[i - 1].isStopWord {
                    let previous = tokens[i - 1]
                    surfaces[previous.stem + " " + token.stem, default: [:]][previous.text + " " + token.text, default: 0] += 1
                }
            }
        }
        func mostFrequent(_ forms: [String: Int]) -> String {
            forms.min { a, b in
                a.value != b.value ? a.value > b.value : a.key.count != b.key.count ? a.key.count < b.key.count : a.key < b.key
            }!.key
        }
        return terms.map { term in
            if let forms = surfaces[term] { return mostFrequent(forms) }
            return term.split(separator: " ").map { surfaces[String($0)].map(mostFrequent) ?? String($0) }
                .joined(separator: " ")
        }
    }
}

import PaperRadarCore
extension IDFPrior {
    /// Builds a prior from a reference corpus: the document frequencies of its `topTerms` most frequent terms
    /// (by df, ties alphabetical), analysed exactly as ``TFIDFVectorizer`` would with `configuration` and
    /// `stopWords` (no `minDF`/`maxDF` pruning: a fit applies its own).
    ///
    /// `scripts/build-idf-prior` runs this over the 93,739-paper arXiv corpus to make `models/idf-prior.tsv`.
    ///
    /// - Complexity: O(total text bytes + T log T) for T distinct corpus terms.
    public static func build(
        from documents: [TextDocument], topTerms: Int = 50_000, stopWords: StopWords,
        configuration: TFIDFConfiguration = TFIDFConfiguration(), concurrency: Int? = nil
    ) -> IDFPrior {
        guard !documents.isEmpty, topTerms > 0 else {
            return IDFPrior(documentCount: max(1, documents.count), documentFrequencies: [:])
        }
        let counts = CorpusCounts.count(
            documents, configuration: configuration, stopWords: stopWords, recordsDocuments: false,
            concurrency: max(1, concurrency ?? Parallel.processorCount))
        // (df, flagged id) of every term; keep the top by df, ties by term text.
        var terms: [(df: UInt32, id: UInt32)] = []
        if configuration.includesUnigrams {
            for (id, df) in counts.stemDocumentFrequencies.enumerated() { terms.append((df, UInt32(id))) }
        }
        if configuration.includesBigrams {
            for (id, df) in counts.bigramDocumentFrequencies.enumerated() {
                terms.append((df, UInt32(id) | ChunkCounts.bigramFlag))
            }
        }
        terms.sort { $0.df > $1.df }
        // Every term whose df ties with the last kept one competes alphabetically.
        var cutoff = min(topTerms, terms.count)
        let lastDF = cutoff > 0 ? terms[cutoff - 1].df : 0
        while cutoff < terms.count && terms[cutoff].df == lastDF { cutoff += 1 }
        func text(_ id: UInt32) -> String {
            if id & ChunkCounts.bigramFlag != 0 {
                var bytes: [UInt8] = []
                counts.appendBigram(Int(id & ~ChunkCounts.bigramFlag), to: &bytes)
                return String(decoding: bytes, as: UTF8.self)
            }
            return counts.stems.string(Int(id))
        }
        var named = terms[..<cutoff].map { (df: Int($0.df), term: text($0.id)) }
        named.sort { $0.df != $1.df ? $0.df > $1.df : $0.term < $1.term }
        var frequencies: [String: Int] = [:]
        frequencies.reserveCapacity(min(topTerms, named.count))
        for entry in named.prefix(topTerms) { frequencies[entry.term] = entry.df }
        let settings = [
            "format": "1",
            "ngrams": "\(configuration.ngramRange.lowerBound)-\(configuration.ngramRange.upperBound)",
            "stemming": TermStemming.identifier(enabled: configuration.stemming),
            "stopwords": stopWords.contentHash,
            "titleWeight": String(configuration.titleWeight),
            "minDFListed": String(named.prefix(topTerms).last?.df ?? 0),
        ]
        return IDFPrior(documentCount: counts.documentCount, documentFrequencies: frequencies, settings: settings)
    }
}

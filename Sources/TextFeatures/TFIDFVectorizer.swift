import PaperRadarCore

/// Fits TF-IDF models: title + English abstract → L2-normalised sparse vectors.
///
/// The analysis is ``TextAnalyzer``'s (normalise, tokenise, stop words, stem, n-grams); the weights are
/// ``TFIDFWeighting``'s (sublinear tf, smoothed idf blended with an optional ``IDFPrior``, unit rows). The work
/// runs on UTF-8 bytes in `concurrency` chunks: each chunk interns words, stems each distinct word once and counts
/// unigrams and bigrams by id; the chunks' tables are merged, pruned, sorted, and every row is written straight
/// into the CSR arrays. The result does not depend on the number of chunks.
public struct TFIDFVectorizer: Sendable {
    public var configuration: TFIDFConfiguration
    public var stopWords: StopWords
    /// Reference document frequencies blended into idf (see ``IDFPrior``); `nil` for local counts only.
    public var prior: IDFPrior?

    public init(
        configuration: TFIDFConfiguration = TFIDFConfiguration(), stopWords: StopWords, prior: IDFPrior? = nil
    ) {
        self.configuration = configuration
        self.stopWords = stopWords
        self.prior = prior
    }

    /// Fits a model to `documents` and returns it with the documents' rows.
    ///
    /// - Parameter concurrency: the number of chunks worked on in parallel (default: the active processors).
    /// - Throws: ``TextFeaturesError`` for no documents, an invalid configuration, an incompatible prior, or when
    ///   no term is left.
    /// - Complexity: O(total text bytes + T + V log V) for T distinct corpus terms and V kept terms.
    ///
    /// The documents are released once they are counted (pass them with `consume` to hand over the only
    /// reference) and their memory handed back to the system: at 2.6 M papers their text is 2.9 GB, the rows
    /// assembled after counting 2.2 GB more.
    public func fit(_ documents: consuming [TextDocument], concurrency: Int? = nil) throws -> TFIDFFit {
        try configuration.validate()
        guard !documents.isEmpty else {
            throw TextFeaturesError(.noDocuments, "There are no papers to fit a TF-IDF model to.")
        }
        let stemmer = TermStemming.identifier(enabled: configuration.stemming)
        try checkPrior(stemmer: stemmer)
        var counts = CorpusCounts.count(
            documents, configuration: configuration, stopWords: stopWords, recordsDocuments: true,
            concurrency: max(1, concurrency ?? Parallel.processorCount))
        documents = []
        MemoryRelease.returnFreedMemory()  // the text was millions of small blocks: give their pages back now
        guard counts.stems.count > 0 else {
            throw TextFeaturesError(
                .emptyVocabulary, "Empty vocabulary: the papers contain only stop words, numbers or markup.")
        }
        let selection = VocabularySelection(counts: counts, configuration: configuration, prior: prior)
        guard !selection.vocabulary.isEmpty else {
            throw TextFeaturesError(
                .noTermsAfterPruning,
                "After pruning, no terms remain (\(counts.documentCount) papers, minDF "
                    + "\(configuration.minDF), maxDF \(configuration.maxDF)). Try a lower minDF or a higher maxDF, "
                    + "or fit with the default IDF prior.")
        }
        let documentCount = counts.documentCount
        let runs = counts.takeChunks().map { chunk in
            RowEntries(
                documentEnds: chunk.documentEnds, entryTerms: chunk.entryTerms, entryCounts: chunk.entryCounts,
                columnMaps: RowEntries.ColumnMaps(
                    unigrams: chunk.stemMap.map { map in map.map { selection.stemColumns[Int($0)] } }
                        ?? selection.stemColumns,
                    bigrams: chunk.bigramMap.map { selection.bigramColumns[Int($0)] }))
        }
        let (matrix, emptyRows, entropyWeights) = CSRAssembler.assemble(
            runs, columns: selection.vocabulary.count, idf: selection.idf, sublinearTF: configuration.sublinearTF,
            entropy: true)
        let model = TFIDFModel(
            configuration: configuration, stopWords: stopWords, stemmer: stemmer, vocabulary: selection.vocabulary,
            documentFrequencies: selection.documentFrequencies, idf: selection.idf,
            documentCount: documentCount, priorPseudoDocuments: selection.priorPseudoDocuments)
        var statistics = selection.statistics
        statistics.emptyDocuments = emptyRows
        return TFIDFFit(model: model, matrix: matrix, statistics: statistics, entropyWeights: entropyWeights)
    }

    /// Fits a model to the titles and English abstracts of `papers`.
    public func fit(_ papers: [Paper], concurrency: Int? = nil) throws -> TFIDFFit {
        try fit(papers.map(TextDocument.init), concurrency: concurrency)
    }

    private func checkPrior(stemmer: String) throws {
        guard let prior, let priorStemmer = prior.stemming, priorStemmer != stemmer else { return }
        throw TextFeaturesError(
            .incompatiblePrior,
            "The IDF prior was built with stemming \(priorStemmer), but this model uses "
                + "\(stemmer). Rebuild it with scripts/build-idf-prior, or fit without a prior.")
    }
}

extension TFIDFModel {
    /// Fits a model; the same as `TFIDFVectorizer(configuration:stopWords:prior:).fit(documents)`.
    public static func fit(
        _ documents: [TextDocument], configuration: TFIDFConfiguration = TFIDFConfiguration(), stopWords: StopWords,
        prior: IDFPrior? = nil
    ) throws -> TFIDFFit {
        try TFIDFVectorizer(configuration: configuration, stopWords: stopWords, prior: prior).fit(documents)
    }
}

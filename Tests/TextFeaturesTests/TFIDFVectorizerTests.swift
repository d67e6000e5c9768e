import LinearAlgebra
import Testing
import TextFeatures

@Suite struct TFIDFVectorizerTests {
    /// Checks a fit against the naive reference: vocabulary, idf and every value to 1e-6.
    func expectMatchesReference(
        _ documents: [TextDocument], configuration: TFIDFConfiguration, stopWords: StopWords,
        prior: IDFPrior? = nil
    ) throws {
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: stopWords, prior: prior)
            .fit(documents)
        let reference = Reference.fit(documents, configuration: configuration, stopWords: stopWords, prior: prior)
        #expect(fit.model.vocabulary == reference.vocabulary)
        for (column, term) in fit.model.vocabulary.enumerated() {
            #expect(abs(Double(fit.model.idf[column]) - reference.idf[term]!) < 1e-6, "idf \(term)")
        }
        #expect(fit.matrix.rows == documents.count)
        for row in 0..<documents.count {
            let entries = fit.matrix.row(row)
            #expect(entries.count == reference.rows[row].count, "row \(row) size")
            for (column, value) in entries {
                let expected = reference.rows[row][fit.model.vocabulary[column]] ?? .nan
                #expect(abs(Double(value) - expected) < 1e-6, "row \(row) \(fit.model.vocabulary[column])")
            }
        }
    }

    @Test func matchesNaiveReferenceOnTinyCorpus() throws {
        let configuration = TFIDFConfiguration(minDF: 1, maxDF: 1.0)
        try expectMatchesReference(
            Fixtures.abstracts, configuration: configuration, stopWords: try Fixtures.stopWords())
    }

    @Test func matchesNaiveReferenceWithPruningAndOptions() throws {
        let stopWords = try Fixtures.stopWords()
        let documents = Fixtures.synthetic(count: 300)
        for configuration in [
            TFIDFConfiguration(),
            TFIDFConfiguration(ngramRange: 1...1, minDF: 2, maxDF: 0.3, sublinearTF: false, titleWeight: 1),
            TFIDFConfiguration(ngramRange: 2...2, minDF: 5, stemming: false),
            TFIDFConfiguration(maxFeatures: 150, titleWeight: 0),
        ] {
            try expectMatchesReference(documents, configuration: configuration, stopWords: stopWords)
        }
    }

    @Test func rowsHaveUnitNormAndSortedColumns() throws {
        let fit = try TFIDFVectorizer(stopWords: try Fixtures.stopWords()).fit(Fixtures.synthetic(count: 1_200))
        let matrix = fit.matrix
        #expect(matrix.rows == 1_200 && matrix.columns == fit.model.featureCount)
        for row in 0..<matrix.rows {
            let entries = matrix.row(row)
            if entries.isEmpty { continue }
            let norm = entries.reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
            #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.column < $1.column })
        }
    }

    @Test func vocabularyIsSortedWithBigramsAsStemPairs() throws {
        let fit = try TFIDFVectorizer(
            configuration: TFIDFConfiguration(minDF: 2, maxDF: 1), stopWords: try Fixtures.stopWords()
        )
        .fit(Fixtures.abstracts)
        #expect(fit.model.vocabulary == fit.model.vocabulary.sorted())
        #expect(fit.model.vocabulary.contains("languag model"))
        #expect(fit.model.vocabulary.contains("gpt-4o"))
        #expect(!fit.model.vocabulary.contains("learn rank"))
    }

    @Test func bytePathAndStringPathGiveTheSameTerms() throws {
        let stopWords = try Fixtures.stopWords()
        let documents = Fixtures.synthetic(count: 600) + Fixtures.abstracts
        let configuration = TFIDFConfiguration(minDF: 1, maxDF: 1)
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: stopWords).fit(documents)
        let analyzer = TextAnalyzer(configuration: configuration, stopWords: stopWords)
        var terms = Set<String>()
        for document in documents {
            let counts = analyzer.termCounts(title: document.title, abstract: document.abstract, titleWeight: 2)
            terms.formUnion(counts.keys)
        }
        #expect(Set(fit.model.vocabulary) == terms)
    }

    @Test func defaultMaxDFKeepsATermInFortyPercentOfPapers() throws {
        let documents = (0..<50).map { index in
            TextDocument(title: "paper \(index)", abstract: (index % 5 < 2 ? "llm " : "") + "topic\(index % 7) words")
        }
        let fit = try TFIDFVectorizer(stopWords: .none).fit(documents)
        #expect(fit.model.column(of: "llm") != nil)
        #expect(fit.statistics.removedAboveMaxDF >= 1)  // "paper" and "word" are in every document
    }

    @Test func errorsAreActionable() throws {
        let vectorizer = TFIDFVectorizer(stopWords: try Fixtures.stopWords())
        #expect(throws: TextFeaturesError.self) { try vectorizer.fit([TextDocument]()) }
        do {
            _ = try vectorizer.fit([TextDocument(title: "The", abstract: "We propose a method of the 2024.")])
            Issue.record("expected an error")
        } catch let error as TextFeaturesError {
            #expect(error.code == .emptyVocabulary)
        }
        do {
            _ = try vectorizer.fit(Array(Fixtures.abstracts.prefix(2)))
            Issue.record("expected an error")
        } catch let error as TextFeaturesError {
            #expect(error.code == .noTermsAfterPruning)
            #expect(error.message.contains("Try a lower minDF or a higher maxDF"))
        }
        let invalid = TFIDFVectorizer(configuration: TFIDFConfiguration(maxDF: 0), stopWords: .none)
        #expect(throws: TextFeaturesError(.invalidConfiguration, "maxDF must be a fraction in (0, 1] (got 0.0).")) {
            try invalid.fit(Fixtures.abstracts)
        }
    }
}

import Foundation
import Testing
import TextFeatures

@Suite struct IDFPriorTests {
    let stopWords = StopWords(words: ["the", "of", "and", "we", "a", "for", "with", "on"])

    /// A prior of 1,000 reference documents built with the current stemmer.
    func prior(_ frequencies: [String: Int]) throws -> IDFPrior {
        let stemming = IDFPrior.build(from: [TextDocument(abstract: "x words")], stopWords: .none).stemming ?? ""
        return IDFPrior(documentCount: 1_000, documentFrequencies: frequencies, settings: ["stemming": stemming])
    }

    @Test func parsesAndSerializes() throws {
        let text = "#paperradar-idf-prior\tdocuments=1000\tngrams=1-2\tstemming=off\nmodel\t400\nlanguag model\t120\n"
        let prior = try IDFPrior(parsing: text)
        #expect(prior.documentCount == 1_000)
        #expect(prior.documentFrequencies == ["model": 400, "languag model": 120])
        #expect(prior.stemming == "off")
        #expect(try IDFPrior(parsing: prior.serialized()) == prior)
        #expect(prior.serialized().hasPrefix("#paperradar-idf-prior\tdocuments=1000\tngrams=1-2"))
    }

    @Test func rejectsMalformedText() {
        for text in ["model\t400\n", "#documents=10\nmodel 400\n", "#documents=10\nmodel\t-1\n", "#x=1\n"] {
            #expect(throws: TextFeaturesError.self) { try IDFPrior(parsing: text) }
        }
    }

    @Test func blendMatchesTheFormulaOnATinyCorpus() throws {
        let documents = [
            TextDocument(title: "", abstract: "graph networks for molecules"),
            TextDocument(title: "", abstract: "graph networks on proteins"),
            TextDocument(title: "", abstract: "quasar spectra and graph"),
            TextDocument(title: "", abstract: "language models for molecules"),
        ]
        let prior = try prior(["graph": 100, "network": 50, "molecul": 10, "quasar": 5, "graph network": 20])
        let configuration = TFIDFConfiguration(minDF: 2, maxDF: 0.5, priorWeight: 100)
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: stopWords, prior: prior).fit(documents)
        let model = fit.model
        // m = 100² / (100 + 4)
        let m = 10_000.0 / 104
        #expect(abs(model.priorPseudoDocuments - m) < 1e-12)
        func expectedIDF(df: Double, priorDF: Double) -> Double {
            log((1 + 4 + m) / (1 + df + m * priorDF / 1_000)) + 1
        }
        // "graph" is in 3 of 4 papers (75 % > maxDF) but rare in the prior: kept.
        let graph = try #require(model.column(of: "graph"))
        #expect(abs(Double(model.idf[graph]) - expectedIDF(df: 3, priorDF: 100)) < 1e-5)
        // "quasar" is in 1 paper (< minDF) but the prior lists it: kept.
        let quasar = try #require(model.column(of: "quasar"))
        #expect(abs(Double(model.idf[quasar]) - expectedIDF(df: 1, priorDF: 5)) < 1e-5)
        // "protein" is in 1 paper and unknown to the prior: dropped.
        #expect(model.column(of: "protein") == nil)
        // "molecul" is in 2 papers (50 % ≤ maxDF, ≥ minDF): kept with the blended idf.
        let molecule = try #require(model.column(of: "molecul"))
        #expect(abs(Double(model.idf[molecule]) - expectedIDF(df: 2, priorDF: 10)) < 1e-5)
        #expect(fit.statistics.keptByPrior >= 1)
        let reference = Reference.fit(documents, configuration: configuration, stopWords: stopWords, prior: prior)
        #expect(model.vocabulary == reference.vocabulary)
        for (column, term) in model.vocabulary.enumerated() {
            #expect(abs(Double(model.idf[column]) - reference.idf[term]!) < 1e-5, "\(term)")
        }
    }

    @Test func priorWeightShrinksAsTheCorpusGrows() throws {
        let prior = try prior(["graph": 100])
        var weights: [Double] = []
        for count in [600, 1_200] {
            let documents = Fixtures.synthetic(count: count)
            let fit = try TFIDFVectorizer(stopWords: stopWords, prior: prior).fit(documents)
            weights.append(fit.model.priorPseudoDocuments)
        }
        #expect(abs(weights[0] - 1_000_000.0 / 1_600) < 1e-9)
        #expect(weights[1] < weights[0])
    }

    @Test func rejectsAPriorFromAnotherStemmer() throws {
        let prior = IDFPrior(documentCount: 10, documentFrequencies: ["graph": 1], settings: ["stemming": "other:1"])
        do {
            _ = try TFIDFVectorizer(stopWords: stopWords, prior: prior).fit(Fixtures.abstracts)
            Issue.record("expected an error")
        } catch let error as TextFeaturesError {
            #expect(error.code == .incompatiblePrior)
        }
    }

    @Test func buildListsTheTopTermsByDocumentFrequency() throws {
        let documents = Fixtures.synthetic(count: 700)
        let prior = IDFPrior.build(from: documents, topTerms: 50, stopWords: stopWords)
        #expect(prior.documentCount == 700)
        #expect(prior.documentFrequencies.count == 50)
        let full = try TFIDFVectorizer(
            configuration: TFIDFConfiguration(minDF: 1, maxDF: 1), stopWords: stopWords
        ).fit(documents).model
        let listed = Set(prior.documentFrequencies.keys)
        let cutoff = prior.documentFrequencies.values.min()!
        for (column, term) in full.vocabulary.enumerated() {
            let df = full.documentFrequencies[column]
            if listed.contains(term) { #expect(prior.documentFrequencies[term] == df) }
            if df > cutoff { #expect(listed.contains(term), "\(term)") }
        }
        let reparsed = try IDFPrior(parsing: prior.serialized())
        #expect(reparsed == prior)
        #expect(reparsed.settings["documents"] == "700" && reparsed.settings["ngrams"] == "1-2")
    }
}

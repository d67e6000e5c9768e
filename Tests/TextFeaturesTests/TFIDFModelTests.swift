import Foundation
import LinearAlgebra
import Testing
import TextFeatures

@Suite struct TFIDFModelTests {
    func fitSynthetic(_ count: Int = 900, concurrency: Int? = nil) throws -> TFIDFFit {
        try TFIDFVectorizer(stopWords: try Fixtures.stopWords())
            .fit(Fixtures.synthetic(count: count), concurrency: concurrency)
    }

    @Test func transformOfTrainingDocumentsReproducesTheFit() throws {
        let documents = Fixtures.synthetic(count: 900)
        let fit = try TFIDFVectorizer(stopWords: try Fixtures.stopWords()).fit(documents)
        #expect(fit.model.transform(documents) == fit.matrix)
        #expect(fit.model.transform(documents, concurrency: 1) == fit.matrix)
    }

    @Test func frozenModelIgnoresUnknownTerms() throws {
        let fit = try TFIDFVectorizer(
            configuration: TFIDFConfiguration(minDF: 2, maxDF: 1), stopWords: try Fixtures.stopWords()
        )
        .fit(Fixtures.abstracts)
        let model = fit.model
        let matrix = model.transform([
            TextDocument(title: "Quasar spectroscopy", abstract: "Quasar spectra of blazars."),
            TextDocument(title: "", abstract: "Quasar language models with retrieval."),
        ])
        #expect(matrix.rows == 2 && matrix.columns == model.featureCount)
        #expect(matrix.row(0).isEmpty)
        let terms = matrix.row(1).map { model.vocabulary[$0.column] }
        #expect(terms == ["languag", "languag model", "model", "retriev"].filter { model.column(of: $0) != nil })
        #expect(!terms.isEmpty)
        let norm = matrix.row(1).reduce(Float(0)) { $0 + $1.value * $1.value }
        #expect(abs(norm - 1) < 1e-5)
    }

    @Test func transformOfNothingIsAnEmptyMatrix() throws {
        let model = try fitSynthetic(100).model
        let matrix = model.transform([TextDocument]())
        #expect(matrix.rows == 0 && matrix.columns == model.featureCount)
    }

    @Test func encodingRoundTrips() throws {
        let model = try fitSynthetic().model
        let bytes = model.encoded()
        let decoded = try TFIDFModel(decoding: bytes)
        #expect(decoded == model)
        #expect(decoded.contentHash == model.contentHash)
        #expect(decoded.encoded() == bytes)
        #expect(decoded.vocabulary == model.vocabulary && decoded.idf == model.idf)
        #expect(decoded.configuration == model.configuration && decoded.stopWords == model.stopWords)
        let documents = Fixtures.synthetic(count: 50, seed: 7)
        #expect(decoded.transform(documents) == model.transform(documents))
        #expect(model.contentHash.count == 16 && model.contentHash.allSatisfy(\.isHexDigit))
    }

    @Test func decodingRejectsDamagedData() throws {
        let bytes = try fitSynthetic(200).model.encoded()
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x01
        for damaged in [flipped, Array(bytes.dropLast(3)), Array("not a model".utf8), []] {
            do {
                _ = try TFIDFModel(decoding: damaged)
                Issue.record("decoded damaged data")
            } catch let error as TextFeaturesError {
                #expect(error.code == .malformedModel)
            }
        }
    }

    @Test func fitsAreDeterministicForAnyNumberOfThreads() throws {
        let reference = try fitSynthetic(2_500, concurrency: 1)
        let bytes = reference.model.encoded()
        for concurrency in [2, 3, 5, nil] {
            let fit = try fitSynthetic(2_500, concurrency: concurrency)
            #expect(fit.model.encoded() == bytes, "concurrency \(String(describing: concurrency))")
            #expect(fit.matrix == reference.matrix)
            #expect(fit.statistics == reference.statistics)
        }
        #expect(try fitSynthetic(2_500).model.contentHash == reference.model.contentHash)
    }

    @Test func differentSettingsGiveDifferentHashes() throws {
        let documents = Fixtures.synthetic(count: 300)
        let stopWords = try Fixtures.stopWords()
        let a = try TFIDFVectorizer(stopWords: stopWords).fit(documents).model
        let b = try TFIDFVectorizer(configuration: TFIDFConfiguration(titleWeight: 1), stopWords: stopWords)
            .fit(documents).model
        #expect(a.contentHash != b.contentHash)
        #expect(a != b)
    }

    @Test func analysisExplainsTheRow() throws {
        let documents = Fixtures.synthetic(count: 300)
        let fit = try TFIDFVectorizer(stopWords: try Fixtures.stopWords()).fit(documents)
        let document = documents[17]
        let analysis = fit.model.analyze(title: document.title, abstract: document.abstract)
        let row = Dictionary(
            uniqueKeysWithValues: fit.matrix.row(17).map { (fit.model.vocabulary[$0.column], $0.value) })
        #expect(analysis.terms.count == row.count)
        for term in analysis.terms {
            #expect(term.weight == row[term.term])
            #expect(term.idf == fit.model.idf[fit.model.column(of: term.term)!])
        }
        #expect(zip(analysis.terms, analysis.terms.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        let tokenCount =
            TextAnalyzer(stopWords: .none).tokens(in: document.title).count
            + TextAnalyzer(stopWords: .none).tokens(in: document.abstract).count
        #expect(analysis.tokens.count == tokenCount)
    }

    @Test func analysisJSONHasTheDocumentedShape() throws {
        let fit = try TFIDFVectorizer(
            configuration: TFIDFConfiguration(minDF: 1, maxDF: 1), stopWords: try Fixtures.stopWords()
        )
        .fit(Fixtures.abstracts)
        let analysis = fit.model.analyze(title: "Language models", abstract: "We propose retrieval for models.")
        #expect(analysis.tokens.map(\.text) == ["language", "models", "we", "propose", "retrieval", "for", "models"])
        #expect(analysis.tokens.map(\.stop) == [false, false, true, true, false, true, false])
        #expect(analysis.tokens[1].stem == "model")
        #expect(analysis.terms.first { $0.term == "model" }?.tf == 3)
        #expect(analysis.terms.first { $0.term == "languag model" }?.tf == 2)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(analysis)) as? [String: Any]
        #expect(Set(object?.keys ?? [:].keys) == ["tokens", "terms"])
        let token = (object?["tokens"] as? [[String: Any]])?.first
        #expect(Set(token?.keys ?? [:].keys) == ["text", "stem", "stop"])
        let term = (object?["terms"] as? [[String: Any]])?.first
        #expect(Set(term?.keys ?? [:].keys) == ["term", "tf", "idf", "weight"])
        #expect(try JSONDecoder().decode(Analysis.self, from: JSONEncoder().encode(analysis)) == analysis)
    }
}

@Suite struct ReadableTermsTests {
    @Test func stemsBecomeTheirMostFrequentSurfaceWord() throws {
        let texts = [
            "Retrieval of passages: we retrieve passages and rerank the retrieval results.",
            "Dense retrieval over passages.",
        ]
        var configuration = TFIDFConfiguration()
        configuration.minDF = 1
        configuration.maxDF = 1.0
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: try Fixtures.stopWords())
            .fit(texts.map { TextDocument(title: "", abstract: $0) })
        let model = fit.model
        // Unigrams take their most frequent word; a bigram takes the adjacent pair that produced it
        // ("retrieve passages"), not the two most frequent words.
        #expect(model.readableTerms(["retriev", "passag", "retriev passag", "zzzunknown"], in: texts)
            == ["retrieval", "passages", "retrieve passages", "zzzunknown"])
        // A bigram no text has adjacently falls back to word by word.
        #expect(model.readableTerms(["passag retriev"], in: texts) == ["passages retrieval"])
        // Counting per text and merging gives the same words as counting the texts together.
        let merged = SurfaceForms(merging: texts.map { model.surfaceForms(in: [$0]) })
        #expect(model.readableTerms(["retriev", "passag", "retriev passag"], using: merged)
            == model.readableTerms(["retriev", "passag", "retriev passag"], in: texts))
        // Counting only some terms counts exactly those terms' forms, as counting everything does.
        let wanted: Set<String> = ["passag", "retriev passag", "rerank"]
        let all = model.surfaceForms(in: texts)
        let only = model.surfaceForms(in: texts, only: wanted)
        #expect(model.readableTerms(Array(wanted), using: only) == model.readableTerms(Array(wanted), using: all))
        #expect(model.readableTerms(["retriev"], using: only) == ["retriev"])
        #expect(model.surfaceForms(in: texts, only: []) == SurfaceForms())
        // No texts: stems stay.
        #expect(model.readableTerms(["retriev"], in: []) == ["retriev"])
    }
}

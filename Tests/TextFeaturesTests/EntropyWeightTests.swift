import Foundation
import LinearAlgebra
import Testing

@testable import TextFeatures

@Suite struct EntropyWeightTests {
    static let documents = [
        TextDocument(title: "", abstract: "graph neural network graph node"),
        TextDocument(title: "", abstract: "graph retrieval passage"),
        TextDocument(title: "", abstract: "network retrieval query passage passage"),
        TextDocument(title: "", abstract: "node query network"),
    ]

    @Test func matchesTheLogEntropyFormula() throws {
        var configuration = TFIDFConfiguration()
        configuration.minDF = 1
        configuration.maxDF = 1
        configuration.ngramRange = 1...1
        configuration.titleWeight = 0
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: StopWords(words: [])).fit(Self.documents)
        let n = Double(Self.documents.count)
        for (column, term) in fit.model.vocabulary.enumerated() {
            // Naive: counts per document straight from the texts (every word is its own stem here).
            let counts = Self.documents.map { document in
                Double(document.abstract.split(separator: " ").filter { PorterStemmer().stem(String($0)) == term }.count)
            }
            let gf = counts.reduce(0, +)
            let entropy = counts.filter { $0 > 0 }.map { ($0 / gf) * log($0 / gf) }.reduce(0, +)
            let expected = max(1 + entropy / log(n), 1e-3)
            #expect(abs(Double(fit.entropyWeights[column]) - expected) < 1e-5, "\(term)")
        }
    }

    @Test func weightedLSAFoldsInLikeItFits() throws {
        var configuration = TFIDFConfiguration()
        configuration.minDF = 1
        configuration.maxDF = 1
        let fit = try TFIDFVectorizer(configuration: configuration, stopWords: StopWords(words: [])).fit(Self.documents)
        let lsa = LSAModel.fit(fit.matrix, tfidfHash: fit.model.contentHash, termWeights: fit.entropyWeights, dimension: 3)
        let folded = lsa.model.embed(fit.matrix)
        #expect(zip(folded.storage, lsa.embeddings.storage).allSatisfy { abs($0 - $1) < 1e-5 })
        for norm in lsa.embeddings.rowNorms() { #expect(abs(norm - 1) < 1e-4) }
        let view = lsa.model.neighbourView(of: lsa.embeddings, dimensions: 2)
        #expect(view.columns == 2)
        for norm in view.rowNorms() { #expect(abs(norm - 1) < 1e-4) }
    }
}

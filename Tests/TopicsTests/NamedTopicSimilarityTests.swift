import LinearAlgebra
import Testing

@testable import Topics

@Suite("Similarity of papers to named topics")
struct NamedTopicSimilarityTests {
    @Test("E·Sᵀ equals brute-force dot products; best topic is the argmax")
    func matchesBruteForce() {
        let n = 80, d = 24, s = 7
        let embeddings = TestSupport.unitRows(n, d, seed: 21)
        var seeds = TestSupport.unitRows(s, d, seed: 22)
        for j in 0..<d { seeds[3, j] = 0 }  // a named topic with no seed term in the vocabulary
        let similarity = NamedTopicSimilarity(embeddings: embeddings, seedVectors: seeds)
        #expect(similarity.paperCount == n && similarity.namedTopicCount == s)
        for i in 0..<n {
            let brute = (0..<s).map { TestSupport.dot(embeddings.row(i), seeds.row($0)) }
            let row = similarity.similarities(ofPaper: i)
            for j in 0..<s { #expect(abs(Double(row[j]) - brute[j]) < 1e-5) }
            #expect(row[3] == 0)
            let best = similarity.bestNamedTopic(ofPaper: i)
            #expect(best?.topic == TestSupport.argmax(row))
            #expect(best?.similarity == row.max())
        }
        let all = similarity.bestNamedTopics(minSimilarity: 0.2)
        #expect(all.count == n)
        for i in 0..<n {
            let row = similarity.similarities(ofPaper: i)
            #expect((all[i] == nil) == (row.max()! < 0.2))
        }
    }

    @Test("no named topics: no best topic")
    func empty() {
        let similarity = NamedTopicSimilarity(
            embeddings: TestSupport.unitRows(3, 4, seed: 1), seedVectors: Matrix(rows: 0, columns: 4))
        #expect(similarity.namedTopicCount == 0)
        #expect(similarity.bestNamedTopic(ofPaper: 0) == nil)
    }
}

import LinearAlgebra
import Testing

@testable import Topics

@Suite("Topic centrality and bridge papers")
struct TopicCentralityTests {
    @Test("central papers equal a brute-force sort of each topic's members")
    func centralPapersMatchBruteForce() {
        let n = 240, d = 32, k = 6
        let embeddings = TestSupport.unitRows(n, d, seed: 11)
        let centroids = TestSupport.unitRows(k, d, seed: 12)
        // Nearest-centroid assignments, as spherical k-means leaves them.
        let assignments = (0..<n).map { i in
            TestSupport.argmax((0..<k).map { Float(TestSupport.dot(embeddings.row(i), centroids.row($0))) })
        }
        let centrality = TopicCentrality(embeddings: embeddings, centroids: centroids, assignments: assignments)
        #expect(centrality.similarities.rows == n && centrality.similarities.columns == k)
        for i in 0..<n {
            for c in 0..<k {
                let brute = TestSupport.dot(embeddings.row(i), centroids.row(c))
                #expect(abs(Double(centrality.similarities[i, c]) - brute) < 1e-5)
            }
        }
        let central = centrality.centralPapers(count: 5)
        #expect(central.count == k)
        for c in 0..<k {
            let members = (0..<n).filter { assignments[$0] == c }
            let brute = members.map { ($0, TestSupport.dot(embeddings.row($0), centroids.row(c))) }
                .sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
                .prefix(5)
            #expect(central[c].count == min(5, members.count))
            #expect(central[c].map(\.paper) == brute.map(\.0))
            for (got, want) in zip(central[c], brute) { #expect(abs(Double(got.similarity) - want.1) < 1e-5) }
        }
        // A count larger than every topic returns whole topics; 0 returns nothing.
        #expect(
            centrality.centralPapers(count: n).map(\.count) == (0..<k).map { c in assignments.filter { $0 == c }.count }
        )
        #expect(centrality.centralPapers(count: 0).allSatisfy { $0.isEmpty })
    }

    @Test("ties in similarity go to the lower paper index")
    func centralTies() {
        let embeddings = Matrix([[1, 0], [0.6, 0.8], [1, 0], [0.6, 0.8]])
        let centrality = TopicCentrality(
            embeddings: embeddings, centroids: Matrix([[1, 0]]), assignments: [0, 0, 0, 0])
        #expect(centrality.centralPapers(count: 3)[0].map(\.paper) == [0, 2, 1])
    }

    @Test("bridge papers on a constructed case")
    func bridges() {
        let rows: [[Float]] = [
            TestSupport.unit([1, 1, 0]),  // 0: 0.707 / 0.707 → bridge, strength 0.707
            TestSupport.unit([1, 0.95, 0]),  // 1: 0.725 / 0.689 → bridge (ratio 0.95)
            TestSupport.unit([1, 0.5, 0]),  // 2: ratio 0.5 → not
            [0, 0, 1],  // 3: one topic only → not
            TestSupport.unit([1, 1, 1]),  // 4: 0.577 ×3 → bridge with the lowest other topic
            TestSupport.unit([0.1, 0.1, 1]),  // 5: close but low (0.099) → not
            TestSupport.unit([0.95, 1, 0]),  // 6: mirror of 1, own topic 1
        ]
        let embeddings = Matrix(rows)
        let centroids = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let assignments = [0, 0, 0, 2, 0, 2, 1]
        let centrality = TopicCentrality(embeddings: embeddings, centroids: centroids, assignments: assignments)
        let bridges = centrality.bridgePapers(minSimilarity: 0.3, ratio: 0.9, limit: 10)
        #expect(bridges.map(\.paper) == [0, 1, 6, 4])
        #expect(bridges.map(\.topicA) == [0, 0, 1, 0])
        #expect(bridges.map(\.topicB) == [1, 1, 0, 1])
        #expect(abs(bridges[0].similarityA - 0.70710677) < 1e-6 && abs(bridges[0].similarityB - 0.70710677) < 1e-6)
        #expect(bridges[1].similarityA > bridges[1].similarityB)
        #expect(bridges[2].similarityA > bridges[2].similarityB)
        #expect(zip(bridges, bridges.dropFirst()).allSatisfy { $0.strength >= $1.strength })
        #expect(centrality.bridgePapers(minSimilarity: 0.3, ratio: 0.9, limit: 2).map(\.paper) == [0, 1])
        #expect(centrality.bridgePapers(minSimilarity: 0.6, ratio: 0.9).map(\.paper) == [0, 1, 6])
        #expect(centrality.bridgePapers(minSimilarity: 0.3, ratio: 0.99).map(\.paper) == [0, 4])
        // One topic: no bridges.
        let single = TopicCentrality(
            embeddings: embeddings, centroids: Matrix([[1, 0, 0]]), assignments: [Int](repeating: 0, count: 7))
        #expect(single.bridgePapers().isEmpty)
    }

    @Test("a paper assigned away from its nearest centroid is still judged on both similarities")
    func bridgeWithStaleAssignment() {
        // Own topic 1 (0.689), nearest other topic 0 (0.725): lo / hi = 0.95 → bridge, a = own topic.
        let centrality = TopicCentrality(
            embeddings: Matrix([TestSupport.unit([1, 0.95])]), centroids: Matrix([[1, 0], [0, 1]]), assignments: [1])
        let bridges = centrality.bridgePapers()
        #expect(bridges.count == 1)
        #expect(bridges.first?.topicA == 1 && bridges.first?.topicB == 0)
    }
}

import Foundation
import LinearAlgebra
import Testing

@testable import Topics

@Suite("Class-based TF-IDF")
struct ClassTFIDFTests {
    /// The c-TF-IDF formula written out naively over a dense matrix, in Double: `[cluster][term]`.
    static func referenceWeights(_ dense: [[Float]], assignments: [Int], k: Int) -> [[Double]] {
        let m = dense.first?.count ?? 0
        var sums = [[Double]](repeating: [Double](repeating: 0, count: m), count: k)
        for (i, row) in dense.enumerated() {
            for t in 0..<m { sums[assignments[i]][t] += Double(row[t]) }
        }
        let totals = sums.map { $0.reduce(0, +) }
        let f = (0..<m).map { t in sums.reduce(0.0) { $0 + $1[t] } }
        let nonEmpty = (0..<k).filter { c in assignments.contains(c) }.count
        let average = totals.reduce(0, +) / Double(nonEmpty)
        return (0..<k).map { c in
            (0..<m).map { t in
                sums[c][t] > 0 && totals[c] > 0 ? sums[c][t] / totals[c] * Foundation.log(1 + average / f[t]) : 0
            }
        }
    }

    /// Naive top terms: full sort by (weight desc, index asc), then the documented diversity rule.
    static func referenceTopTerms(
        _ weights: [Double], vocabulary: [String], count: Int, diversify: Bool
    ) -> [Int] {
        let ranked = weights.indices.filter { weights[$0] > 0 }.sorted {
            weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1)
        }
        var picked: [Int] = []
        var unigrams = Set<String>(), covered = Set<String>()
        for t in ranked where picked.count < count {
            let words = vocabulary[t].split(separator: " ").map(String.init)
            if diversify {
                if words.count == 1 {
                    if covered.contains(words[0]) { continue }
                    unigrams.insert(words[0])
                } else {
                    if words.allSatisfy({ unigrams.contains($0) || covered.contains($0) }) { continue }
                    covered.formUnion(words)
                }
            }
            picked.append(t)
        }
        return picked
    }

    // 6 papers × 5 terms, 3 clusters (cluster 2 empty); rows unit-normalised below.
    static let dense: [[Float]] = [
        [3, 0, 1, 0, 0],
        [2, 1, 0, 0, 0],
        [0, 0, 1, 2, 0],
        [1, 0, 0, 2, 2],
        [0, 2, 0, 0, 1],
        [1, 1, 1, 1, 1],
    ]
    static let assignments = [0, 0, 1, 1, 3, 3]
    static let vocabulary = ["alpha", "beta", "gamma", "delta", "epsilon"]

    static func unitDense() -> [[Float]] { dense.map(TestSupport.unit) }

    @Test("weights equal the naive formula to 1e-5")
    func weightsMatchReference() {
        let rows = Self.unitDense()
        let sparse = SparseMatrix(Matrix(rows))
        let k = 4
        let weights = ClassTFIDF.weights(tfidf: sparse, assignments: Self.assignments, clusterCount: k)
        let reference = Self.referenceWeights(rows, assignments: Self.assignments, k: k)
        #expect(weights.rows == k && weights.columns == 5)
        for c in 0..<k {
            for t in 0..<5 { #expect(abs(Double(weights[c, t]) - reference[c][t]) < 1e-5, "(\(c), \(t))") }
        }
        #expect(weights.row(2) == [0, 0, 0, 0, 0])
    }

    @Test("one hand-computed weight")
    func handComputed() {
        // Two one-paper clusters: x₀ = (1, 0), x₁ = (0.6, 0.8). S₀ = (1, 0), S₁ = (0.6, 0.8), T = (1, 1.4),
        // A = 1.2, f = (1.6, 0.8). w₁(term 0) = 0.6 / 1.4 · ln(1 + 1.2 / 1.6) = 0.428571… · ln 1.75.
        let sparse = SparseMatrix(Matrix([[1, 0], [0.6, 0.8]]))
        let terms = ClassTFIDF(count: 5, diversify: false).topTerms(
            tfidf: sparse, assignments: [0, 1], clusterCount: 2, vocabulary: ["x", "y"])
        let w10 = 0.6 / 1.4 * Foundation.log(1.75)
        let w11 = 0.8 / 1.4 * Foundation.log(2.5)
        #expect(terms[0].map(\.term) == ["x"])
        #expect(abs(Double(terms[0][0].weight) - Foundation.log(1.75)) < 1e-6)
        #expect(terms[1].map(\.term) == ["y", "x"])
        #expect(abs(Double(terms[1][0].weight) - w11) < 1e-6 && abs(Double(terms[1][1].weight) - w10) < 1e-6)
    }

    @Test("top terms follow the reference ranking; empty clusters have none")
    func topTermsMatchReference() {
        let rows = Self.unitDense()
        let sparse = SparseMatrix(Matrix(rows))
        let reference = Self.referenceWeights(rows, assignments: Self.assignments, k: 4)
        let terms = ClassTFIDF(count: 3, diversify: false).topTerms(
            tfidf: sparse, assignments: Self.assignments, clusterCount: 4, vocabulary: Self.vocabulary)
        #expect(terms.count == 4)
        #expect(terms[2].isEmpty)
        for c in [0, 1, 3] {
            let expected = Self.referenceTopTerms(reference[c], vocabulary: Self.vocabulary, count: 3, diversify: false)
            #expect(terms[c].map(\.index) == expected)
            #expect(terms[c].map(\.term) == expected.map { Self.vocabulary[$0] })
            for term in terms[c] { #expect(abs(Double(term.weight) - reference[c][term.index]) < 1e-5) }
        }
    }

    @Test("equal weights rank in vocabulary order")
    func tiesFollowTermOrder() {
        let sparse = SparseMatrix(Matrix([[0.5, 0.5, 0.5, 0.5], [0, 0, 0, 1]]))
        let terms = ClassTFIDF(count: 4, diversify: false).topTerms(
            tfidf: sparse, assignments: [0, 1], clusterCount: 2, vocabulary: ["d", "c", "b", "a"])
        #expect(terms[0].map(\.index) == [0, 1, 2, 3])
        #expect(terms[0][0].weight == terms[0][1].weight)
    }

    @Test("diversity: a listed bigram hides its words; listed words hide their bigram")
    func diversity() {
        let vocabulary = ["graph", "graph neural", "languag", "languag model", "model", "neural"]
        // Cluster 0 ranks "languag model" > "languag" > "model" > "graph";
        // cluster 1 ranks "graph" > "neural" > "graph neural".
        let rows: [[Float]] = [
            [0.1, 0, 0.5, 0.8, 0.3, 0],
            [0, 0.3, 0, 0, 0, 0.6],
            [0.8, 0, 0, 0, 0, 0],
        ]
        let sparse = SparseMatrix(Matrix(rows))
        let labeller = ClassTFIDF(count: 3)
        let terms = labeller.topTerms(tfidf: sparse, assignments: [0, 1, 1], clusterCount: 2, vocabulary: vocabulary)
        #expect(terms[0].map(\.term) == ["languag model", "graph"])
        #expect(terms[1].map(\.term) == ["graph", "neural"])
        let plain = ClassTFIDF(count: 3, diversify: false).topTerms(
            tfidf: sparse, assignments: [0, 1, 1], clusterCount: 2, vocabulary: vocabulary)
        #expect(plain[0].map(\.term) == ["languag model", "languag", "model"])
        #expect(plain[1].map(\.term) == ["graph", "neural", "graph neural"])
    }

    @Test(
        "random corpora: top terms equal the naive reference (with diversity, past the shortlist)",
        arguments: [1 as UInt64, 2, 3, 4])
    func randomAgainstReference(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        // Few words, many combinations: diversity skips many candidates, so the shortlist must widen.
        let words = ["a", "b", "c", "d"]
        var vocabulary = words
        for x in words { for y in words { vocabulary.append("\(x) \(y)") } }
        for x in words { for y in words { for z in words { vocabulary.append("\(x) \(y) \(z)") } } }
        vocabulary.sort()
        let m = vocabulary.count, n = 60, k = 5
        var dense = [[Float]](repeating: [Float](repeating: 0, count: m), count: n)
        for i in 0..<n {
            for t in 0..<m where Double.random(in: 0..<1, using: &random) < 0.3 {
                dense[i][t] = random.nextUnitFloat() + 0.01
            }
            dense[i] = TestSupport.unit(dense[i])
        }
        let assignments = (0..<n).map { ($0 * 7 + Int(seed)) % k }
        let reference = Self.referenceWeights(dense, assignments: assignments, k: k)
        for diversify in [false, true] {
            let terms = ClassTFIDF(count: 6, diversify: diversify).topTerms(
                tfidf: SparseMatrix(Matrix(dense)), assignments: assignments, clusterCount: k, vocabulary: vocabulary)
            for c in 0..<k {
                let expected = Self.referenceTopTerms(
                    reference[c], vocabulary: vocabulary, count: 6, diversify: diversify)
                #expect(terms[c].map(\.index) == expected, "cluster \(c), diversify \(diversify)")
            }
        }
    }
}

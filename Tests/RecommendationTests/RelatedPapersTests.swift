import LinearAlgebra
import Testing

@testable import Recommendation

/// Random unit rows, sparse TF-IDF-like rows and a vocabulary, from a seed.
struct Corpus {
    let embeddings: Matrix
    let tfidf: SparseMatrix
    let vocabulary: [String]

    init(n: Int, d: Int = 16, m: Int = 40, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var dense = Matrix(rows: n, columns: d)
        for i in 0..<n * d { dense.storage[i] = random.nextGaussian() }
        dense.normalizeRows()
        embeddings = dense
        var offsets = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        for _ in 0..<n {
            var columns = Set<Int32>()
            while columns.count < 6 { columns.insert(Int32(random.next() % UInt64(m))) }
            var row = columns.sorted().map { ($0, random.nextUnitFloat() + 0.05) }
            let norm = row.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
            row = row.map { ($0.0, $0.1 / norm) }
            indices += row.map(\.0)
            values += row.map(\.1)
            offsets.append(indices.count)
        }
        tfidf = SparseMatrix(rows: n, columns: m, rowOffsets: offsets, columnIndices: indices, values: values)
        vocabulary = (0..<m).map { "term\($0)" }
    }

    func denseTFIDF(_ i: Int) -> [Float] {
        var row = [Float](repeating: 0, count: tfidf.columns)
        for (column, value) in tfidf.row(i) { row[column] = value }
        return row
    }
}

@Suite struct RelatedPapersTests {
    @Test(arguments: [Float(0), 0.1, 1]) func matchesABruteForceReference(tfidfWeight: Float) {
        let corpus = Corpus(n: 120, seed: 7)
        var finder = RelatedPapers(embeddings: corpus.embeddings, tfidf: corpus.tfidf, vocabulary: corpus.vocabulary)
        finder.candidateFactor = 4
        finder.tfidfWeight = tfidfWeight
        let queries = [3, 50, 119]
        let results = finder.related(
            queryEmbeddings: corpus.embeddings.selectingRows(queries), queryRows: corpus.tfidf.selectingRows(queries),
            top: 5, exclude: { q, c in c == queries[q] })
        for (q, query) in queries.enumerated() {
            // Reference: LSA top-20 by brute force, then exact cosine, then the best 5.
            let lsa = (0..<120).filter { $0 != query }.map { j in
                (j, zip(corpus.embeddings.row(query), corpus.embeddings.row(j)).map(*).reduce(0, +))
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(20)
            let w = finder.tfidfWeight
            let exact = lsa.map { j, semantic in
                let lexical = zip(corpus.denseTFIDF(query), corpus.denseTFIDF(j)).map(*).reduce(0, +)
                return (j, (1 - w) * semantic + w * lexical, lexical)
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(5)
            #expect(results[q].map(\.index) == exact.map(\.0))
            for (got, want) in zip(results[q], exact) {
                #expect(abs(got.score - want.1) < 1e-5)
                #expect(abs(got.lexicalScore - want.2) < 1e-5)
            }
        }
    }

    @Test func sharedTermsExplainTheDotProduct() {
        let corpus = Corpus(n: 60, seed: 11)
        let finder = RelatedPapers(embeddings: corpus.embeddings, tfidf: corpus.tfidf, vocabulary: corpus.vocabulary)
        for c in 1..<60 {
            let dot = corpus.tfidf.dot(row: 0, with: corpus.tfidf, row: c)
            let terms = finder.sharedTerms(query: 0, rows: corpus.tfidf, candidate: c, dot: dot)
            let a = corpus.denseTFIDF(0)
            let b = corpus.denseTFIDF(c)
            let shared = (0..<40).filter { a[$0] > 0 && b[$0] > 0 }
            #expect(terms.count == min(5, shared.count))
            if shared.count <= 5 {
                #expect(abs(terms.map(\.share).reduce(0, +) - (dot > 0 ? 1 : 0)) < 1e-4)
            }
            #expect(terms.map(\.share) == terms.map(\.share).sorted(by: >))
            for term in terms {
                let column = Int(term.term.dropFirst(4))!
                #expect(abs(term.share - a[column] * b[column] / dot) < 1e-4)
            }
        }
    }

    @Test func allPairsAgreesWithPerQueryResults() {
        let corpus = Corpus(n: 90, seed: 3)
        let finder = RelatedPapers(embeddings: corpus.embeddings, tfidf: corpus.tfidf, vocabulary: corpus.vocabulary)
        let all = finder.allPairs(top: 4)
        let single = finder.related(
            queryEmbeddings: corpus.embeddings, queryRows: corpus.tfidf, top: 4, exclude: { q, c in q == c })
        #expect(all.neighbors.count == 90)
        for q in 0..<90 {
            #expect(all.neighbors[q].map(\.index) == single[q].map(\.index))
            #expect(!all.neighbors[q].contains { $0.index == q }, "a paper is never its own neighbour")
        }
    }

    @Test func selfSimilarityIsOne() {
        let corpus = Corpus(n: 30, seed: 5)
        let finder = RelatedPapers(embeddings: corpus.embeddings, tfidf: corpus.tfidf, vocabulary: corpus.vocabulary)
        let results = finder.related(
            queryEmbeddings: corpus.embeddings.selectingRows([7]), queryRows: corpus.tfidf.selectingRows([7]), top: 1)
        #expect(results[0].first?.index == 7)
        #expect(abs((results[0].first?.score ?? 0) - 1) < 1e-5)
        #expect(abs((results[0].first?.lexicalScore ?? 0) - 1) < 1e-5)
        #expect(abs((results[0].first?.semanticScore ?? 0) - 1) < 1e-5)
    }
}

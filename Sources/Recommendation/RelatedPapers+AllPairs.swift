import Dispatch
import PaperRadarCore
import LinearAlgebra

/// Every corpus paper's related papers, computed at once.
public struct AllPairsRelated: Sendable {
    /// `top` neighbours per paper, best first: `(corpus row, TF-IDF cosine)`.
    public var neighbors: [[(index: Int, score: Float)]]
    /// Timings of the semantic stage (GEMM tiles + selection).
    public var semanticStatistics: TopKStatistics
    /// Seconds spent re-scoring candidates by exact TF-IDF cosine.
    public var rescoreSeconds: Double
}

extension RelatedPapers {
    /// The `top` related papers of every corpus paper (itself excluded).
    ///
    /// Candidates come from the symmetric all-pairs top-k over the embeddings (only tiles on and above the
    /// diagonal are computed); they are then re-scored by exact TF-IDF cosine in parallel over papers.
    /// `rescore: false` keeps the LSA ranking and scores.
    /// - Complexity: O(n²·d / 2) GEMM + O(n²) selection + O(n·top·factor·nnz) re-scoring.
    public func allPairs(top: Int, rescore: Bool = true) -> AllPairsRelated {
        let n = embeddings.rows
        let k = min(max(0, n - 1), rescore ? top * candidateFactor : top)
        let candidates = topKAllPairs(embeddings, k: k)
        guard rescore else {
            let neighbors = (0..<n).map { q in
                candidates.neighbors(ofQuery: q).prefix(top).map { (index: $0.index, score: $0.score) }
            }
            return AllPairsRelated(
                neighbors: neighbors, semanticStatistics: candidates.statistics, rescoreSeconds: 0)
        }
        let watch = Stopwatch()
        let results = UnsafeMutableBufferPointer<[(index: Int, score: Float)]>.allocate(capacity: n)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        let output = SendableBuffer(base: results)
        let tfidf = self.tfidf
        let w = tfidfWeight
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk) { block in
            for q in block * chunk..<min(n, (block + 1) * chunk) {
                var scored = candidates.neighbors(ofQuery: q).map { candidate in
                    (index: candidate.index,
                     score: (1 - w) * candidate.score + w * tfidf.dot(row: q, with: tfidf, row: candidate.index))
                }
                scored.sort { ($0.score, $1.index) > ($1.score, $0.index) }
                output.base[q] = Array(scored.prefix(top))
            }
        }
        let seconds = watch.seconds
        return AllPairsRelated(
            neighbors: Array(results), semanticStatistics: candidates.statistics, rescoreSeconds: seconds)
    }
}

/// A buffer whose disjoint elements are written by different workers.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}

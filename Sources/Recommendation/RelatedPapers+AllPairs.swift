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

/// Timings of a streamed all-pairs run.
public struct AllPairsStatistics: Sendable {
    /// The semantic stage (GEMM tiles + selection).
    public var semanticStatistics: TopKStatistics
    /// Seconds spent re-scoring candidates by exact TF-IDF cosine (not counting the caller's `emit`).
    public var rescoreSeconds: Double
}

extension RelatedPapers {
    /// The `top` related papers of every corpus paper (itself excluded), all in memory.
    ///
    /// See ``allPairs(top:rescore:chunkSize:emit:)``.
    public func allPairs(top: Int, rescore: Bool = true) -> AllPairsRelated {
        var neighbors: [[(index: Int, score: Float)]] = []
        neighbors.reserveCapacity(embeddings.rows)
        let statistics = allPairs(top: top, rescore: rescore) { _, chunk in neighbors += chunk }
        return AllPairsRelated(
            neighbors: neighbors, semanticStatistics: statistics.semanticStatistics,
            rescoreSeconds: statistics.rescoreSeconds)
    }

    /// The `top` related papers of every corpus paper (itself excluded), handed to `emit` in row order, `chunkSize`
    /// papers at a time, so that a caller can write them out without holding them all.
    ///
    /// Candidates come from the symmetric all-pairs top-k over the embeddings (only tiles on and above the
    /// diagonal are computed); each chunk's candidates are then re-scored, `(1 − w)·LSA + w·TF-IDF cosine`, in
    /// parallel over papers. `rescore: false` keeps the LSA ranking and scores.
    /// - Complexity: O(n²·d / 2) GEMM + O(n²) selection + O(n·top·factor·nnz) re-scoring.
    public func allPairs(
        top: Int, rescore: Bool = true, chunkSize: Int = 4096,
        emit: (_ rows: Range<Int>, _ neighbors: [[(index: Int, score: Float)]]) throws -> Void
    ) rethrows -> AllPairsStatistics {
        precondition(chunkSize > 0, "chunk size must be positive")
        let n = embeddings.rows
        let k = min(max(0, n - 1), rescore ? top * candidateFactor : top)
        let candidates = topKAllPairs(embeddings, k: k)
        let tfidf = self.tfidf
        let w = tfidfWeight
        var rescoreSeconds = 0.0
        for chunk in Parallel.blocks(n, blockSize: chunkSize) {
            let watch = Stopwatch()
            let parts = Parallel.blocks(chunk.count, blockSize: 256)
            let lists = Parallel.map(parts.count) { part in
                var scratch = rescore ? [Float](repeating: 0, count: tfidf.columns) : []
                return parts[part].map { offset -> [(index: Int, score: Float)] in
                    let q = chunk.lowerBound + offset
                    let found = candidates.neighbors(ofQuery: q)
                    guard rescore else { return found.prefix(top).map { (index: $0.index, score: $0.score) } }
                    let dots = tfidf.dots(row: q, with: tfidf, rows: found.lazy.map(\.index), scratch: &scratch)
                    var scored = zip(found, dots).map { candidate, dot in
                        (index: candidate.index, score: (1 - w) * candidate.score + w * dot)
                    }
                    scored.sort { ($0.score, $1.index) > ($1.score, $0.index) }
                    return Array(scored.prefix(top))
                }
            }.flatMap { $0 }
            if rescore { rescoreSeconds += watch.seconds }
            try emit(chunk, lists)
        }
        return AllPairsStatistics(semanticStatistics: candidates.statistics, rescoreSeconds: rescoreSeconds)
    }
}

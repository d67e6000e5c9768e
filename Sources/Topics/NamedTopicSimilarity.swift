import LinearAlgebra

/// Every paper's cosine to every named topic's seed vector.
///
/// `similarities = E·Sᵀ` (n×s, one SGEMM) for unit embeddings `E` (n×d) and unit seed vectors `S` (s×d, one row
/// per named topic in catalog order), so entry `(i, j)` is the cosine of paper i to named topic j. A seed vector
/// of norm 0 (no seed term in the vocabulary) gives similarity 0 to every paper.
public struct NamedTopicSimilarity: Sendable, Hashable {
    /// `E·Sᵀ`, n×s.
    public let similarities: Matrix

    /// Computes `E·Sᵀ` for `embeddings` (n×d) and `seedVectors` (s×d).
    ///
    /// - Complexity: O(n·s·d) in one GEMM.
    public init(embeddings: Matrix, seedVectors: Matrix) {
        precondition(
            embeddings.columns == seedVectors.columns,
            "embeddings have dimension \(embeddings.columns), seed vectors \(seedVectors.columns)")
        similarities = embeddings.multiplied(by: seedVectors, transposeOther: true)
    }

    /// Number of papers n.
    public var paperCount: Int { similarities.rows }

    /// Number of named topics s.
    public var namedTopicCount: Int { similarities.columns }

    /// Paper i's similarity to each named topic, in catalog order.
    ///
    /// - Complexity: O(s).
    public func similarities(ofPaper i: Int) -> [Float] { similarities.row(i) }

    /// Paper i's most similar named topic and that similarity, or `nil` when there are no named topics or the
    /// best similarity is below `minSimilarity`.
    ///
    /// Contract: `j = argmax_j sᵢⱼ`, lowest j on ties; NaN entries never win.
    /// - Complexity: O(s).
    public func bestNamedTopic(ofPaper i: Int, minSimilarity: Float = -.infinity) -> (topic: Int, similarity: Float)? {
        precondition(i >= 0 && i < paperCount, "paper \(i) out of range 0..<\(paperCount)")
        let s = namedTopicCount
        var best: (topic: Int, similarity: Float)?
        for j in 0..<s {
            let v = similarities.storage[i * s + j]
            if v >= minSimilarity && (best == nil || v > best!.similarity) { best = (j, v) }
        }
        return best
    }

    /// ``bestNamedTopic(ofPaper:minSimilarity:)`` for every paper.
    ///
    /// - Complexity: O(n·s).
    public func bestNamedTopics(minSimilarity: Float = -.infinity) -> [(topic: Int, similarity: Float)?] {
        (0..<paperCount).map { bestNamedTopic(ofPaper: $0, minSimilarity: minSimilarity) }
    }
}

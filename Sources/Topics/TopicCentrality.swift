import LinearAlgebra

/// A paper of a topic and its cosine to the topic's centroid.
public struct CentralPaper: Sendable, Hashable {
    /// Row of the paper in the embedding matrix.
    public var paper: Int
    /// `eᵢ·c_topic` (cosine for unit rows).
    public var similarity: Float

    public init(paper: Int, similarity: Float) {
        self.paper = paper
        self.similarity = similarity
    }
}

/// A paper close to two topics: its own topic `a` and the nearest other topic `b`.
public struct BridgePaper: Sendable, Hashable {
    /// Row of the paper in the embedding matrix.
    public var paper: Int
    /// The paper's own topic (its assignment).
    public var topicA: Int
    /// The other topic whose centroid is most similar to the paper.
    public var topicB: Int
    /// `eᵢ·c_a`.
    public var similarityA: Float
    /// `eᵢ·c_b`.
    public var similarityB: Float

    public init(paper: Int, topicA: Int, topicB: Int, similarityA: Float, similarityB: Float) {
        self.paper = paper
        self.topicA = topicA
        self.topicB = topicB
        self.similarityA = similarityA
        self.similarityB = similarityB
    }

    /// `min(similarityA, similarityB)`, the sort key of bridge lists.
    public var strength: Float { min(similarityA, similarityB) }
}

/// Paper–centroid cosines of a clustering, with each topic's most central papers and the bridge papers.
///
/// `similarities = E·Cᵀ` (n×k, one SGEMM) for unit embeddings `E` (n×d) and unit centroids `C` (k×d), so entry
/// `(i, c)` is the cosine of paper i to topic c. The value keeps the n×k matrix (4·n·k bytes: 20 MB at n = 100 000,
/// k = 50) so both queries reuse it.
public struct TopicCentrality: Sendable, Hashable {
    /// `E·Cᵀ`, n×k.
    public let similarities: Matrix
    /// Topic of every paper, in `0..<k`.
    public let assignments: [Int]

    /// Computes `E·Cᵀ` for `embeddings` (n×d) and `centroids` (k×d) with `assignments` (n entries in `0..<k`).
    ///
    /// - Complexity: O(n·k·d) in one GEMM, plus O(n) checks.
    public init(embeddings: Matrix, centroids: Matrix, assignments: [Int]) {
        precondition(
            embeddings.columns == centroids.columns,
            "embeddings have dimension \(embeddings.columns), centroids \(centroids.columns)")
        precondition(
            assignments.count == embeddings.rows,
            "assignments has \(assignments.count) entries, embeddings \(embeddings.rows) rows")
        let k = centroids.rows
        precondition(assignments.allSatisfy { $0 >= 0 && $0 < k }, "assignments must be in 0..<\(k)")
        self.similarities = embeddings.multiplied(by: centroids, transposeOther: true)
        self.assignments = assignments
    }

    /// Number of topics k.
    public var topicCount: Int { similarities.columns }

    /// For every topic, its `count` papers with the highest cosine to its own centroid, best first.
    ///
    /// Contract: result `[c]` holds papers with `assignments[i] == c` only, sorted by `similarities[i, c]`
    /// descending, ties by paper index ascending; fewer than `count` when the topic is smaller.
    /// - Complexity: O(n + Σ_c n_c·log count) (one bounded heap per topic).
    public func centralPapers(count: Int) -> [[CentralPaper]] {
        precondition(count >= 0, "count must be ≥ 0")
        let k = topicCount
        var members = [[CentralPaper]](repeating: [], count: k)
        for (i, c) in assignments.enumerated() {
            members[c].append(CentralPaper(paper: i, similarity: similarities.storage[i * k + c]))
        }
        return members.map { TopSelection.best(count, of: $0, by: Self.moreCentral) }
    }

    /// Papers whose own topic and nearest other topic are both similar and close in similarity.
    ///
    /// Contract: for paper i with own topic `a = assignments[i]` and `b = argmax_{c ≠ a} sᵢ_c` (lowest index on
    /// ties), with `lo = min(sᵢ_a, sᵢ_b)` and `hi = max(sᵢ_a, sᵢ_b)`, i is a bridge when
    /// `lo ≥ minSimilarity` and `lo ≥ ratio · hi`. When the assignment is the nearest centroid this is "the top
    /// two centroid similarities are both high and close". Sorted by `lo` descending, ties by paper index;
    /// at most `limit`. Empty when k < 2.
    /// - Complexity: O(n·k + b·log limit) for b bridges.
    public func bridgePapers(minSimilarity: Float = 0.3, ratio: Float = 0.9, limit: Int = 20) -> [BridgePaper] {
        precondition(ratio > 0 && ratio <= 1, "ratio must be in (0, 1]")
        precondition(limit >= 0, "limit must be ≥ 0")
        let k = topicCount
        guard k >= 2 else { return [] }
        var bridges: [BridgePaper] = []
        similarities.storage.withUnsafeBufferPointer { s in
            for (i, a) in assignments.enumerated() {
                let row = s.baseAddress! + i * k
                var b = -1
                var best = -Float.infinity
                for c in 0..<k where c != a && (b < 0 || row[c] > best) {
                    b = c
                    best = row[c]
                }
                let sa = row[a], sb = best
                let lo = min(sa, sb), hi = max(sa, sb)
                guard lo >= minSimilarity && lo >= ratio * hi else { continue }
                bridges.append(BridgePaper(paper: i, topicA: a, topicB: b, similarityA: sa, similarityB: sb))
            }
        }
        return TopSelection.best(limit, of: bridges) {
            $0.strength > $1.strength || ($0.strength == $1.strength && $0.paper < $1.paper)
        }
    }

    private static func moreCentral(_ x: CentralPaper, _ y: CentralPaper) -> Bool {
        x.similarity > y.similarity || (x.similarity == y.similarity && x.paper < y.paper)
    }
}

import LinearAlgebra

/// Greedy maximal marginal relevance (Carbonell & Goldstein, 1998), optionally with proportional group quotas: a
/// list that is relevant, not redundant, and shared fairly between groups (a reading profile's interests).
///
/// Each step first chooses the group by the Sainte-Laguë rule — the group with the largest `wₖ / (2·sₖ + 1)`, where
/// `wₖ` is its weight and `sₖ` the items it has so far (groups with no candidate left drop out; ties go to the lower
/// group index) — then picks within that group
///
///     argmax_{i ∈ group \ S}  λ·rel(i) − (1 − λ)·max_{j ∈ S} cos(i, j)
///
/// (the redundancy term is 0 while S is empty). `λ = 1` keeps the relevance order; smaller λ trades relevance for
/// variety: a candidate nearly identical to one already picked (cosine ≈ 1) needs a relevance lead of `(1 − λ)/λ`
/// over a novel one. Ties go to the earlier candidate.
public enum MaximalMarginalRelevance {
    /// The picked candidates (indices into `relevance`), in pick order.
    ///
    /// - Parameters:
    ///   - vectors: p × d unit rows, one per candidate (cosine = dot product).
    ///   - relevance: `rel(i)` per candidate, in 0…1.
    ///   - groups: the group of each candidate (`0..<weights.count`); nil puts every candidate in one group.
    ///   - weights: each group's share weight `wₖ > 0`.
    ///   - count: how many to pick (at most p).
    ///   - lambda: λ in 0…1.
    /// - Complexity: O(count·p·d): one GEMV of the candidates against each picked row.
    public static func select(
        vectors: Matrix, relevance: [Double], groups: [Int]? = nil, weights: [Double] = [1], count: Int, lambda: Double
    ) -> [Int] {
        let p = vectors.rows
        precondition(relevance.count == p, "one relevance per candidate")
        precondition((0...1).contains(lambda), "λ must be in 0…1")
        precondition(weights.allSatisfy { $0 > 0 }, "group weights must be positive")
        let group = groups ?? [Int](repeating: 0, count: p)
        precondition(group.count == p && group.allSatisfy { weights.indices.contains($0) }, "one valid group per candidate")
        var remaining = [Int](repeating: 0, count: weights.count)
        for g in group { remaining[g] += 1 }
        var slots = [Int](repeating: 0, count: weights.count)
        var redundancy = [Double](repeating: 0, count: p)
        var picked = [Bool](repeating: false, count: p)
        var order: [Int] = []
        let count = min(max(0, count), p)
        order.reserveCapacity(count)
        while order.count < count {
            var chosenGroup = -1
            var priority = -Double.infinity
            for g in weights.indices where remaining[g] > 0 {
                let value = weights[g] / Double(2 * slots[g] + 1)
                if value > priority {
                    chosenGroup = g
                    priority = value
                }
            }
            var best = -1
            var bestValue = -Double.infinity
            for i in 0..<p where !picked[i] && group[i] == chosenGroup {
                let value = lambda * relevance[i] - (1 - lambda) * redundancy[i]
                if value > bestValue {
                    best = i
                    bestValue = value
                }
            }
            picked[best] = true
            remaining[chosenGroup] -= 1
            slots[chosenGroup] += 1
            order.append(best)
            guard order.count < count, lambda < 1 else { continue }
            let similarities = vectors.multiplied(by: vectors.row(best))
            for i in 0..<p { redundancy[i] = max(redundancy[i], Double(similarities[i])) }
        }
        return order
    }
}

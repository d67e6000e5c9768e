import LinearAlgebra

extension ReadingListRanker {
    /// The liked papers grouped into interests: one per topic that holds at least
    /// ``ReadingListSettings/minimumInterestSize`` of them, in order of their first liked row, and one more for all
    /// the others (papers alone in their topic, or without a topic), when there are any.
    public var interests: [[Int]] {
        var byTopic: [Int?: [Int]] = [:]
        var order: [Int?] = []
        for row in liked {
            let topic = corpus.papers[row].topic
            if byTopic[topic] == nil { order.append(topic) }
            byTopic[topic, default: []].append(row)
        }
        let minimum = settings.minimumInterestSize
        var groups: [[Int]] = []
        var others: [Int] = []
        for topic in order {
            let rows = byTopic[topic]!
            if topic != nil && rows.count >= minimum { groups.append(rows) } else { others += rows }
        }
        if !others.isEmpty { groups.append(others.sorted()) }
        return groups
    }

    /// Picks `top` of the ranked candidates (best first) so that every interest of the profile gets its share and
    /// the list is not a run of near-duplicates.
    ///
    /// Each candidate belongs to the interest of its most similar liked paper (embedding cosine); each interest keeps
    /// its best `max(poolFactor·top, minimumPool)` candidates, with relevance = logit min–max scaled over that pool.
    /// ``MaximalMarginalRelevance`` then picks with the interests weighted by their liked papers (Sainte-Laguë
    /// quotas) and λ = ``ReadingListSettings/mmrLambda``. With one interest (or
    /// ``ReadingListSettings/interestQuotas`` off) this is plain MMR over the best candidates.
    /// - Complexity: O(assigned candidates·liked·d) + O(top·pool·d).
    func diversify(_ ranked: [Int], logits: [Float], top: Int) -> [Int] {
        guard top > 0, !ranked.isEmpty else { return [] }
        let poolSize = max(settings.poolFactor * top, settings.minimumPool)
        let groups = settings.interestQuotas ? interests : [liked]
        var pools = [[Int]](repeating: [], count: groups.count)
        if groups.count == 1 {
            pools[0] = Array(ranked.prefix(poolSize))
        } else {
            var interestOfLiked: [Int: Int] = [:]
            for (g, rows) in groups.enumerated() { for row in rows { interestOfLiked[row] = g } }
            let likedRows = groups.flatMap { $0 }
            let likedVectors = corpus.embeddings.selectingRows(likedRows)
            // Candidates are assigned in rank order, a block at a time, until every interest has a full pool.
            var next = 0
            while next < ranked.count && pools.contains(where: { $0.count < poolSize }) {
                let block = Array(ranked[next..<min(ranked.count, next + 4_096)])
                next += block.count
                let similarities = corpus.embeddings.selectingRows(block).multiplied(by: likedVectors, transposeOther: true)
                for (i, row) in block.enumerated() {
                    var best = 0
                    for j in 1..<likedRows.count where similarities[i, j] > similarities[i, best] { best = j }
                    let g = interestOfLiked[likedRows[best]]!
                    if pools[g].count < poolSize { pools[g].append(row) }
                }
            }
        }
        var candidates: [Int] = []
        var groupOf: [Int] = []
        var relevance: [Double] = []
        var weights: [Double] = []
        for (g, pool) in pools.enumerated() where !pool.isEmpty {
            let high = Double(logits[pool[0]])
            let low = Double(logits[pool[pool.count - 1]])
            relevance += pool.map { high > low ? (Double(logits[$0]) - low) / (high - low) : 1 }
            groupOf += [Int](repeating: weights.count, count: pool.count)
            weights.append(Double(groups[g].count))
            candidates += pool
        }
        return MaximalMarginalRelevance.select(
            vectors: corpus.embeddings.selectingRows(candidates), relevance: relevance, groups: groupOf,
            weights: weights, count: top, lambda: settings.mmrLambda
        ).map { candidates[$0] }
    }
}

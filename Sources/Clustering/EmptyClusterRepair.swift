import LinearAlgebra

/// Explicit repair of empty clusters after an assignment step.
enum EmptyClusterRepair {
    /// Gives every empty cluster one point: the point least similar to its own centroid within the currently
    /// largest cluster (lowest index on ties) moves to the empty cluster, whose centroid becomes that point.
    ///
    /// Empty clusters are repaired in index order; each move keeps the objective from decreasing
    /// (`‖s − x‖ + ‖x‖ ≥ ‖s‖`). With n ≥ k no cluster stays empty. Returns the number of clusters repaired.
    /// - Complexity: O(k + n) per repaired cluster.
    @discardableResult
    static func repair(
        _ points: Matrix, centroids: inout Matrix, labels: inout [Int], similarities: inout [Float]
    ) -> Int {
        let k = centroids.rows, d = points.columns
        var counts = [Int](repeating: 0, count: k)
        for label in labels { counts[label] += 1 }
        var repaired = 0
        for empty in 0..<k where counts[empty] == 0 {
            var largest = 0
            for c in 1..<k where counts[c] > counts[largest] { largest = c }
            guard counts[largest] > 1 else { break }
            var chosen = -1
            var lowest = Float.infinity
            for i in labels.indices where labels[i] == largest && similarities[i] < lowest {
                lowest = similarities[i]
                chosen = i
            }
            guard chosen >= 0 else { break }
            // The new centroid is the moved point itself (renormalised).
            var squares: Float = 0
            for j in 0..<d { squares += points.storage[chosen * d + j] * points.storage[chosen * d + j] }
            let inverse = squares > 0 ? 1 / squares.squareRoot() : 0
            var selfSimilarity: Float = 0
            for j in 0..<d {
                let value = points.storage[chosen * d + j] * inverse
                centroids.storage[empty * d + j] = value
                selfSimilarity += value * points.storage[chosen * d + j]
            }
            labels[chosen] = empty
            similarities[chosen] = selfSimilarity
            counts[largest] -= 1
            counts[empty] = 1
            repaired += 1
        }
        return repaired
    }
}

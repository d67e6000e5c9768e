import LinearAlgebra
import PaperRadarCore

/// Mini-batch spherical k-means (Sculley 2010, per-centre learning rate 1/count), for corpora where full-batch
/// iterations over every point do not fit the time budget.
enum MiniBatchKMeans {
    /// Runs `iterations` batches of `batchSize` points drawn uniformly with replacement from `points`, starting
    /// from `initial`. Each batch is assigned by GEMM; every centre that received points moves to
    /// `normalise(nᶜ·cᶜ + Σ_{batch members} x)` and its count nᶜ grows by its members. A centre that has never
    /// received a point is repaired: it jumps to the batch point least similar to its centre within the largest
    /// batch cluster, with count 1. Stops early when the largest centre shift (1 − cos) of a batch is at most
    /// `tolerance`. A final full assignment pass (one GEMM over all points, then empty-cluster repair) gives the
    /// labels, similarities and objective. Valid input assumed.
    /// - Complexity: O(iterations·batchSize·k·d + n·k·d).
    static func run(
        _ points: Matrix, initial: Matrix, batchSize: Int, iterations: Int, tolerance: Double,
        random: inout SeededRandom
    ) -> LloydOutcome {
        let n = points.rows, k = initial.rows, d = points.columns
        var centroids = initial
        var counts = [Double](repeating: 0, count: k)
        var lastLabels = [Int32](repeating: -1, count: n)
        var scores = Matrix(rows: batchSize, columns: k)
        var labels: [Int] = []
        var similarities: [Float] = []
        var stats: [KMeansIterationStats] = []
        var converged = false
        for _ in 0..<iterations {
            let watch = Stopwatch()
            let indices = Sampling.withReplacement(batchSize, from: n, using: &random)
            let batch = points.selectingRows(indices)
            labels = [Int](repeating: -1, count: batchSize)
            Assignment.assign(batch, to: centroids, scores: &scores, labels: &labels, similarities: &similarities)
            var changed = 0
            for (position, index) in indices.enumerated() {
                let label = Int32(labels[position])
                if lastLabels[index] >= 0 && lastLabels[index] != label { changed += 1 }
                lastLabels[index] = label
            }
            let objective = Assignment.sum(similarities)
            var (sums, batchCounts) = CentroidUpdate.clusterSums(batch, labels: labels, k: k)
            var updated = centroids
            for c in 0..<k where batchCounts[c] > 0 {
                let weight = Float(counts[c])
                for j in 0..<d { sums.storage[c * d + j] += weight * centroids.storage[c * d + j] }
                counts[c] += Double(batchCounts[c])
            }
            _ = CentroidUpdate.normalize(sums, into: &updated)
            var repaired = 0
            for c in 0..<k where counts[c] == 0 {
                var largest = 0
                for other in 1..<k where batchCounts[other] > batchCounts[largest] { largest = other }
                guard batchCounts[largest] > 1 else { break }
                var chosen = -1
                var lowest = Float.infinity
                for i in 0..<batchSize where labels[i] == largest && similarities[i] < lowest {
                    lowest = similarities[i]
                    chosen = i
                }
                guard chosen >= 0 else { break }
                var squares: Float = 0
                for j in 0..<d { squares += batch.storage[chosen * d + j] * batch.storage[chosen * d + j] }
                let inverse = squares > 0 ? 1 / squares.squareRoot() : 0
                for j in 0..<d { updated.storage[c * d + j] = batch.storage[chosen * d + j] * inverse }
                labels[chosen] = c
                batchCounts[largest] -= 1
                batchCounts[c] = 1
                counts[c] = 1
                repaired += 1
            }
            let shift = CentroidUpdate.maximumShift(from: centroids, to: updated)
            centroids = updated
            stats.append(KMeansIterationStats(
                objective: objective, centroidShift: shift, changedAssignments: changed,
                emptyClustersRepaired: repaired, seconds: watch.seconds))
            if Double(shift) <= tolerance {
                converged = true
                break
            }
        }
        // Final full assignment pass.
        var fullScores = Matrix(rows: n, columns: k)
        labels = [Int](repeating: -1, count: n)
        Assignment.assign(points, to: centroids, scores: &fullScores, labels: &labels, similarities: &similarities)
        EmptyClusterRepair.repair(points, centroids: &centroids, labels: &labels, similarities: &similarities)
        return LloydOutcome(
            centroids: centroids, labels: labels, similarities: similarities,
            objective: Assignment.sum(similarities), iterations: stats, converged: converged)
    }
}

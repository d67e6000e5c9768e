import LinearAlgebra
import PaperRadarCore

/// What a Lloyd run (or a mini-batch run) hands back to `SphericalKMeans.fit`.
struct LloydOutcome: Sendable {
    var centroids: Matrix
    var labels: [Int]
    var similarities: [Float]
    var objective: Double
    var iterations: [KMeansIterationStats]
    var converged: Bool
}

/// Full-batch spherical Lloyd iterations.
enum Lloyd {
    /// Alternates assignment (GEMM + argmax, then empty-cluster repair) and update (member sums renormalised)
    /// from `initial` (k × d unit rows) until nothing changes, the relative objective gain of an iteration is at
    /// most `tolerance` (`J_t − J_{t−1} ≤ tolerance·|J_t|`), or `maxIterations` assignments have run.
    ///
    /// The run always ends on an assignment, so labels are the argmax under the returned centroids (except
    /// repaired points, whose centroid is the point itself). Valid input assumed.
    /// - Complexity: O(iterations·n·k·d).
    static func run(_ points: Matrix, initial: Matrix, maxIterations: Int, tolerance: Double) -> LloydOutcome {
        let n = points.rows, k = initial.rows
        var centroids = initial
        var labels = [Int](repeating: -1, count: n)
        var similarities = [Float](repeating: 0, count: n)
        var scores = Matrix(rows: n, columns: k)
        var stats: [KMeansIterationStats] = []
        var previousObjective = -Double.infinity
        var objective = 0.0
        var converged = false
        for iteration in 1...maxIterations {
            let watch = Stopwatch()
            let changed = Assignment.assign(
                points, to: centroids, scores: &scores, labels: &labels, similarities: &similarities)
            let repaired = EmptyClusterRepair.repair(
                points, centroids: &centroids, labels: &labels, similarities: &similarities)
            objective = Assignment.sum(similarities)
            let stable = changed == 0 && repaired == 0
            let flat = iteration > 1 && objective - previousObjective <= tolerance * abs(objective)
            converged = stable || flat
            var shift: Float = 0
            if !converged && iteration < maxIterations {
                let (sums, _) = CentroidUpdate.clusterSums(points, labels: labels, k: k)
                var updated = centroids
                _ = CentroidUpdate.normalize(sums, into: &updated)
                shift = CentroidUpdate.maximumShift(from: centroids, to: updated)
                centroids = updated
            }
            stats.append(KMeansIterationStats(
                objective: objective, centroidShift: shift, changedAssignments: changed,
                emptyClustersRepaired: repaired, seconds: watch.seconds))
            if converged { break }
            previousObjective = objective
        }
        return LloydOutcome(
            centroids: centroids, labels: labels, similarities: similarities, objective: objective,
            iterations: stats, converged: converged)
    }
}

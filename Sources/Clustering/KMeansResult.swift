import LinearAlgebra

/// Diagnostics of one k-means iteration (one assignment step, then the centroid update unless it was the last).
public struct KMeansIterationStats: Sendable, Hashable {
    /// Objective after this iteration's assignment (and empty-cluster repair): `Σᵢ xᵢ·c_{label(i)}`.
    ///
    /// Full batch: over all points the stage runs on; never decreases from one iteration to the next (up to
    /// Float rounding). Mini-batch: over the iteration's batch only, so it fluctuates.
    public var objective: Double
    /// Largest cosine distance a centroid moved in this iteration's update, `maxᶜ (1 − cᶜ_old·cᶜ_new)`;
    /// 0 when the iteration ended the run without an update.
    public var centroidShift: Float
    /// Points whose label changed in this assignment (every point in the first iteration; mini-batch: batch
    /// points whose label differs from the one they had when last drawn, never-drawn points not counted).
    public var changedAssignments: Int
    /// Empty clusters repaired after this assignment.
    public var emptyClustersRepaired: Int
    /// Wall-clock seconds of the iteration (the only field that is not deterministic).
    public var seconds: Double

    public init(
        objective: Double, centroidShift: Float, changedAssignments: Int, emptyClustersRepaired: Int, seconds: Double
    ) {
        self.objective = objective
        self.centroidShift = centroidShift
        self.changedAssignments = changedAssignments
        self.emptyClustersRepaired = emptyClustersRepaired
        self.seconds = seconds
    }
}

/// Summary of one seeded restart (k-means++ seeding, then Lloyd on the restart sample).
public struct KMeansRestartSummary: Sendable, Hashable {
    /// Objective on the restart sample, `Σ xᵢ·c_{label(i)}` over its points.
    public var objective: Double
    /// `objective / sampleCount`.
    public var meanSimilarity: Double
    /// Lloyd iterations the restart ran.
    public var iterations: Int
    /// Whether the restart met the tolerance before its iteration cap.
    public var converged: Bool
    /// Seconds spent in k-means++ seeding, and in the whole restart.
    public var seedingSeconds: Double
    public var seconds: Double
}

/// Wall-clock breakdown of a fit (diagnostics only; not deterministic).
public struct KMeansTimings: Sendable, Hashable {
    /// All restarts, seeding included.
    public var restartSeconds: Double = 0
    /// k-means++ seeding, summed over restarts.
    public var seedingSeconds: Double = 0
    /// Refinement of the best restart on all points (0 when the restarts already ran on all points).
    public var refinementSeconds: Double = 0
    /// Whole `fit`.
    public var totalSeconds: Double = 0
}

/// The outcome of `SphericalKMeans.fit`: unit centroids, labels, similarities and diagnostics.
///
/// Objective convention: `objective = Σᵢ xᵢ·c_{label(i)}`, the sum of cosine similarities of the points to
/// their own centroids, which spherical k-means maximises (equivalently it minimises Σ (1 − cos)).
public struct KMeansResult: Sendable {
    /// k × d, unit-norm rows.
    public var centroids: Matrix
    /// Cluster of every point, in `0..<k`.
    public var assignments: [Int]
    /// `xᵢ·c_{assignments[i]}` for every point.
    public var similarities: [Float]
    /// `Σᵢ similarities[i]` (Double, fixed summation order).
    public var objective: Double
    /// Stats of the final stage: the refinement on all points, or the best restart when it ran on all points.
    public var iterations: [KMeansIterationStats]
    /// One summary per restart, in seed order.
    public var restarts: [KMeansRestartSummary]
    /// Index in `restarts` of the restart that was kept (highest objective; earliest on ties).
    public var bestRestart: Int
    /// Points the restarts ran on (`min(n, max(restartSampleSize, k))`).
    public var restartSampleCount: Int
    /// Whether the final stage met its tolerance before its iteration cap.
    public var converged: Bool
    /// Points per cluster (all ≥ 1 when n ≥ k).
    public var clusterSizes: [Int]
    /// Wall-clock breakdown (not deterministic).
    public var timings: KMeansTimings

    /// Number of clusters.
    public var k: Int { centroids.rows }

    /// `objective / n`, the mean cosine similarity of a point to its centroid.
    public var meanSimilarity: Double { assignments.isEmpty ? 0 : objective / Double(assignments.count) }

    /// `objective` of every restart, in seed order (on the restart sample).
    public var restartObjectives: [Double] { restarts.map(\.objective) }

    /// Assigns new points to the nearest centroid by cosine (fold-in): one GEMM and a row argmax.
    ///
    /// `points` must have `d` columns; rows should be unit-norm for `similarities` to be cosines (the labels
    /// do not depend on row scale). Ties go to the lower cluster index. No centroid moves.
    /// - Complexity: O(m·k·d) for m points.
    public func assign(_ points: Matrix) -> (labels: [Int], similarities: [Float]) {
        SphericalKMeans.assign(points, centroids: centroids)
    }
}

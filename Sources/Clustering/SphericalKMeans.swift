import LinearAlgebra
import PaperRadarCore

/// Spherical k-means configuration (faiss `ClusteringParameters` style): cosine assignment on unit-norm rows,
/// centroids renormalised every step, greedy k-means++ seeding, seeded restarts, explicit empty-cluster repair.
///
/// `fit` runs in two stages:
/// 1. **Restarts** — `restarts` seeded runs on a uniform *restart sample* of `min(n, max(restartSampleSize, k))`
///    points: greedy k-means++ on a *seeding sample* of `min(sample, max(seedingSampleSize, k))` of them, then
///    Lloyd on the whole restart sample (at most `restartMaxIterations`). The run with the highest objective on
///    the restart sample wins (earliest on ties).
/// 2. **Refinement** — when the restart sample is smaller than the data, the winning centroids are refined on
///    all points: full-batch Lloyd (at most `maxIterations`) or mini-batch, per `mode`. When the restart sample
///    is all the data, the winning restart is the result.
///
/// The objective is `Σᵢ xᵢ·c_{label(i)}` (sum of cosine similarities to the own centroid), maximised.
/// Same data, configuration and seed give bit-identical centroids, labels, similarities and objectives
/// (parallel reductions run in a fixed order; only the `seconds` diagnostics vary), for a fixed BLAS and
/// BLAS thread count.
///
/// The defaults are sized for ≈ 10⁵ × 256 LSA embeddings with k ≤ 50 in about a second on two cores:
/// restarts are cheap because they run on ≤ 8,192 points, and only the winner pays for full passes.
public struct SphericalKMeans: Sendable, Hashable {
    /// How the winning restart is refined on all points.
    public enum Mode: Sendable, Hashable {
        /// Lloyd iterations over all points (one n×k GEMM per iteration).
        case fullBatch
        /// `iterations` mini-batches of `batchSize` points (drawn with replacement), then one full assignment
        /// pass. For corpora whose full-batch iterations exceed the time budget.
        case miniBatch(batchSize: Int, iterations: Int)
    }

    /// Number of clusters, 1 ≤ k ≤ n.
    public var k: Int
    /// Seeded restarts on the restart sample (faiss `nredo`). Default 4.
    public var restarts: Int
    /// Cap on full-batch Lloyd iterations (assignment steps) of the refinement on all points. Default 30.
    public var maxIterations: Int
    /// Cap on Lloyd iterations of each restart on the restart sample. Default 30.
    public var restartMaxIterations: Int
    /// Convergence tolerance. Lloyd stops once an iteration gains at most `tolerance·|J|` objective
    /// (relative improvement), or when no label changes. Mini-batch stops once no centroid moves by more than
    /// `tolerance` in cosine distance within a batch. Default 10⁻⁴.
    public var tolerance: Double
    /// Seed of every random choice (samples, seeding, mini-batches). Default 0.
    public var seed: UInt64
    /// Points k-means++ seeds from, drawn from the restart sample. Default 4,096.
    public var seedingSampleSize: Int
    /// Points the restarts run on (uniform sample without replacement). Default 8,192.
    public var restartSampleSize: Int
    /// Candidates per k-means++ step; `nil` means 2 + ⌊ln k⌋ (scikit-learn's choice). Default `nil`.
    public var localTrials: Int?
    /// Refinement mode. Default `.fullBatch`. Only used when the restart sample is smaller than the data.
    public var mode: Mode

    /// A configuration; every knob but `k` has the default documented on its property.
    public init(
        k: Int, restarts: Int = 4, maxIterations: Int = 30, restartMaxIterations: Int = 30,
        tolerance: Double = 1e-4, seed: UInt64 = 0, seedingSampleSize: Int = 4096,
        restartSampleSize: Int = 8192, localTrials: Int? = nil, mode: Mode = .fullBatch
    ) {
        self.k = k
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.restartMaxIterations = restartMaxIterations
        self.tolerance = tolerance
        self.seed = seed
        self.seedingSampleSize = seedingSampleSize
        self.restartSampleSize = restartSampleSize
        self.localTrials = localTrials
        self.mode = mode
    }

    /// Clusters the rows of `points` (n × d, unit-norm rows; 1 ≤ k ≤ n).
    ///
    /// Validates once (shape, knobs, finite unit-norm rows within 10⁻²), then runs the unchecked kernels.
    /// - Complexity: O(restarts·(k·t·s·d + I_r·m·k·d) + I·n·k·d) for seeding sample s, t local trials,
    ///   restart sample m, I_r and I iterations (full batch); memory O(n·k) for the score matrix.
    public func fit(_ points: Matrix) -> KMeansResult {
        validate(points)
        let total = Stopwatch()
        let n = points.rows
        var timings = KMeansTimings()

        // Stage 1: restarts on the restart sample.
        let restartWatch = Stopwatch()
        var sampling = SeededRandom(seed: seed, stream: 0)
        let sampleCount = min(n, max(restartSampleSize, k))
        let sample = sampleCount < n
            ? points.selectingRows(Sampling.withoutReplacement(sampleCount, from: n, using: &sampling))
            : points
        let stage = runRestarts(on: sample, iterationCap: sampleCount < n ? restartMaxIterations : maxIterations)
        timings.restartSeconds = restartWatch.seconds
        timings.seedingSeconds = stage.summaries.reduce(0) { $0 + $1.seedingSeconds }

        // Stage 2: refinement of the winner on all points.
        var outcome = stage.best
        if sampleCount < n {
            let refineWatch = Stopwatch()
            outcome = refine(points, from: outcome.centroids)
            timings.refinementSeconds = refineWatch.seconds
        }
        var sizes = [Int](repeating: 0, count: k)
        for label in outcome.labels { sizes[label] += 1 }
        timings.totalSeconds = total.seconds
        return KMeansResult(
            centroids: outcome.centroids, assignments: outcome.labels, similarities: outcome.similarities,
            objective: outcome.objective, iterations: outcome.iterations, restarts: stage.summaries,
            bestRestart: stage.bestRestart, restartSampleCount: sampleCount, converged: outcome.converged,
            clusterSizes: sizes, timings: timings)
    }

    /// Stage 1: `restarts` runs of k-means++ (restart r seeded by stream r + 1) then Lloyd on `sample`; keeps the
    /// highest objective, earliest on ties.
    ///
    /// - Complexity: O(restarts·(k·t·s·d + iterationCap·m·k·d)).
    private func runRestarts(
        on sample: Matrix, iterationCap: Int
    ) -> (best: LloydOutcome, bestRestart: Int, summaries: [KMeansRestartSummary]) {
        let sampleCount = sample.rows
        let seedingCount = min(sampleCount, max(seedingSampleSize, k))
        let trials = localTrials ?? KMeansPlusPlus.defaultLocalTrials(k)
        var summaries: [KMeansRestartSummary] = []
        var best: LloydOutcome?
        var bestRestart = 0
        for restart in 0..<restarts {
            let watch = Stopwatch()
            var random = SeededRandom(seed: seed, stream: UInt64(restart) + 1)
            let seedingPoints = seedingCount < sampleCount
                ? sample.selectingRows(Sampling.withoutReplacement(seedingCount, from: sampleCount, using: &random))
                : sample
            let seeds = KMeansPlusPlus.kernel(seedingPoints, k: k, localTrials: trials, random: &random)
            let seedingSeconds = watch.seconds
            let outcome = Lloyd.run(
                sample, initial: seedingPoints.selectingRows(seeds), maxIterations: iterationCap,
                tolerance: tolerance)
            summaries.append(KMeansRestartSummary(
                objective: outcome.objective, meanSimilarity: outcome.objective / Double(sampleCount),
                iterations: outcome.iterations.count, converged: outcome.converged,
                seedingSeconds: seedingSeconds, seconds: watch.seconds))
            if let current = best, outcome.objective <= current.objective { continue }
            best = outcome
            bestRestart = restart
        }
        return (best!, bestRestart, summaries)
    }

    /// Stage 2: full-batch Lloyd or mini-batch (stream `restarts + 1`) on all points from `initial`.
    ///
    /// - Complexity: O(maxIterations·n·k·d) full batch; O(iterations·batchSize·k·d + n·k·d) mini-batch.
    private func refine(_ points: Matrix, from initial: Matrix) -> LloydOutcome {
        switch mode {
        case .fullBatch:
            return Lloyd.run(points, initial: initial, maxIterations: maxIterations, tolerance: tolerance)
        case .miniBatch(let batchSize, let iterations):
            var random = SeededRandom(seed: seed, stream: UInt64(restarts) + 1)
            return MiniBatchKMeans.run(
                points, initial: initial, batchSize: batchSize, iterations: iterations, tolerance: tolerance,
                random: &random)
        }
    }

    /// Assigns `points` to the nearest of `centroids` by cosine (fold-in against stored centroids): one GEMM and a
    /// row argmax, ties to the lower index. Rows should be unit-norm for the similarities to be cosines.
    ///
    /// - Complexity: O(m·k·d) for m points and k centroids.
    public static func assign(_ points: Matrix, centroids: Matrix) -> (labels: [Int], similarities: [Float]) {
        precondition(centroids.rows >= 1, "assign: need at least one centroid")
        precondition(points.columns == centroids.columns,
                     "assign: points have \(points.columns) columns, centroids \(centroids.columns)")
        guard points.rows > 0 else { return ([], []) }
        var scores = Matrix(rows: 0, columns: 0)
        var labels = [Int](repeating: -1, count: points.rows)
        var similarities = [Float](repeating: 0, count: points.rows)
        Assignment.assign(points, to: centroids, scores: &scores, labels: &labels, similarities: &similarities)
        return (labels, similarities)
    }

    /// Boundary checks: shape, knobs and unit-norm rows.
    ///
    /// - Complexity: O(n·d).
    private func validate(_ points: Matrix) {
        precondition(k >= 1 && k <= points.rows, "SphericalKMeans: need 1 ≤ k ≤ n = \(points.rows), got k = \(k)")
        precondition(points.columns >= 1, "SphericalKMeans: points need at least one column")
        precondition(restarts >= 1, "SphericalKMeans: restarts must be ≥ 1")
        precondition(maxIterations >= 1 && restartMaxIterations >= 1, "SphericalKMeans: iteration caps must be ≥ 1")
        precondition(tolerance >= 0, "SphericalKMeans: tolerance must be ≥ 0")
        precondition(seedingSampleSize >= 1 && restartSampleSize >= 1, "SphericalKMeans: sample sizes must be ≥ 1")
        precondition((localTrials ?? 1) >= 1, "SphericalKMeans: localTrials must be ≥ 1")
        if case .miniBatch(let batchSize, let iterations) = mode {
            precondition(batchSize >= 1 && iterations >= 1, "SphericalKMeans: mini-batch size, iterations must be ≥ 1")
        }
        let badRow = UnitNorm.firstInvalidRow(points, tolerance: 1e-2)
        precondition(badRow == nil, "SphericalKMeans: row \(badRow ?? -1) is not a finite unit-norm vector")
    }
}

/// Unit-norm checks shared by the public entry points.
enum UnitNorm {
    /// The first row whose squared norm is not finite or differs from 1 by more than `tolerance`, if any.
    ///
    /// - Complexity: O(n·d), parallel over fixed row blocks.
    static func firstInvalidRow(_ points: Matrix, tolerance: Float) -> Int? {
        let d = points.columns
        let blocks = Parallel.blocks(points.rows, blockSize: Assignment.blockRows)
        var firstBad = [Int](repeating: -1, count: blocks.count)
        points.storage.withUnsafeBufferPointer { x in
            firstBad.withUnsafeMutableBufferPointer { bad in
                nonisolated(unsafe) let x = x.baseAddress!, bad = bad.baseAddress!
                Parallel.forEach(blocks.count) { b in
                    for i in blocks[b] {
                        let squares = Assignment.dot(x + i * d, x + i * d, d)
                        if !(abs(squares - 1) <= tolerance) {
                            bad[b] = i
                            return
                        }
                    }
                }
            }
        }
        return firstBad.first { $0 >= 0 }
    }
}

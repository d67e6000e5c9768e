import LinearAlgebra

/// One point of the k-selection curve.
public struct KCandidate: Sendable, Hashable {
    /// Number of clusters.
    public var k: Int
    /// Mean silhouette (cosine distance) on the sample, averaged over the seeded runs.
    public var silhouette: Double
    /// Mean adjusted Rand index between the labelings of every pair of seeded runs (1 with a single run).
    public var stability: Double
    /// Mean cosine similarity of a sample point to its centroid, averaged over the runs.
    public var objective: Double
}

/// The curve and the k chosen from it (kept so a report can show how k was chosen).
public struct KSelectionResult: Sendable, Hashable {
    /// The chosen number of clusters.
    public var chosenK: Int
    /// One entry per evaluated candidate, ascending k.
    public var curve: [KCandidate]
    /// Points in the evaluation sample.
    public var sampleCount: Int
    /// Stability a candidate needed to be eligible (`stabilityFraction · max stability`).
    public var stabilityThreshold: Double
}

/// `--k auto`: chooses k by silhouette and stability across seeds on a sample.
///
/// For every candidate k, `runs` seeded fits of `clustering` (its `k` and `seed` replaced; seeds
/// `seed, seed + 1, …`, the same for every k) cluster one uniform sample of `min(n, sampleSize)` points. Each
/// labeling is scored by its mean cosine silhouette on the sample (one shared Gram-matrix GEMM); stability is the
/// mean pairwise adjusted Rand index between the runs' labelings.
///
/// Rule: among candidates whose stability is at least `stabilityFraction ×` the best stability, pick the highest
/// silhouette; exact ties go to the smaller k.
public struct KSelection: Sendable, Hashable {
    /// Candidate ks (each ≥ 2; those ≥ the sample size are skipped). Default 4, 8, 12, 16, 20, 24, 32, 40.
    public var candidates: [Int]
    /// Evaluation sample size (pairwise distances are sampleSize² floats). Default 3,000.
    public var sampleSize: Int
    /// Seeded fits per k (≥ 1; stability needs ≥ 2). Default 3.
    public var runs: Int
    /// Seed of the sample and first seed of the runs. Default 0.
    public var seed: UInt64
    /// Eligibility threshold relative to the best stability. Default 0.8.
    public var stabilityFraction: Double
    /// Template configuration of each fit (`k`, `seed` overwritten). Default: `SphericalKMeans` defaults (4
    /// restarts, so a seeding accident in one run does not read as instability).
    public var clustering: SphericalKMeans

    public init(
        candidates: [Int] = [4, 8, 12, 16, 20, 24, 32, 40], sampleSize: Int = 3000, runs: Int = 3,
        seed: UInt64 = 0, stabilityFraction: Double = 0.8, clustering: SphericalKMeans = SphericalKMeans(k: 2)
    ) {
        self.candidates = candidates
        self.sampleSize = sampleSize
        self.runs = runs
        self.seed = seed
        self.stabilityFraction = stabilityFraction
        self.clustering = clustering
    }

    /// Evaluates every candidate k on a sample of `points` (unit-norm rows) and applies the rule.
    ///
    /// - Complexity: O(m²·d) for the Gram matrix, plus per candidate `runs` fits on m points and O(runs·m²)
    ///   silhouette and O(runs²·m) stability work, m = min(n, sampleSize).
    public func select(_ points: Matrix) -> KSelectionResult {
        precondition(!candidates.isEmpty && candidates.allSatisfy { $0 >= 2 }, "KSelection: candidates must be ≥ 2")
        precondition(sampleSize >= 3 && runs >= 1, "KSelection: sampleSize ≥ 3 and runs ≥ 1")
        precondition(stabilityFraction >= 0 && stabilityFraction <= 1, "KSelection: stabilityFraction in [0, 1]")
        var random = SeededRandom(seed: seed, stream: 0)
        let sampleCount = min(points.rows, sampleSize)
        let sample = sampleCount < points.rows
            ? points.selectingRows(Sampling.withoutReplacement(sampleCount, from: points.rows, using: &random))
            : points
        let ks = Array(Set(candidates.filter { $0 < sampleCount })).sorted()
        precondition(!ks.isEmpty, "KSelection: every candidate k is ≥ the sample size \(sampleCount)")
        let gram = sample.multiplied(by: sample, transposeOther: true)

        var curve: [KCandidate] = []
        for k in ks {
            var labelings: [[Int]] = []
            var silhouette = 0.0, objective = 0.0
            for run in 0..<runs {
                var configuration = clustering
                configuration.k = k
                configuration.seed = seed &+ UInt64(run)
                let result = configuration.fit(sample)
                labelings.append(result.assignments)
                objective += result.meanSimilarity
                let values = Silhouette.samples(gram: gram, labels: result.assignments, clusters: k)
                silhouette += values.reduce(0.0) { $0 + Double($1) } / Double(sampleCount)
            }
            var stability = 1.0
            if runs > 1 {
                var total = 0.0, pairs = 0
                for a in 0..<runs {
                    for b in (a + 1)..<runs {
                        total += ClusteringMetrics.adjustedRandIndex(labelings[a], labelings[b])
                        pairs += 1
                    }
                }
                stability = total / Double(pairs)
            }
            curve.append(KCandidate(
                k: k, silhouette: silhouette / Double(runs), stability: stability,
                objective: objective / Double(runs)))
        }
        let threshold = stabilityFraction * (curve.map(\.stability).max() ?? 0)
        var chosen = curve[0]
        var found = false
        for candidate in curve where candidate.stability >= threshold {
            if !found || candidate.silhouette > chosen.silhouette {
                chosen = candidate
                found = true
            }
        }
        return KSelectionResult(
            chosenK: chosen.k, curve: curve, sampleCount: sampleCount, stabilityThreshold: threshold)
    }
}

import PaperRadarCore
// Randomized truncated SVD (Halko, Martinsson & Tropp 2011, Algorithms 4.4 + 5.1).

/// A rank-d approximation `A ≈ U·diag(σ)·Vᵀ`.
public struct TruncatedSVD: Sendable {
    /// n×d, orthonormal columns (left singular vectors; LSA document coordinates are `U·diag(σ)`).
    public let u: Matrix
    /// d singular values, descending.
    public let singularValues: [Float]
    /// m×d, orthonormal columns (right singular vectors; row j is feature j's coordinates).
    public let v: Matrix
    /// Stage timings of the computation.
    public let statistics: RandomizedSVDStatistics

    /// `Vᵀ` (d×m), the layout of scikit-learn's `components_`.
    public var vt: Matrix { v.transposed() }
}

/// Stage timings of `RandomizedSVD.decompose`.
public struct RandomizedSVDStatistics: Sendable, Hashable {
    /// Seconds in products with A and Aᵀ (sparse × dense, or GEMM for a dense A).
    public var productSeconds: Double = 0
    /// Seconds in QR orthonormalisation (sgeqrf + sorgqr, including layout transposes).
    public var orthonormalizationSeconds: Double = 0
    /// Seconds for the small SVD and forming U and V.
    public var smallSVDSeconds: Double = 0
    /// Seconds for the random test matrix and, for sparse input, the CSR transpose.
    public var setupSeconds: Double = 0
    public var totalSeconds: Double = 0
    /// Columns of the sketch (rank + oversampling, capped by the matrix shape).
    public var sketchWidth: Int = 0

    public init() {}
}

/// Randomized truncated SVD: range finder with power iterations, then an exact SVD of the small
/// projected matrix.
///
/// For A (n×m) and sketch width l = rank + oversampling:
/// 1. Ω ← Gaussian m×l (seeded); Q ← orth(A·Ω).
/// 2. `powerIterations` times: W ← orth(Aᵀ·Q); Q ← orth(A·W) — re-orthonormalised by QR each half
///    step so Float round-off does not collapse the basis onto the top singular vectors.
/// 3. Bᵀ ← Aᵀ·Q (m×l) = W_b·R (QR); R = U_r·diag(σ)·V_rᵀ (`sgesdd`, l×l).
///    Then A ≈ Q·B = (Q·V_r)·diag(σ)·(W_b·U_r)ᵀ, so U = Q·V_r and V = W_b·U_r.
/// 4. Keep the leading `rank` triplets; flip signs so each column of U has a positive largest entry.
///
/// Same input, parameters and seed give bit-identical output (for a fixed BLAS thread count).
/// - Complexity: (2q + 2) products with A or Aᵀ, O(nnz·l) each for sparse A; (2q + 2) QRs of
///   n×l or m×l matrices, O((n + m)·l²) each; O(l³) for the small SVD.
public struct RandomizedSVD: Sendable, Hashable {
    /// Number of singular triplets returned (d).
    public var rank: Int
    /// Extra sketch columns beyond `rank` (improves accuracy of the trailing triplets).
    public var oversampling: Int
    /// Power (subspace) iterations q; each costs two products and two QRs.
    public var powerIterations: Int
    /// Seed of the Gaussian test matrix.
    public var seed: UInt64

    public init(rank: Int, oversampling: Int = 32, powerIterations: Int = 2, seed: UInt64 = 0x5EED_5EED) {
        precondition(rank > 0, "rank must be positive")
        precondition(oversampling >= 0 && powerIterations >= 0, "oversampling and powerIterations must be non-negative")
        self.rank = rank
        self.oversampling = oversampling
        self.powerIterations = powerIterations
        self.seed = seed
    }

    /// Rank-`rank` approximation of the sparse matrix `a` (n×m); rank ≤ min(n, m).
    ///
    /// Builds the CSR transpose of `a` once (O(nnz)) so that Aᵀ·D is a race-free parallel product.
    /// - Complexity: see the type's documentation; O((2q + 2)·nnz·l + (2q + 2)·(n + m)·l²).
    public func decompose(_ a: SparseMatrix) -> TruncatedSVD {
        precondition(rank <= min(a.rows, a.columns), "rank \(rank) exceeds min(rows, columns)")
        var setup = 0.0
        var transpose: SparseMatrix? = nil
        setup += Stopwatch.measure { transpose = a.transposed() }
        let at = transpose!
        return run(
            rows: a.rows, columns: a.columns, setupSeconds: setup,
            times: { a.multiplied(by: $0) }, transposeTimes: { at.multiplied(by: $0) })
    }

    /// Rank-`rank` approximation of the dense matrix `a` (n×m); rank ≤ min(n, m).
    ///
    /// - Complexity: O((2q + 2)·n·m·l + (2q + 2)·(n + m)·l²).
    public func decompose(_ a: Matrix) -> TruncatedSVD {
        precondition(rank <= min(a.rows, a.columns), "rank \(rank) exceeds min(rows, columns)")
        return run(
            rows: a.rows, columns: a.columns, setupSeconds: 0,
            times: { a.multiplied(by: $0) },
            transposeTimes: { a.multiplied(by: $0, transposeSelf: true) })
    }

    private func run(
        rows n: Int, columns m: Int, setupSeconds: Double,
        times: (Matrix) -> Matrix, transposeTimes: (Matrix) -> Matrix
    ) -> TruncatedSVD {
        let total = Stopwatch()
        var stats = RandomizedSVDStatistics()
        stats.setupSeconds = setupSeconds
        let l = min(rank + oversampling, min(n, m))
        stats.sketchWidth = l

        func product(_ body: () -> Matrix) -> Matrix {
            let watch = Stopwatch()
            defer { stats.productSeconds += watch.seconds }
            return body()
        }
        func orthonormalize(_ x: inout Matrix, keepR: Bool = false) -> Matrix? {
            let watch = Stopwatch()
            defer { stats.orthonormalizationSeconds += watch.seconds }
            return x.orthonormalizeColumns(keepR: keepR)
        }

        var omega = Matrix(rows: 0, columns: 0)
        stats.setupSeconds += Stopwatch.measure { omega = Matrix.randomGaussian(rows: m, columns: l, seed: seed) }
        var q = product { times(omega) }
        omega = Matrix(rows: 0, columns: 0)
        _ = orthonormalize(&q)
        for _ in 0..<powerIterations {
            var w = product { transposeTimes(q) }
            _ = orthonormalize(&w)
            q = product { times(w) }
            _ = orthonormalize(&q)
        }
        // Bᵀ = Aᵀ·Q = W_b·R.
        var bt = product { transposeTimes(q) }
        let r = orthonormalize(&bt, keepR: true)!

        let watch = Stopwatch()
        // R = U_r·diag(σ)·V_rᵀ; U = Q·V_r (n×l), V = W_b·U_r (m×l).
        let small = svd(r)
        let d = rank
        let vr = small.vt.rows(0..<d)                 // d×l = (first d columns of V_r)ᵀ
        let ur = small.u.columns(0..<d)               // l×d
        var u = q.multiplied(by: vr, transposeOther: true)   // n×d
        var v = bt.multiplied(by: ur)                        // m×d
        let sigma = Array(small.singularValues.prefix(d))
        Self.flipSigns(u: &u, v: &v)
        stats.smallSVDSeconds = watch.seconds
        stats.totalSeconds = total.seconds + setupSeconds
        return TruncatedSVD(u: u, singularValues: sigma, v: v, statistics: stats)
    }

    /// Makes the largest-magnitude entry of every column of `u` positive, flipping the matching column of `v`.
    static func flipSigns(u: inout Matrix, v: inout Matrix) {
        let d = u.columns
        var largest = [Float](repeating: 0, count: d)
        for i in 0..<u.rows {
            for j in 0..<d where abs(u.storage[i * d + j]) > abs(largest[j]) { largest[j] = u.storage[i * d + j] }
        }
        let flip = largest.map { $0 < 0 }
        guard flip.contains(true) else { return }
        for i in 0..<u.rows { for j in 0..<d where flip[j] { u.storage[i * d + j].negate() } }
        for i in 0..<v.rows { for j in 0..<d where flip[j] { v.storage[i * d + j].negate() } }
    }
}

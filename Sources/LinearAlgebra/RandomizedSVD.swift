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
    /// Seconds in QR orthonormalisation (sgeqrf + sorgqr a block of rows at a time, including layout transposes).
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
        let factors = sparseFactors(a, formingU: true)
        return TruncatedSVD(u: factors.u!, singularValues: factors.singularValues, v: factors.v, statistics: factors.statistics)
    }

    /// The singular values and right singular vectors of the sparse matrix `a` (n×m), as ``decompose(_:)-(SparseMatrix)``
    /// computes them, without forming U; with scales, those of `diag(rowScale)·a·diag(columnScale)`, without forming
    /// that matrix either.
    ///
    /// What LSA needs (the term basis V, of the entropy-weighted and renormalised TF-IDF rows); U's signs are still
    /// fixed by the convention above, computed a block of rows at a time. The scaled matrix is applied as
    /// `D_r·(a·(D_c·X))` (scaling the m×l operand and the result's rows) and its transpose is built scaled, so no
    /// scaled copy of `a` exists. Peak memory is about n·l + 2·m·l floats besides `a` and its transpose (the
    /// transpose is freed before the final step), against n·(l + d) + m·(l + d) for ``decompose(_:)-(SparseMatrix)``.
    /// - Complexity: as ``decompose(_:)-(SparseMatrix)``.
    public func rightFactors(
        _ a: SparseMatrix, rowScale: [Float]? = nil, columnScale: [Float]? = nil
    ) -> (singularValues: [Float], v: Matrix, statistics: RandomizedSVDStatistics) {
        precondition(rowScale.map { $0.count == a.rows } ?? true, "one scale per row")
        precondition(columnScale.map { $0.count == a.columns } ?? true, "one scale per column")
        let factors = sparseFactors(a, formingU: false, rowScale: rowScale, columnScale: columnScale)
        return (factors.singularValues, factors.v, factors.statistics)
    }

    private func sparseFactors(
        _ a: SparseMatrix, formingU: Bool, rowScale: [Float]? = nil, columnScale: [Float]? = nil
    ) -> Factors {
        precondition(rank <= min(a.rows, a.columns), "rank \(rank) exceeds min(rows, columns)")
        var transpose: SparseMatrix? = nil
        let setup = Stopwatch.measure {
            transpose = a.transposed()
            if rowScale != nil || columnScale != nil { transpose!.scaleEntries(rows: columnScale, columns: rowScale) }
        }
        return run(
            rows: a.rows, columns: a.columns, setupSeconds: setup, formingU: formingU,
            times: { x in
                if let columnScale { x.scaleRows(by: columnScale) }  // x is used up: scaled where it is
                var y = a.multiplied(by: x)
                if let rowScale { y.scaleRows(by: rowScale) }
                return y
            },
            transposeTimes: { transpose!.multiplied(by: $0) },
            transposeDone: { transpose = nil })
    }

    /// Rank-`rank` approximation of the dense matrix `a` (n×m); rank ≤ min(n, m).
    ///
    /// - Complexity: O((2q + 2)·n·m·l + (2q + 2)·(n + m)·l²).
    public func decompose(_ a: Matrix) -> TruncatedSVD {
        precondition(rank <= min(a.rows, a.columns), "rank \(rank) exceeds min(rows, columns)")
        let factors = run(
            rows: a.rows, columns: a.columns, setupSeconds: 0, formingU: true,
            times: { a.multiplied(by: $0) },
            transposeTimes: { a.multiplied(by: $0, transposeSelf: true) }, transposeDone: {})
        return TruncatedSVD(u: factors.u!, singularValues: factors.singularValues, v: factors.v, statistics: factors.statistics)
    }

    private typealias Factors = (u: Matrix?, singularValues: [Float], v: Matrix, statistics: RandomizedSVDStatistics)

    /// The algorithm over products with A and Aᵀ. Every intermediate is released as soon as it is used up (the
    /// sketches are the largest allocations of a fit); `times` may overwrite its operand (it is used up);
    /// `transposeDone` is called after the last product with Aᵀ.
    private func run(
        rows n: Int, columns m: Int, setupSeconds: Double, formingU: Bool,
        times: (inout Matrix) -> Matrix, transposeTimes: (Matrix) -> Matrix, transposeDone: () -> Void
    ) -> Factors {
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
        let released = Matrix(rows: 0, columns: 0)

        var omega = Matrix(rows: 0, columns: 0)
        stats.setupSeconds += Stopwatch.measure { omega = Matrix.randomGaussian(rows: m, columns: l, seed: seed) }
        var q = product { times(&omega) }
        omega = released
        _ = orthonormalize(&q)
        for _ in 0..<powerIterations {
            var w = product { transposeTimes(q) }
            q = released
            _ = orthonormalize(&w)
            q = product { times(&w) }
            w = released
            _ = orthonormalize(&q)
        }
        // Bᵀ = Aᵀ·Q = W_b·R.
        var bt = product { transposeTimes(q) }
        transposeDone()
        let r = orthonormalize(&bt, keepR: true)!

        let watch = Stopwatch()
        // R = U_r·diag(σ)·V_rᵀ; U = Q·V_r (n×l), V = W_b·U_r (m×l).
        let small = svd(r)
        let d = rank
        let vr = small.vt.rows(0..<d)                 // d×l = (first d columns of V_r)ᵀ
        let ur = small.u.columns(0..<d)               // l×d
        var u: Matrix? = nil
        let flip: [Bool]
        if formingU {
            u = q.multiplied(by: vr, transposeOther: true)   // n×d
            flip = Self.signFlips(of: u!)
        } else {
            flip = Self.signFlips(ofProduct: q, vr)
        }
        q = released
        var v = bt.multiplied(by: ur)                        // m×d
        bt = released
        if flip.contains(true) {
            if u != nil { Self.negate(columns: flip, of: &u!) }
            Self.negate(columns: flip, of: &v)
        }
        let sigma = Array(small.singularValues.prefix(d))
        stats.smallSVDSeconds = watch.seconds
        stats.totalSeconds = total.seconds + setupSeconds
        return (u, sigma, v, stats)
    }

    /// The columns of U to negate so that each has a positive largest-magnitude entry (the first one, in row
    /// order, when several tie).
    static func signFlips(of u: Matrix) -> [Bool] {
        var largest = [Float](repeating: 0, count: u.columns)
        accumulateLargest(u, into: &largest)
        return largest.map { $0 < 0 }
    }

    /// ``signFlips(of:)`` of `q·vrᵀ`, computed a block of rows at a time instead of forming the product.
    static func signFlips(ofProduct q: Matrix, _ vr: Matrix) -> [Bool] {
        var largest = [Float](repeating: 0, count: vr.rows)
        let block = 4096
        for start in stride(from: 0, to: q.rows, by: block) {
            let rows = q.rows(start..<min(start + block, q.rows))
            accumulateLargest(rows.multiplied(by: vr, transposeOther: true), into: &largest)
        }
        return largest.map { $0 < 0 }
    }

    private static func accumulateLargest(_ u: Matrix, into largest: inout [Float]) {
        let d = u.columns
        for i in 0..<u.rows {
            for j in 0..<d where abs(u.storage[i * d + j]) > abs(largest[j]) { largest[j] = u.storage[i * d + j] }
        }
    }

    private static func negate(columns flip: [Bool], of x: inout Matrix) {
        let d = x.columns
        for i in 0..<x.rows { for j in 0..<d where flip[j] { x.storage[i * d + j].negate() } }
    }
}

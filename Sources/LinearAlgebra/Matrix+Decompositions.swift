// Dense factorisations through LAPACK: thin QR (sgeqrf + sorgqr, blocked as a tall-skinny QR), SVD (sgesdd),
// symmetric eigen (ssyevd).
//
// LAPACK is column-major. A row-major m×n buffer read column-major is the n×m transpose, which the
// wrappers below exploit to avoid copies where they can.

/// A thin singular value decomposition `A = U·diag(σ)·Vᵀ`.
public struct SingularValueDecomposition: Sendable, Hashable {
    /// m×r with orthonormal columns (left singular vectors), r = min(m, n).
    public let u: Matrix
    /// r singular values, descending, non-negative.
    public let singularValues: [Float]
    /// r×n with orthonormal rows (right singular vectors as rows).
    public let vt: Matrix
}

/// An eigen-decomposition `A = V·diag(λ)·Vᵀ` of a symmetric matrix.
public struct SymmetricEigendecomposition: Sendable, Hashable {
    /// Eigenvalues, descending.
    public let eigenvalues: [Float]
    /// n×n orthogonal; column j is the unit eigenvector of `eigenvalues[j]`, its largest-magnitude
    /// component made positive so the result is deterministic.
    public let eigenvectors: Matrix
}

/// Thin SVD of a dense matrix by LAPACK divide and conquer (`sgesdd`, `jobz = 'S'`).
///
/// `A = U·diag(σ)·Vᵀ` with `U` m×r, `Vᵀ` r×n, r = min(m, n), σ descending. Meant for tests and small
/// or moderately sized matrices; use `RandomizedSVD` for a low-rank approximation of a large one.
/// - Complexity: O(m·n·min(m, n)).
public func svd(_ a: Matrix) -> SingularValueDecomposition {
    let m = a.rows, n = a.columns, r = min(m, n)
    guard r > 0 else {
        return SingularValueDecomposition(
            u: Matrix(rows: m, columns: 0), singularValues: [], vt: Matrix(rows: 0, columns: n))
    }
    var s = [Float](repeating: 0, count: r)
    if m > n {
        // Tall: hand LAPACK the column-major m×n copy so it takes its QR-first path.
        var columnMajor = [Float](repeating: 0, count: m * n)
        a.storage.withUnsafeBufferPointer { src in
            columnMajor.withUnsafeMutableBufferPointer { dst in
                Matrix.transpose(src.baseAddress!, rows: m, columns: n, into: dst.baseAddress!)
            }
        }
        var uColumnMajor = [Float](repeating: 0, count: m * r)
        var vtColumnMajor = [Float](repeating: 0, count: r * n)
        let info = columnMajor.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                uColumnMajor.withUnsafeMutableBufferPointer { pu in
                    vtColumnMajor.withUnsafeMutableBufferPointer { pvt in
                        LAPACK.sgesddThin(
                            m: m, n: n, a: pa.baseAddress!, lda: m, s: ps.baseAddress!,
                            u: pu.baseAddress!, ldu: m, vt: pvt.baseAddress!, ldvt: r)
                    }
                }
            }
        }
        precondition(info == 0, "sgesdd failed (info \(info))")
        // Column-major m×r / r×n buffers are the row-major transposes of U / Vᵀ.
        let u = Matrix(rows: r, columns: m, storage: uColumnMajor).transposed()
        let vt = Matrix(rows: n, columns: r, storage: vtColumnMajor).transposed()
        return SingularValueDecomposition(u: u, singularValues: s, vt: vt)
    }
    // Wide or square: the row-major storage is Aᵀ column-major (n×m). Aᵀ = U′ Σ V′ᵀ gives
    // A = V′ Σ U′ᵀ, and LAPACK's column-major V′ᵀ (r×m) / U′ (n×r) buffers read row-major are
    // exactly U (m×r) and Vᵀ (r×n).
    var work = a.storage
    var uOfTranspose = [Float](repeating: 0, count: n * r)
    var vtOfTranspose = [Float](repeating: 0, count: r * m)
    let info = work.withUnsafeMutableBufferPointer { pa in
        s.withUnsafeMutableBufferPointer { ps in
            uOfTranspose.withUnsafeMutableBufferPointer { pu in
                vtOfTranspose.withUnsafeMutableBufferPointer { pvt in
                    LAPACK.sgesddThin(
                        m: n, n: m, a: pa.baseAddress!, lda: n, s: ps.baseAddress!,
                        u: pu.baseAddress!, ldu: n, vt: pvt.baseAddress!, ldvt: r)
                }
            }
        }
    }
    precondition(info == 0, "sgesdd failed (info \(info))")
    return SingularValueDecomposition(
        u: Matrix(rows: m, columns: r, storage: vtOfTranspose), singularValues: s,
        vt: Matrix(rows: r, columns: n, storage: uOfTranspose))
}

/// Eigen-decomposition of a symmetric matrix by LAPACK divide and conquer (`ssyevd`).
///
/// Only the upper triangle (row-major) is read. Eigenvalues come back descending, eigenvectors as
/// the columns of an orthogonal matrix with `A·V = V·diag(λ)`.
/// - Complexity: O(n³).
public func symmetricEigen(_ a: Matrix) -> SymmetricEigendecomposition {
    precondition(a.rows == a.columns, "symmetricEigen needs a square matrix")
    let n = a.rows
    guard n > 0 else { return SymmetricEigendecomposition(eigenvalues: [], eigenvectors: Matrix(rows: 0, columns: 0)) }
    // Row-major upper triangle = column-major lower triangle; LAPACK reads 'U' of the column-major
    // matrix, i.e. our lower triangle. Symmetrise from our upper triangle first.
    var work = a.storage
    for i in 0..<n {
        for j in (i + 1)..<n { work[j * n + i] = work[i * n + j] }
    }
    var w = [Float](repeating: 0, count: n)
    let info = work.withUnsafeMutableBufferPointer { pa in
        w.withUnsafeMutableBufferPointer { pw in
            LAPACK.ssyevd(n: n, a: pa.baseAddress!, lda: n, w: pw.baseAddress!)
        }
    }
    precondition(info == 0, "ssyevd failed (info \(info))")
    // `work` column-major: column j (= row j of the row-major view) is the eigenvector of w[j], ascending.
    var vectors = Matrix(rows: n, columns: n)
    var values = [Float](repeating: 0, count: n)
    for target in 0..<n {
        let source = n - 1 - target
        values[target] = w[source]
        var largest: Float = 0
        for i in 0..<n where abs(work[source * n + i]) > abs(largest) { largest = work[source * n + i] }
        let sign: Float = largest < 0 ? -1 : 1
        for i in 0..<n { vectors.storage[i * n + target] = sign * work[source * n + i] }
    }
    return SymmetricEigendecomposition(eigenvalues: values, eigenvectors: vectors)
}

extension Matrix {
    /// The orthonormal factor Q (m×n) of the thin QR decomposition `A = Q·R` (m ≥ n), by Householder
    /// reflections (`sgeqrf`, then `sorgqr`; a tall matrix a block of rows at a time, see
    /// `orthonormalizeColumns`).
    ///
    /// The columns of Q span the column space of A (for full column rank); sign conventions are LAPACK's.
    /// - Complexity: O(m·n²).
    public func orthonormalBasis() -> Matrix {
        precondition(rows >= columns, "orthonormalBasis needs rows ≥ columns")
        var copy = self
        copy.orthonormalizeColumns()
        return copy
    }

    /// Rows per block of the tall-skinny QR (about 75 MB of column-major copy for 288 columns).
    static let qrBlockRows = 65_536

    /// Replaces `self` (m×n, m ≥ n) by the Q factor of its thin QR decomposition, returning R (n×n,
    /// upper triangular, row-major) when `keepR` is set.
    ///
    /// LAPACK wants the matrix column-major; a transposed copy of the whole sketch of 2.6 M papers is 3 GB. A
    /// matrix of more than `qrBlockRows` rows is factored as a tall-skinny QR (Demmel et al. 2012) instead:
    /// each block of rows `A_b = Q_b·R_b` through a block-sized column-major copy (Q_b written back in place),
    /// then the stacked `[R_1; …; R_B] = Q_R·R`, and `Q = diag(Q_b)·Q_R` by one GEMM per block. Householder
    /// throughout, so as stable as one QR of the whole matrix; R is the same up to the signs of its rows.
    /// - Complexity: O(m·n²); memory O(min(m, qrBlockRows)·n) besides `self`.
    @discardableResult
    mutating func orthonormalizeColumns(keepR: Bool = false) -> Matrix? {
        let m = rows, n = columns
        guard n > 0 && m > 0 else { return keepR ? Matrix(rows: n, columns: n) : nil }
        let blockCount = m <= max(Self.qrBlockRows, 2 * n) ? 1 : (m + Self.qrBlockRows - 1) / Self.qrBlockRows
        // Balanced blocks, each at least n rows (m > 2n·blockCount when there are several).
        let bounds = (0...blockCount).map { $0 * m / blockCount }
        let stackRows = blockCount * n
        var stack = [Float](repeating: 0, count: blockCount > 1 ? stackRows * n : 0)  // column-major
        var buffer = [Float](repeating: 0, count: (bounds[1] - bounds[0] + 1) * n)
        var tau = [Float](repeating: 0, count: n)
        var r: Matrix? = nil
        storage.withUnsafeMutableBufferPointer { rowMajor in
            buffer.withUnsafeMutableBufferPointer { buffer in
                tau.withUnsafeMutableBufferPointer { t in
                    stack.withUnsafeMutableBufferPointer { stack in
                        let a = buffer.baseAddress!
                        for b in 0..<blockCount {
                            let first = bounds[b], mb = bounds[b + 1] - bounds[b]
                            let rows = rowMajor.baseAddress! + first * n
                            Matrix.transpose(rows, rows: mb, columns: n, into: a)
                            var info = LAPACK.sgeqrf(m: mb, n: n, a: a, lda: mb, tau: t.baseAddress!)
                            precondition(info == 0, "sgeqrf failed (info \(info))")
                            if blockCount > 1 {
                                for j in 0..<n {
                                    for i in 0...j { stack[j * stackRows + b * n + i] = a[j * mb + i] }
                                }
                            } else if keepR {
                                var upper = Matrix(rows: n, columns: n)
                                for i in 0..<n {
                                    for j in i..<n { upper.storage[i * n + j] = a[j * mb + i] }
                                }
                                r = upper
                            }
                            info = LAPACK.sorgqr(m: mb, n: n, k: n, a: a, lda: mb, tau: t.baseAddress!)
                            precondition(info == 0, "sorgqr failed (info \(info))")
                            Matrix.transpose(a, rows: n, columns: mb, into: rows)
                        }
                        guard blockCount > 1 else { return }
                        // The stacked R factors: Q_R·R.
                        let s = stack.baseAddress!
                        var info = LAPACK.sgeqrf(m: stackRows, n: n, a: s, lda: stackRows, tau: t.baseAddress!)
                        precondition(info == 0, "sgeqrf failed (info \(info))")
                        if keepR {
                            var upper = Matrix(rows: n, columns: n)
                            for i in 0..<n {
                                for j in i..<n { upper.storage[i * n + j] = s[j * stackRows + i] }
                            }
                            r = upper
                        }
                        info = LAPACK.sorgqr(m: stackRows, n: n, k: n, a: s, lda: stackRows, tau: t.baseAddress!)
                        precondition(info == 0, "sorgqr failed (info \(info))")
                        // Q_b ← Q_b·Q_R[b·n ..< (b+1)·n, :]; that block, column-major in the stack, is its own
                        // transpose read row-major with leading dimension stackRows.
                        for b in 0..<blockCount {
                            let first = bounds[b], mb = bounds[b + 1] - bounds[b]
                            let rows = rowMajor.baseAddress! + first * n
                            BLAS.sgemm(
                                transposeA: false, transposeB: true, m: mb, n: n, k: n, alpha: 1, a: rows, lda: n,
                                b: s + b * n, ldb: stackRows, beta: 0, c: a, ldc: n)
                            rows.update(from: a, count: mb * n)
                        }
                    }
                }
            }
        }
        return r
    }
}

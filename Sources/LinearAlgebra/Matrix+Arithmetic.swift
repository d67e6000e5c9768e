// Dense products and elementwise arithmetic on `Matrix`, backed by BLAS.

extension Matrix {
    /// The n×n identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result.storage[i * n + i] = 1 }
        return result
    }

    /// General matrix product `C ← α·op(A)·op(B) + β·C` (single-precision GEMM).
    ///
    /// `op(X)` is `Xᵀ` when the matching `transpose` flag is set. `op(A)` must be m×k, `op(B)` k×n
    /// and `c` m×n; with `beta == 0` the prior contents of `c` are ignored (NaNs included).
    /// - Complexity: O(m·n·k).
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0,
        into c: inout Matrix
    ) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "gemm: inner dimensions differ (\(k) vs \(kb))")
        precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        guard m > 0 && n > 0 else { return }
        if k == 0 {
            // BLAS would only scale C; do the same without calling it with zero strides.
            for i in c.storage.indices { c.storage[i] = beta == 0 ? 0 : beta * c.storage[i] }
            return
        }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress!, lda: max(1, a.columns),
                        b: pb.baseAddress!, ldb: max(1, b.columns),
                        beta: beta, c: pc.baseAddress!, ldc: max(1, n))
                }
            }
        }
    }

    /// The product `α·op(self)·op(other)`.
    ///
    /// - Complexity: O(m·n·k) for an m×k `op(self)` and k×n `op(other)`.
    public func multiplied(
        by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false, alpha: Float = 1
    ) -> Matrix {
        var c = Matrix(
            rows: transposeSelf ? columns : rows,
            columns: transposeOther ? other.rows : other.columns)
        Matrix.gemm(self, transposeA: transposeSelf, other, transposeB: transposeOther, alpha: alpha, into: &c)
        return c
    }

    /// `self · other` (m×k · k×n).
    ///
    /// - Complexity: O(m·n·k).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        lhs.multiplied(by: rhs)
    }

    /// Matrix–vector product `y = A·x` (GEMV); `x.count == columns`.
    ///
    /// - Complexity: O(rows·columns).
    public func multiplied(by vector: [Float]) -> [Float] {
        precondition(vector.count == columns, "gemv: vector has \(vector.count) entries, expected \(columns)")
        return gemv(vector, transpose: false)
    }

    /// Transposed matrix–vector product `y = Aᵀ·x` (GEMV); `x.count == rows`.
    ///
    /// - Complexity: O(rows·columns).
    public func transposeMultiplied(by vector: [Float]) -> [Float] {
        precondition(vector.count == rows, "gemv: vector has \(vector.count) entries, expected \(rows)")
        return gemv(vector, transpose: true)
    }

    private func gemv(_ x: [Float], transpose: Bool) -> [Float] {
        var y = [Float](repeating: 0, count: transpose ? columns : rows)
        guard rows > 0 && columns > 0 else { return y }
        storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    BLAS.sgemv(
                        transpose: transpose, m: rows, n: columns, alpha: 1, a: pa.baseAddress!, lda: columns,
                        x: px.baseAddress!, beta: 0, y: py.baseAddress!)
                }
            }
        }
        return y
    }

    /// Frobenius norm `‖A‖_F = √(Σᵢⱼ aᵢⱼ²)` (overflow-safe `snrm2`).
    ///
    /// - Complexity: O(rows·columns).
    public var frobeniusNorm: Float {
        guard !storage.isEmpty else { return 0 }
        // snrm2 takes a 32-bit count; sum squares of ≤ 2³⁰-long chunks.
        let chunk = 1 << 30
        if storage.count <= chunk {
            return storage.withUnsafeBufferPointer { BLAS.snrm2(n: $0.count, x: $0.baseAddress!) }
        }
        var sumOfSquares = 0.0
        storage.withUnsafeBufferPointer { p in
            var start = 0
            while start < p.count {
                let n = min(chunk, p.count - start)
                let norm = Double(BLAS.snrm2(n: n, x: p.baseAddress! + start))
                sumOfSquares += norm * norm
                start += n
            }
        }
        return Float(sumOfSquares.squareRoot())
    }

    /// Multiplies every entry by `factor` in place.
    ///
    /// - Complexity: O(rows·columns).
    public mutating func scale(by factor: Float) {
        storage.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] *= factor }
        }
    }

    /// `factor · self`.
    ///
    /// - Complexity: O(rows·columns).
    public func scaled(by factor: Float) -> Matrix {
        var copy = self
        copy.scale(by: factor)
        return copy
    }

    /// Elementwise sum; shapes must match.
    ///
    /// - Complexity: O(rows·columns).
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shape mismatch in +")
        var result = lhs
        result.storage.withUnsafeMutableBufferPointer { r in
            rhs.storage.withUnsafeBufferPointer { b in
                for i in r.indices { r[i] += b[i] }
            }
        }
        return result
    }

    /// Elementwise difference; shapes must match.
    ///
    /// - Complexity: O(rows·columns).
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shape mismatch in -")
        var result = lhs
        result.storage.withUnsafeMutableBufferPointer { r in
            rhs.storage.withUnsafeBufferPointer { b in
                for i in r.indices { r[i] -= b[i] }
            }
        }
        return result
    }
}

// Row norms and L2 row normalisation of `Matrix`.

extension Matrix {
    /// Euclidean norm of every row, `‖aᵢ‖₂`.
    ///
    /// - Complexity: O(rows·columns).
    public func rowNorms() -> [Float] {
        var norms = [Float](repeating: 0, count: rows)
        guard columns > 0 else { return norms }
        storage.withUnsafeBufferPointer { p in
            for i in 0..<rows { norms[i] = Matrix.sumOfSquares(p.baseAddress! + i * columns, columns).squareRoot() }
        }
        return norms
    }

    /// Scales every row to unit L2 norm in place: `aᵢ ← aᵢ / ‖aᵢ‖₂`; rows of norm 0 stay zero.
    ///
    /// After this, `aᵢ·aᵢ = 1` (to rounding) for every non-zero row, so inner products are cosines.
    /// - Complexity: O(rows·columns).
    public mutating func normalizeRows() {
        guard columns > 0 else { return }
        let columns = self.columns
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<rows {
                let row = p.baseAddress! + i * columns
                let norm = Matrix.sumOfSquares(row, columns).squareRoot()
                guard norm > 0 && norm.isFinite else { continue }
                let inverse = 1 / norm
                for j in 0..<columns { row[j] *= inverse }
            }
        }
    }

    /// Multiplies row i by `factors[i]` in place: `diag(factors)·A`.
    ///
    /// - Complexity: O(rows·columns).
    public mutating func scaleRows(by factors: [Float]) {
        precondition(factors.count == rows, "one factor per row")
        let columns = self.columns
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<rows {
                let factor = factors[i]
                for j in 0..<columns { p[i * columns + j] *= factor }
            }
        }
    }

    /// A copy with every row scaled to unit L2 norm (zero rows stay zero); see `normalizeRows()`.
    ///
    /// - Complexity: O(rows·columns).
    public func normalizedRows() -> Matrix {
        var copy = self
        copy.normalizeRows()
        return copy
    }

    /// `Σ xⱼ²` over `count` contiguous floats, accumulated in 8 lanes then in Double.
    @inline(__always)
    static func sumOfSquares(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var j = 0
        while j + 8 <= count {
            let v = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD8<Float>.self)
            lanes += v * v
            j += 8
        }
        var total = Double(lanes.sum())
        while j < count {
            total += Double(x[j]) * Double(x[j])
            j += 1
        }
        return Float(total)
    }
}

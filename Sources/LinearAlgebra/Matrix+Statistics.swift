// Column statistics of `Matrix` and principal component analysis (for the 2-D paper map).

/// The leading principal components of the rows of a matrix.
public struct PrincipalComponents: Sendable, Hashable {
    /// Column means subtracted before the analysis.
    public let means: [Float]
    /// count×columns; row c is the unit direction of component c (largest-magnitude entry positive).
    public let components: Matrix
    /// Variance along each component (covariance eigenvalues, descending, divisor n − 1).
    public let explainedVariance: [Float]
    /// rows×count coordinates of the centred rows in the component basis.
    public let projection: Matrix
}

extension Matrix {
    /// Mean of every column, `μⱼ = (1/n)·Σᵢ aᵢⱼ` (accumulated in Double); empty for zero rows.
    ///
    /// - Complexity: O(rows·columns).
    public func columnMeans() -> [Float] {
        guard rows > 0 else { return [Float](repeating: 0, count: columns) }
        var sums = [Double](repeating: 0, count: columns)
        storage.withUnsafeBufferPointer { p in
            for i in 0..<rows {
                let row = p.baseAddress! + i * columns
                for j in 0..<columns { sums[j] += Double(row[j]) }
            }
        }
        return sums.map { Float($0 / Double(rows)) }
    }

    /// Subtracts the column means in place (`aᵢⱼ ← aᵢⱼ − μⱼ`) and returns them.
    ///
    /// - Complexity: O(rows·columns).
    @discardableResult
    public mutating func centerColumns() -> [Float] {
        let means = columnMeans()
        let columns = self.columns
        storage.withUnsafeMutableBufferPointer { p in
            for i in 0..<rows {
                let row = p.baseAddress! + i * columns
                for j in 0..<columns { row[j] -= means[j] }
            }
        }
        return means
    }

    /// A copy with the column means subtracted.
    ///
    /// - Complexity: O(rows·columns).
    public func centeredColumns() -> Matrix {
        var copy = self
        copy.centerColumns()
        return copy
    }

    /// Sample covariance of the columns, `C = (X − 1μᵀ)ᵀ(X − 1μᵀ) / (n − 1)` (columns×columns).
    ///
    /// - Complexity: O(rows·columns²).
    public func columnCovariance() -> Matrix {
        precondition(rows >= 2, "covariance needs at least two rows")
        let centered = centeredColumns()
        return centered.multiplied(by: centered, transposeSelf: true, alpha: 1 / Float(rows - 1))
    }

    /// The first `count` principal components of the rows (PCA via `ssyevd` of the covariance).
    ///
    /// For the 2-D paper map use `count: 2` and plot `projection`. Component signs are fixed
    /// (largest-magnitude loading positive), so the map does not mirror between runs.
    /// - Complexity: O(rows·columns² + columns³).
    public func principalComponents(_ count: Int) -> PrincipalComponents {
        precondition(count >= 1 && count <= columns, "component count must be in 1...columns")
        var centered = self
        let means = centered.centerColumns()
        let covariance = centered.multiplied(by: centered, transposeSelf: true, alpha: 1 / Float(Swift.max(1, rows - 1)))
        let eigen = symmetricEigen(covariance)
        let components = eigen.eigenvectors.columns(0..<count).transposed()
        let projection = centered.multiplied(by: components, transposeOther: true)
        return PrincipalComponents(
            means: means, components: components,
            explainedVariance: Array(eigen.eigenvalues.prefix(count)), projection: projection)
    }
}

@testable import LinearAlgebra
import TestSupport

/// Deterministic uniform matrix in [-1, 1).
func uniformMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var rng = SeededRandom(seed: seed)
    return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in rng.nextUnitFloat() * 2 - 1 })
}

/// Deterministic sparse matrix with about `density` of its entries set (values in [0.1, 1.1)).
func randomSparse(_ rows: Int, _ columns: Int, density: Double, seed: UInt64) -> SparseMatrix {
    var rng = SeededRandom(seed: seed)
    var offsets = [0]
    var indices: [Int32] = []
    var values: [Float] = []
    for _ in 0..<rows {
        for c in 0..<columns where Double(rng.nextUnitFloat()) < density {
            indices.append(Int32(c))
            values.append(rng.nextUnitFloat() + 0.1)
        }
        offsets.append(indices.count)
    }
    return SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values)
}

/// Textbook triple loop: op(A)·op(B) in Double (``Matrices/naiveProduct(_:transposeA:_:transposeB:)``).
func naiveProduct(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
    Matrices.naiveProduct(a, transposeA: transposeA, b, transposeB: transposeB)
}

/// Largest absolute entrywise difference.
func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Float { Matrices.maxAbsDifference(a, b) }

/// ‖QᵀQ − I‖_max for a matrix with (supposedly) orthonormal columns.
func orthonormalityError(_ q: Matrix) -> Float {
    maxAbsDifference(q.multiplied(by: q, transposeSelf: true), .identity(q.columns))
}

/// A (rows × columns) matrix of exact rank `rank` with singular values `spectrum`, plus Gaussian noise.
func lowRankPlusNoise(_ rows: Int, _ columns: Int, spectrum: [Float], noise: Float, seed: UInt64) -> Matrix {
    let rank = spectrum.count
    let u = Matrix.randomGaussian(rows: rows, columns: rank, seed: seed).orthonormalBasis()
    let v = Matrix.randomGaussian(rows: columns, columns: rank, seed: seed + 1).orthonormalBasis()
    var us = u
    for i in 0..<rows { for j in 0..<rank { us[i, j] *= spectrum[j] } }
    var a = us.multiplied(by: v, transposeOther: true)
    let e = Matrix.randomGaussian(rows: rows, columns: columns, seed: seed + 2)
    for i in a.storage.indices { a.storage[i] += noise * e.storage[i] }
    return a
}

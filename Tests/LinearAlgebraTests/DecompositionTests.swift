import Testing
@testable import LinearAlgebra

private func reconstruct(_ u: Matrix, _ s: [Float], _ vt: Matrix) -> Matrix {
    var us = u
    for i in 0..<u.rows { for j in 0..<u.columns { us[i, j] *= s[j] } }
    return us.multiplied(by: vt)
}

@Suite struct DecompositionTests {
    @Test(arguments: [(8, 5), (5, 8), (6, 6)])
    func fullSVDReconstructs(rows: Int, columns: Int) {
        let a = uniformMatrix(rows, columns, seed: 40)
        let f = svd(a)
        let r = min(rows, columns)
        #expect(f.u.rows == rows && f.u.columns == r && f.vt.rows == r && f.vt.columns == columns)
        #expect(maxAbsDifference(reconstruct(f.u, f.singularValues, f.vt), a) < 1e-5)
        #expect(orthonormalityError(f.u) < 1e-5)
        #expect(orthonormalityError(f.vt.transposed()) < 1e-5)
        #expect(zip(f.singularValues, f.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func svdOfKnownMatrix() {
        // diag(3, 2) rotated: singular values 3 and 2.
        let a = Matrix([[0, 2], [3, 0], [0, 0]])
        let f = svd(a)
        #expect(abs(f.singularValues[0] - 3) < 1e-6 && abs(f.singularValues[1] - 2) < 1e-6)
    }

    @Test func symmetricEigenOfKnownMatrices() {
        let a = Matrix([[2, 1], [1, 2]])
        let e = symmetricEigen(a)
        #expect(abs(e.eigenvalues[0] - 3) < 1e-6 && abs(e.eigenvalues[1] - 1) < 1e-6)
        let s = 1 / Float(2).squareRoot()
        #expect(abs(e.eigenvectors[0, 0] - s) < 1e-6 && abs(e.eigenvectors[1, 0] - s) < 1e-6)
        #expect(abs(abs(e.eigenvectors[0, 1]) - s) < 1e-6)
        let diagonal = symmetricEigen(Matrix([[1, 0, 0], [0, 5, 0], [0, 0, -2]]))
        #expect(diagonal.eigenvalues == [5, 1, -2])
        #expect(diagonal.eigenvectors == Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 1]]))
    }

    @Test func symmetricEigenSatisfiesDefinition() {
        let b = uniformMatrix(12, 12, seed: 41)
        let a = b + b.transposed()
        let e = symmetricEigen(a)
        let av = a.multiplied(by: e.eigenvectors)
        var vl = e.eigenvectors
        for i in 0..<12 { for j in 0..<12 { vl[i, j] *= e.eigenvalues[j] } }
        #expect(maxAbsDifference(av, vl) < 1e-4)
        #expect(orthonormalityError(e.eigenvectors) < 1e-5)
    }

    @Test func orthonormalBasisSpansColumns() {
        let a = uniformMatrix(40, 6, seed: 42)
        let q = a.orthonormalBasis()
        #expect(orthonormalityError(q) < 1e-5)
        // Projection of A onto span(Q) is A itself.
        let projected = q.multiplied(by: q.multiplied(by: a, transposeSelf: true))
        #expect(maxAbsDifference(projected, a) < 1e-4)
    }

    @Test func tallMatricesAreFactoredABlockOfRowsAtATime() throws {
        // Three blocks of the tall-skinny QR; the first row block alone takes the one-block path.
        let rows = 2 * Matrix.qrBlockRows + 1_234
        var a = uniformMatrix(rows, 7, seed: 44)
        for i in 0..<rows { a[i, 6] = a[i, 0] + 1e-3 * a[i, 6] }  // nearly dependent columns
        var q = a
        let factor = q.orthonormalizeColumns(keepR: true)
        let r = try #require(factor)
        #expect(orthonormalityError(q) < 1e-4)
        #expect(maxAbsDifference(q.multiplied(by: r), a) < 1e-4)
        #expect((0..<7).allSatisfy { i in (0..<i).allSatisfy { r[i, $0] == 0 } }, "R is upper triangular")
        // R matches the one-block factorisation of AᵀA = RᵀR up to the signs of its rows.
        let gram = a.multiplied(by: a, transposeSelf: true)
        let rtr = r.multiplied(by: r, transposeSelf: true)
        #expect(maxAbsDifference(gram, rtr) < 1e-2 * gram.frobeniusNorm / 49)
        let block = a.rows(0..<Matrix.qrBlockRows)
        var blockQ = block
        let blockFactor = blockQ.orthonormalizeColumns(keepR: true)
        let blockR = try #require(blockFactor)
        #expect(orthonormalityError(blockQ) < 1e-4 && maxAbsDifference(blockQ.multiplied(by: blockR), block) < 1e-4)
    }

    @Test func randomizedSVDMatchesFullSVDOnLowRankPlusNoise() {
        let spectrum: [Float] = [50, 40, 30, 20, 10, 8, 6, 4]
        let a = lowRankPlusNoise(120, 90, spectrum: spectrum, noise: 0.01, seed: 43)
        let exact = svd(a)
        let approx = RandomizedSVD(rank: 6, oversampling: 10, powerIterations: 2, seed: 1).decompose(a)
        #expect(approx.u.rows == 120 && approx.u.columns == 6 && approx.v.rows == 90 && approx.v.columns == 6)
        for j in 0..<6 { #expect(abs(approx.singularValues[j] - exact.singularValues[j]) < 1e-3 * exact.singularValues[0]) }
        #expect(orthonormalityError(approx.u) < 1e-4)
        #expect(orthonormalityError(approx.v) < 1e-4)
        // Rank-6 reconstruction error is (close to) the optimal one, σ₇.
        let residual = (a - reconstruct(approx.u, approx.singularValues, approx.vt))
        let optimal = (exact.singularValues[6...].map { $0 * $0 }.reduce(0, +)).squareRoot()
        #expect(residual.frobeniusNorm < optimal * 1.01)
        // Singular vectors agree with the exact ones up to sign.
        for j in 0..<6 {
            let dot = (0..<120).map { approx.u[$0, j] * exact.u[$0, j] }.reduce(0, +)
            #expect(abs(abs(dot) - 1) < 1e-3)
        }
    }

    @Test func randomizedSVDOfSparseMatchesDenseAndIsDeterministic() {
        let s = randomSparse(80, 150, density: 0.1, seed: 44)
        let config = RandomizedSVD(rank: 10, oversampling: 20, powerIterations: 3, seed: 9)
        let fromSparse = config.decompose(s)
        let fromDense = config.decompose(Matrix(s))
        let exact = svd(Matrix(s))
        for j in 0..<10 {
            #expect(abs(fromSparse.singularValues[j] - exact.singularValues[j]) < 2e-2 * exact.singularValues[j])
            #expect(abs(fromSparse.singularValues[j] - fromDense.singularValues[j]) < 1e-3 * exact.singularValues[0])
        }
        let again = config.decompose(s)
        #expect(again.u == fromSparse.u && again.v == fromSparse.v && again.singularValues == fromSparse.singularValues)
        // Sign convention: largest-magnitude entry of every U column is positive.
        for j in 0..<10 {
            let column = (0..<80).map { fromSparse.u[$0, j] }
            #expect(column.max(by: { abs($0) < abs($1) })! > 0)
        }
    }

    @Test func rightFactorsAreDecomposeWithoutU() {
        // Several row blocks of the sign pass (4096 rows each), and a V whose signs follow U's convention.
        let s = randomSparse(9_000, 60, density: 0.05, seed: 45)
        let config = RandomizedSVD(rank: 8, oversampling: 8, powerIterations: 1, seed: 3)
        let full = config.decompose(s)
        let right = config.rightFactors(s)
        // Not bit for bit: OpenBLAS may split a product differently when other threads call it meanwhile (the
        // whole suite runs in parallel), which moves the last digits. The signs are what the blocked pass decides:
        // every column of V must point the same way as decompose's (a flipped one gives a dot product near −1).
        for (a, b) in zip(right.singularValues, full.singularValues) { #expect(abs(a - b) <= 1e-5 * full.singularValues[0]) }
        #expect(right.v.rows == full.v.rows && right.v.columns == full.v.columns)
        for j in 0..<full.v.columns {
            let dot = (0..<full.v.rows).map { right.v[$0, j] * full.v[$0, j] }.reduce(0, +)
            #expect(dot > 0.999, "column \(j) of V has decompose's sign")
        }
    }
}

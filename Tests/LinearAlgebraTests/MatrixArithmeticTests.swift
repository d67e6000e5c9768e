import Testing
@testable import LinearAlgebra

@Suite struct MatrixArithmeticTests {
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func gemmMatchesTripleLoop(transposeA: Bool, transposeB: Bool) {
        let (m, k, n) = (7, 5, 3)
        let a = transposeA ? uniformMatrix(k, m, seed: 1) : uniformMatrix(m, k, seed: 1)
        let b = transposeB ? uniformMatrix(n, k, seed: 2) : uniformMatrix(k, n, seed: 2)
        let expected = naiveProduct(a, transposeA: transposeA, b, transposeB: transposeB)
        let product = a.multiplied(by: b, transposeSelf: transposeA, transposeOther: transposeB)
        #expect(product.rows == m && product.columns == n)
        #expect(maxAbsDifference(product, expected) < 1e-5)
    }

    @Test func gemmAlphaBetaAccumulates() {
        let a = uniformMatrix(13, 17, seed: 3), b = uniformMatrix(17, 11, seed: 4)
        let c0 = uniformMatrix(13, 11, seed: 5)
        var c = c0
        Matrix.gemm(a, b, alpha: 2, beta: 0.5, into: &c)
        let expected = naiveProduct(a, b).scaled(by: 2) + c0.scaled(by: 0.5)
        #expect(maxAbsDifference(c, expected) < 1e-4)
    }

    @Test func gemmWithZeroInnerDimension() {
        let a = Matrix(rows: 3, columns: 0), b = Matrix(rows: 0, columns: 2)
        #expect(a.multiplied(by: b) == Matrix(rows: 3, columns: 2))
    }

    @Test func largerOddShapes() {
        let a = uniformMatrix(67, 129, seed: 6), b = uniformMatrix(31, 129, seed: 7)
        #expect(maxAbsDifference(a.multiplied(by: b, transposeOther: true), naiveProduct(a, b, transposeB: true)) < 1e-4)
    }

    @Test func gemvBothWays() {
        let a = uniformMatrix(9, 4, seed: 8)
        let x: [Float] = [1, -2, 0.5, 3], y: [Float] = (0..<9).map { Float($0) - 4 }
        let ax = a.multiplied(by: x), aty = a.transposeMultiplied(by: y)
        let expectedAx = naiveProduct(a, Matrix(rows: 4, columns: 1, storage: x)).storage
        let expectedAty = naiveProduct(a, transposeA: true, Matrix(rows: 9, columns: 1, storage: y)).storage
        #expect(zip(ax, expectedAx).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(aty, expectedAty).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func transposeAndSlices() {
        let a = uniformMatrix(37, 45, seed: 9)
        let t = a.transposed()
        #expect(t.rows == 45 && t.columns == 37)
        for i in 0..<37 { for j in 0..<45 { #expect(t[j, i] == a[i, j]) } }
        #expect(t.transposed() == a)
        // Large enough for the parallel path.
        let big = uniformMatrix(700, 530, seed: 10)
        #expect(big.transposed().transposed() == big)
        #expect(a.rows(3..<5) == Matrix([a.row(3), a.row(4)]))
        #expect(a.selectingRows([4, 0, 4]) == Matrix([a.row(4), a.row(0), a.row(4)]))
        let cols = a.columns(2..<4)
        #expect(cols.columns == 2 && cols[5, 1] == a[5, 3])
    }

    @Test func frobeniusNorm() {
        let a = Matrix([[3, 0], [0, -4]])
        #expect(abs(a.frobeniusNorm - 5) < 1e-6)
        #expect(Matrix(rows: 0, columns: 3).frobeniusNorm == 0)
    }

    @Test func columnStatistics() {
        var a = Matrix([[1, 2], [3, 6], [5, 10]])
        #expect(a.columnMeans() == [3, 6])
        let means = a.centerColumns()
        #expect(means == [3, 6])
        #expect(a == Matrix([[-2, -4], [0, 0], [2, 4]]))
        #expect(maxAbsDifference(Matrix([[1, 2], [3, 6], [5, 10]]).columnCovariance(), Matrix([[4, 8], [8, 16]])) < 1e-5)
    }

    @Test func principalComponentsOfALine() {
        // Points along (1, 2)/√5 plus a small orthogonal wobble along (−2, 1)/√5.
        let root5: Float = Float(5).squareRoot()
        var rows: [[Float]] = []
        for i in 0..<50 {
            let t = Float(i) - 25
            let wobble: Float = i % 2 == 0 ? 0.1 : -0.1
            let x: Float = (t - 2 * wobble) / root5 + 7
            let y: Float = (2 * t + wobble) / root5 + 7
            rows.append([x, y])
        }
        let pca = Matrix(rows).principalComponents(2)
        #expect(abs(pca.components[0, 0] - 1 / root5) < 1e-3)
        #expect(abs(pca.components[0, 1] - 2 / root5) < 1e-3)
        #expect(pca.explainedVariance[0] > 100 * pca.explainedVariance[1])
        #expect(pca.projection.rows == 50 && pca.projection.columns == 2)
        #expect(abs(pca.projection.columnMeans()[0]) < 1e-3)
    }
}

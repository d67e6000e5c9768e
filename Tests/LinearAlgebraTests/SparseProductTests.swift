import Testing
@testable import LinearAlgebra

@Suite struct SparseProductTests {
    @Test func denseConversionRoundTrips() {
        let s = randomSparse(17, 23, density: 0.25, seed: 20)
        #expect(SparseMatrix(Matrix(s)) == s)
    }

    @Test func transposeMatchesDense() {
        let s = randomSparse(31, 19, density: 0.3, seed: 21)
        let t = s.transposed()
        #expect(t.rows == 19 && t.columns == 31)
        #expect(Matrix(t) == Matrix(s).transposed())
        for i in 0..<t.rows {
            let cols = t.columnIndices[t.rowOffsets[i]..<t.rowOffsets[i + 1]]
            #expect(zip(cols, cols.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(t.transposed() == s)
    }

    @Test(arguments: [1, 5, 16, 17, 64, 67, 288])
    func sparseTimesDenseMatchesDense(width: Int) {
        let s = randomSparse(45, 38, density: 0.15, seed: 22)
        let d = uniformMatrix(38, width, seed: 23)
        let expected = naiveProduct(Matrix(s), d)
        #expect(maxAbsDifference(s.multiplied(by: d), expected) < 1e-4)
        // Panelled path (dense rows taken in panels of 5).
        #expect(maxAbsDifference(s.multiplied(by: d, panelRows: 5), expected) < 1e-4)
    }

    @Test func sparseTransposeTimesDenseMatchesDense() {
        let s = randomSparse(45, 38, density: 0.15, seed: 24)
        let d = uniformMatrix(45, 29, seed: 25)
        #expect(maxAbsDifference(s.transposeMultiplied(by: d), naiveProduct(Matrix(s), transposeA: true, d)) < 1e-4)
    }

    @Test func parallelPathAndEmptyRows() {
        // Enough work for many row blocks; every 7th row empty.
        var dense = Matrix(randomSparse(400, 300, density: 0.05, seed: 26))
        for i in stride(from: 0, to: 400, by: 7) { for j in 0..<300 { dense[i, j] = 0 } }
        let s = SparseMatrix(dense)
        let d = uniformMatrix(300, 48, seed: 27)
        let expected = naiveProduct(dense, d)
        #expect(maxAbsDifference(s.multiplied(by: d), expected) < 1e-4)
        #expect(maxAbsDifference(s.multiplied(by: d, panelRows: 64), expected) < 1e-4)
        #expect(s.multiplied(by: d).row(7).allSatisfy { $0 == 0 })
    }

    @Test func sparseMatrixVectorAndRowSlices() {
        let s = randomSparse(10, 12, density: 0.4, seed: 28)
        let x = (0..<12).map { Float($0) * 0.25 - 1 }
        let expected = Matrix(s).multiplied(by: x)
        #expect(zip(s.multiplied(by: x), expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(Matrix(s.rows(2..<6)) == Matrix(s).rows(2..<6))
        #expect(Matrix(s.selectingRows([9, 1])) == Matrix(s).selectingRows([9, 1]))
    }
}

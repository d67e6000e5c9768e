import Testing
@testable import LinearAlgebra

@Suite struct NormalizationTests {
    @Test func denseRowsBecomeUnitAndZeroRowsStayZero() {
        var a = uniformMatrix(20, 33, seed: 11)
        for j in 0..<33 { a[7, j] = 0 }
        a.normalizeRows()
        let norms = a.rowNorms()
        for i in 0..<20 where i != 7 { #expect(abs(norms[i] - 1) < 1e-6) }
        #expect(a.row(7).allSatisfy { $0 == 0 })
    }

    @Test func selfSimilarityIsOneAfterNormalisation() {
        let a = uniformMatrix(25, 256, seed: 12).normalizedRows()
        let gram = a.multiplied(by: a, transposeOther: true)
        for i in 0..<25 { #expect(abs(gram[i, i] - 1) < 1e-5) }
    }

    @Test func sparseRowsBecomeUnitAndEmptyRowsStayEmpty() {
        var s = randomSparse(30, 40, density: 0.2, seed: 13)
        s = s.selectingRows(Array(0..<30) + [0])  // also exercises row selection
        let empty = SparseMatrix(rows: 1, columns: 40, rowOffsets: [0, 0], columnIndices: [], values: [])
        #expect(empty.normalizedRows() == empty)
        let n = s.normalizedRows()
        for i in 0..<n.rows where n.rowOffsets[i + 1] > n.rowOffsets[i] {
            #expect(abs(n.rowNorms()[i] - 1) < 1e-6)
            #expect(abs(n.dot(row: i, with: n, row: i) - 1) < 1e-5)
        }
        // Dense and sparse normalisation agree.
        #expect(maxAbsDifference(Matrix(n), Matrix(s).normalizedRows()) < 1e-6)
    }

    @Test func sparseRowDotMatchesDense() {
        let a = randomSparse(12, 50, density: 0.3, seed: 14), b = randomSparse(9, 50, density: 0.3, seed: 15)
        let dense = naiveProduct(Matrix(a), Matrix(b), transposeB: true)
        for i in 0..<12 {
            for j in 0..<9 { #expect(abs(a.dot(row: i, with: b, row: j) - dense[i, j]) < 1e-5) }
        }
        // Scatter/gather gives the merge's sums bit for bit and leaves the scratch zero.
        var scratch = [Float](repeating: 0, count: 50)
        for i in 0..<12 {
            let js = [8, 0, 3, 3, 7]
            #expect(a.dots(row: i, with: b, rows: js, scratch: &scratch) == js.map { a.dot(row: i, with: b, row: $0) })
            #expect(scratch.allSatisfy { $0 == 0 })
        }
        let an = Matrix(a).normalizedRows(), bn = Matrix(b).normalizedRows()
        #expect(abs(a.cosine(row: 3, with: b, row: 4) - zip(an.row(3), bn.row(4)).map(*).reduce(0, +)) < 1e-5)
    }
}

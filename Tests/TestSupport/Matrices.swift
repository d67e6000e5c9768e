import LinearAlgebra

/// Seeded matrices and brute-force references shared by the numeric tests.
public enum Matrices {
    /// `count` unit vectors in `dimension` dimensions from a seeded Gaussian.
    public static func unitRows(_ count: Int, _ dimension: Int, seed: UInt64) -> Matrix {
        var m = Matrix.randomGaussian(rows: count, columns: dimension, seed: seed)
        m.normalizeRows()
        return m
    }

    /// Textbook triple loop: op(A)·op(B) in Double.
    public static func naiveProduct(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        var c = Matrix(rows: m, columns: n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p, i] : a[i, p]
                    let y = transposeB ? b[j, p] : b[p, j]
                    sum += Double(x) * Double(y)
                }
                c[i, j] = Float(sum)
            }
        }
        return c
    }

    /// Largest absolute entrywise difference.
    public static func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Float {
        precondition(a.rows == b.rows && a.columns == b.columns, "shapes differ")
        return zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Plain dot product, summed in Double.
    public static func dot(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// Index of the maximum (lowest index on ties).
    public static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for j in values.indices where values[j] > values[best] { best = j }
        return best
    }
}

import LinearAlgebra
import TestSupport

/// Small synthetic unit-norm data sets for the clustering tests.
enum TestData {
    /// `perCluster` points around each of `directions` random unit directions in d dimensions
    /// (point = direction + N(0, noise²) per coordinate, renormalised), cluster-major order; plus the true labels.
    static func blobs(
        directions: Int, perCluster: Int, dimension: Int, noise: Float, seed: UInt64
    ) -> (points: Matrix, labels: [Int], centers: Matrix) {
        var centers = Matrix.randomGaussian(rows: directions, columns: dimension, seed: seed)
        centers.normalizeRows()
        var points = Matrix.randomGaussian(rows: directions * perCluster, columns: dimension, seed: seed &+ 1000)
        var labels: [Int] = []
        for c in 0..<directions {
            for p in 0..<perCluster {
                let i = c * perCluster + p
                for j in 0..<dimension {
                    points[i, j] = points[i, j] * noise + centers[c, j]
                }
                labels.append(c)
            }
        }
        points.normalizeRows()
        return (points, labels, centers)
    }

    /// `n` uniformly random unit vectors (no cluster structure).
    static func uniformSphere(n: Int, dimension: Int, seed: UInt64) -> Matrix {
        Matrices.unitRows(n, dimension, seed: seed)
    }

    /// Index of the maximum (lowest index on ties).
    static func argmax(_ values: [Float]) -> Int { Matrices.argmax(values) }

    /// Plain dot product.
    static func dot(_ a: [Float], _ b: [Float]) -> Float { Float(Matrices.dot(a, b)) }
}

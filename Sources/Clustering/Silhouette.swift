import LinearAlgebra
import PaperRadarCore

/// Silhouette coefficients with cosine distance, `dist(x, y) = 1 − x·y` for unit-norm rows (scikit-learn's
/// `silhouette_samples(metric: "cosine")`).
///
/// For point i in cluster A: `a(i)` = mean distance to the other members of A, `b(i)` = min over other clusters
/// B of the mean distance to B's members, `s(i) = (b − a) / max(a, b)`; `s(i) = 0` when A is a singleton.
/// Distances come from one Gram-matrix GEMM, clamped to [0, 2] with a zero diagonal.
public enum Silhouette {
    /// Mean silhouette over all points (−1…1; higher is better). Needs ≥ 2 and ≤ n − 1 distinct labels,
    /// labels in `0..<clusterCount` where `clusterCount = max(labels) + 1`.
    ///
    /// Meant for samples of ≤ a few thousand points (n² floats of memory).
    /// - Complexity: O(n²·d) for the GEMM plus O(n²) for the sums.
    public static func score(_ points: Matrix, labels: [Int]) -> Double {
        let values = samples(points, labels: labels)
        return values.reduce(0.0) { $0 + Double($1) } / Double(max(1, values.count))
    }

    /// Silhouette `s(i)` of every point; see `score`.
    ///
    /// - Complexity: O(n²·d + n²).
    public static func samples(_ points: Matrix, labels: [Int]) -> [Float] {
        precondition(labels.count == points.rows, "silhouette: \(labels.count) labels for \(points.rows) points")
        precondition(labels.allSatisfy { $0 >= 0 }, "silhouette: labels must be non-negative")
        let clusters = (labels.max() ?? -1) + 1
        let distinct = Set(labels).count
        precondition(distinct >= 2 && distinct <= points.rows - 1, "silhouette: needs 2 ≤ clusters ≤ n − 1")
        return samples(gram: points.multiplied(by: points, transposeOther: true), labels: labels, clusters: clusters)
    }

    /// Unchecked kernel: silhouettes from the n×n similarity matrix `gram` (entries x·y).
    ///
    /// Per-cluster distance sums are accumulated per row in index order (Double), rows in parallel.
    /// - Complexity: O(n²).
    static func samples(gram: Matrix, labels: [Int], clusters: Int) -> [Float] {
        let n = gram.rows
        var counts = [Int](repeating: 0, count: clusters)
        for label in labels { counts[label] += 1 }
        let sizes = counts
        var result = [Float](repeating: 0, count: n)
        let blocks = Parallel.blocks(n, blockSize: 64)
        gram.storage.withUnsafeBufferPointer { g in
            result.withUnsafeMutableBufferPointer { r in
                labels.withUnsafeBufferPointer { l in
                    nonisolated(unsafe) let g = g.baseAddress!, r = r.baseAddress!, l = l.baseAddress!
                    Parallel.forEach(blocks.count) { b in
                        var sums = [Double](repeating: 0, count: clusters)
                        for i in blocks[b] {
                            for c in 0..<clusters { sums[c] = 0 }
                            let row = g + i * n
                            sums.withUnsafeMutableBufferPointer { sum in
                                for j in 0..<n where j != i { sum[l[j]] += Double(min(2, max(0, 1 - row[j]))) }
                            }
                            let own = l[i]
                            guard sizes[own] > 1 else {
                                r[i] = 0
                                continue
                            }
                            let a = sums[own] / Double(sizes[own] - 1)
                            var bValue = Double.infinity
                            for c in 0..<clusters where c != own && sizes[c] > 0 {
                                bValue = min(bValue, sums[c] / Double(sizes[c]))
                            }
                            let denominator = max(a, bValue)
                            r[i] = denominator > 0 && bValue.isFinite ? Float((bValue - a) / denominator) : 0
                        }
                    }
                }
            }
        }
        return result
    }
}

import LinearAlgebra
import PaperRadarCore

/// The assignment step: cosine similarities of every point to every centroid by one GEMM, then a row argmax.
///
/// Kernels here assume validated input (non-empty, matching column counts); `SphericalKMeans.fit` checks once.
enum Assignment {
    /// Rows per argmax block (fixed, so the block structure does not depend on the core count).
    static let blockRows = 4096

    /// `S ← X·Cᵀ`, then `labels[i] = argmaxⱼ Sᵢⱼ` (lowest j on ties) and `similarities[i] = maxⱼ Sᵢⱼ`.
    ///
    /// `scores` is reused when it already has shape n×k. Returns how many labels differ from the values
    /// `labels` held on entry (pass −1s on the first call to count every point).
    /// - Complexity: O(n·k·d) in one GEMM plus O(n·k) parallel argmax.
    @discardableResult
    static func assign(
        _ points: Matrix, to centroids: Matrix, scores: inout Matrix,
        labels: inout [Int], similarities: inout [Float]
    ) -> Int {
        let n = points.rows, k = centroids.rows
        if scores.rows != n || scores.columns != k { scores = Matrix(rows: n, columns: k) }
        if labels.count != n { labels = [Int](repeating: -1, count: n) }
        if similarities.count != n { similarities = [Float](repeating: 0, count: n) }
        Matrix.gemm(points, centroids, transposeB: true, into: &scores)
        return argmaxRows(scores, labels: &labels, similarities: &similarities)
    }

    /// Row argmax of an n×k score matrix into `labels` / `similarities`; returns the number of changed labels.
    ///
    /// - Complexity: O(n·k), parallel over fixed row blocks.
    static func argmaxRows(_ scores: Matrix, labels: inout [Int], similarities: inout [Float]) -> Int {
        let n = scores.rows, k = scores.columns
        let blocks = Parallel.blocks(n, blockSize: blockRows)
        var changedPerBlock = [Int](repeating: 0, count: blocks.count)
        scores.storage.withUnsafeBufferPointer { s in
            labels.withUnsafeMutableBufferPointer { l in
                similarities.withUnsafeMutableBufferPointer { sim in
                    changedPerBlock.withUnsafeMutableBufferPointer { changed in
                        nonisolated(unsafe) let s = s.baseAddress!, l = l.baseAddress!
                        nonisolated(unsafe) let sim = sim.baseAddress!, changed = changed.baseAddress!
                        Parallel.forEach(blocks.count) { b in
                            var count = 0
                            for i in blocks[b] {
                                let row = s + i * k
                                var best = row[0], bestIndex = 0
                                for j in 1..<max(1, k) where row[j] > best {
                                    best = row[j]
                                    bestIndex = j
                                }
                                if l[i] != bestIndex { count += 1 }
                                l[i] = bestIndex
                                sim[i] = best
                            }
                            changed[b] = count
                        }
                    }
                }
            }
        }
        return changedPerBlock.reduce(0, +)
    }

    /// `xᵢ·c_{labels[i]}` for every point: the similarity of each point to its own centroid.
    ///
    /// - Complexity: O(n·d), parallel over fixed row blocks.
    static func ownSimilarities(_ points: Matrix, centroids: Matrix, labels: [Int]) -> [Float] {
        let n = points.rows, d = points.columns
        var result = [Float](repeating: 0, count: n)
        let blocks = Parallel.blocks(n, blockSize: blockRows)
        points.storage.withUnsafeBufferPointer { x in
            centroids.storage.withUnsafeBufferPointer { c in
                result.withUnsafeMutableBufferPointer { r in
                    nonisolated(unsafe) let x = x.baseAddress!, c = c.baseAddress!, r = r.baseAddress!
                    labels.withUnsafeBufferPointer { l in
                        nonisolated(unsafe) let l = l.baseAddress!
                        Parallel.forEach(blocks.count) { b in
                            for i in blocks[b] { r[i] = dot(x + i * d, c + l[i] * d, d) }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `Σᵢ values[i]` in Double, in fixed blocks summed in order (bit-stable).
    ///
    /// - Complexity: O(n).
    static func sum(_ values: [Float]) -> Double {
        var total = 0.0
        for block in Parallel.blocks(values.count, blockSize: blockRows) {
            var partial = 0.0
            for i in block { partial += Double(values[i]) }
            total += partial
        }
        return total
    }

    /// `a·b` over `count` contiguous floats (8 Float lanes, fixed order).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var j = 0
        while j + 8 <= count {
            lanes += UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Float>.self)
            j += 8
        }
        var total = lanes.sum()
        while j < count {
            total += a[j] * b[j]
            j += 1
        }
        return total
    }
}

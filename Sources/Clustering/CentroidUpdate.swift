import LinearAlgebra
import PaperRadarCore

/// The update step of spherical k-means: per-cluster sums of member rows, renormalised to unit length.
enum CentroidUpdate {
    /// Members per summation chunk; a cluster's sum is the in-order sum of its chunks' partial sums.
    static let chunkMembers = 2048

    /// `sᶜ = Σ_{i: labels[i] = c} xᵢ` for every cluster c, plus the cluster sizes.
    ///
    /// Members are visited in index order in fixed chunks (by counting sort on the labels), chunk sums are
    /// computed in parallel and added in chunk order, so the result does not depend on the thread count.
    /// Labels outside `0..<k` are ignored.
    /// - Complexity: O(n·d + k·d), parallel.
    static func clusterSums(_ points: Matrix, labels: [Int], k: Int) -> (sums: Matrix, counts: [Int]) {
        let n = points.rows, d = points.columns
        var counts = [Int](repeating: 0, count: k)
        for label in labels where label >= 0 && label < k { counts[label] += 1 }
        var offsets = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { offsets[c + 1] = offsets[c] + counts[c] }
        var members = [Int](repeating: 0, count: offsets[k])
        var cursor = Array(offsets[0..<k])
        for i in 0..<n {
            let label = labels[i]
            guard label >= 0 && label < k else { continue }
            members[cursor[label]] = i
            cursor[label] += 1
        }
        // Work items: (cluster, member range), at most `chunkMembers` members each.
        var items: [(cluster: Int, range: Range<Int>)] = []
        var firstItem = [Int](repeating: 0, count: k + 1)
        for c in 0..<k {
            firstItem[c] = items.count
            var start = offsets[c]
            while start < offsets[c + 1] {
                let end = min(start + chunkMembers, offsets[c + 1])
                items.append((c, start..<end))
                start = end
            }
        }
        firstItem[k] = items.count
        let workItems = items, itemStart = firstItem
        var partials = [Float](repeating: 0, count: workItems.count * d)
        var sums = Matrix(rows: k, columns: d)
        points.storage.withUnsafeBufferPointer { x in
            members.withUnsafeBufferPointer { m in
                partials.withUnsafeMutableBufferPointer { p in
                    nonisolated(unsafe) let x = x.baseAddress!, m = m.baseAddress!, p = p.baseAddress
                    Parallel.forEach(workItems.count) { item in
                        guard let p else { return }
                        let acc = p + item * d
                        for position in workItems[item].range {
                            let row = x + m[position] * d
                            for j in 0..<d { acc[j] += row[j] }
                        }
                    }
                }
            }
        }
        partials.withUnsafeBufferPointer { p in
            sums.storage.withUnsafeMutableBufferPointer { s in
                nonisolated(unsafe) let p = p.baseAddress, s = s.baseAddress!
                Parallel.forEach(k) { c in
                    guard let p else { return }
                    let out = s + c * d
                    for item in itemStart[c]..<itemStart[c + 1] {
                        let partial = p + item * d
                        for j in 0..<d { out[j] += partial[j] }
                    }
                }
            }
        }
        return (sums, counts)
    }

    /// Renormalises each sum row into `centroids`: `cᶜ = sᶜ / ‖sᶜ‖`; returns `Σ_c ‖sᶜ‖` (the objective the new
    /// centroids reach on the labels that produced the sums).
    ///
    /// A zero sum (empty cluster, or members that cancel) leaves that centroid row as it was.
    /// - Complexity: O(k·d).
    static func normalize(_ sums: Matrix, into centroids: inout Matrix) -> Double {
        let d = sums.columns
        var objective = 0.0
        for c in 0..<sums.rows {
            var squares = 0.0
            for j in 0..<d {
                let v = Double(sums.storage[c * d + j])
                squares += v * v
            }
            let norm = squares.squareRoot()
            guard norm > 0 && norm.isFinite else { continue }
            objective += norm
            let inverse = Float(1 / norm)
            for j in 0..<d { centroids.storage[c * d + j] = sums.storage[c * d + j] * inverse }
        }
        return objective
    }

    /// Largest cosine distance any centroid moved: `maxᶜ (1 − cᶜ_old·cᶜ_new)`.
    ///
    /// - Complexity: O(k·d).
    static func maximumShift(from old: Matrix, to new: Matrix) -> Float {
        let d = old.columns
        var shift: Float = 0
        old.storage.withUnsafeBufferPointer { a in
            new.storage.withUnsafeBufferPointer { b in
                for c in 0..<old.rows {
                    shift = max(shift, 1 - Assignment.dot(a.baseAddress! + c * d, b.baseAddress! + c * d, d))
                }
            }
        }
        return max(0, shift)
    }
}

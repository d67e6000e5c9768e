import Algorithms
import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Greedy k-means++ seeding with cosine distance (Arthur & Vassilvitskii 2007; greedy variant as scikit-learn's
/// `kmeans_plusplus`).
///
/// The first centre is a uniform draw; each next centre is the best of `localTrials` candidates drawn with
/// probability ∝ D(x) = 1 − max_c x·c (the cosine distance to the closest chosen centre, which is half the
/// squared Euclidean distance on the unit sphere), "best" meaning the candidate that most lowers Σ D(x).
/// Points at distance below 10⁻⁶ of a chosen centre (duplicates) get weight 0, so the chosen indices are
/// distinct; only when every remaining point duplicates a centre is the next one a uniform draw among the rest.
public enum KMeansPlusPlus {
    /// Row indices of `k` distinct seeds among the rows of `points` (unit-norm rows, 1 ≤ k ≤ rows).
    ///
    /// `localTrials` defaults to 2 + ⌊ln k⌋. Same points and seed → same indices.
    /// - Complexity: O(k·localTrials·n·d) (one n×d·d×localTrials GEMM per centre).
    public static func seedIndices(_ points: Matrix, k: Int, seed: UInt64, localTrials: Int? = nil) -> [Int] {
        precondition(k >= 1 && k <= points.rows, "k-means++: need 1 ≤ k ≤ \(points.rows), got \(k)")
        precondition(points.columns >= 1, "k-means++: points need at least one column")
        precondition((localTrials ?? 1) >= 1, "k-means++: localTrials must be positive")
        var random = SeededRandom(seed: seed)
        return kernel(points, k: k, localTrials: localTrials ?? defaultLocalTrials(k), random: &random)
    }

    /// 2 + ⌊ln k⌋, scikit-learn's number of local trials.
    static func defaultLocalTrials(_ k: Int) -> Int {
        2 + Int(log(Double(k)))
    }

    /// Distance weights below this count as zero (the point duplicates a chosen centre).
    static let duplicateDistance: Float = 1e-6

    /// Unchecked kernel of `seedIndices` (valid input assumed).
    ///
    /// - Complexity: O(k·localTrials·n·d).
    static func kernel(_ points: Matrix, k: Int, localTrials: Int, random: inout SeededRandom) -> [Int] {
        let n = points.rows
        var chosen: [Int] = []
        chosen.reserveCapacity(k)
        var isChosen = [Bool](repeating: false, count: n)
        var closest = [Float](repeating: 0, count: n)
        var cumulative = [Double](repeating: 0, count: n)

        let first = random.nextIndex(below: n)
        chosen.append(first)
        isChosen[first] = true
        let firstDots = points.multiplied(by: points.row(first))
        for i in 0..<n { closest[i] = distance(firstDots[i]) }
        closest[first] = 0

        var candidates = Matrix(rows: localTrials, columns: points.columns)
        var dots = Matrix(rows: n, columns: localTrials)
        var candidateIndices = [Int](repeating: 0, count: localTrials)
        while chosen.count < k {
            var potential = 0.0
            closest.withUnsafeBufferPointer { c in
                cumulative.withUnsafeMutableBufferPointer { sums in
                    for i in 0..<n {
                        potential += Double(c[i])
                        sums[i] = potential
                    }
                }
            }
            if !(potential > 0) {
                // Every remaining point duplicates a centre: uniform draw among the unchosen.
                var pick = random.nextIndex(below: n - chosen.count)
                var index = 0
                while true {
                    if !isChosen[index] {
                        if pick == 0 { break }
                        pick -= 1
                    }
                    index += 1
                }
                chosen.append(index)
                isChosen[index] = true
                closest[index] = 0
                continue
            }
            for t in 0..<localTrials {
                let target = random.nextUnitDouble() * potential
                let index = firstIndex(in: cumulative, above: target)
                candidateIndices[t] = index
                let d = points.columns
                for j in 0..<d { candidates.storage[t * d + j] = points.storage[index * d + j] }
            }
            Matrix.gemm(points, candidates, transposeB: true, into: &dots)
            // Potential Σᵢ min(closest, D(xᵢ, candidate)) of every trial, each summed in index order.
            var trialPotentials = [Double](repeating: 0, count: localTrials)
            closest.withUnsafeBufferPointer { c in
                dots.storage.withUnsafeBufferPointer { s in
                    trialPotentials.withUnsafeMutableBufferPointer { potentials in
                        for i in 0..<n {
                            let row = s.baseAddress! + i * localTrials
                            for t in 0..<localTrials { potentials[t] += Double(min(c[i], distance(row[t]))) }
                        }
                    }
                }
            }
            var bestTrial = 0
            for t in 1..<localTrials where trialPotentials[t] < trialPotentials[bestTrial] { bestTrial = t }
            let index = candidateIndices[bestTrial]
            chosen.append(index)
            isChosen[index] = true
            closest.withUnsafeMutableBufferPointer { c in
                dots.storage.withUnsafeBufferPointer { s in
                    for i in 0..<n { c[i] = min(c[i], distance(s[i * localTrials + bestTrial])) }
                }
            }
            closest[index] = 0
        }
        return chosen
    }

    /// Cosine distance `1 − dot`, with near-duplicates (< 10⁻⁶) mapped to 0.
    @inline(__always)
    static func distance(_ dot: Float) -> Float {
        let value = 1 - dot
        return value < duplicateDistance ? 0 : value
    }

    /// First index whose cumulative weight exceeds `target` (so its own weight is positive); the last index with
    /// positive weight when rounding puts `target` past the end.
    static func firstIndex(in cumulative: [Double], above target: Double) -> Int {
        let low = cumulative.partitioningIndex { $0 > target }
        if low < cumulative.count { return low }
        var index = cumulative.count - 1
        while index > 0 && cumulative[index] == cumulative[index - 1] { index -= 1 }
        return index
    }
}

extension SeededRandom {
    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

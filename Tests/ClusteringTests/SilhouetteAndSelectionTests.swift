import LinearAlgebra
import Testing

@testable import Clustering

@Suite("Silhouette and k selection")
struct SilhouetteAndSelectionTests {
    /// O(n²) reference straight from the definition.
    static func naiveSilhouette(_ points: Matrix, _ labels: [Int]) -> [Double] {
        let n = points.rows
        return (0..<n).map { i in
            var sums: [Int: Double] = [:], counts: [Int: Int] = [:]
            for j in 0..<n where j != i {
                let distance = max(0, 1 - Double(TestData.dot(points.row(i), points.row(j))))
                sums[labels[j], default: 0] += distance
                counts[labels[j], default: 0] += 1
            }
            guard let ownCount = counts[labels[i]], ownCount > 0 else { return 0 }
            let a = sums[labels[i]]! / Double(ownCount)
            let b = counts.keys.filter { $0 != labels[i] }.map { sums[$0]! / Double(counts[$0]!) }.min()!
            return (b - a) / max(a, b)
        }
    }

    @Test("silhouette matches a naive O(n²) reference")
    func silhouetteMatchesNaive() {
        let (points, truth, _) = TestData.blobs(directions: 3, perCluster: 30, dimension: 8, noise: 0.5, seed: 41)
        var labels = truth
        labels[0] = 2  // a misfit
        labels[89] = 3  // a singleton cluster (silhouette 0)
        let fast = Silhouette.samples(points, labels: labels)
        let naive = Self.naiveSilhouette(points, labels)
        for (f, s) in zip(fast, naive) { #expect(abs(Double(f) - s) < 1e-4) }
        #expect(fast[89] == 0)
        let mean = naive.reduce(0, +) / Double(naive.count)
        #expect(abs(Silhouette.score(points, labels: labels) - mean) < 1e-4)
    }

    @Test("k selection picks the true k on blobs and keeps the curve")
    func selectionFindsTrueK() {
        let (points, _, _) = TestData.blobs(directions: 6, perCluster: 80, dimension: 24, noise: 0.12, seed: 43)
        let selection = KSelection(candidates: [2, 3, 4, 6, 8, 10], sampleSize: 300, runs: 3, seed: 1)
        let result = selection.select(points)
        print(result.curve)
        #expect(result.chosenK == 6)
        #expect(result.curve.map(\.k) == [2, 3, 4, 6, 8, 10])
        #expect(result.sampleCount == 300)
        let six = result.curve.first { $0.k == 6 }!
        #expect(six.stability > 0.99)
        #expect(result.curve.allSatisfy { $0.silhouette <= six.silhouette })
    }
}

import LinearAlgebra
import Testing

@testable import Clustering

@Suite("Stable topic ids")
struct CentroidMatchingTests {
    /// Centroids perturbed by noise and renormalised.
    static func perturbed(_ centroids: Matrix, noise: Float, seed: UInt64) -> Matrix {
        var moved = centroids + Matrix.randomGaussian(rows: centroids.rows, columns: centroids.columns, seed: seed)
            .scaled(by: noise)
        moved.normalizeRows()
        return moved
    }

    @Test("perturbed, permuted centroids keep their ids; removed vanish; added appear")
    func shiftedRefit() {
        let previous = TestData.uniformSphere(n: 6, dimension: 32, seed: 51)
        let previousIDs = [10, 11, 12, 13, 14, 15]
        let previousSizes = [100, 100, 100, 100, 100, 100]
        let moved = Self.perturbed(previous, noise: 0.05, seed: 52)
        // New order: old rows 3, 0, 5, 1, 2 (old row 4 removed), then one brand-new direction.
        let fresh = TestData.uniformSphere(n: 1, dimension: 32, seed: 53)
        var rows = moved.selectingRows([3, 0, 5, 1, 2]).storage
        rows.append(contentsOf: fresh.storage)
        let current = Matrix(rows: 6, columns: 32, storage: rows)
        // Sizes: row 0 (old 3) grew 50 %, row 1 (old 0) shrank 50 %, others ~stable.
        let currentSizes = [150, 50, 103, 98, 100, 99]
        let matching = CentroidMatching(comparesShares: false).match(
            previousIDs: previousIDs, previousCentroids: previous, previousSizes: previousSizes,
            currentCentroids: current, currentSizes: currentSizes)
        #expect(matching.ids == [13, 10, 15, 11, 12, 16])
        #expect(matching.nextID == 17)
        #expect(matching.events.map(\.kind) == [.grew, .shrank, .stable, .stable, .stable, .appeared, .vanished])
        #expect(matching.events(.vanished).map(\.id) == [14])
        #expect(matching.events(.appeared).first?.currentIndex == 5)
        #expect(matching.events.prefix(5).allSatisfy { ($0.cosine ?? 0) > 0.9 })
    }

    @Test("shares: a uniformly growing corpus is stable; nextID avoids reusing retired ids")
    func sharesAndNextID() {
        let previous = TestData.uniformSphere(n: 3, dimension: 16, seed: 61)
        let matching = CentroidMatching().match(
            previousIDs: [0, 1, 2], previousCentroids: previous, previousSizes: [10, 20, 30],
            currentCentroids: previous, currentSizes: [20, 40, 60], nextID: 9)
        #expect(matching.ids == [0, 1, 2])
        #expect(matching.events.map(\.kind) == [.stable, .stable, .stable])
        #expect(matching.nextID == 9)
        let none = CentroidMatching().match(
            previousIDs: [], previousCentroids: Matrix(rows: 0, columns: 16), previousSizes: [],
            currentCentroids: previous, currentSizes: [1, 1, 1], nextID: 9)
        #expect(none.ids == [9, 10, 11])
        #expect(none.events.allSatisfy { $0.kind == .appeared })
    }

    @Test("pairs below the cosine threshold are not matched")
    func threshold() {
        let previous = TestData.uniformSphere(n: 2, dimension: 64, seed: 71)
        let unrelated = TestData.uniformSphere(n: 2, dimension: 64, seed: 72)
        let matching = CentroidMatching(minimumCosine: 0.5).match(
            previousIDs: [4, 7], previousCentroids: previous, previousSizes: [5, 5],
            currentCentroids: unrelated, currentSizes: [5, 5])
        #expect(matching.ids == [8, 9])
        #expect(matching.events.map(\.kind) == [.appeared, .appeared, .vanished, .vanished])
    }

    @Test("Hungarian assignment is optimal against brute force")
    func hungarianMatchesBruteForce() {
        var random = SeededRandom(seed: 5)
        for trial in 0..<20 {
            let rows = 1 + trial % 5, columns = 1 + (trial * 3) % 6
            let cost = (0..<rows).map { _ in (0..<columns).map { _ in Double(random.nextUnitFloat()) } }
            let assignment = Hungarian.assignment(minimizing: cost)
            let assigned = assignment.compactMap { $0 }
            #expect(assigned.count == min(rows, columns))
            #expect(Set(assigned).count == assigned.count)
            var total = 0.0
            for (row, column) in assignment.enumerated() {
                if let column { total += cost[row][column] }
            }
            #expect(abs(total - Self.bruteForce(cost)) < 1e-12)
        }
    }

    /// Minimum total cost over all injective row/column pairings covering min(r, c) pairs.
    static func bruteForce(_ cost: [[Double]]) -> Double {
        let rows = cost.count, columns = cost[0].count
        if rows > columns {
            return bruteForce((0..<columns).map { c in (0..<rows).map { cost[$0][c] } })
        }
        var best = Double.infinity
        func search(_ row: Int, _ used: Set<Int>, _ total: Double) {
            if row == rows {
                best = min(best, total)
                return
            }
            for c in 0..<columns where !used.contains(c) { search(row + 1, used.union([c]), total + cost[row][c]) }
        }
        search(0, [], 0)
        return best
    }
}

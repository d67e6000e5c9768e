import LinearAlgebra

// Seeded index sampling shared by seeding, restarts, mini-batches and k selection.

extension SeededRandom {
    /// A uniform index in `0..<bound` (multiply-shift; bias below 2⁻⁶⁴·bound).
    @inline(__always)
    mutating func nextIndex(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}

enum Sampling {
    /// `count` distinct indices drawn uniformly from `0..<population`, returned ascending.
    ///
    /// Partial Fisher–Yates over `0..<population`; `count >= population` returns every index.
    /// - Complexity: O(population + count·log count).
    static func withoutReplacement(_ count: Int, from population: Int, using random: inout SeededRandom) -> [Int] {
        guard count < population else { return Array(0..<population) }
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = i + random.nextIndex(below: population - i)
            pool.swapAt(i, j)
        }
        return pool[0..<count].sorted()
    }

    /// `count` indices drawn uniformly with replacement from `0..<population`, returned ascending.
    ///
    /// - Complexity: O(count·log count).
    static func withReplacement(_ count: Int, from population: Int, using random: inout SeededRandom) -> [Int] {
        (0..<count).map { _ in random.nextIndex(below: population) }.sorted()
    }
}

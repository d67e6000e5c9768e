import Algorithms

extension SparseMatrix {
    /// Splits the rows of a CSR matrix into about `parts` contiguous ranges of near-equal work (stored entries plus
    /// one per row), by binary search on `rowOffsets`.
    ///
    /// - Complexity: O(parts · log rows).
    static func balancedRowRanges(rowOffsets: UnsafeBufferPointer<Int>, rows: Int, parts: Int) -> [Range<Int>] {
        guard rows > 0 else { return [] }
        let parts = max(1, min(parts, rows))
        let totalWork = rowOffsets[rows] + rows
        var result: [Range<Int>] = []
        result.reserveCapacity(parts)
        var start = 0
        for p in 1...parts {
            // The first row r with rowOffsets[r] + r ≥ target (work before row r).
            let target = totalWork * p / parts
            let end = p == parts ? rows : (start..<rows).partitioningIndex { rowOffsets[$0] + $0 >= target }
            if end > start {
                result.append(start..<end)
                start = end
            }
        }
        return result
    }
}

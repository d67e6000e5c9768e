extension Matrix {
    /// Appends the rows of `other` (same column count) in place.
    ///
    /// - Complexity: amortised O(other.rows · columns) when the storage is not shared.
    public mutating func appendRows(_ other: Matrix) {
        precondition(other.rows == 0 || other.columns == columns, "row widths differ")
        storage.append(contentsOf: other.storage)
        rows += other.rows
    }

    /// Replaces row `i` with row `j` of `other` (same column count).
    public mutating func replaceRow(_ i: Int, with other: Matrix, row j: Int) {
        precondition(other.columns == columns, "row widths differ")
        precondition(i >= 0 && i < rows && j >= 0 && j < other.rows, "row out of range")
        storage.withUnsafeMutableBufferPointer { target in
            other.storage.withUnsafeBufferPointer { source in
                for c in 0..<columns { target[i * columns + c] = source[j * columns + c] }
            }
        }
    }
}

extension SparseMatrix {
    /// Appends the rows of `other` (same column count) in place.
    ///
    /// - Complexity: amortised O(other.rows + other.nonzeroCount) when the arrays are not shared.
    public mutating func appendRows(_ other: SparseMatrix) {
        precondition(other.rows == 0 || other.columns == columns, "row widths differ")
        let offset = rowOffsets[rows]
        rowOffsets.append(contentsOf: other.rowOffsets.dropFirst().lazy.map { $0 + offset })
        columnIndices.append(contentsOf: other.columnIndices)
        values.append(contentsOf: other.values)
        rows += other.rows
    }

    /// The matrix with row `targets[k]` replaced by row `k` of `replacement`, for every k.
    ///
    /// - Complexity: O(rows + nonzeroCount + replacement.nonzeroCount).
    public func replacingRows(_ targets: [Int], with replacement: SparseMatrix) -> SparseMatrix {
        precondition(targets.count == replacement.rows && replacement.columns == columns, "one replacement row each")
        var source = [Int](repeating: -1, count: rows)
        for (k, target) in targets.enumerated() {
            precondition(target >= 0 && target < rows, "row out of range")
            source[target] = k
        }
        var offsets = [0]
        offsets.reserveCapacity(rows + 1)
        var indices: [Int32] = []
        var stored: [Float] = []
        indices.reserveCapacity(nonzeroCount + replacement.nonzeroCount)
        stored.reserveCapacity(nonzeroCount + replacement.nonzeroCount)
        for i in 0..<rows {
            let (matrix, row) = source[i] >= 0 ? (replacement, source[i]) : (self, i)
            let range = matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1]
            indices.append(contentsOf: matrix.columnIndices[range])
            stored.append(contentsOf: matrix.values[range])
            offsets.append(indices.count)
        }
        return SparseMatrix(rows: rows, columns: columns, rowOffsets: offsets, columnIndices: indices, values: stored)
    }
}

// Structural operations on CSR `SparseMatrix`: dense conversion, transpose, row selection.

extension SparseMatrix {
    /// The CSR form of `dense`, keeping the entries that are not exactly zero.
    ///
    /// - Complexity: O(rows·columns).
    public init(_ dense: Matrix) {
        var offsets = [0]
        offsets.reserveCapacity(dense.rows + 1)
        var indices: [Int32] = []
        var values: [Float] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns {
                let v = dense.storage[i * dense.columns + j]
                if v != 0 {
                    indices.append(Int32(j))
                    values.append(v)
                }
            }
            offsets.append(values.count)
        }
        self.init(rows: dense.rows, columns: dense.columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }

    /// The transpose `Sᵀ` in CSR form (equivalently, `S` in CSC form); column indices stay sorted.
    ///
    /// Counting sort by column: one pass to count, one prefix sum, one pass to scatter. Compute it
    /// once and reuse it when `Sᵀ·D` is needed repeatedly (e.g. the SVD power iterations).
    /// - Complexity: O(nnz + rows + columns).
    public func transposed() -> SparseMatrix {
        let nnz = nonzeroCount
        var offsets = [Int](repeating: 0, count: columns + 1)
        var indices = [Int32](repeating: 0, count: nnz)
        var newValues = [Float](repeating: 0, count: nnz)
        precondition(rows <= Int(Int32.max), "too many rows for 32-bit column indices of the transpose")
        columnIndices.withUnsafeBufferPointer { cols in
            values.withUnsafeBufferPointer { vals in
                rowOffsets.withUnsafeBufferPointer { rowStart in
                    offsets.withUnsafeMutableBufferPointer { next in
                        for p in 0..<nnz { next[Int(cols[p]) + 1] += 1 }
                        for c in 0..<columns { next[c + 1] += next[c] }
                        // `next[c]` is the write position of column c; afterwards it has moved to the start of c + 1.
                        indices.withUnsafeMutableBufferPointer { outIndices in
                            newValues.withUnsafeMutableBufferPointer { outValues in
                                for i in 0..<rows {
                                    for p in rowStart[i]..<rowStart[i + 1] {
                                        let c = Int(cols[p])
                                        let q = next[c]
                                        outIndices[q] = Int32(truncatingIfNeeded: i)
                                        outValues[q] = vals[p]
                                        next[c] = q + 1
                                    }
                                }
                            }
                        }
                        // Shift back: next[c] now holds the end of column c = start of column c + 1.
                        var c = columns
                        while c > 0 {
                            next[c] = next[c - 1]
                            c -= 1
                        }
                        next[0] = 0
                    }
                }
            }
        }
        return SparseMatrix(rows: columns, columns: rows, rowOffsets: offsets, columnIndices: indices, values: newValues)
    }

    /// The rows at `indices`, in that order (repeats allowed), as a new CSR matrix.
    ///
    /// - Complexity: O(rows selected + their stored entries).
    public func selectingRows(_ indices: [Int]) -> SparseMatrix {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < rows }, "row index out of range")
        var offsets = [0]
        offsets.reserveCapacity(indices.count + 1)
        var total = 0
        for i in indices {
            total += rowOffsets[i + 1] - rowOffsets[i]
            offsets.append(total)
        }
        var newIndices = [Int32]()
        var newValues = [Float]()
        newIndices.reserveCapacity(total)
        newValues.reserveCapacity(total)
        for i in indices {
            let range = rowOffsets[i]..<rowOffsets[i + 1]
            newIndices.append(contentsOf: columnIndices[range])
            newValues.append(contentsOf: values[range])
        }
        return SparseMatrix(rows: indices.count, columns: columns, rowOffsets: offsets, columnIndices: newIndices, values: newValues)
    }

    /// The contiguous block of rows `range` as a new CSR matrix.
    ///
    /// - Complexity: O(range.count + its stored entries).
    public func rows(_ range: Range<Int>) -> SparseMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range \(range) out of 0..<\(rows)")
        let start = rowOffsets[range.lowerBound], end = rowOffsets[range.upperBound]
        return SparseMatrix(
            rows: range.count, columns: columns,
            rowOffsets: rowOffsets[range.lowerBound...range.upperBound].map { $0 - start },
            columnIndices: Array(columnIndices[start..<end]), values: Array(values[start..<end]))
    }
}

extension Matrix {
    /// The dense form of `sparse` (absent entries are 0).
    ///
    /// - Complexity: O(rows·columns + nnz).
    public init(_ sparse: SparseMatrix) {
        var storage = [Float](repeating: 0, count: sparse.rows * sparse.columns)
        for i in 0..<sparse.rows {
            for p in sparse.rowOffsets[i]..<sparse.rowOffsets[i + 1] {
                storage[i * sparse.columns + Int(sparse.columnIndices[p])] = sparse.values[p]
            }
        }
        self.init(rows: sparse.rows, columns: sparse.columns, storage: storage)
    }
}

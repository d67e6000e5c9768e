// Row norms, L2 row normalisation and sparse row–row inner products of CSR `SparseMatrix`.

extension SparseMatrix {
    /// Euclidean norm of every row.
    ///
    /// - Complexity: O(rows + nnz).
    public func rowNorms() -> [Float] {
        (0..<rows).map { i in
            var sum = 0.0
            for p in rowOffsets[i]..<rowOffsets[i + 1] { sum += Double(values[p]) * Double(values[p]) }
            return Float(sum.squareRoot())
        }
    }

    /// `1 / ‖row_i ⊙ columns‖` for every row (0 for a row that is zero after scaling): the row scales that make
    /// `S·diag(columns)` unit-norm row by row, as ``normalizeRows()`` of the column-scaled matrix would.
    ///
    /// - Complexity: O(rows + nnz).
    public func unitRowScales(columns columnScale: [Float]) -> [Float] {
        precondition(columnScale.count == columns, "one scale per column")
        return (0..<rows).map { i in
            var sum = 0.0
            for p in rowOffsets[i]..<rowOffsets[i + 1] {
                let value = values[p] * columnScale[Int(columnIndices[p])]
                sum += Double(value) * Double(value)
            }
            let norm = Float(sum.squareRoot())
            return norm > 0 && norm.isFinite ? 1 / norm : 0
        }
    }

    /// Scales every row to unit L2 norm in place; empty or all-zero rows stay zero.
    ///
    /// - Complexity: O(rows + nnz).
    public mutating func normalizeRows() {
        let norms = rowNorms()
        let offsets = rowOffsets
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows where norms[i] > 0 && norms[i].isFinite {
                let inverse = 1 / norms[i]
                for p in offsets[i]..<offsets[i + 1] { v[p] *= inverse }
            }
        }
    }

    /// Multiplies every stored entry `(i, c)` by `rows[i]` then by `columns[c]` (`nil`: 1), in place.
    ///
    /// - Complexity: O(rows + nnz).
    public mutating func scaleEntries(rows rowScale: [Float]?, columns columnScale: [Float]?) {
        precondition(rowScale.map { $0.count == rows } ?? true && columnScale.map { $0.count == columns } ?? true, "one scale per row and column")
        let offsets = rowOffsets, indices = columnIndices
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
                let r = rowScale?[i] ?? 1
                for p in offsets[i]..<offsets[i + 1] { v[p] = v[p] * r * (columnScale?[Int(indices[p])] ?? 1) }
            }
        }
    }

    /// A copy with every row scaled to unit L2 norm; see `normalizeRows()`.
    ///
    /// - Complexity: O(rows + nnz).
    public func normalizedRows() -> SparseMatrix {
        var copy = self
        copy.normalizeRows()
        return copy
    }

    /// Inner product of row `i` of `self` and row `j` of `other`: `Σ_c s[i,c]·o[j,c]`.
    ///
    /// A merge of the two sorted column lists (galloping is not worth it for TF-IDF row lengths);
    /// use it for exact cosine re-scoring of candidates from a dense approximation.
    /// Both matrices must have the same number of columns.
    /// - Complexity: O(nnz(row i) + nnz(row j)).
    public func dot(row i: Int, with other: SparseMatrix, row j: Int) -> Float {
        precondition(columns == other.columns, "column counts differ (\(columns) vs \(other.columns))")
        precondition(i >= 0 && i < rows && j >= 0 && j < other.rows, "row out of range")
        var p = rowOffsets[i], pEnd = rowOffsets[i + 1]
        var q = other.rowOffsets[j], qEnd = other.rowOffsets[j + 1]
        var sum: Float = 0
        columnIndices.withUnsafeBufferPointer { ca in
            other.columnIndices.withUnsafeBufferPointer { cb in
                values.withUnsafeBufferPointer { va in
                    other.values.withUnsafeBufferPointer { vb in
                        while p < pEnd && q < qEnd {
                            let a = ca[p], b = cb[q]
                            if a == b {
                                sum += va[p] * vb[q]
                                p += 1
                                q += 1
                            } else if a < b {
                                p += 1
                            } else {
                                q += 1
                            }
                        }
                    }
                }
            }
        }
        return sum
    }

    /// Dot products of row `i` with rows `js` of `other`, `[dot(row: i, with: other, row: j) for j in js]`, by
    /// scattering row `i` into `scratch` once and gathering each other row from it (the same sums, in the same
    /// column order, as ``dot(row:with:row:)``).
    ///
    /// `scratch` holds `columns` zeros on entry and again on return.
    /// - Complexity: O(nnz(i) + Σ nnz(j)).
    public func dots(row i: Int, with other: SparseMatrix, rows js: some Sequence<Int>, scratch: inout [Float]) -> [Float] {
        precondition(columns == other.columns, "column counts differ (\(columns) vs \(other.columns))")
        precondition(i >= 0 && i < rows, "row out of range")
        precondition(scratch.count == columns, "scratch must hold one float per column")
        return scratch.withUnsafeMutableBufferPointer { dense in
            columnIndices.withUnsafeBufferPointer { ca in
                values.withUnsafeBufferPointer { va in
                    for p in rowOffsets[i]..<rowOffsets[i + 1] { dense[Int(ca[p])] = va[p] }
                }
            }
            let sums = other.columnIndices.withUnsafeBufferPointer { cb in
                other.values.withUnsafeBufferPointer { vb in
                    js.map { j -> Float in
                        precondition(j >= 0 && j < other.rows, "row out of range")
                        var sum: Float = 0
                        for q in other.rowOffsets[j]..<other.rowOffsets[j + 1] {
                            let a = dense[Int(cb[q])]
                            if a != 0 { sum += a * vb[q] }
                        }
                        return sum
                    }
                }
            }
            columnIndices.withUnsafeBufferPointer { ca in
                for p in rowOffsets[i]..<rowOffsets[i + 1] { dense[Int(ca[p])] = 0 }
            }
            return sums
        }
    }

    /// Cosine similarity of row `i` of `self` and row `j` of `other` (0 if either row is zero).
    ///
    /// - Complexity: O(nnz(row i) + nnz(row j)).
    public func cosine(row i: Int, with other: SparseMatrix, row j: Int) -> Float {
        let d = dot(row: i, with: other, row: j)
        let a = dot(row: i, with: self, row: i), b = other.dot(row: j, with: other, row: j)
        guard a > 0 && b > 0 else { return 0 }
        return d / (a * b).squareRoot()
    }
}

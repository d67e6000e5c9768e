/// A sparse matrix in compressed sparse row (CSR) form, `Float` values.
///
/// Row `i` holds the entries `values[rowOffsets[i] ..< rowOffsets[i + 1]]` at columns
/// `columnIndices[rowOffsets[i] ..< rowOffsets[i + 1]]`; column indices within a row are strictly increasing.
public struct SparseMatrix: Sendable, Hashable {
    public internal(set) var rows: Int
    public let columns: Int
    /// `rows + 1` offsets into `columnIndices` and `values`; `rowOffsets[0] == 0`, `rowOffsets[rows] == nnz`.
    public var rowOffsets: [Int]
    public var columnIndices: [Int32]
    public var values: [Float]

    /// Creates a CSR matrix, checking the structural invariants (programmer errors are preconditions).
    public init(rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rows >= 0 && columns >= 0, "negative shape")
        precondition(rowOffsets.count == rows + 1, "rowOffsets must have rows + 1 entries")
        precondition(rowOffsets.first == 0 && rowOffsets.last == columnIndices.count, "rowOffsets must span nnz")
        precondition(columnIndices.count == values.count, "columnIndices and values differ in length")
        self.rows = rows
        self.columns = columns
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// The number of stored entries.
    public var nonzeroCount: Int { values.count }

    /// The stored entries of row `i` as (column, value) pairs.
    public func row(_ i: Int) -> [(column: Int, value: Float)] {
        precondition(i >= 0 && i < rows, "row out of range")
        return (rowOffsets[i]..<rowOffsets[i + 1]).map { (Int(columnIndices[$0]), values[$0]) }
    }
}

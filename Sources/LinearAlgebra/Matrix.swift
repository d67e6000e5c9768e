/// A dense matrix of `Float`, stored row-major.
///
/// Element `(i, j)` is `storage[i * columns + j]`.
public struct Matrix: Sendable, Hashable {
    public internal(set) var rows: Int
    public let columns: Int
    public var storage: [Float]

    /// Creates a matrix from row-major storage.
    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(rows >= 0 && columns >= 0, "negative shape")
        precondition(storage.count == rows * columns, "storage must hold rows * columns values")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, storage: [Float](repeating: value, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }
}

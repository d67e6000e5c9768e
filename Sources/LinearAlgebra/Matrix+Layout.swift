import PaperRadarCore
// Shape operations on `Matrix`: construction from rows, row/column slices, transpose.

extension Matrix {
    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Float]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows differ in length")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    /// Row `i` as an array.
    ///
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rows, "row \(i) out of range 0..<\(rows)")
        return Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    /// The contiguous block of rows `range` as a new matrix.
    ///
    /// - Complexity: O(range.count·columns).
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range \(range) out of 0..<\(rows)")
        return Matrix(
            rows: range.count, columns: columns,
            storage: Array(storage[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// The rows at `indices`, in that order (repeats allowed).
    ///
    /// - Complexity: O(indices.count·columns).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < rows }, "row index out of range")
        var result = [Float]()
        result.reserveCapacity(indices.count * columns)
        for i in indices { result.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)]) }
        return Matrix(rows: indices.count, columns: columns, storage: result)
    }

    /// The contiguous block of columns `range` as a new matrix.
    ///
    /// - Complexity: O(rows·range.count).
    public func columns(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= columns, "column range \(range) out of 0..<\(columns)")
        var result = [Float]()
        result.reserveCapacity(rows * range.count)
        for i in 0..<rows {
            result.append(contentsOf: storage[(i * columns + range.lowerBound)..<(i * columns + range.upperBound)])
        }
        return Matrix(rows: rows, columns: range.count, storage: result)
    }

    /// The transpose `Aᵀ` (columns × rows), blocked for cache locality and parallel for large matrices.
    ///
    /// - Complexity: O(rows·columns).
    public func transposed() -> Matrix {
        var result = [Float](repeating: 0, count: storage.count)
        if !storage.isEmpty {
            storage.withUnsafeBufferPointer { src in
                result.withUnsafeMutableBufferPointer { dst in
                    Matrix.transpose(src.baseAddress!, rows: rows, columns: columns, into: dst.baseAddress!)
                }
            }
        }
        return Matrix(rows: columns, columns: rows, storage: result)
    }

    /// Writes the transpose of the row-major `rows × columns` block at `source` into `destination`
    /// (row-major `columns × rows`). Equivalently converts row-major ↔ column-major.
    ///
    /// - Complexity: O(rows·columns).
    static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, columns: Int, into destination: UnsafeMutablePointer<Float>
    ) {
        let tile = 32
        let rowTiles = (rows + tile - 1) / tile
        let parts = rows * columns >= 1 << 18 ? min(rowTiles, Parallel.processorCount * 4) : 1
        nonisolated(unsafe) let src = source
        nonisolated(unsafe) let dst = destination
        let ranges = Parallel.ranges(rowTiles, parts: parts)
        Parallel.forEach(ranges.count) { part in
            for rowTile in ranges[part] {
                let i0 = rowTile * tile, i1 = min(i0 + tile, rows)
                var j0 = 0
                while j0 < columns {
                    let j1 = min(j0 + tile, columns)
                    for i in i0..<i1 {
                        let s = src + i * columns
                        for j in j0..<j1 { dst[j * rows + i] = s[j] }
                    }
                    j0 = j1
                }
            }
        }
    }
}

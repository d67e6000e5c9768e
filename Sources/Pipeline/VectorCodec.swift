import LinearAlgebra

/// The byte layout of vectors kept in the store: little-endian, fixed width.
///
/// - Sparse row: `UInt32` count, then `count` `Int32` column indices, then `count` `Float32` values.
/// - Dense vector: `Float32` values.
enum VectorCodec {
    /// Encodes row `i` of a CSR matrix.
    static func encodeRow(_ i: Int, of matrix: SparseMatrix) -> [UInt8] {
        let start = matrix.rowOffsets[i]
        let end = matrix.rowOffsets[i + 1]
        let count = end - start
        var bytes = [UInt8](repeating: 0, count: 4 + 8 * count)
        bytes.withUnsafeMutableBytes { out in
            out.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 0, as: UInt32.self)
            for k in 0..<count {
                out.storeBytes(
                    of: matrix.columnIndices[start + k].littleEndian, toByteOffset: 4 + 4 * k, as: Int32.self)
                out.storeBytes(
                    of: matrix.values[start + k].bitPattern.littleEndian, toByteOffset: 4 + 4 * count + 4 * k,
                    as: UInt32.self)
            }
        }
        return bytes
    }

    /// Decodes sparse rows into a CSR matrix with `columns` columns; a malformed row becomes an empty row.
    static func decodeRows(_ rows: [[UInt8]], columns: Int) -> SparseMatrix {
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var indices: [Int32] = []
        var values: [Float] = []
        for bytes in rows {
            bytes.withUnsafeBytes { raw in
                guard raw.count >= 4 else { return }
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
                guard raw.count == 4 + 8 * count else { return }
                var previous: Int32 = -1
                for k in 0..<count {
                    let column = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * k, as: Int32.self))
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * count + 4 * k, as: UInt32.self))
                    guard column > previous, Int(column) < columns else { continue }
                    previous = column
                    indices.append(column)
                    values.append(Float(bitPattern: bits))
                }
            }
            offsets.append(indices.count)
        }
        return SparseMatrix(
            rows: rows.count, columns: columns, rowOffsets: offsets, columnIndices: indices, values: values)
    }

    /// Encodes a dense vector.
    static func encodeDense(_ values: some Collection<Float>) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern.littleEndian
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return bytes
    }

    /// Decodes dense vectors of dimension `d` into the rows of a matrix; a malformed vector becomes zeros.
    static func decodeDense(_ rows: [[UInt8]], dimension d: Int) -> Matrix {
        var storage = [Float](repeating: 0, count: rows.count * d)
        for (i, bytes) in rows.enumerated() where bytes.count == 4 * d {
            bytes.withUnsafeBytes { raw in
                for j in 0..<d {
                    storage[i * d + j] = Float(
                        bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * j, as: UInt32.self)))
                }
            }
        }
        return Matrix(rows: rows.count, columns: d, storage: storage)
    }
}

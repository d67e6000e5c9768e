import FileIO
import Foundation
import GRDB
import PaperRadarCore
import SystemPackage

/// Vectors of many papers under one model, stored as one row of `vector_block`: CSR rows (TF-IDF) or dense rows
/// (embeddings), with the ids they belong to.
///
/// A fit writes one block per model; each fold-in appends a block with the new (or changed) papers' rows; a later
/// block's row for a paper replaces an earlier one. Arrays are stored as their raw little-endian bytes, so a block
/// is read with one copy.
public struct VectorBlock: Sendable, Hashable {
    /// The paper of each row.
    public var ids: [ArxivID]
    /// Columns: the TF-IDF model's terms, or the embedding dimension.
    public var width: Int
    /// CSR row offsets (`ids.count + 1`), for sparse rows; `nil` for dense rows.
    public var offsets: [Int]?
    /// CSR column indices, for sparse rows.
    public var indices: [Int32]?
    /// The stored values (sparse), or `ids.count × width` values row-major (dense).
    public var values: [Float]
    /// Every paper whose text sequence (``TextSequence``) is at most this had its current text when the block was
    /// computed.
    public var textSequence: Int64

    /// Dense rows.
    public init(ids: [ArxivID], width: Int, values: [Float], textSequence: Int64) {
        precondition(values.count == ids.count * width, "ids.count × width values")
        self.ids = ids
        self.width = width
        self.offsets = nil
        self.indices = nil
        self.values = values
        self.textSequence = textSequence
    }

    /// Sparse (CSR) rows.
    public init(ids: [ArxivID], width: Int, offsets: [Int], indices: [Int32], values: [Float], textSequence: Int64) {
        precondition(offsets.count == ids.count + 1 && offsets.last == values.count, "CSR offsets frame the values")
        precondition(indices.count == values.count, "one column index per value")
        self.ids = ids
        self.width = width
        self.offsets = offsets
        self.indices = indices
        self.values = values
        self.textSequence = textSequence
    }

    public var isSparse: Bool { offsets != nil }
    public var rowCount: Int { ids.count }
}

extension VectorBlock {
    static let columns = "text_seq, row_count, width, ids, offsets, indices, vals, file"

    /// Bytes of the arrays (what decides between a row and a file, ``BlobFolder/threshold``).
    var payloadSize: Int {
        ids.count * 11 + (offsets?.count ?? 0) * 8 + (indices?.count ?? 0) * 4 + values.count * 4
    }

    /// Inserts the block; with `file`, its arrays are in that file of the store's ``BlobFolder`` (written before).
    func insert(modelHash: String, file: String? = nil, in db: Database) throws {
        if let file {
            try db.execute(
                sql: "INSERT INTO vector_block (model_hash, \(Self.columns)) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                arguments: [modelHash, textSequence, ids.count, width, Data(), Data(), file])
            return
        }
        precondition(UInt16(1).littleEndian == 1, "vector blocks are stored little-endian")
        // The arrays are bound in place (SQLite copies what it binds): a fit's blocks are 100+ MB each.
        let offsets64 = offsets.map { $0.map(Int64.init) }
        try Self.withBlob(offsets64) { offsetsBlob in
            try Self.withBlob(indices) { indicesBlob in
                try Self.withBlob(values) { valuesBlob in
                    try db.execute(
                        sql: "INSERT INTO vector_block (model_hash, \(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                        arguments: [
                            modelHash, textSequence, ids.count, width,
                            Data(ids.map(\.rawValue).joined(separator: "\n").utf8), offsetsBlob, indicesBlob,
                            valuesBlob ?? Data(),
                        ])
                }
            }
        }
    }

    /// `body` with the array's bytes as a `Data` that borrows them (valid only inside `body`); `nil` for `nil`.
    static func withBlob<T: BitwiseCopyable, R>(_ array: [T]?, _ body: (Data?) throws -> R) rethrows -> R {
        guard let array else { return try body(nil) }
        return try array.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return try body(Data()) }
            return try body(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
    }

    /// Decodes a row selected with ``columns`` (reading its file from `blobs` when it has one); `nil` when it is
    /// malformed.
    static func decode(_ row: Row, blobs: BlobFolder?) throws -> VectorBlock? {
        let textSequence: Int64 = row[0]
        let count: Int = row[1]
        let width: Int = row[2]
        if let file = row[7] as String? {
            guard let blobs else { return nil }
            let opened = try blobs.open(name: file)
            do {
                return try decode(file: opened, textSequence: textSequence, count: count, width: width)
            } catch let error as FileSystemError {
                throw StoreError("cannot read \(file): \(error)")
            }
        }
        let ids = try row.withUnsafeData(atIndex: 3) { data in
            (data ?? Data()).withUnsafeBytes { raw in
                raw.split(separator: UInt8(ascii: "\n")).compactMap { ArxivID(normalizedUTF8: $0) }
            }
        }
        guard ids.count == count, width >= 0 else { return nil }
        let values: [Float] = try row.withUnsafeData(atIndex: 6) { array(from: $0) }
        let offsets: [Int64]? = row.hasNull(atIndex: 4) ? nil : try row.withUnsafeData(atIndex: 4) { array(from: $0) }
        guard let offsets else {
            guard values.count == count * width else { return nil }
            return VectorBlock(ids: ids, width: width, values: values, textSequence: textSequence)
        }
        let indices: [Int32] = try row.withUnsafeData(atIndex: 5) { array(from: $0) }
        guard offsets.count == count + 1, offsets.last.map(Int.init) == values.count, indices.count == values.count
        else { return nil }
        return VectorBlock(
            ids: ids, width: width, offsets: offsets.map(Int.init), indices: indices, values: values,
            textSequence: textSequence)
    }

    // MARK: - The file form

    private static let magic = Array("PRVBLK01".utf8)

    /// Writes the block's arrays as a file: `PRVBLK01`, four little-endian `UInt64` (id bytes, offsets — `UInt64.max`
    /// for dense rows —, indices, values), then the ids (newline-separated UTF-8), `Int64` offsets, `Int32` indices
    /// and `Float` values, raw.
    func writeFile(to file: inout AtomicFile.Writer) throws {
        precondition(UInt16(1).littleEndian == 1, "vector blocks are stored little-endian")
        let idBytes = Array(ids.map(\.rawValue).joined(separator: "\n").utf8)
        let offsets64 = offsets.map { $0.map(Int64.init) }
        try file.write(Self.magic)
        for count in [UInt64(idBytes.count), offsets64.map { UInt64($0.count) } ?? .max, UInt64(indices?.count ?? 0),
            UInt64(values.count)]
        {
            try withUnsafeBytes(of: count.littleEndian) { try file.write($0) }
        }
        try file.write(idBytes)
        if let offsets64 { try offsets64.withUnsafeBytes { try file.write($0) } }
        if let indices { try indices.withUnsafeBytes { try file.write($0) } }
        try values.withUnsafeBytes { try file.write($0) }
    }

    /// Decodes the file form, reading each section straight into its array; `nil` when the file is malformed or
    /// does not match the row's counts.
    ///
    /// The arrays get an eighth more capacity than they need: the daemon appends every digest's rows to the arrays
    /// of a loaded space, and without spare room the first digest copied them whole (1 GB of embeddings on a
    /// million papers, held twice during the copy). Spare capacity of a large array is not resident until used.
    ///
    /// - Throws: ``FileIO/FileSystemError`` when the file cannot be read.
    static func decode(file: RandomAccessFile, textSequence: Int64, count: Int, width: Int) throws -> VectorBlock? {
        var head = [UInt8](repeating: 0, count: 40)
        guard try head.withUnsafeMutableBytes({ try file.read(into: $0, at: 0) }), Array(head[0..<8]) == magic else {
            return nil
        }
        func header(_ i: Int) -> UInt64 {
            head.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 + 8 * i, as: UInt64.self)) }
        }
        let limit = UInt64(file.size)
        guard header(0) <= limit, header(2) <= limit, header(3) <= limit, header(1) == .max || header(1) <= limit else {
            return nil
        }
        let idBytes = Int(header(0)), indexCount = Int(header(2)), valueCount = Int(header(3))
        let offsetCount: Int? = header(1) == .max ? nil : Int(header(1))
        guard 40 + idBytes + (offsetCount ?? 0) * 8 + indexCount * 4 + valueCount * 4 == file.size else { return nil }
        var position = 40
        func section<T: BitwiseCopyable>(_ count: Int, spare: Bool = true) throws -> [T] {
            let bytes = count * MemoryLayout<T>.stride
            defer { position += bytes }
            return try [T](unsafeUninitializedCapacity: count + (spare ? count / 8 : 0)) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<bytes])
                guard try file.read(into: raw, at: position) else { throw Errno.ioError }
                initialized = count
            }
        }
        let idPart: [UInt8] = try section(idBytes, spare: false)
        let ids = idPart.split(separator: UInt8(ascii: "\n")).compactMap { ArxivID(normalizedUTF8: $0) }
        guard ids.count == count, width >= 0 else { return nil }
        let offsets: [Int64]? = try offsetCount.map { try section($0, spare: false) }
        let indices: [Int32] = try section(indexCount)
        let values: [Float] = try section(valueCount)
        guard let offsets else {
            guard values.count == count * width else { return nil }
            return VectorBlock(ids: ids, width: width, values: values, textSequence: textSequence)
        }
        guard offsets.count == count + 1, offsets.last.map(Int.init) == values.count, indices.count == values.count
        else { return nil }
        return VectorBlock(
            ids: ids, width: width, offsets: offsets.map(Int.init), indices: indices, values: values,
            textSequence: textSequence)
    }

    static func array<T: BitwiseCopyable>(from raw: UnsafeRawBufferPointer) -> [T] {
        let count = raw.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[0..<(count * MemoryLayout<T>.stride)]))
            initialized = count
        }
    }

    static func array<T: BitwiseCopyable>(from data: Data?) -> [T] {
        guard let data, !data.isEmpty else { return [] }
        let count = data.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[0..<(count * MemoryLayout<T>.stride)]))
            }
            initialized = count
        }
    }
}

extension VectorBlock {
    /// Migration v6: turns the one-row-per-paper vectors of `paper_vector` into one block per model (sparse rows
    /// `UInt32 count, Int32 columns…, Float32 values…` for TF-IDF models, `Float32…` for the others).
    static func migrateRowVectors(in db: Database) throws {
        let sequence = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(text_seq), 0) FROM paper") ?? 0
        let models = try Row.fetchAll(db, sql: "SELECT content_hash, kind FROM model")
        for model in models {
            let hash: String = model[0]
            let kind: String = model[1]
            var ids: [ArxivID] = []
            var offsets = [0]
            var indices: [Int32] = []
            var values: [Float] = []
            var width = 0
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT paper_id, data FROM paper_vector WHERE model_hash = ? ORDER BY paper_id",
                arguments: [hash])
            while let row = try cursor.next() {
                guard let id = ArxivID(row[0] as String) else { continue }
                let bytes = [UInt8](row[1] as Data)
                if kind == "tfidf" {
                    guard bytes.count >= 4 else { continue }
                    let count = bytes.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
                    guard bytes.count == 4 + 8 * count else { continue }
                    bytes.withUnsafeBytes { raw in
                        for k in 0..<count {
                            let column = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * k, as: Int32.self))
                            let bits = UInt32(
                                littleEndian: raw.loadUnaligned(fromByteOffset: 4 + 4 * count + 4 * k, as: UInt32.self))
                            indices.append(column)
                            values.append(Float(bitPattern: bits))
                            width = max(width, Int(column) + 1)
                        }
                    }
                    offsets.append(values.count)
                } else {
                    guard bytes.count % 4 == 0, width == 0 || bytes.count / 4 == width else { continue }
                    width = bytes.count / 4
                    bytes.withUnsafeBytes { raw in
                        for k in 0..<width {
                            values.append(
                                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self))))
                        }
                    }
                }
                ids.append(id)
            }
            guard !ids.isEmpty else { continue }
            // The TF-IDF width is only a lower bound here; readers take the model's term count.
            let block =
                kind == "tfidf"
                ? VectorBlock(ids: ids, width: width, offsets: offsets, indices: indices, values: values, textSequence: sequence)
                : VectorBlock(ids: ids, width: width, values: values, textSequence: sequence)
            try block.insert(modelHash: hash, in: db)
        }
    }
}

extension VectorBlock {
    /// One block with each paper's latest row of `blocks` (all sparse or all dense, of one width), papers in order of
    /// first appearance, under the highest text sequence.
    ///
    /// - Complexity: O(total rows + values).
    init(merging blocks: [VectorBlock]) {
        precondition(!blocks.isEmpty, "blocks to merge")
        let width = blocks[0].width
        precondition(blocks.allSatisfy { $0.isSparse == blocks[0].isSparse && $0.width == width }, "blocks of one model")
        var latest: [ArxivID: (block: Int, row: Int)] = [:]
        var order: [ArxivID] = []
        for (b, block) in blocks.enumerated() {
            for (r, id) in block.ids.enumerated() where latest.updateValue((b, r), forKey: id) == nil { order.append(id) }
        }
        let sequence = blocks.map(\.textSequence).max() ?? 0
        if blocks[0].isSparse {
            var offsets = [0]
            var indices: [Int32] = []
            var values: [Float] = []
            for id in order {
                let (b, r) = latest[id]!
                let block = blocks[b]
                let range = block.offsets![r]..<block.offsets![r + 1]
                indices.append(contentsOf: block.indices![range])
                values.append(contentsOf: block.values[range])
                offsets.append(values.count)
            }
            self.init(ids: order, width: width, offsets: offsets, indices: indices, values: values, textSequence: sequence)
        } else {
            var values: [Float] = []
            values.reserveCapacity(order.count * width)
            for id in order {
                let (b, r) = latest[id]!
                values.append(contentsOf: blocks[b].values[(r * width)..<((r + 1) * width)])
            }
            self.init(ids: order, width: width, values: values, textSequence: sequence)
        }
    }
}

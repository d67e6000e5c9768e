import FileIO
import Foundation
import PaperRadarCore
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// What a neighbour index file holds, as the fit has it in memory (nothing is copied: the writer gathers the rows
/// list by list as it writes).
///
/// An inverted file over the neighbour view of the papers' embeddings: `L` coarse centroids, and every paper in the
/// list of its nearest centroid, with its neighbour-view vector, its id and its TF-IDF row, so that one paper's
/// related papers are found by reading a few lists instead of every vector.
public struct NeighbourIndexContents {
    /// The neighbour view's per-coordinate weights (`k` values): `view = normalise(e[..<k] ⊙ weights)` for an
    /// embedding `e` of `embeddingDimension` values.
    public var weights: [Float]
    public var embeddingDimension: Int
    /// `L × k` unit centroids, row-major.
    public var centroids: [Float]
    /// The rows of each list: list `l` holds `order[listOffsets[l]..<listOffsets[l + 1]]`.
    public var order: [Int32]
    public var listOffsets: [Int]
    /// The papers, by row.
    public var ids: [ArxivID]
    /// `n × k` neighbour-view rows, row-major, by row.
    public var view: [Float]
    /// TF-IDF rows (CSR), by row.
    public var rowOffsets: [Int]
    public var columnIndices: [Int32]
    public var values: [Float]
    public var columns: Int
    /// The text sequence number of the vectors indexed (every paper up to it had its current text).
    public var textSequence: Int64

    public init(
        weights: [Float], embeddingDimension: Int, centroids: [Float], order: [Int32], listOffsets: [Int],
        ids: [ArxivID], view: [Float], rowOffsets: [Int], columnIndices: [Int32], values: [Float], columns: Int,
        textSequence: Int64
    ) {
        let k = weights.count, n = ids.count
        precondition(k > 0 && centroids.count % k == 0 && listOffsets.count == centroids.count / k + 1, "L × k centroids")
        precondition(order.count == n && listOffsets.last == n && view.count == n * k, "every row in one list")
        precondition(rowOffsets.count == n + 1 && rowOffsets.last == values.count, "CSR offsets frame the values")
        precondition(columnIndices.count == values.count, "one column per value")
        self.weights = weights
        self.embeddingDimension = embeddingDimension
        self.centroids = centroids
        self.order = order
        self.listOffsets = listOffsets
        self.ids = ids
        self.view = view
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
        self.columns = columns
        self.textSequence = textSequence
    }

    /// The file form: `PRNIDX01`, eight little-endian `UInt64` (n, L, k, embedding dimension, TF-IDF columns, nnz,
    /// id width, text sequence), then raw little-endian arrays: weights (k `Float`), centroids (L·k), list offsets
    /// (L + 1 `Int64`, entries), and the entries in list order: vectors (n·k `Float`), ids (n slots of `id width`
    /// bytes, zero-padded), TF-IDF row offsets (n + 1 `Int64`), column indices (`Int32`), values (`Float`).
    ///
    /// - Complexity: O(n·k + nnz) bytes written through buffers of about 1 MB.
    func write(to file: inout AtomicFile.Writer) throws {
        precondition(UInt16(1).littleEndian == 1, "neighbour indexes are stored little-endian")
        let n = ids.count, k = weights.count, lists = listOffsets.count - 1
        let idWidth = max(1, ids.map(\.rawValue.utf8.count).max() ?? 1)
        try file.write(NeighbourIndexFile.magic)
        let header: [UInt64] = [
            UInt64(n), UInt64(lists), UInt64(k), UInt64(embeddingDimension), UInt64(columns), UInt64(values.count),
            UInt64(idWidth), UInt64(bitPattern: textSequence),
        ]
        try header.withUnsafeBytes { try file.write($0) }
        try weights.withUnsafeBytes { try file.write($0) }
        try centroids.withUnsafeBytes { try file.write($0) }
        try listOffsets.map(Int64.init).withUnsafeBytes { try file.write($0) }
        let chunk = 4096
        for start in stride(from: 0, to: n, by: chunk) {
            let entries = start..<min(n, start + chunk)
            var buffer: [Float] = []
            buffer.reserveCapacity(entries.count * k)
            for e in entries {
                let row = Int(order[e])
                buffer.append(contentsOf: view[(row * k)..<((row + 1) * k)])
            }
            try buffer.withUnsafeBytes { try file.write($0) }
        }
        for start in stride(from: 0, to: n, by: chunk) {
            var buffer = [UInt8](repeating: 0, count: min(chunk, n - start) * idWidth)
            for e in start..<min(n, start + chunk) {
                let bytes = Array(ids[Int(order[e])].rawValue.utf8)
                buffer.replaceSubrange(((e - start) * idWidth)..<((e - start) * idWidth + bytes.count), with: bytes)
            }
            try file.write(buffer)
        }
        var offsets = [Int64](repeating: 0, count: n + 1)
        for e in 0..<n {
            let row = Int(order[e])
            offsets[e + 1] = offsets[e] + Int64(rowOffsets[row + 1] - rowOffsets[row])
        }
        try offsets.withUnsafeBytes { try file.write($0) }
        offsets = []
        func gather<T: BitwiseCopyable>(_ array: [T]) throws {
            var buffer: [T] = []
            buffer.reserveCapacity(1 << 18)
            for e in 0..<n {
                let row = Int(order[e])
                buffer.append(contentsOf: array[rowOffsets[row]..<rowOffsets[row + 1]])
                if buffer.count >= 1 << 18 {
                    try buffer.withUnsafeBytes { try file.write($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try file.write($0) }
        }
        try gather(columnIndices)
        try gather(values)
    }
}

/// A neighbour index file (``NeighbourIndexContents``) opened for queries: the header, weights, centroids and list
/// offsets are read at once; vectors, ids and TF-IDF rows a range at a time.
///
/// Not `Sendable`: one query at a time.
public final class NeighbourIndexFile {
    static let magic = Array("PRNIDX01".utf8)

    /// Papers indexed (entries).
    public let count: Int
    public let listCount: Int
    /// The neighbour view's dimension k.
    public let viewDimension: Int
    public let embeddingDimension: Int
    public let tfidfColumns: Int
    /// The text sequence number of the vectors indexed.
    public let textSequence: Int64
    /// The neighbour view's weights (k values).
    public let weights: [Float]
    /// `L × k` unit centroids, row-major.
    public let centroids: [Float]
    /// List `l` holds the entries `listOffsets[l]..<listOffsets[l + 1]`.
    public let listOffsets: [Int]

    private let file: RandomAccessFile
    private let idWidth: Int
    private let vectorsAt: Int
    private let idsAt: Int
    private let rowOffsetsAt: Int
    private let indicesAt: Int
    private let valuesAt: Int
    private var idSlots: [UInt8]?

    /// Reads and checks the header.
    ///
    /// - Throws: ``StoreError`` when the file is not a complete neighbour index.
    init(file: RandomAccessFile) throws {
        self.file = file
        var head = [UInt8](repeating: 0, count: 8 + 8 * 8)
        guard try head.withUnsafeMutableBytes({ try file.read(into: $0, at: 0) }), Array(head[0..<8]) == Self.magic
        else { throw StoreError("\(file.path) is not a neighbour index: run `paperradar fit`") }
        let fields = (0..<8).map { i in
            head.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8 + 8 * i, as: UInt64.self)) }
        }
        let limit = UInt64(file.size)
        guard fields[0..<7].allSatisfy({ $0 <= limit }), fields[2] > 0, fields[6] > 0 else {
            throw StoreError("\(file.path) has a malformed header: run `paperradar fit`")
        }
        count = Int(fields[0])
        listCount = Int(fields[1])
        viewDimension = Int(fields[2])
        embeddingDimension = Int(fields[3])
        tfidfColumns = Int(fields[4])
        let nonzeros = Int(fields[5])
        idWidth = Int(fields[6])
        textSequence = Int64(bitPattern: fields[7])
        let k = viewDimension
        var position = head.count
        func section<T: BitwiseCopyable>(_ count: Int, read: Bool) throws -> (at: Int, array: [T]) {
            let at = position
            position += count * MemoryLayout<T>.stride
            guard read else { return (at, []) }
            let array = try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard try file.read(into: UnsafeMutableRawBufferPointer(buffer), at: at) else { throw Errno.ioError }
                initialized = count
            }
            return (at, array)
        }
        let sizes = 8 * 8 + 8 + 4 * k + 4 * listCount * k + 8 * (listCount + 1) + 4 * count * k + idWidth * count
            + 8 * (count + 1) + 8 * nonzeros
        guard sizes == file.size else { throw StoreError("\(file.path) is truncated: run `paperradar fit`") }
        weights = try section(k, read: true).array
        centroids = try section(listCount * k, read: true).array
        listOffsets = (try section(listCount + 1, read: true).array as [Int64]).map(Int.init)
        guard listOffsets.first == 0, listOffsets.last == count, zip(listOffsets, listOffsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw StoreError("\(file.path) has malformed lists: run `paperradar fit`") }
        vectorsAt = try (section(count * k, read: false) as (Int, [Float])).0
        idsAt = try (section(count * idWidth, read: false) as (Int, [UInt8])).0
        rowOffsetsAt = try (section(count + 1, read: false) as (Int, [Int64])).0
        indicesAt = try (section(nonzeros, read: false) as (Int, [Int32])).0
        valuesAt = try (section(nonzeros, read: false) as (Int, [Float])).0
    }

    private func read<T: BitwiseCopyable>(_ count: Int, at offset: Int, as: T.Type = T.self) throws -> [T] {
        guard count > 0 else { return [] }
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard try file.read(into: UnsafeMutableRawBufferPointer(buffer), at: offset) else {
                throw StoreError("\(file.path) ends early: run `paperradar fit`")
            }
            initialized = count
        }
    }

    /// The neighbour-view vectors of `entries`, row-major (`entries.count × k`).
    public func vectors(_ entries: Range<Int>) throws -> [Float] {
        precondition(entries.lowerBound >= 0 && entries.upperBound <= count, "entries of this index")
        return try read(entries.count * viewDimension, at: vectorsAt + 4 * viewDimension * entries.lowerBound)
    }

    /// The paper of an entry.
    public func id(ofEntry entry: Int) throws -> ArxivID? {
        precondition(entry >= 0 && entry < count, "an entry of this index")
        if let idSlots {
            return ArxivID(normalizedUTF8: idSlots[(entry * idWidth)..<((entry + 1) * idWidth)].prefix { $0 != 0 })
        }
        let slot: [UInt8] = try read(idWidth, at: idsAt + entry * idWidth)
        return ArxivID(normalizedUTF8: slot.prefix { $0 != 0 })
    }

    /// The entry of a paper, if it is indexed.
    ///
    /// - Complexity: reads the ids once (n × id width bytes), then a byte search, O(n·id width).
    public func entry(of id: ArxivID) throws -> Int? {
        let slots = try idSlots ?? read(count * idWidth, at: idsAt)
        idSlots = slots
        let needle = Array(id.rawValue.utf8)
        guard !needle.isEmpty, needle.count <= idWidth else { return nil }
        let width = idWidth, length = needle.count
        return slots.withUnsafeBufferPointer { slots -> Int? in
            needle.withUnsafeBufferPointer { needle -> Int? in
                // A whole slot: the id's bytes, then the slot's end or its zero padding.
                for entry in 0..<(slots.count / width) {
                    let slot = entry * width
                    guard slots[slot] == needle[0], length == width || slots[slot + length] == 0 else { continue }
                    if memcmp(slots.baseAddress! + slot, needle.baseAddress!, length) == 0 { return entry }
                }
                return nil
            }
        }
    }

    /// The TF-IDF row of an entry: its column indices (ascending) and values.
    public func tfidfRow(ofEntry entry: Int) throws -> (indices: [Int32], values: [Float]) {
        precondition(entry >= 0 && entry < count, "an entry of this index")
        let bounds: [Int64] = try read(2, at: rowOffsetsAt + 8 * entry)
        let start = Int(bounds[0]), end = Int(bounds[1])
        guard start >= 0, start <= end, end <= (valuesAt - indicesAt) / 4 else {
            throw StoreError("\(file.path) has a malformed row: run `paperradar fit`")
        }
        return (try read(end - start, at: indicesAt + 4 * start), try read(end - start, at: valuesAt + 4 * start))
    }
}

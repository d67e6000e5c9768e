import PaperRadarCore

extension LineReader {
    /// Reads every non-blank line and decodes it, in parallel a batch of about 4 MiB at a time; `body` gets each
    /// line's number, its decoded value or error, and the compressed bytes consumed so far, in file order.
    ///
    /// - Throws: what reading throws (``StoreError``), or what `body` throws.
    public func forEachDecodedLine<Value: Sendable>(
        decode: @escaping @Sendable (ArraySlice<UInt8>) throws -> Value,
        _ body: (_ number: Int, _ decoded: Result<Value, any Error>, _ bytesRead: Int) throws -> Void
    ) throws {
        var batch = LineBatch()
        var bytesRead = 0
        func flush() throws {
            for (number, decoded) in batch.decoded(with: decode) { try body(number, decoded, bytesRead) }
            batch.removeAll()
        }
        try forEachLine { number, line, read in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            batch.append(line, number: number)
            bytesRead = read
            if batch.byteCount >= LineBatch.capacity { try flush() }
        }
        try flush()
    }
}

/// Lines gathered for decoding together: their bytes back to back, and where each one is.
struct LineBatch {
    static let capacity = 4 << 20
    private var bytes: [UInt8] = []
    private var lines: [(number: Int, range: Range<Int>)] = []

    var byteCount: Int { bytes.count }

    mutating func append(_ line: ArraySlice<UInt8>, number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        lines.append((number, start..<bytes.count))
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Every line decoded, in order, in parallel over blocks of lines.
    func decoded<Value: Sendable>(
        with decode: @escaping @Sendable (ArraySlice<UInt8>) throws -> Value
    ) -> [(Int, Result<Value, any Error>)] {
        let bytes = self.bytes
        let lines = self.lines
        let blocks = Parallel.blocks(lines.count, blockSize: 256)
        return Parallel.map(blocks.count) { block in
            blocks[block].map { i in (lines[i].number, Result { try decode(bytes[lines[i].range]) }) }
        }.flatMap { $0 }
    }
}

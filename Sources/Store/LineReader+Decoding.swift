import Foundation
import PaperRadarCore

extension LineReader {
    /// Reads every non-blank line and decodes it, in parallel a batch of about 4 MiB at a time; `body` gets each
    /// line's number, its decoded value or error, and the compressed bytes consumed so far, in file order.
    ///
    /// A batch is decoded in the background while the next one is read (and inflated), so reading a gzip file and
    /// decoding its lines overlap; `body` runs on the calling thread.
    ///
    /// - Throws: what reading throws (``StoreError``), or what `body` throws.
    public func forEachDecodedLine<Value: Sendable>(
        decode: @escaping @Sendable (ArraySlice<UInt8>) throws -> Value,
        _ body: (_ number: Int, _ decoded: Result<Value, any Error>, _ bytesRead: Int) throws -> Void
    ) throws {
        var batch = LineBatch()
        var bytesRead = 0
        var decoding: (task: DecodingTask<Value>, bytesRead: Int)?
        func finishDecoding() throws {
            guard let (task, read) = decoding else { return }
            decoding = nil
            for (number, decoded) in task.wait() { try body(number, decoded, read) }
        }
        try forEachLine { number, line, read in
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            batch.append(line, number: number)
            bytesRead = read
            if batch.byteCount >= LineBatch.capacity {
                try finishDecoding()
                decoding = (DecodingTask(batch, decode: decode), bytesRead)
                batch = LineBatch()
            }
        }
        try finishDecoding()
        for (number, decoded) in batch.decoded(with: decode) { try body(number, decoded, bytesRead) }
    }
}

/// One batch decoded on a thread of its own while the caller goes on reading.
private final class DecodingTask<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: [(Int, Result<Value, any Error>)] = []  // written once by the worker, before `done` signals

    init(_ batch: LineBatch, decode: @escaping @Sendable (ArraySlice<UInt8>) throws -> Value) {
        Thread.detachNewThread { [self] in
            result = batch.decoded(with: decode)
            done.signal()
        }
    }

    /// The decoded lines, in order, once the worker is done.
    func wait() -> [(Int, Result<Value, any Error>)] {
        done.wait()
        return result
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

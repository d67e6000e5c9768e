import CZlib
import Foundation

/// Reads a file line by line, transparently inflating gzip (detected from the magic bytes, not the name).
///
/// Lines are handed out as byte slices without the trailing `\n` (a trailing `\r` is removed too). Memory stays
/// bounded by the chunk size plus the longest line.
public struct LineReader: Sendable {
    public let url: URL
    /// Bytes read from disk per step.
    public var chunkSize: Int = 1 << 20

    public init(url: URL) { self.url = url }

    /// The size of the file on disk, for progress.
    public func fileSize() -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    /// Calls `body` with each line (1-based number, bytes) and the compressed bytes consumed so far.
    public func forEachLine(_ body: (_ number: Int, _ line: ArraySlice<UInt8>, _ bytesRead: Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw StoreError("cannot open \(url.path): no such file or no permission")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        var bytesRead = 0

        func emitLines(final: Bool) throws {
            var start = 0
            let count = pending.count
            while start < count {
                let found = pending.withUnsafeBufferPointer { buffer -> Int? in
                    guard let base = buffer.baseAddress,
                        let hit = memchr(base + start, 0x0A, count - start)
                    else { return nil }
                    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                guard let newline = found else { break }
                lineNumber += 1
                var end = newline
                if end > start && pending[end - 1] == 0x0D { end -= 1 }
                try body(lineNumber, pending[start..<end], bytesRead)
                start = newline + 1
            }
            if final && start < count {
                lineNumber += 1
                var end = count
                if pending[end - 1] == 0x0D { end -= 1 }
                try body(lineNumber, pending[start..<end], bytesRead)
                start = count
            }
            pending.removeFirst(start)
        }

        let first = try read(handle)
        bytesRead += first.count
        if first.count >= 2 && first[0] == 0x1F && first[1] == 0x8B {
            let inflater = try Inflater()
            var chunk = first
            while !chunk.isEmpty {
                try inflater.inflate(chunk) { pending.append(contentsOf: $0) }
                try emitLines(final: false)
                chunk = try read(handle)
                bytesRead += chunk.count
            }
            try inflater.finish(path: url.path)
        } else {
            var chunk = first
            while !chunk.isEmpty {
                pending.append(contentsOf: chunk)
                try emitLines(final: false)
                chunk = try read(handle)
                bytesRead += chunk.count
            }
        }
        try emitLines(final: true)
    }

    private func read(_ handle: FileHandle) throws -> [UInt8] {
        do {
            return [UInt8](try handle.read(upToCount: chunkSize) ?? Data())
        } catch {
            throw StoreError("cannot read \(url.path): \(error.localizedDescription)")
        }
    }
}

/// A zlib inflater for gzip streams (several concatenated members allowed).
private final class Inflater {
    private var stream = z_stream()
    private var ended = false
    private var output = [UInt8](repeating: 0, count: 1 << 20)

    init() throws {
        // 15 window bits + 32: detect a zlib or gzip header automatically.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw StoreError("cannot start gzip decompression (zlib status \(status))") }
    }

    func inflate(_ input: [UInt8], emit: (ArraySlice<UInt8>) -> Void) throws {
        var input = input
        let inputCount = input.count
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inputCount)
            while stream.avail_in > 0 {
                if ended {
                    // Another gzip member follows.
                    inflateReset(&stream)
                    ended = false
                }
                let produced: Int
                let status: Int32
                (produced, status) = output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (outBuffer.count - Int(stream.avail_out), status)
                }
                if produced > 0 { emit(output[0..<produced]) }
                switch status {
                case Z_OK, Z_BUF_ERROR: continue
                case Z_STREAM_END: ended = true
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw StoreError("corrupt gzip data: \(reason)")
                }
            }
        }
    }

    deinit { inflateEnd(&stream) }

    func finish(path: String) throws {
        guard ended else { throw StoreError("\(path): the gzip stream is truncated (unexpected end of file)") }
    }
}

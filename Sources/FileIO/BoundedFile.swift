import SystemPackage

/// The one way PaperRadar reads a whole file: the size limit is applied before the bytes are loaded.
public enum BoundedFile {
    /// What reading found.
    public enum ReadResult: Sendable, Hashable {
        case bytes([UInt8])
        /// The file is larger than the limit (its size); nothing was kept.
        case tooLarge(Int64)
    }

    /// Reads a regular file (following a symlink), refusing it before reading when it is over `maxBytes`, and
    /// when it grows past the limit while it is read.
    ///
    /// - Throws: ``FileSystemError`` (`read`): missing, a folder, permission denied, I/O error.
    public static func read(_ path: String, maxBytes: Int) throws -> ReadResult {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch {
            throw FileSystemError(operation: .read, path: path, code: Errno(thrown: error))
        }
        defer { try? fd.close() }
        do {
            let info = try fd.stat()
            if info.type == .directory { throw Errno.isDirectory }
            if info.size > Int64(maxBytes) { return .tooLarge(info.size) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(info.size))
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
                if count == 0 { break }
                bytes += chunk[0..<count]
                if bytes.count > maxBytes { return .tooLarge(Int64(bytes.count)) }
            }
            return .bytes(bytes)
        } catch let error as Errno {
            throw FileSystemError(operation: .read, path: path, code: Errno(thrown: error))
        } catch {
            throw FileSystemError(operation: .read, path: path, code: .ioError)
        }
    }
}

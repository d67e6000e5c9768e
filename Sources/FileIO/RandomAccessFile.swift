import SystemPackage

/// A regular file read a range at a time, straight into the caller's memory: large files (a fit's vector blocks)
/// are decoded section by section into their arrays, without a buffer holding the whole file beside them.
public final class RandomAccessFile {
    public let path: String
    /// The size in bytes when it was opened.
    public let size: Int
    private let fd: FileDescriptor

    /// Opens a regular file (following a symlink) for reading.
    ///
    /// - Throws: ``FileSystemError`` (`read`): missing, a folder, permission denied.
    public init(path: String) throws {
        self.path = path
        do {
            fd = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch {
            throw FileSystemError(operation: .read, path: path, code: Errno(thrown: error))
        }
        do {
            let info = try fd.stat()
            if info.type == .directory { throw Errno.isDirectory }
            size = Int(info.size)
        } catch {
            try? fd.close()
            throw FileSystemError(operation: .read, path: path, code: Errno(thrown: error))
        }
    }

    deinit { try? fd.close() }

    /// Fills `buffer` with the file's bytes from `offset` on.
    ///
    /// - Returns: false when the file ends before the buffer is full.
    /// - Throws: ``FileSystemError`` (`read`) for an I/O error.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Bool {
        var done = 0
        while done < buffer.count {
            let count: Int
            do {
                count = try fd.read(
                    fromAbsoluteOffset: Int64(offset + done),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            } catch {
                throw FileSystemError(operation: .read, path: path, code: Errno(thrown: error))
            }
            if count == 0 { return false }
            done += count
        }
        return true
    }
}

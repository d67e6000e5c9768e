import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file with no name: bytes written to a temporary file that is unlinked at once, handed out as an open
/// descriptor positioned at the start (e.g. a child process's standard input, which it may read or not).
public enum UnlinkedFile {
    /// A read-write descriptor of a nameless file holding `bytes`; the caller closes it.
    ///
    /// - Throws: ``FileSystemError`` (`write`) when the temporary folder is not writable.
    public static func holding(_ bytes: some Collection<UInt8>, in folder: String = "/tmp") throws -> FileDescriptor {
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let path = FilePath(folder).appending(AtomicFile.temporaryPrefix + "\(getpid())-\(random).input")
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(
                path, .readWrite, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [.ownerReadWrite])
        } catch {
            throw FileSystemError(operation: .write, path: path.string, code: Errno(thrown: error))
        }
        unlink(path.string)
        do {
            _ = try fd.writeAll(bytes)
            _ = try fd.seek(offset: 0, from: .start)
        } catch {
            try? fd.close()
            throw FileSystemError(operation: .write, path: path.string, code: Errno(thrown: error))
        }
        return fd
    }
}

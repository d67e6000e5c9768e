import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one atomic writer of PaperRadar: readers see the old file or the new one, never a part.
///
/// A temporary file beside the target is written, flushed to disk and renamed over it. Temporary files are named
/// `.paperradar-tmp-<pid>-<random>.<final name>`: hidden (the drop-folder watcher never takes them), recognisable,
/// and carrying the writer's process id so that start-up clean-up removes only files whose writer is gone.
public enum AtomicFile {
    /// The prefix of every temporary file PaperRadar writes.
    public static let temporaryPrefix = ".paperradar-tmp-"

    /// Writes `bytes` to `path` atomically; with `ownerOnly`, the file is readable and writable by its owner alone
    /// (mode 0600, for secrets).
    ///
    /// - Throws: ``FileSystemError`` (`write`); the temporary file is removed on failure.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, ownerOnly: Bool = false) throws {
        try write(to: path, ownerOnly: ownerOnly) { try $0.write(bytes) }
    }

    /// Writes `text` as UTF-8 to `path` atomically (owner-only as for bytes).
    public static func write(_ text: String, to path: String, ownerOnly: Bool = false) throws {
        try write(Array(text.utf8), to: path, ownerOnly: ownerOnly)
    }

    /// Streams a file to `path` atomically: `body` writes it piece by piece (buffered), and the file appears whole
    /// when `body` returns; when `body` or a write throws, the temporary file is removed and nothing appears.
    ///
    /// - Throws: what `body` throws, or ``FileSystemError`` (`write`).
    public static func write(to path: String, ownerOnly: Bool = false, _ body: (inout Writer) throws -> Void) throws {
        let target = FilePath(path)
        let name = target.lastComponent?.string ?? "file"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        var temporary = target
        temporary.removeLastComponent()
        temporary.append(temporaryPrefix + "\(getpid())-\(random).\(name)")
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: ownerOnly ? [.ownerReadWrite] : [.ownerReadWrite, .groupReadWrite, .otherReadWrite])
        } catch {
            throw FileSystemError(operation: .write, path: path, code: Errno(thrown: error))
        }
        var writer = Writer(fd: fd)
        var failure: (any Error)?
        do {
            try body(&writer)
            try writer.flush()
            if fsync(fd.rawValue) != 0 { throw Errno(rawValue: errno) }
        } catch {
            failure = error
        }
        do {
            try fd.close()
        } catch {
            failure = failure ?? error
        }
        if failure == nil && rename(temporary.string, path) != 0 { failure = Errno(rawValue: errno) }
        if let failure {
            unlink(temporary.string)
            if let errno = failure as? Errno { throw FileSystemError(operation: .write, path: path, code: errno) }
            throw failure
        }
    }

    /// Appends to the temporary file of ``AtomicFile/write(to:_:)``, through a 1 MiB buffer.
    public struct Writer: ~Copyable {
        private let fd: FileDescriptor
        private var buffer: [UInt8] = []
        private static let capacity = 1 << 20

        fileprivate init(fd: FileDescriptor) {
            self.fd = fd
            buffer.reserveCapacity(Self.capacity)
        }

        /// Appends bytes (a large piece is written at once, without going through the buffer).
        public mutating func write(_ bytes: some Collection<UInt8>) throws {
            if bytes.count >= Self.capacity {
                try flush()
                _ = try fd.writeAll(bytes)
                return
            }
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.capacity { try flush() }
        }

        /// Appends text as UTF-8.
        public mutating func write(_ text: String) throws {
            var text = text
            try text.withUTF8 { try write($0) }
        }

        fileprivate mutating func flush() throws {
            guard !buffer.isEmpty else { return }
            _ = try fd.writeAll(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Removes PaperRadar's temporary files in `folder` whose writing process is gone (or is this process, which
    /// has not written any yet when it cleans up at start-up).
    ///
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> [String] {
        guard let names = try? FileTree.names(in: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(temporaryPrefix) {
            let pidText = name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }
            if let pid = pid_t(pidText), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = folder + "/" + name
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }
}

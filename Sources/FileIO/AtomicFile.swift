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

    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: ``FileSystemError`` (`write`); the temporary file is removed on failure.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let target = FilePath(path)
        let name = target.lastComponent?.string ?? "file"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        var temporary = target
        temporary.removeLastComponent()
        temporary.append(temporaryPrefix + "\(getpid())-\(random).\(name)")
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec], permissions: [
                    .ownerReadWrite, .groupReadWrite, .otherReadWrite,
                ])
        } catch {
            throw FileSystemError(operation: .write, path: path, code: Errno(thrown: error))
        }
        var failure: Errno?
        do {
            _ = try fd.writeAll(bytes)
            if fsync(fd.rawValue) != 0 { throw Errno(rawValue: errno) }
        } catch let error as Errno {
            failure = error
        } catch {
            failure = .ioError
        }
        do {
            try fd.close()
        } catch {
            failure = failure ?? Errno(thrown: error)
        }
        if failure == nil && rename(temporary.string, path) != 0 { failure = Errno(rawValue: errno) }
        if let failure {
            unlink(temporary.string)
            throw FileSystemError(operation: .write, path: path, code: failure)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
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

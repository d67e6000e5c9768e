#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// The daemon's file operations: reading with a size limit, atomic writes, moves that never replace a file, and
/// clean-up of temporary files left by a killed daemon. Every failure is a ``FileSystemError`` carrying `errno`,
/// so callers can tell a full disk from a missing file.
///
/// Temporary files are named `.paperradar-tmp-<pid>-<random>.<final name>`: hidden (the watcher never takes
/// them), recognisable, and carrying the writer's process id so that start-up clean-up removes only files whose
/// writer is gone.
public enum DaemonFile {
    /// The prefix of every temporary file the daemon writes.
    public static let temporaryPrefix = ".paperradar-tmp-"

    /// What reading a digest file found.
    public enum ReadResult: Sendable, Hashable {
        case bytes([UInt8])
        /// The file is larger than the limit (its size); nothing was read.
        case tooLarge(Int64)
    }

    /// Reads a file (following a symlink), refusing it before reading when it is over `maxBytes`.
    ///
    /// - Throws: ``FileSystemError`` (`read`): missing, permission denied, I/O error.
    public static func readFile(_ path: String, maxBytes: Int) throws -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(operation: .read, path: path, code: errno) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(operation: .read, path: path, code: errno) }
        if Int64(info.st_size) > Int64(maxBytes) { return .tooLarge(Int64(info.st_size)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: .read, path: path, code: errno)
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            // The file grew past the limit while it was read.
            if bytes.count > maxBytes { return .tooLarge(Int64(bytes.count)) }
        }
        return .bytes(bytes)
    }

    /// Writes `bytes` to `path` so that readers see the old file or the new one, never a part: a temporary file
    /// beside it is written, flushed to disk and renamed over `path`.
    ///
    /// - Throws: ``FileSystemError`` (`write`); the temporary file is removed on failure.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let temporary = folder + "/" + temporaryPrefix + "\(getpid())-\(random).\(url.lastPathComponent)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileSystemError(operation: .write, path: path, code: errno) }
        var failure: Int32 = 0
        var written = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while written < raw.count {
                let count = write(fd, base + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileSystemError(operation: .write, path: path, code: failure)
        }
    }

    /// Moves a file (or a symlink itself) to `destination` in the same file system, never replacing a file that is
    /// there.
    ///
    /// - Throws: ``FileSystemError`` (`move`): `EEXIST` when the destination is taken, else the cause.
    public static func move(_ source: String, to destination: String) throws {
        if let renameNoReplace = renameNoReplace() {
            if renameNoReplace(AT_FDCWD, source, AT_FDCWD, destination, 1) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS else {
                throw FileSystemError(operation: .move, path: source, code: code, hint: "to \(destination)")
            }
        }
        // The file system does not support RENAME_NOREPLACE: check, then rename.
        guard FileSnapshot.isAbsent(destination) else {
            throw FileSystemError(operation: .move, path: source, code: EEXIST, hint: "to \(destination)")
        }
        guard rename(source, destination) == 0 else {
            throw FileSystemError(operation: .move, path: source, code: errno, hint: "to \(destination)")
        }
    }

    /// Creates a folder (and its parents) unless it exists.
    ///
    /// - Throws: ``FileSystemError`` (`createFolder`), e.g. permission denied, or a file in the way.
    public static func ensureFolder(_ path: String) throws {
        if let snapshot = FileSnapshot.of(target: path) {
            guard snapshot.kind == .directory else {
                throw FileSystemError(
                    operation: .createFolder, path: path, code: ENOTDIR, hint: "a file of that name is in the way")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && FileSnapshot.of(target: parent) == nil {
            try ensureFolder(parent)
        }
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw FileSystemError(operation: .createFolder, path: path, code: errno)
        }
    }

    /// Removes the daemon's temporary files in `folder` whose writing process is gone (or is this process, which
    /// has not written any yet when it cleans up at start-up).
    ///
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(temporaryPrefix) {
            let pidText = name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }
            if let pid = pid_t(pidText), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = folder + "/" + name
            if unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }

    private typealias RenameAt2 = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

    /// glibc's `renameat2` (2.28+), looked up at run time: Swift's Glibc module does not declare it.
    private static func renameNoReplace() -> RenameAt2? {
        #if canImport(Glibc)
            guard let symbol = dlsym(nil, "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }
}

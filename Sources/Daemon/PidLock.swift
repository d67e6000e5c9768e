#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FileIO
import Foundation

/// The drop folder's pid file, `flock`ed while a daemon runs, so two daemons never watch one folder.
///
/// The lock belongs to the open file description: it is released when the process ends, even by `kill -9`, so a
/// stale pid file never blocks a restart. The file is left in place (hidden, ignored by the watcher); removing it
/// while another daemon starts could let two lock different files.
public final class PidLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock and writes this process's id into the file.
    ///
    /// - Throws: ``DaemonError`` naming the running daemon when the folder is taken, ``FileSystemError`` when the
    ///   file cannot be created.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(operation: .lock, path: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            _ = close(fd)
            if code == EWOULDBLOCK {
                let holder = PidLock.readPid(path).map { " (pid \($0))" } ?? ""
                throw DaemonError(
                    "another paperradar watch\(holder) is already watching this folder; stop it first, or use "
                        + "another drop folder")
            }
            throw FileSystemError(operation: .lock, path: path, errno: code)
        }
        _ = ftruncate(fd, 0)
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    /// Releases the lock (the process ending does the same).
    public func release() {
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
    }

    /// The process id of the daemon holding the lock on `path`, or `nil` when no daemon holds it.
    public static func holder(of path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return readPid(path) ?? 0
    }

    private static func readPid(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

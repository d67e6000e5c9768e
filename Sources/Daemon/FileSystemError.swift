#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system operation of the daemon that failed, with the `errno` behind it and what the user can do.
///
/// The description names the operation, the path, the cause in words (disk full, permission denied, …) and a hint,
/// e.g. `cannot write /srv/drop/reports/a.md: disk full (no space left on device); free some space`.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the daemon was doing.
    public enum Operation: String, Sendable, Hashable {
        case read
        case write
        case move
        case createFolder = "create the folder"
        case list
        case watch
        case lock
    }

    public var operation: Operation
    public var path: String
    /// The `errno` value.
    public var code: Int32
    /// What to do about it, when there is something specific to say.
    public var hint: String?

    public init(operation: Operation, path: String, code: Int32, hint: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.hint = hint
    }

    /// True for a full disk or an exceeded quota.
    public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

    /// True when the daemon lacks permission.
    public var isPermissionDenied: Bool { code == EACCES || code == EPERM }

    /// True when the path (or a folder on the way) does not exist.
    public var isMissing: Bool { code == ENOENT || code == ENOTDIR }

    /// The cause in words.
    public var cause: String {
        switch code {
        case ENOSPC: "disk full (no space left on device)"
        case EDQUOT: "disk quota exceeded"
        case EACCES, EPERM: "permission denied"
        case EROFS: "read-only file system"
        case ENOENT: "no such file or folder"
        case ENOTDIR: "a part of the path is not a folder"
        case EEXIST: "a file is already there"
        case EMFILE, ENFILE: "too many open files"
        default: String(cString: strerror(code))
        }
    }

    /// The standard advice for the cause, used when no specific hint was given.
    var defaultHint: String? {
        switch code {
        case ENOSPC, EDQUOT: "free some space"
        case EACCES, EPERM: "give the user running paperradar (uid \(getuid())) access to it"
        case EROFS: "point the daemon at a writable folder"
        default: nil
        }
    }

    public var description: String {
        let advice = hint ?? defaultHint
        return "cannot \(operation.rawValue) \(path): \(cause)" + (advice.map { "; \($0)" } ?? "")
    }
}

import SystemPackage

/// A file-system operation that failed, with the `errno` behind it and what the user can do.
///
/// The description names the operation, the path, the cause in words (disk full, permission denied, …) and a hint,
/// e.g. `cannot write /srv/drop/reports/a.md: disk full (no space left on device); free some space`.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done.
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
    public var code: Errno
    /// What to do about it, when there is something specific to say.
    public var hint: String?

    public init(operation: Operation, path: String, code: Errno, hint: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.hint = hint
    }

    /// The same error from a raw `errno` value (for calls swift-system does not wrap).
    public init(operation: Operation, path: String, errno: Int32, hint: String? = nil) {
        self.init(operation: operation, path: path, code: Errno(rawValue: errno), hint: hint)
    }

    /// True for a full disk or an exceeded quota.
    public var isDiskFull: Bool { code == .noSpace || code == .diskQuotaExceeded }

    /// True when permission is lacking.
    public var isPermissionDenied: Bool { code == .permissionDenied || code == .notPermitted }

    /// True when the path (or a folder on the way) does not exist.
    public var isMissing: Bool { code == .noSuchFileOrDirectory || code == .notDirectory }

    /// The cause in words.
    public var cause: String {
        switch code {
        case .noSpace: "disk full (no space left on device)"
        case .diskQuotaExceeded: "disk quota exceeded"
        case .permissionDenied, .notPermitted: "permission denied"
        case .readOnlyFileSystem: "read-only file system"
        case .noSuchFileOrDirectory: "no such file or folder"
        case .notDirectory: "a part of the path is not a folder"
        case .isDirectory: "it is a folder, not a file"
        case .fileExists: "a file is already there"
        case .tooManyOpenFiles, .tooManyOpenFilesInSystem: "too many open files"
        default: code.description
        }
    }

    /// The standard advice for the cause, used when no specific hint was given.
    var defaultHint: String? {
        switch code {
        case .noSpace, .diskQuotaExceeded: "free some space"
        case .permissionDenied, .notPermitted: "give the user running paperradar access to it"
        case .readOnlyFileSystem: "use a writable folder"
        default: nil
        }
    }

    public var description: String {
        let advice = hint ?? defaultHint
        return "cannot \(operation.rawValue) \(path): \(cause)" + (advice.map { "; \($0)" } ?? "")
    }
}

extension Errno {
    /// The `Errno` swift-system threw (its calls throw untyped errors that are always `Errno`).
    init(thrown error: any Error) {
        self = (error as? Errno) ?? .ioError
    }
}

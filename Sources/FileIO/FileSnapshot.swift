import SystemPackage

/// What `lstat`/`stat` say about a path: enough to classify it and to tell whether it is still changing.
public struct FileSnapshot: Sendable, Hashable {
    /// The kind of entry.
    public enum Kind: Sendable, Hashable {
        case regular
        case directory
        case symlink
        case other
    }

    public var kind: Kind
    public var size: Int64
    /// Modification time in nanoseconds since 1970 (exact, for comparisons).
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    public init(kind: Kind, size: Int64, modifiedNanoseconds: Int64, inode: UInt64 = 0) {
        self.kind = kind
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// Modification time in seconds since 1970.
    public var modified: Double { Double(modifiedNanoseconds) / 1e9 }

    /// The entry itself (a symlink is described, not followed); `nil` when it does not exist or cannot be examined.
    public static func of(entry path: String) -> FileSnapshot? {
        (try? FilePath(path).stat(followTargetSymlink: false)).map(FileSnapshot.init)
    }

    /// What a path leads to, symlinks followed; `nil` when it does not exist or cannot be examined.
    public static func of(target path: String) -> FileSnapshot? {
        (try? FilePath(path).stat()).map(FileSnapshot.init)
    }

    /// True when nothing exists at `path` (not even a dangling symlink), including when a folder on the way is missing.
    public static func isAbsent(_ path: String) -> Bool {
        do {
            _ = try FilePath(path).stat(followTargetSymlink: false)
            return false
        } catch {
            return error == .noSuchFileOrDirectory || error == .notDirectory
        }
    }

    init(_ info: Stat) {
        switch info.type {
        case .regular: kind = .regular
        case .directory: kind = .directory
        case .symbolicLink: kind = .symlink
        default: kind = .other
        }
        size = info.size
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.inode.rawValue)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `lstat`/`stat` say about a drop-folder entry: enough to classify it and to tell whether it is still changing.
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
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileSnapshot(info)
    }

    /// What a path leads to, symlinks followed; `nil` when it does not exist or cannot be examined.
    public static func of(target path: String) -> FileSnapshot? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileSnapshot(info)
    }

    /// True when nothing exists at `path` (not even a dangling symlink), including when a folder on the way is missing.
    public static func isAbsent(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) != 0 && (errno == ENOENT || errno == ENOTDIR)
    }

    private init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        size = Int64(info.st_size)
        #if canImport(Glibc)
            modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #else
            modifiedNanoseconds = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #endif
        inode = UInt64(info.st_ino)
    }
}

import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Moves and folders: the file operations of the drop folder besides reading and writing.
public enum FileMove {
    /// Moves a file (or a symlink itself) to `destination` in the same file system, never replacing a file that is
    /// there.
    ///
    /// - Throws: ``FileSystemError`` (`move`): `EEXIST` when the destination is taken, else the cause.
    public static func moveWithoutReplacing(_ source: String, to destination: String) throws {
        if let renameNoReplace = renameNoReplace() {
            if renameNoReplace(AT_FDCWD, source, AT_FDCWD, destination, 1) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS else {
                throw FileSystemError(operation: .move, path: source, errno: code, hint: "to \(destination)")
            }
        }
        // The file system does not support RENAME_NOREPLACE: check, then rename.
        guard FileSnapshot.isAbsent(destination) else {
            throw FileSystemError(operation: .move, path: source, code: .fileExists, hint: "to \(destination)")
        }
        guard rename(source, destination) == 0 else {
            throw FileSystemError(operation: .move, path: source, errno: errno, hint: "to \(destination)")
        }
    }

    /// Creates a folder (and its parents) unless it exists.
    ///
    /// - Throws: ``FileSystemError`` (`createFolder`), e.g. permission denied, or a file in the way.
    public static func ensureFolder(_ path: String) throws {
        if let snapshot = FileSnapshot.of(target: path) {
            guard snapshot.kind == .directory else {
                throw FileSystemError(
                    operation: .createFolder, path: path, code: .notDirectory, hint: "a file of that name is in the way")
            }
            return
        }
        var parent = FilePath(path)
        parent.removeLastComponent()
        if !parent.isEmpty && parent.string != path && FileSnapshot.of(target: parent.string) == nil {
            try ensureFolder(parent.string)
        }
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw FileSystemError(operation: .createFolder, path: path, errno: errno)
        }
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

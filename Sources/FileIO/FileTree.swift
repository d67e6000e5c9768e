import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Listing folders: the entries of one folder, and the regular files under a set of paths.
public enum FileTree {
    /// The names in a folder (without `.` and `..`), unsorted.
    ///
    /// - Throws: ``FileSystemError`` (`list`).
    public static func names(in folder: String) throws -> [String] {
        guard let directory = opendir(folder) else {
            throw FileSystemError(operation: .list, path: folder, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The regular files named by `paths`, folders expanded recursively (hidden entries skipped), sorted per folder;
    /// symlinks to files are followed, symlinked folders are not descended into.
    ///
    /// - Throws: ``FileSystemError`` for a path that does not exist or a folder that cannot be listed.
    public static func regularFiles(under paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            guard let snapshot = FileSnapshot.of(target: path) else {
                throw FileSystemError(operation: .read, path: path, code: .noSuchFileOrDirectory)
            }
            if snapshot.kind == .directory {
                result += try files(inFolder: path)
            } else {
                result.append(path)
            }
        }
        return result
    }

    private static func files(inFolder folder: String) throws -> [String] {
        var result: [String] = []
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for name in try names(in: folder).sorted() where !name.hasPrefix(".") {
            let path = base + "/" + name
            guard let entry = FileSnapshot.of(entry: path) else { continue }
            switch entry.kind {
            case .directory: result += try files(inFolder: path)
            case .regular: result.append(path)
            case .symlink: if FileSnapshot.of(target: path)?.kind == .regular { result.append(path) }
            case .other: continue
            }
        }
        return result
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import FileIO
import Foundation

/// Which entries of the drop folder are digests to take.
///
/// Contract:
/// - Only entries directly in the drop folder are considered (sub-folders such as `processed/`, `failed/` and
///   `reports/` are never entered).
/// - Ignored by name: hidden files (`.*`, which includes the daemon's own temporary files and pid file),
///   temporary and partial files (`*.tmp`, `*.part`, `*.partial`, `*.crdownload`, `*.swp`, `*~`), any case.
/// - Ignored by kind: folders, FIFOs, sockets, devices.
/// - A symlink is taken only when it resolves to a regular file inside the drop folder; one that leads out of it
///   (or nowhere) is ignored, so the daemon never reads or moves files outside the folder it was given.
public enum DropFileFilter {
    /// The name suffixes (lower case) of files still being written by common tools.
    public static let partialSuffixes = [".tmp", ".part", ".partial", ".crdownload", ".swp", "~"]

    /// Why a file name is ignored, or `nil` when a file of that name may be a digest.
    public static func ignoredReason(forName name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." { return "not a file name" }
        if name.hasPrefix(".") { return "hidden file" }
        let lower = name.lowercased()
        if let suffix = partialSuffixes.first(where: { lower.hasSuffix($0) }) {
            return "temporary or partial file (\(suffix))"
        }
        return nil
    }

    /// What an entry of the drop folder is to the daemon.
    public enum Classification: Sendable, Hashable {
        /// A digest candidate; the snapshot describes the file it leads to (the target of a symlink).
        case candidate(FileSnapshot)
        /// Not for the daemon, with why (for debug logs).
        case ignored(String)
        /// Nothing is there (any more).
        case absent
    }

    /// Classifies the entry `name` of `folder` (which should be given with symlinks resolved, see ``resolvedFolder(_:)``).
    public static func classify(name: String, in folder: URL) -> Classification {
        if let reason = ignoredReason(forName: name) { return .ignored(reason) }
        let path = folder.appendingPathComponent(name).path
        guard let entry = FileSnapshot.of(entry: path) else { return .absent }
        switch entry.kind {
        case .regular:
            return .candidate(entry)
        case .directory:
            return .ignored("folder")
        case .other:
            return .ignored("not a regular file")
        case .symlink:
            guard let target = realPath(path) else { return .ignored("symlink that leads nowhere") }
            let root = realPath(folder.path) ?? folder.path
            guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                return .ignored("symlink leading out of the drop folder (\(target))")
            }
            guard let snapshot = FileSnapshot.of(target: path), snapshot.kind == .regular else {
                return .ignored("symlink to something that is not a regular file")
            }
            return .candidate(snapshot)
        }
    }

    /// The names in `folder` that are digest candidates now, sorted (oldest-looking names first by plain order).
    ///
    /// - Throws: the error of listing the folder (missing, permission denied).
    public static func candidates(in folder: URL) throws -> [(name: String, snapshot: FileSnapshot)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            if case .candidate(let snapshot) = classify(name: name, in: folder) { return (name, snapshot) }
            return nil
        }
    }

    /// The folder with symlinks resolved (the daemon works on the real folder), or as given when it does not exist.
    public static func resolvedFolder(_ folder: URL) -> URL {
        realPath(folder.path).map { URL(fileURLWithPath: $0, isDirectory: true) } ?? folder.standardizedFileURL
    }

    /// `realpath(3)`: the absolute path with every symlink resolved, or `nil` when it does not lead to anything.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

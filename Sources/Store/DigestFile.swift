import Foundation

/// Reading digest files from disk, with the size limit applied before the bytes are loaded.
public enum DigestFile {
    /// The bytes of a regular file, refusing files over `maxBytes` before reading them.
    ///
    /// - Throws: ``StoreError`` naming the file: missing, a directory, unreadable, or too large.
    public static func read(_ url: URL, maxBytes: Int) throws -> [UInt8] {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError("\(path): no such file")
        }
        if isDirectory.boolValue { throw StoreError("\(path): is a directory") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
        if size > maxBytes {
            throw StoreError(
                "\(path): file is \(size) bytes, over the size limit of \(maxBytes) bytes (raise it with --max-size)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError("\(path): cannot open (permission denied?)")
        }
        defer { try? handle.close() }
        do {
            // Read at most one byte past the limit, in case the file grew since it was measured.
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            if data.count > maxBytes {
                throw StoreError("\(path): file is over the size limit of \(maxBytes) bytes (raise it with --max-size)")
            }
            return [UInt8](data)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot read: \(error.localizedDescription)")
        }
    }

    /// The regular files named by `paths`, folders expanded recursively (hidden entries skipped), sorted per folder.
    ///
    /// - Throws: ``StoreError`` for a path that does not exist.
    public static func expand(_ paths: [String]) throws -> [URL] {
        var result: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw StoreError("\(path): no such file or directory")
            }
            let url = URL(fileURLWithPath: path)
            guard isDirectory.boolValue else {
                result.append(url)
                continue
            }
            guard
                let enumerator = FileManager.default.enumerator(
                    at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { continue }
            var files: [URL] = []
            for case let file as URL in enumerator {
                let isRegular = (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
                if isRegular { files.append(file) }
            }
            result += files.sorted { $0.path < $1.path }
        }
        return result
    }
}

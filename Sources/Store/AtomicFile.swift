#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Writes files so that readers see the old content or the new, never half of it.
public enum AtomicFile {
    /// Writes `data` to a hidden temporary file beside `url`, flushes it, then renames it over `url`.
    ///
    /// - Throws: ``StoreError`` naming the file; the temporary file is removed on failure.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw StoreError("\(url.path): cannot create a file in \(folder.path) (missing folder or no permission)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try handle.write(contentsOf: data)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw StoreError("\(url.path): cannot write: \(error.localizedDescription)")
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw StoreError("\(url.path): cannot replace the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

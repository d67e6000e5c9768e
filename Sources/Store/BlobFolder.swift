import FileIO
import Foundation
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Large blobs of a store — a fit's vector blocks and model data, hundreds of MB — kept as files in a folder beside
/// the database (`paperradar.sqlite.blobs/`) instead of in SQLite pages.
///
/// SQLite writes a large blob page by page to its write-ahead log, copies it again at the checkpoint, reads every
/// overflow page back to free it, and holds the write lock throughout: saving a fit took seconds during which no
/// digest could be stored. A file is written before the small transaction that names it (atomically, flushed), read
/// straight into the arrays it holds, and removed after the transaction that stops naming it.
///
/// Consistency: a row names its file only after the file is complete; a file no row names is an orphan (a crash
/// between the two steps) and is removed by ``removeOrphans(referenced:olderThan:)`` once it is old enough not to
/// be another process's pending write. A reader that finds a named file gone (a refit removed it after the reader's
/// snapshot) gets a ``StoreError`` with ``StoreError/isConcurrentChange`` and reads again.
struct BlobFolder: Sendable {
    /// The folder.
    let path: String

    /// Payloads from this size on go to files; smaller ones (a digest's fold-in) stay in the database.
    static let threshold = 1 << 20

    /// The folder for the database at `databasePath`.
    init(databasePath: String) { path = databasePath + ".blobs" }

    /// A new, unique file name for a blob of `kind` (`block`, `model`).
    static func newName(kind: String) -> String {
        "\(kind)-\(UUID().uuidString.lowercased()).bin"
    }

    /// Writes a file atomically (flushed before it appears).
    func write(name: String, _ body: (inout AtomicFile.Writer) throws -> Void) throws {
        do {
            try FileMove.ensureFolder(path)
            try AtomicFile.write(to: path + "/" + name, body)
        } catch let error as FileSystemError {
            throw StoreError("cannot write \(path)/\(name): \(error)")
        }
    }

    /// A file's bytes.
    ///
    /// - Throws: ``StoreError``, with ``StoreError/isConcurrentChange`` when the file is gone.
    func read(name: String) throws -> [UInt8] {
        let file = path + "/" + name
        do {
            switch try BoundedFile.read(file, maxBytes: Int.max) {
            case .bytes(let bytes): return bytes
            case .tooLarge: throw StoreError("\(file) is too large to read")
            }
        } catch let error as FileSystemError where error.code == .noSuchFileOrDirectory {
            throw StoreError(concurrentChange: "\(file) is gone: the models changed while they were read (a refit finished)")
        } catch let error as FileSystemError {
            throw StoreError("cannot read \(file): \(error)")
        }
    }

    /// A file opened to be read a section at a time (``RandomAccessFile``).
    ///
    /// - Throws: ``StoreError``, with ``StoreError/isConcurrentChange`` when the file is gone.
    func open(name: String) throws -> RandomAccessFile {
        let file = path + "/" + name
        do {
            return try RandomAccessFile(path: file)
        } catch let error as FileSystemError where error.code == .noSuchFileOrDirectory {
            throw StoreError(concurrentChange: "\(file) is gone: the models changed while they were read (a refit finished)")
        } catch let error as FileSystemError {
            throw StoreError("cannot read \(file): \(error)")
        }
    }

    /// Removes files (after the transaction that stopped naming them); missing ones are fine.
    func remove(_ names: some Sequence<String>) {
        for name in names { unlink(path + "/" + name) }
    }

    /// Removes the files no row names that are older than `age` seconds (a crash between writing a file and the
    /// transaction naming it, or between that transaction and the removal of replaced files).
    ///
    /// - Returns: the names removed.
    @discardableResult
    func removeOrphans(referenced: Set<String>, olderThan age: Double) -> [String] {
        guard let names = try? FileTree.names(in: path) else { return [] }
        let now = Date().timeIntervalSince1970
        var removed: [String] = []
        for name in names where name.hasSuffix(".bin") && !referenced.contains(name) {
            guard let snapshot = FileSnapshot.of(entry: path + "/" + name), now - snapshot.modified > age else { continue }
            if unlink(path + "/" + name) == 0 { removed.append(name) }
        }
        return removed
    }
}

extension StoreError {
    /// An error saying that what was being read changed under the reader: reading again sees the new state.
    init(concurrentChange message: String) {
        self.init(message)
        isConcurrentChange = true
    }
}

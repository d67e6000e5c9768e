import FileIO
import Foundation
import GRDB
import PaperRadarCore

/// Reads a Zotero database (`zotero.sqlite`) as library entries, without touching it: the file (and its `-wal`
/// journal, when there is one) is copied to a temporary folder and the copy is opened read-only, so that a running
/// Zotero, which keeps its database locked, is no obstacle.
///
/// Every regular item that is not in the trash becomes an entry (notes, attachments and annotations are skipped):
/// its `title`, `abstractNote`, `url`, `DOI`, and `extra` together with `archiveID` (Zotero's `arXiv:2502.10391`
/// for preprints).
public enum ZoteroLibrary {
    /// The largest database read (Zotero databases are rarely above a few hundred megabytes).
    public static let maxBytes = 4 << 30

    /// The entries of the database at `path`.
    ///
    /// - Throws: ``StoreError`` when the file is not a readable Zotero database (with what to do).
    public static func entries(at path: String) throws -> [LibraryEntry] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperradar-zotero-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileMove.ensureFolder(folder.path)
            let copy = folder.appendingPathComponent("zotero.sqlite").path
            try copyFile(path, to: copy)
            if FileSnapshot.of(target: path + "-wal")?.kind == .regular { try copyFile(path + "-wal", to: copy + "-wal") }
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: copy, configuration: configuration)
            return try queue.read(readEntries)
        } catch let error as StoreError {
            throw error
        } catch let error as FileSystemError {
            throw StoreError("cannot read the Zotero database: \(error.description)")
        } catch let error as DatabaseError {
            throw StoreError(
                "\(path) is not a Zotero database (\(error.message ?? "\(error)")): give the zotero.sqlite file of "
                    + "your Zotero data folder (Zotero → Settings → Advanced → Files and Folders)")
        }
    }

    private static func copyFile(_ source: String, to destination: String) throws {
        switch try BoundedFile.read(source, maxBytes: maxBytes) {
        case .bytes(let bytes): try AtomicFile.write(bytes, to: destination)
        case .tooLarge(let size):
            throw StoreError("\(source) is \(size >> 20) MB, larger than a Zotero database can be here (4 GB)")
        }
    }

    private static func readEntries(_ db: Database) throws -> [LibraryEntry] {
        for table in ["items", "itemData", "itemDataValues", "fields", "itemTypes"] {
            guard try db.tableExists(table) else {
                throw StoreError(
                    "this SQLite file has no \(table) table, so it is not a Zotero database: give the zotero.sqlite "
                        + "file of your Zotero data folder")
            }
        }
        let trash = try db.tableExists("deletedItems") ? "AND i.itemID NOT IN (SELECT itemID FROM deletedItems)" : ""
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT i.itemID, f.fieldName, v.value
                FROM items i
                JOIN itemTypes t ON t.itemTypeID = i.itemTypeID
                JOIN itemData d ON d.itemID = i.itemID
                JOIN fields f ON f.fieldID = d.fieldID
                JOIN itemDataValues v ON v.valueID = d.valueID
                WHERE t.typeName NOT IN ('note', 'attachment', 'annotation') \(trash)
                  AND f.fieldName IN ('title', 'abstractNote', 'url', 'DOI', 'extra', 'archiveID')
                ORDER BY i.itemID
                """)
        var order: [Int64] = []
        var fields: [Int64: [String: String]] = [:]
        for row in rows {
            let item: Int64 = row[0]
            if fields[item] == nil { order.append(item) }
            let value: DatabaseValue = row[2]
            let text: String =
                switch value.storage {
                case .string(let string): string
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .null, .blob: ""
                }
            fields[item, default: [:]][row[1]] = text
        }
        return order.compactMap { item in
            guard let values = fields[item] else { return nil }
            let extra = [values["archiveID"], values["extra"]].compactMap { $0 }.joined(separator: "\n")
            return LibraryEntry(
                title: values["title"] ?? "", abstract: values["abstractNote"] ?? "", url: values["url"],
                doi: values["DOI"], extra: extra.isEmpty ? nil : extra)
        }
    }
}

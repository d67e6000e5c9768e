import Foundation
import GRDB
import PaperRadarCore

/// The SQLite store (through GRDB): papers, the versions seen, every digest ingested and what it mentioned.
///
/// All storage I/O of PaperRadar goes through this type. Each digest lands in one transaction; writes are
/// serialised by GRDB, reads may run concurrently (WAL) when the store is a file.
public final class PaperStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `nil` for an in-memory store.
    public let databaseURL: URL?
    /// Counts of the statements run, when `PAPERRADAR_TRACE_SQL=1` is set (benchmarks).
    public let statements: StatementCounter?
    /// Where large blobs (a fit's vector blocks and model data) are kept; `nil` for an in-memory store.
    let blobs: BlobFolder?

    /// Opens (creating when needed) the store at a location and migrates it to the current schema.
    public convenience init(location: StoreLocation) throws {
        do {
            try FileManager.default.createDirectory(at: location.home, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the PaperRadar home \(location.home.path): \(error.localizedDescription)")
        }
        try self.init(databaseURL: location.databaseURL)
    }

    /// Opens (creating when needed) the database file and migrates it.
    public init(databaseURL: URL) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let counter = ProcessInfo.processInfo.environment["PAPERRADAR_TRACE_SQL"] == "1" ? StatementCounter() : nil
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if let counter {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { counter.count(statement.sql) }
                }
            }
        }
        do {
            let pool = try DatabasePool(path: databaseURL.path, configuration: configuration)
            try Schema.migrator.migrate(pool)
            writer = pool
        } catch let error as DatabaseError {
            throw StoreError("cannot open the store \(databaseURL.path): \(error.message ?? "\(error)")")
        }
        self.databaseURL = databaseURL
        statements = counter
        blobs = BlobFolder(databasePath: databaseURL.path)
    }

    /// A private in-memory store, for tests and dry runs.
    public init() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        writer = queue
        databaseURL = nil
        statements = nil
        blobs = nil
    }
}

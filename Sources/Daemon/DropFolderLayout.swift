import FileIO
import Foundation

/// Where the daemon reads and writes, for one drop folder.
///
/// - `DROP/`: digests land here (only its direct entries are taken, see ``DropFileFilter``).
/// - `DROP/processed/`: digests that became a report (or were duplicates), under their own name (`-2`, `-3` … on
///   collision).
/// - `DROP/failed/`: digests that could not, each with `<name>.error.txt` beside it saying why.
/// - `REPORTS/` (default `DROP/reports/`): `<digest name without extension>.md` (+ `.html`, `.json`).
/// - `DROP/.paperradar.pid`: the running daemon's process id, locked with `flock` while it runs.
public struct DropFolderLayout: Sendable, Hashable {
    /// The drop folder, symlinks resolved.
    public var drop: URL
    /// The reports folder.
    public var reports: URL

    /// - Parameters:
    ///   - drop: the drop folder (made absolute; symlinks resolved when it exists).
    ///   - reports: the reports folder; default `drop/reports`.
    public init(drop: URL, reports: URL? = nil) {
        self.drop = DropFileFilter.resolvedFolder(drop.absoluteURL)
        let reportsFolder = reports.map { DropFileFilter.resolvedFolder($0.absoluteURL) }
        self.reports = reportsFolder ?? self.drop.appendingPathComponent("reports", isDirectory: true)
    }

    public var processed: URL { drop.appendingPathComponent("processed", isDirectory: true) }
    public var failed: URL { drop.appendingPathComponent("failed", isDirectory: true) }
    public var pidFile: URL { drop.appendingPathComponent(".paperradar.pid") }
    /// Where delivery attempts leave their receipts (``DeliveryReceipt``).
    public var receipts: URL { drop.appendingPathComponent(".paperradar-deliveries", isDirectory: true) }

    /// The path of a drop-folder entry.
    public func dropPath(_ name: String) -> String { drop.appendingPathComponent(name).path }

    /// The folders the daemon writes into (where stale temporary files may be left by a killed daemon).
    public var outputFolders: [String] { [reports.path, processed.path, failed.path] }

    /// Creates the drop folder and the output folders when missing.
    ///
    /// - Throws: ``FileSystemError`` (permission denied, a file in the way).
    public func prepare() throws {
        try FileMove.ensureFolder(drop.path)
        for folder in outputFolders { try FileMove.ensureFolder(folder) }
    }
}

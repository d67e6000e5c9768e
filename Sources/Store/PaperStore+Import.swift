import Foundation
import GRDB
import PaperRadarCore

/// What a bulk import did.
public struct ImportSummary: Sendable, Hashable {
    public var path: String
    /// Non-blank lines read.
    public var lineCount = 0
    public var newCount = 0
    public var updatedCount = 0
    public var unchangedCount = 0
    /// Lines that could not become a paper, with why (none is dropped silently).
    public var skipped: [ParseWarning] = []

    public init(path: String) { self.path = path }
}

extension PaperStore {
    /// Imports a JSON Lines file (plain or gzip) in one transaction: every line becomes a paper or a reported skip.
    ///
    /// Lines are decoded in parallel (``LineReader/forEachDecodedLine(decode:_:)``) and stored in file order (a paper
    /// repeated in the file is merged as if the lines came one by one).
    ///
    /// - Parameters:
    ///   - url: the file; gzip is recognised from its magic bytes.
    ///   - decode: turns one line's bytes into a paper, or throws an error whose description says why not.
    ///   - progress: called now and then with (compressed bytes read, file size).
    /// - Throws: ``StoreError`` when the file cannot be read (nothing is written then).
    public func importPapers(
        from url: URL, decode: @escaping @Sendable (ArraySlice<UInt8>) throws -> Paper,
        progress: ((_ bytesRead: Int, _ totalBytes: Int) -> Void)? = nil
    ) throws -> ImportSummary {
        let reader = LineReader(url: url)
        let total = reader.fileSize()
        var summary = ImportSummary(path: url.path)
        try writer.write { db in
            let now = Timestamp.now
            var sequence = try TextSequence(in: db)
            var lastReport = 0
            try reader.forEachDecodedLine(decode: decode) { number, decoded, bytesRead in
                summary.lineCount += 1
                switch decoded {
                case .failure(let error):
                    summary.skipped.append(ParseWarning(line: number, "\(error)"))
                case .success(let paper):
                    switch try Self.upsert(paper, source: "import", now: now, sequence: &sequence, in: db).change {
                    case .new: summary.newCount += 1
                    case .updated: summary.updatedCount += 1
                    case .unchanged: summary.unchangedCount += 1
                    }
                }
                if let progress, bytesRead - lastReport >= 1 << 20 {
                    lastReport = bytesRead
                    progress(bytesRead, total)
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO import_run (path, line_count, new_count, updated_count, unchanged_count,
                        skipped_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    url.path, summary.lineCount, summary.newCount, summary.updatedCount, summary.unchangedCount,
                    summary.skipped.count, now,
                ])
        }
        progress?(total, total)
        return summary
    }
}

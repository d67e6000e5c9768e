import ArgumentParser
import FileIO
import Foundation
import PaperRadarCore
import Pipeline
import Store

/// `paperradar ingest PATH…`: parse digests and store their papers, one transaction per digest.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse digest files (or folders, recursively) and store their papers.",
        discussion: """
            Prints one line per file: format, new / updated / unchanged papers, how many of them are title-only (no \
            English abstract yet), warnings. A file that cannot be \
            parsed is reported and skipped; the others still land. The same bytes ingested again change nothing.
            """)

    @Argument(help: "Digest files or folders.") var paths: [String]
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var limits: SizeLimitOptions

    func run() throws {
        let store = try storeOptions.openStore()
        let files: [URL]
        do {
            files = try FileTree.regularFiles(under: paths).map { URL(fileURLWithPath: $0) }
        } catch let error as FileSystemError {
            throw CLIError("\(error.path): \(error.cause)")
        }
        var failures = 0
        var totals = (files: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0)
        let intake = DigestIntake(store: store, maxBytes: limits.maxSize.value)
        for url in files {
            let path = url.path
            do {
                let taken = try intake.take(path)
                DigestWarnings.report(taken.parsed.warnings, path: path)
                switch taken.outcome {
                case .ingested(let ingested):
                    let record = ingested.record
                    totals.files += 1
                    totals.new += record.newCount
                    totals.updated += record.updatedCount
                    totals.unchanged += record.unchangedCount
                    print(Self.summaryLine(path: path, record: record))
                case .duplicate(let record):
                    totals.duplicates += 1
                    print("\(path): already ingested as digest #\(record.id) (\(record.path)), nothing changed")
                }
            } catch {
                failures += 1
                Terminal.error("error: \(error)")
            }
        }
        if files.count > 1 {
            print(
                "\(totals.files) digests ingested (\(totals.new) new, \(totals.updated) updated, "
                    + "\(totals.unchanged) unchanged papers), \(totals.duplicates) already known, \(failures) failed")
        }
        if failures > 0 { throw ExitCode.failure }
    }

    static func summaryLine(path: String, record: DigestRecord) -> String {
        let format = record.format?.rawValue ?? "empty"
        let warnings = record.warnings.count == 1 ? "1 warning" : "\(record.warnings.count) warnings"
        return "\(path): \(format), \(record.paperCount) papers (\(record.newCount) new, \(record.updatedCount) "
            + "updated, \(record.unchangedCount) unchanged), \(record.titleOnlyCount) title-only, \(warnings)"
    }
}

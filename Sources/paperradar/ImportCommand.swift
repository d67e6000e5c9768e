import ArgumentParser
import DigestParsing
import Foundation
import PaperRadarCore
import Store

/// `paperradar import FILE.jsonl[.gz]`: bulk import of JSON Lines metadata.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import papers from a JSON Lines metadata file (plain or gzip).",
        discussion: """
            Accepts {"id","title","abstract","categories":[…],"date"} lines and the arXiv metadata snapshot shape \
            (categories as one space-separated string, authors as one string, update_date). Lines that cannot be \
            read are reported with their line number; the import is one transaction.
            """)

    @Argument(help: "A .jsonl or .jsonl.gz file.") var file: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openStore()
        let url = URL(fileURLWithPath: file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ValidationError("\(file): no such file")
        }
        if isDirectory.boolValue { throw ValidationError("\(file) is a directory: give a .jsonl or .jsonl.gz file") }
        var bar = ProgressBar(label: "importing")
        let started = Stopwatch()
        let summary: ImportSummary
        do {
            summary = try store.importPapers(
                from: url, decode: { try MetadataRecord.paper(fromJSONLine: $0) },
                progress: { done, total in bar.update(done: done, total: total) })
        } catch let error as StoreError {
            bar.finish()
            throw CLIError("\(file): \(error.message) (nothing was imported)")
        }
        bar.finish()
        for warning in summary.skipped.prefix(20) {
            Terminal.error("\(file):\(warning.line ?? 0): skipped: \(warning.message)")
        }
        if summary.skipped.count > 20 { Terminal.error("… and \(summary.skipped.count - 20) more skipped lines") }
        let seconds = started.seconds
        print(
            "\(file): \(summary.lineCount) lines, \(summary.newCount) new, \(summary.updatedCount) updated, "
                + "\(summary.unchangedCount) unchanged, \(summary.skipped.count) skipped "
                + "(\(String(format: "%.1f", seconds)) s)")
        if !summary.skipped.isEmpty && summary.skipped.count == summary.lineCount { throw ExitCode.failure }
    }
}

import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline
import Reports
import Store

extension ReportFormat: ExpressibleByArgument {}

/// `--format` and `--out`, shared by every report command.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: md, html, json or atom.") var format: ReportFormat = .markdown
    @Option(name: .long, help: "Write the report to this file (atomically) instead of standard output.") var out: String?

    /// The report date: now, or `$SOURCE_DATE_EPOCH` (seconds since 1970) when set, so that reports can be
    /// reproduced byte for byte (the reproducible-builds convention).
    var now: Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(text) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    /// Prints the rendered report, or writes it to `--out` through a temporary file and a rename.
    func emit(_ text: String) throws {
        guard let out else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return
        }
        try AtomicWrite.write(text, to: out)
        Terminal.error("wrote \(out)")
    }
}

/// `paperradar report digest|topics`: rendered reports.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a digest report or the topic report (Markdown, HTML, JSON or Atom).",
        subcommands: [DigestReportCommand.self, TopicReportCommand.self])
}

/// `paperradar report digest FILE|ID`: one digest's papers with their topics and related papers.
struct DigestReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Report on one digest: its topic mix and every paper's related papers from the whole store.",
        discussion: """
            A FILE is ingested first if it has not been (ingesting the same bytes again changes nothing); a \
            number names a stored digest (see `paperradar stats --json`). Papers are grouped by topic, or ordered \
            by a reading profile with --profile.
            """)

    @Argument(help: "A digest file, or the number of a stored digest.") var digest: String
    @Option(name: .long, help: "Related papers per paper.") var top = 5
    @Option(name: .long, help: "Order the papers by this reading profile (profile.toml).") var profile: String?
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var sizeLimit: SizeLimitOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let repository = try storeOptions.openRepository()
        try CLIError.translating {
            let (digest, warnings) = try resolveDigest(repository.store)
            var space = try repository.openSpace()
            try repository.extend(&space, with: digest)
            let scores = try profile.map {
                try ReadingLists(space: space, store: repository.store)
                    .profileScores(profile: try ProfileLoading.load($0), ids: digest.papers.map(\.id))
            }
            let report = try ReportBuilder(space: space, store: repository.store, now: output.now).digestReport(
                digest, top: top, profileScores: scores, warnings: warnings,
                settings: profile.map { [.init(name: "profile", value: URL(fileURLWithPath: $0).lastPathComponent)] } ?? [])
            try output.emit(report.rendered(as: output.format))
        }
    }

    /// The digest, ingesting a file that is not stored yet; the file's parse warnings, when read.
    private func resolveDigest(_ store: PaperStore) throws -> (IngestedDigest, [String]?) {
        if let id = Int64(digest), !FileManager.default.fileExists(atPath: digest) {
            guard let stored = try store.ingestedDigest(id: id) else {
                throw CLIError("there is no digest #\(id) (and no file named \(digest))")
            }
            return (stored, nil)
        }
        let taken = try DigestIntake(store: store, maxBytes: sizeLimit.maxSize.value).take(digest)
        DigestWarnings.report(taken.parsed.warnings, path: digest)
        let warnings = taken.parsed.warnings.map(\.description)
        switch taken.outcome {
        case .ingested(let ingested):
            Terminal.error(
                "ingested \(URL(fileURLWithPath: digest).lastPathComponent): \(ingested.record.paperCount) papers, "
                    + "\(ingested.record.newCount) new")
            return (ingested, warnings)
        case .duplicate(let record):
            guard let stored = try store.ingestedDigest(id: record.id) else {
                throw CLIError("digest #\(record.id) vanished from the store")
            }
            return (stored, warnings)
        }
    }
}

/// `paperradar report topics`: every topic, the map and topics over time.
struct TopicReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Report on every topic: size, growth, terms, central and bridge papers, k curve, map, timeline.")

    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let (store, space) = try storeOptions.openSpace()
        try CLIError.translating {
            try output.emit(try ReportBuilder(space: space, store: store, now: output.now).topicReport().rendered(as: output.format))
        }
    }
}

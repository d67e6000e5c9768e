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
        let engine = Engine(store: try storeOptions.openStore())
        do {
            let (digestID, warnings) = try resolveDigest(engine.store)
            let space = try engine.vectorSpace()
            let scores = try profile.map { try ProfileLoading.scores(file: $0, engine: engine, digestID: digestID, space: space) }
            let report = try engine.digestReport(
                digestID: digestID, space: space, top: top, profileScores: scores, warnings: warnings,
                settings: profile.map { [.init(name: "profile", value: URL(fileURLWithPath: $0).lastPathComponent)] } ?? [],
                now: output.now)
            try output.emit(report.rendered(as: output.format))
        } catch let error as PipelineError {
            throw CLIError(error.message)
        }
    }

    /// The stored digest's id, ingesting a file that is not stored yet; the file's parse warnings, when read.
    private func resolveDigest(_ store: PaperStore) throws -> (Int64, [String]?) {
        if let id = Int64(digest), !FileManager.default.fileExists(atPath: digest) {
            guard try store.digest(id: id) != nil else {
                throw CLIError("there is no digest #\(id) (and no file named \(digest))")
            }
            return (id, nil)
        }
        let url = URL(fileURLWithPath: digest)
        let loaded: LoadedDigest
        do {
            loaded = try DigestLoading.load(url, maxBytes: sizeLimit.maxSize.value)
        } catch let error as FileError {
            throw CLIError(error.description)
        }
        DigestLoading.reportWarnings(loaded.parsed.warnings, path: url.path)
        let warnings = loaded.parsed.warnings.map(\.description)
        do {
            switch try store.ingest(loaded.parsed, from: loaded.source) {
            case .ingested(let record):
                Terminal.error("ingested \(url.lastPathComponent): \(record.paperCount) papers, \(record.newCount) new")
                return (record.id, warnings)
            case .duplicate(let record):
                return (record.id, warnings)
            }
        } catch let error as StoreError {
            throw CLIError(error.message)
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
        let engine = Engine(store: try storeOptions.openStore())
        do {
            try output.emit(try engine.topicReport(now: output.now).rendered(as: output.format))
        } catch let error as PipelineError {
            throw CLIError(error.message)
        }
    }
}

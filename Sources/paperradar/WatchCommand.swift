import ArgumentParser
import Daemon
import FileIO
import Foundation
import Logging
import Pipeline
import Recommendation
import Reports
import Store

/// `paperradar watch DROP_DIR`: the daemon that turns every digest landing in a folder into a report.
struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a drop folder and turn every digest that lands in it into a report.",
        discussion: """
            Each settled digest is parsed, stored, related to the whole store under the current model, and reported \
            as REPORTS/<digest name>.md (plus .html, .json with --formats); the digest then moves to \
            DROP_DIR/processed/. A file that cannot be read as a digest moves to DROP_DIR/failed/ with \
            <name>.error.txt saying why. The same bytes dropped again (under any name) are recorded as a duplicate \
            and not reported twice. Hidden, *.tmp, *.part and *~ files are ignored: write under such a name and \
            rename when complete. Without a model, one is fitted after the first digests are stored; refits run in \
            the background (--refit-growth, --refit-interval). SIGTERM or Ctrl-C stops after the digest in \
            progress. Logs go to stderr, one line per digest.

            --once processes what is in the folder and exits with 0 when at least one digest was processed \
            (reported, or recorded as a duplicate) or delivered, and nothing failed, 1 when a digest failed or had \
            to stay in the folder (disk full, permission denied) or a mail or hook is left for a retry, 3 when \
            there was nothing to do.
            """)

    @Argument(help: "The drop folder (created when missing).") var dropFolder: String
    @Flag(name: .long, help: "Process what is in the drop folder, then exit (for cron and systemd timers).")
    var once = false
    @OptionGroup var watchOptions: WatchOptions
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A reading profile: a profile.toml file, or the name of a stored profile (see `paperradar like`). Each "
                + "report lists the digest's papers best first for it instead of grouped by topic."))
    var profile: String?
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        try watchOptions.validate()
        _ = try LogLevel.parse(logLevel)
    }

    func run() async throws {
        let store = try storeOptions.openStore()
        let reportProfile = try profile.map { name -> ReportProfile in
            let resolved = try ProfileLoading.resolve(name, store: store)
            return ReportProfile(name: resolved.label, profile: resolved.profile)
        }
        let configuration = try watchOptions.configuration(dropFolder: dropFolder, once: once, profile: reportProfile)
        let logger = DropFolderDaemon.logger(level: try LogLevel.parse(logLevel))
        try SearchIndexing.catchUp(store, logger: logger)
        let summary: DropFolderService.Summary
        do {
            summary = try await DropFolderDaemon.run(configuration: configuration, store: store, logger: logger)
        } catch let error as DaemonError {
            throw CLIError(error.message)
        } catch let error as FileSystemError {
            throw CLIError(error.description)
        } catch let error as StoreError {
            throw CLIError(error.message)
        }
        guard once else { return }
        var line =
            "\(summary.reported) reported, \(summary.duplicates) duplicates, \(summary.failed) failed, "
            + "\(summary.leftForRetry.count) left for retry"
        if !configuration.delivery.isEmpty || summary.delivered + summary.deliveriesOpen > 0 {
            line += "; \(summary.delivered) delivered, \(summary.deliveriesOpen) deliveries waiting"
        }
        print(line + "; reports in \(configuration.layout.reports.path)")
        if summary.failed > 0 || !summary.leftForRetry.isEmpty || summary.deliveryFailures > 0 {
            throw ExitCode.failure
        }
        if summary.processed == 0 && summary.delivered == 0 { throw ExitCode(3) }
    }
}

/// The drop-folder daemon's options, shared by `watch` and `serve --watch`.
struct WatchOptions: ParsableArguments {
    @Option(name: .long, help: "Where reports are written (default: DROP_FOLDER/reports).") var reports: String?
    @Option(name: .long, help: "Report formats, comma-separated: md, html, json, atom.") var formats = "md"
    @Option(name: .long, help: "Milliseconds a file must stay unchanged after it is closed before it is taken.")
    var settleMs = 50
    @OptionGroup var limits: SizeLimitOptions
    @Option(name: .long, help: "Digests listing more papers than this go to failed/.") var maxPapers = 10_000
    @Option(name: .long, help: "Related papers listed for each paper of a digest.") var related = 5
    @Option(name: .long, help: "Refit in the background when the store grew by this fraction since the model (0: never).")
    var refitGrowth = 0.2
    @Option(name: .long, help: "Refit in the background when the model is older than this many hours (0: never).")
    var refitInterval = 24.0
    @Option(name: .long, help: "Seconds between full rescans of the drop folder (a safety net for missed events).")
    var rescanSeconds = 30.0
    @OptionGroup var mail: MailOptions
    @Option(
        name: .customLong("on-report"),
        help: ArgumentHelp(
            "A command run by /bin/sh -c after each report, with PAPERRADAR_REPORT, PAPERRADAR_DIGEST, "
                + "PAPERRADAR_PAPERS, PAPERRADAR_NEW (and more, see the README) in its environment.",
            valueName: "command"))
    var onReport: String?
    @Option(name: .long, help: "Seconds an --on-report command may run before it is killed.") var hookTimeout = 30.0
    @Option(name: .long, help: "Attempts of a failed mail or hook before it is given up (until `deliveries retry`).")
    var deliveryAttempts = 10
    @Option(name: .long, help: "Seconds before a failed mail or hook is tried again (doubling each time, at most 1 h).")
    var deliveryBackoff = 30.0
    @Option(
        name: .customLong("feed-url"),
        help: ArgumentHelp(
            "The URL the reports folder is published under (e.g. https://example.org/radar/): the feeds link to "
                + "themselves with rel=\"self\".", valueName: "url"))
    var feedURL: String?

    func validate() throws {
        _ = try parsedFormats()
        guard settleMs >= 0 else { throw ValidationError("--settle-ms cannot be negative") }
        guard maxPapers >= 1 else { throw ValidationError("--max-papers must be at least 1") }
        guard related >= 1 else { throw ValidationError("--related must be at least 1") }
        guard refitGrowth >= 0 else { throw ValidationError("--refit-growth cannot be negative") }
        guard refitInterval >= 0 else { throw ValidationError("--refit-interval cannot be negative") }
        guard rescanSeconds >= 1 else { throw ValidationError("--rescan-seconds must be at least 1") }
        guard hookTimeout > 0 else { throw ValidationError("--hook-timeout must be positive") }
        guard deliveryAttempts >= 1 else { throw ValidationError("--delivery-attempts must be at least 1") }
        guard deliveryBackoff > 0 && deliveryBackoff <= 3_600 else {
            throw ValidationError("--delivery-backoff must be more than 0 and at most 3600 seconds")
        }
        if let onReport, onReport.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--on-report needs a command")
        }
        if let feedURL {
            guard let url = URL(string: feedURL), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                url.host != nil
            else { throw ValidationError("--feed-url must be an http or https URL, e.g. https://example.org/radar/") }
        }
    }

    /// The daemon's configuration for a drop folder.
    func configuration(dropFolder: String, once: Bool, profile: ReportProfile?) throws -> DaemonConfiguration {
        let layout = DropFolderLayout(
            drop: URL(fileURLWithPath: dropFolder), reports: reports.map { URL(fileURLWithPath: $0) })
        return DaemonConfiguration(
            layout: layout, formats: try parsedFormats(), settle: Double(settleMs) / 1000,
            maxBytes: limits.maxSize.value, maxPapers: maxPapers, relatedCount: related,
            refit: RefitPolicy(growth: refitGrowth, interval: refitInterval > 0 ? refitInterval * 3600 : nil),
            rescanInterval: rescanSeconds, once: once, profile: profile,
            delivery: DeliverySettings(
                mail: try mail.settings(), hook: onReport.map { HookSettings(command: $0, timeout: hookTimeout) },
                policy: DeliveryPolicy(
                    maximumAttempts: deliveryAttempts, initialDelay: deliveryBackoff,
                    maximumDelay: max(deliveryBackoff, 3_600))),
            feeds: FeedSettings(url: feedURL))
    }

    private func parsedFormats() throws -> [ReportFormat] {
        var result: [ReportFormat] = []
        for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else {
                throw ValidationError("unknown report format '\(name)' in --formats (use md, html, json or atom)")
            }
            if !result.contains(format) { result.append(format) }
        }
        guard !result.isEmpty else { throw ValidationError("--formats needs at least one format") }
        return result
    }
}

/// `--log-level`.
enum LogLevel {
    static func parse(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError(
                "unknown --log-level '\(text)' (use trace, debug, info, notice, warning, error or critical)")
        }
        return level
    }
}

#if canImport(Glibc)
    import Glibc
#endif
import DigestParsing
import FileIO
import Foundation
import Logging
import PaperRadarCore
import Pipeline
import Reports
import Store

/// Turns one settled drop-folder file into a report, following the journal's exactly-once protocol (see
/// ``DigestJournal``): read → parse → store → extend the model's space and build the report (``ModelKeeper``) →
/// write atomically → record the deliveries and feed entries → write the rolling feeds → move to `processed/`; or to
/// `failed/` with an error file; or record a duplicate. The deliveries themselves are carried out by ``Deliverer``.
///
/// File and journal steps run on a thread of their own, the model step on the keeper's. It never throws: every
/// result, including transient problems to retry, is a ``ProcessingOutcome``, and each digest gets one log line
/// with its timings.
public final class DigestProcessor: Sendable {
    public let configuration: DaemonConfiguration
    public let journal: DigestJournal
    public let intake: DigestIntake
    public let keeper: ModelKeeper
    /// The rolling feeds, recorded with each report and written before the move.
    public let feeds: RollingFeeds
    private let logger: Logger
    private let thread = DedicatedThread(label: "paperradar.digest")
    /// Called after each durable step; a throw aborts processing right there, as a crash would (tests).
    private let checkpoint: @Sendable (Checkpoint) throws -> Void

    /// The durable steps of the protocol, in order (see ``DigestJournal``).
    enum Checkpoint: Sendable, Hashable {
        case ingested
        case reserved
        case reportWritten(Int)
        case reported
        case feedsWritten
        case moved
        case duplicateRecorded
        case failureRecorded
        case errorFileWritten
    }

    public convenience init(
        configuration: DaemonConfiguration, journal: DigestJournal, intake: DigestIntake, keeper: ModelKeeper,
        logger: Logger
    ) {
        self.init(
            configuration: configuration, journal: journal, intake: intake, keeper: keeper, logger: logger,
            checkpoint: { _ in })
    }

    init(
        configuration: DaemonConfiguration, journal: DigestJournal, intake: DigestIntake, keeper: ModelKeeper,
        logger: Logger, checkpoint: @escaping @Sendable (Checkpoint) throws -> Void
    ) {
        self.configuration = configuration
        self.journal = journal
        self.intake = intake
        self.keeper = keeper
        self.feeds = RollingFeeds(
            reportsFolder: configuration.layout.reports.path, settings: configuration.feeds,
            profile: configuration.profile, store: journal.store)
        self.logger = logger
        self.checkpoint = checkpoint
    }

    private var layout: DropFolderLayout { configuration.layout }

    /// What the file and journal steps before the report left to do.
    private enum Stage: Sendable {
        case finished(ProcessingOutcome)
        /// Stored; the report is to be computed (`entry` is the journal's, `resumedFrom` the state an earlier
        /// attempt had reached).
        case needsReport(IngestedDigest, JournalEntry, resumedFrom: JournalState?, StageClock)
        /// Every report file was written before an interrupted run: only the move is left.
        case needsMove(JournalEntry, resumedFrom: JournalState?, StageClock)

        /// The outcome of a finished stage.
        var outcome: ProcessingOutcome {
            if case .finished(let outcome) = self { return outcome }
            return .retry(RetryReason(message: "processing stopped before the report", isFileSystem: false))
        }
    }

    /// Processes the drop-folder file `name`.
    ///
    /// - Parameter ingestOnly: stop once the digest is stored (start-up batch before the first fit); the next
    ///   call resumes from there.
    public func process(_ name: String, ingestOnly: Bool = false) async -> ProcessingOutcome {
        let stage = await thread.run { [self] in catching { try prepare(name, ingestOnly: ingestOnly) } }
        switch stage {
        case .finished(let outcome):
            return outcome
        case .needsMove(let entry, let resumedFrom, let clock):
            return await thread.run { [self] in
                catching { .finished(try finish(name, entry: entry, resumedFrom: resumedFrom, clock: clock)) }
            }.outcome
        case .needsReport(let digest, let entry, let resumedFrom, var clock):
            let report: DigestReport
            do {
                report = try await keeper.report(
                    for: digest, relatedCount: configuration.relatedCount, profile: configuration.profile,
                    settings: [.init(name: "daemon", value: "paperradar watch")])
            } catch {
                return .retry(RetryReason(message: "\(error)", isFileSystem: false))
            }
            clock.lap(.model)
            let computed = report
            let timed = clock
            let order = digest.papers.map(\.id.rawValue)
            return await thread.run { [self] in
                catching {
                    .finished(
                        try write(
                            computed, digestOrder: order, name: name, entry: entry, resumedFrom: resumedFrom, clock: timed))
                }
            }.outcome
        }
    }

    /// Runs a step, turning errors into outcomes: file-system problems and other errors are retried.
    private func catching(_ step: () throws -> Stage) -> Stage {
        do {
            return try step()
        } catch let error as FileSystemError {
            if error.operation == .read && error.isMissing { return .finished(.vanished) }
            return .finished(.retry(RetryReason(message: error.description, isFileSystem: true)))
        } catch {
            return .finished(.retry(RetryReason(message: "\(error)", isFileSystem: false)))
        }
    }

    /// Moves a file the daemon keeps failing on to `failed/` (after repeated non-file-system errors).
    public func giveUp(on name: String, attempts: Int, lastError: String) async -> ProcessingOutcome {
        await thread.run { [self] in
            catching {
                .finished(
                    try fail(name, contentHash: nil, problem: .gaveUp(attempts: attempts, lastError: lastError), size: nil))
            }.outcome
        }
    }

    /// Steps 1–4: read, look up, parse, store.
    private func prepare(_ name: String, ingestOnly: Bool) throws -> Stage {
        var clock = StageClock()
        clock.statementsAtStart = intake.store.statements?.counts
        let path = layout.dropPath(name)
        guard case .candidate = DropFileFilter.classify(name: name, in: layout.drop) else { return .finished(.vanished) }

        // 1. Read and hash.
        let read: DigestReader.DigestBytes
        switch try intake.reader.read(path) {
        case .tooLarge(let size):
            return .finished(
                try fail(name, contentHash: nil, problem: .tooLarge(bytes: size, limit: configuration.maxBytes), size: size))
        case .read(let bytes):
            read = bytes
        }
        let contentHash = read.contentHash
        let size = Int64(read.bytes.count)
        clock.lap(.read)

        // 2. Look up.
        let existing = try journal.entry(contentHash: contentHash)
        if let existing, existing.state >= .delivering {
            return .finished(try duplicate(name, of: existing, clock: &clock))
        }
        let resumedFrom = existing?.state
        if let existing, existing.state == .reported {
            return .needsMove(existing, resumedFrom: resumedFrom, clock)
        }

        // 3–4. Parse and store (a resumed digest is stored already: its papers are read back once).
        let digest: IngestedDigest
        var entry: JournalEntry
        if let existing, let digestID = existing.digestID {
            guard let stored = try intake.store.ingestedDigest(id: digestID) else {
                throw DaemonError("the journal names digest #\(digestID) for \(name), which is not in the store")
            }
            digest = stored
            entry = existing.reportBase == nil ? try journal.recordIngested(stored.record, fileName: name) : existing
        } else {
            let parsed: ParsedDigest
            do {
                parsed = try intake.reader.parse(read)
            } catch let error as DigestParseError {
                return .finished(try fail(name, contentHash: contentHash, problem: .unparsable(error), size: size))
            }
            if parsed.format == nil {
                return .finished(try fail(name, contentHash: contentHash, problem: .blank, size: size))
            }
            if parsed.papers.count > configuration.maxPapers {
                return .finished(
                    try fail(
                        name, contentHash: contentHash,
                        problem: .tooManyPapers(count: parsed.papers.count, limit: configuration.maxPapers), size: size))
            }
            clock.lap(.parse)
            switch try intake.ingest(parsed, from: read) {
            case .ingested(let ingested):
                digest = ingested
            // Stored before the journal heard of it: a crash between the two steps, or `paperradar ingest`.
            case .duplicate(let record):
                guard let stored = try intake.store.ingestedDigest(id: record.id) else {
                    throw DaemonError("digest #\(record.id) vanished from the store")
                }
                digest = stored
            }
            entry = try journal.recordIngested(digest.record, fileName: name)
            try checkpoint(.ingested)
            clock.lap(.ingest)
        }
        if ingestOnly { return .finished(.ingested(fileName: name)) }
        return .needsReport(digest, entry, resumedFrom: resumedFrom, clock)
    }

    /// Steps 6–8: reserve the report name, write every format, record `reported` with the deliveries and feed
    /// entries; then the feeds and the move.
    private func write(
        _ report: DigestReport, digestOrder: [String], name: String, entry: JournalEntry, resumedFrom: JournalState?,
        clock: StageClock
    ) throws -> ProcessingOutcome {
        var clock = clock
        var entry = entry
        let rendered = configuration.formats.map { ($0, report.rendered(as: $0)) }
        clock.lap(.render)
        let base = try journal.reserveReportBase(contentHash: entry.contentHash, fileName: name)
        try checkpoint(.reserved)
        var files: [String] = []
        for (format, text) in rendered {
            let file = base + "." + format.fileExtension
            try AtomicFile.write(text, to: file)
            files.append(file)
            try checkpoint(.reportWritten(files.count))
        }
        entry.movedTo = try journal.recordReported(
            contentHash: entry.contentHash, fileName: name, files: files, modelHash: report.provenance.modelHash,
            topicsHash: report.provenance.topicsHash, deliveries: deliveries(of: report, name: name, files: files),
            feeds: feeds.updates(for: report, digestOrder: digestOrder))
        try checkpoint(.reported)
        entry.reportFiles = files
        entry.modelHash = report.provenance.modelHash
        entry.topicsHash = report.provenance.topicsHash
        clock.lap(.write)
        return try finish(name, entry: entry, resumedFrom: resumedFrom, clock: clock)
    }

    /// The mail and hook of a digest's report, as recorded with it.
    func deliveries(of report: DigestReport, name: String, files: [String]) -> [NewDelivery] {
        var deliveries: [NewDelivery] = []
        if let mail = configuration.delivery.mail {
            let message = report.mailMessage(from: mail.from, to: mail.to)
            deliveries.append(
                NewDelivery(
                    kind: .mail, target: mail.to.joined(separator: ","), messageID: message.messageID,
                    payload: DeliveryPayload.mail(message.rendered(), from: mail.from).json))
        }
        if let hook = configuration.delivery.hook {
            var environment = [
                "PAPERRADAR_DIGEST": name, "PAPERRADAR_DIGEST_HASH": report.digest.contentHash,
                "PAPERRADAR_PAPERS": "\(report.summary.paperCount)", "PAPERRADAR_NEW": "\(report.summary.newCount)",
                "PAPERRADAR_SUBJECT": report.mailSubject, "PAPERRADAR_REPORT": files.first ?? "",
                "PAPERRADAR_REPORTS": files.joined(separator: "\n"),
                "PAPERRADAR_FEED": feeds.paths.first ?? "",
            ]
            for (format, file) in zip(configuration.formats, files) {
                environment["PAPERRADAR_REPORT_" + format.fileExtension.uppercased()] = file
            }
            deliveries.append(
                NewDelivery(
                    kind: .hook, target: hook.command, messageID: nil,
                    payload: DeliveryPayload.hook(hook.command, environment: environment).json))
        }
        return deliveries
    }

    /// Steps 9–10: write the rolling feeds, move the digest file to its place in `processed/` and record
    /// `delivering` (or `done`).
    private func finish(
        _ name: String, entry: JournalEntry, resumedFrom: JournalState?, clock: StageClock
    ) throws -> ProcessingOutcome {
        var clock = clock
        var entry = entry
        if entry.movedTo == nil {
            entry.movedTo = try journal.recordReported(
                contentHash: entry.contentHash, fileName: name, files: entry.reportFiles, modelHash: entry.modelHash,
                topicsHash: entry.topicsHash)
        }
        guard let target = entry.movedTo else { throw DaemonError("no place in processed/ for \(name)") }
        try feeds.write()
        try checkpoint(.feedsWritten)
        try moveDigest(layout.dropPath(name), to: target)
        try checkpoint(.moved)
        let state = try journal.markMoved(contentHash: entry.contentHash)
        try? journal.store.clearRetry(fileName: name)
        clock.lap(.move)
        let reported = ReportedDigest(
            fileName: name, paperCount: entry.paperCount, newCount: entry.newCount, reportFiles: entry.reportFiles,
            movedTo: target, modelHash: entry.modelHash, topicsHash: entry.topicsHash, resumedFrom: resumedFrom,
            timings: clock.laps, awaitsDelivery: state == .delivering)
        log(reported, statements: clock.statementsAtStart.flatMap { start in
            intake.store.statements.map { ($0.counts.statements - start.statements, $0.counts.paperReads - start.paperReads) }
        })
        return .reported(reported)
    }

    /// Moves the digest file; a file that already left the drop folder after it was read is not an error (its
    /// report is written), anything else is.
    private func moveDigest(_ path: String, to target: String) throws {
        do {
            try FileMove.moveWithoutReplacing(path, to: target)
        } catch let error as FileSystemError where error.code == .noSuchFileOrDirectory && FileSnapshot.isAbsent(path) {
            logger.warning("\(path) left the drop folder before it could be moved to \(target)")
        }
    }

    private func duplicate(_ name: String, of original: JournalEntry, clock: inout StageClock) throws
        -> ProcessingOutcome
    {
        let record = try journal.recordDuplicate(contentHash: original.contentHash, fileName: name)
        try checkpoint(.duplicateRecorded)
        try moveDigest(layout.dropPath(name), to: record.movedTo)
        try checkpoint(.moved)
        try journal.store.markDuplicateMoved(id: record.id)
        try? journal.store.clearRetry(fileName: name)
        clock.lap(.move)
        logger.info(
            "duplicate: \(name) has the same bytes as \(original.fileName), already reported; moved to processed/",
            metadata: [
                "file": "\(name)", "duplicate_of": "\(original.fileName)",
                "report": "\(original.reportFiles.first ?? "")", "moved_to": "\(record.movedTo)",
                "ms": "\(clock.totalMilliseconds)",
            ])
        return .duplicate(record, original: original)
    }

    private func fail(_ name: String, contentHash: String?, problem: DigestProblem, size: Int64?) throws
        -> ProcessingOutcome
    {
        let record = try journal.recordFailure(contentHash: contentHash, fileName: name, error: problem.description)
        let text = Self.errorFileText(
            fileName: name, size: size, contentHash: contentHash, problem: problem, dropFolder: layout.drop.path)
        try checkpoint(.failureRecorded)
        try AtomicFile.write(text, to: record.errorFile)
        try checkpoint(.errorFileWritten)
        try moveDigest(layout.dropPath(name), to: record.movedTo)
        try checkpoint(.moved)
        try journal.store.markFailureMoved(id: record.id)
        try? journal.store.clearRetry(fileName: name)
        logger.error(
            "failed: \(name): \(problem); moved to failed/ with \(URL(fileURLWithPath: record.errorFile).lastPathComponent)",
            metadata: ["file": "\(name)", "moved_to": "\(record.movedTo)"])
        return .failed(record)
    }

    /// The text of `<name>.error.txt`: what was wrong and what to do.
    static func errorFileText(
        fileName: String, size: Int64?, contentHash: String?, problem: DigestProblem, dropFolder: String,
        now: Date = Date()
    ) -> String {
        var lines = ["PaperRadar could not turn this file into a digest report.", ""]
        lines.append("File:     \(fileName)")
        if let size { lines.append("Size:     \(size) bytes") }
        if let contentHash { lines.append("SHA-256:  \(contentHash)") }
        lines.append("When:     \(Timestamp.string(from: now))")
        lines.append("")
        lines.append("Problem:  \(problem)")
        lines.append("")
        lines.append("What to do: \(problem.advice)")
        lines.append("Then drop the corrected file into \(dropFolder) again: it is taken like a new one.")
        return lines.joined(separator: "\n") + "\n"
    }

    private func log(_ digest: ReportedDigest, statements: (all: Int, paperReads: Int)?) {
        let timings = digest.timings.map { "\($0.stage.rawValue)=\(Self.milliseconds($0.seconds))" }
            .joined(separator: " ")
        var metadata: Logger.Metadata = [
            "file": "\(digest.fileName)", "papers": "\(digest.paperCount)", "new": "\(digest.newCount)",
            "ms": "\(Self.milliseconds(digest.timings.reduce(0) { $0 + $1.seconds }))", "stages_ms": "\(timings)",
            "reports": "\(digest.reportFiles.joined(separator: ","))",
            "model": "\(digest.modelHash ?? "none")",
        ]
        if let resumed = digest.resumedFrom { metadata["resumed_from"] = "\(resumed.rawValue)" }
        if let statements {
            metadata["sql_statements"] = "\(statements.all)"
            metadata["sql_paper_reads"] = "\(statements.paperReads)"
        }
        logger.info("processed \(digest.fileName) → \(digest.reportFiles.first ?? "no report")", metadata: metadata)
    }

    static func milliseconds(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) }
}

/// Stage timings of one digest.
struct StageClock {
    private var watch = Stopwatch()
    /// The store's statement counts when the digest was taken (with `PAPERRADAR_TRACE_SQL=1`).
    var statementsAtStart: (statements: Int, paperReads: Int)?
    private(set) var laps: [(stage: ProcessingStage, seconds: Double)] = []

    mutating func lap(_ stage: ProcessingStage) {
        laps.append((stage, watch.lap()))
    }

    var totalMilliseconds: String { DigestProcessor.milliseconds(laps.reduce(0) { $0 + $1.seconds }) }
}

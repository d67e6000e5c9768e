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
/// ``DigestJournal``): parse → store → extend the model's space → report → write atomically → move to
/// `processed/`; or to `failed/` with an error file; or record a duplicate.
///
/// Synchronous and blocking: run it on the daemon's processing queue. It never throws: every result, including
/// transient problems to retry, is a ``ProcessingOutcome``, and each digest gets one log line with its timings.
public final class DigestProcessor: Sendable {
    public let configuration: DaemonConfiguration
    public let journal: DigestJournal
    public let keeper: ModelKeeper
    private let logger: Logger
    /// Called after each durable step; a throw aborts processing right there, as a crash would (tests).
    private let checkpoint: @Sendable (Checkpoint) throws -> Void

    /// The durable steps of the protocol, in order (see ``DigestJournal``).
    enum Checkpoint: Sendable, Hashable {
        case ingested
        case reserved
        case reportWritten(Int)
        case reported
        case moved
        case duplicateRecorded
        case failureRecorded
        case errorFileWritten
    }

    public convenience init(
        configuration: DaemonConfiguration, journal: DigestJournal, keeper: ModelKeeper, logger: Logger
    ) {
        self.init(configuration: configuration, journal: journal, keeper: keeper, logger: logger, checkpoint: { _ in })
    }

    init(
        configuration: DaemonConfiguration, journal: DigestJournal, keeper: ModelKeeper, logger: Logger,
        checkpoint: @escaping @Sendable (Checkpoint) throws -> Void
    ) {
        self.configuration = configuration
        self.journal = journal
        self.keeper = keeper
        self.logger = logger
        self.checkpoint = checkpoint
    }

    private var layout: DropFolderLayout { configuration.layout }
    private var store: PaperStore { journal.store }

    /// Processes the drop-folder file `name`.
    ///
    /// - Parameter ingestOnly: stop once the digest is stored (start-up batch before the first fit); the next
    ///   call resumes from there.
    public func process(_ name: String, ingestOnly: Bool = false) -> ProcessingOutcome {
        var clock = StageClock()
        do {
            return try run(name, ingestOnly: ingestOnly, clock: &clock)
        } catch let error as FileSystemError {
            if error.operation == .read && error.isMissing { return .vanished }
            return .retry(RetryReason(message: error.description, isFileSystem: true))
        } catch {
            return .retry(RetryReason(message: "\(error)", isFileSystem: false))
        }
    }

    /// Moves a file the daemon keeps failing on to `failed/` (after repeated non-file-system errors).
    public func giveUp(on name: String, attempts: Int, lastError: String) -> ProcessingOutcome {
        do {
            return try fail(name, contentHash: nil, problem: .gaveUp(attempts: attempts, lastError: lastError), size: nil)
        } catch let error as FileSystemError {
            return .retry(RetryReason(message: error.description, isFileSystem: true))
        } catch {
            return .retry(RetryReason(message: "\(error)", isFileSystem: false))
        }
    }

    private func run(_ name: String, ingestOnly: Bool, clock: inout StageClock) throws -> ProcessingOutcome {
        let path = layout.dropPath(name)
        guard case .candidate = DropFileFilter.classify(name: name, in: layout.drop) else { return .vanished }

        // 1. Read and hash.
        let bytes: [UInt8]
        switch try BoundedFile.read(path, maxBytes: configuration.maxBytes) {
        case .tooLarge(let size):
            return try fail(name, contentHash: nil, problem: .tooLarge(bytes: size, limit: configuration.maxBytes), size: size)
        case .bytes(let read):
            bytes = read
        }
        let contentHash = SHA256.hexDigest(bytes)
        clock.lap(.read)

        // 2. Look up.
        var entry = try journal.entry(contentHash: contentHash)
        let resumedFrom = entry?.state
        if let entry, entry.state == .done {
            return try duplicate(name, of: entry, clock: &clock)
        }

        // 3–4. Parse and store.
        if entry == nil {
            let parsed: ParsedDigest
            do {
                parsed = try DigestParser(options: .init(maxBytes: configuration.maxBytes)).parse(bytes: bytes)
            } catch let error as DigestParseError {
                return try fail(name, contentHash: contentHash, problem: .unparsable(error), size: Int64(bytes.count))
            }
            if parsed.format == nil {
                return try fail(name, contentHash: contentHash, problem: .blank, size: Int64(bytes.count))
            }
            if parsed.papers.count > configuration.maxPapers {
                return try fail(
                    name, contentHash: contentHash,
                    problem: .tooManyPapers(count: parsed.papers.count, limit: configuration.maxPapers),
                    size: Int64(bytes.count))
            }
            clock.lap(.parse)
            let source = DigestSource(path: path, contentHash: contentHash, byteCount: bytes.count)
            let record: DigestRecord
            switch try store.ingest(parsed, from: source) {
            case .ingested(let stored): record = stored
            // Stored before the journal heard of it: a crash between the two steps, or `paperradar ingest`.
            case .duplicate(let stored): record = stored
            }
            entry = try journal.recordIngested(record, fileName: name)
            try checkpoint(.ingested)
            clock.lap(.ingest)
        } else if let existing = entry, existing.reportBase == nil {
            entry = try store.journalRecordIngested(
                contentHash: contentHash, fileName: name, digestID: existing.digestID ?? 0,
                paperCount: existing.paperCount, newCount: existing.newCount)
        }
        guard var entry, let digestID = entry.digestID else {
            throw DaemonError("the journal entry of \(name) has no digest id")
        }
        if ingestOnly { return .ingested(fileName: name) }

        // 5–7. Report (unless every file was written before a crash).
        if entry.state < .reported {
            let computed = try computeReport(digestID: digestID)
            clock.lap(.model)
            let rendered = configuration.formats.map { ($0, computed.rendered(as: $0)) }
            clock.lap(.render)
            let base = try journal.reserveReportBase(contentHash: contentHash, fileName: name)
            try checkpoint(.reserved)
            var files: [String] = []
            for (format, text) in rendered {
                let file = base + "." + format.fileExtension
                try AtomicFile.write(text, to: file)
                files.append(file)
                try checkpoint(.reportWritten(files.count))
            }
            let target = try journal.recordReported(
                contentHash: contentHash, fileName: name, files: files, modelHash: computed.provenance.modelHash,
                topicsHash: computed.provenance.topicsHash)
            try checkpoint(.reported)
            entry.reportFiles = files
            entry.modelHash = computed.provenance.modelHash
            entry.topicsHash = computed.provenance.topicsHash
            entry.movedTo = target
            clock.lap(.write)
        } else if entry.movedTo == nil {
            entry.movedTo = try journal.recordReported(
                contentHash: contentHash, fileName: name, files: entry.reportFiles, modelHash: entry.modelHash,
                topicsHash: entry.topicsHash)
        }

        // 8–9. Move and finish.
        guard let target = entry.movedTo else { throw DaemonError("no place in processed/ for \(name)") }
        try moveDigest(path, to: target)
        try checkpoint(.moved)
        try journal.markDone(contentHash: contentHash)
        try? store.journalClearRetry(fileName: name)
        clock.lap(.move)
        let reported = ReportedDigest(
            fileName: name, paperCount: entry.paperCount, newCount: entry.newCount, reportFiles: entry.reportFiles,
            movedTo: target, modelHash: entry.modelHash, topicsHash: entry.topicsHash, resumedFrom: resumedFrom,
            timings: clock.laps)
        log(reported)
        return .reported(reported)
    }

    /// The report of a stored digest against the current model (the model gate held only while computing).
    private func computeReport(digestID: Int64) throws -> DigestReport {
        let engine = keeper.engine
        return try keeper.withCurrentSpace { space in
            var scores: [ArxivID: Double]?
            var settings: [ReportProvenance.Setting] = [.init(name: "daemon", value: "paperradar watch")]
            if let profile = configuration.profile {
                // A profile that cannot score (no liked paper in the store yet, …) must not hold the digest back.
                do {
                    let ids = try store.papers(inDigest: digestID).map(\.id)
                    scores = try profile.scores(engine, space, ids)
                    settings.append(.init(name: "profile", value: profile.file))
                } catch {
                    logger.warning("the profile \(profile.file) cannot order this report (ordered by topic): \(error)")
                }
            }
            return try engine.digestReport(
                digestID: digestID, space: space, top: configuration.relatedCount, profileScores: scores,
                settings: settings)
        }
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
        try store.journalMarkDuplicateMoved(id: record.id)
        try? store.journalClearRetry(fileName: name)
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
        try store.journalMarkFailureMoved(id: record.id)
        try? store.journalClearRetry(fileName: name)
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

    private func log(_ digest: ReportedDigest) {
        let timings = digest.timings.map { "\($0.stage.rawValue)=\(Self.milliseconds($0.seconds))" }
            .joined(separator: " ")
        var metadata: Logger.Metadata = [
            "file": "\(digest.fileName)", "papers": "\(digest.paperCount)", "new": "\(digest.newCount)",
            "ms": "\(Self.milliseconds(digest.timings.reduce(0) { $0 + $1.seconds }))", "stages_ms": "\(timings)",
            "reports": "\(digest.reportFiles.joined(separator: ","))",
            "model": "\(digest.modelHash ?? "none")",
        ]
        if let resumed = digest.resumedFrom { metadata["resumed_from"] = "\(resumed.rawValue)" }
        logger.info("processed \(digest.fileName) → \(digest.reportFiles.first ?? "no report")", metadata: metadata)
    }

    static func milliseconds(_ seconds: Double) -> String { String(Int((seconds * 1000).rounded())) }
}

/// Stage timings of one digest.
struct StageClock {
    private var watch = Stopwatch()
    private(set) var laps: [(stage: ProcessingStage, seconds: Double)] = []

    mutating func lap(_ stage: ProcessingStage) {
        laps.append((stage, watch.lap()))
    }

    var totalMilliseconds: String { DigestProcessor.milliseconds(laps.reduce(0) { $0 + $1.seconds }) }
}

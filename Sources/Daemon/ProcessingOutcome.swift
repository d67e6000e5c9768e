import Store

/// The stages of processing one digest, as timed in its log line.
public enum ProcessingStage: String, Sendable, Hashable {
    case read
    case parse
    case ingest
    /// Extending the model's space with the digest's papers and computing the report.
    case model
    case render
    case write
    case move
}

/// A digest that became a report.
public struct ReportedDigest: Sendable {
    public var fileName: String
    public var paperCount: Int
    public var newCount: Int
    /// The report files written, in format order.
    public var reportFiles: [String]
    /// Where the digest file went.
    public var movedTo: String
    public var modelHash: String?
    public var topicsHash: String?
    /// The journal state an earlier (interrupted) attempt had reached, when this one resumed it.
    public var resumedFrom: JournalState?
    public var timings: [(stage: ProcessingStage, seconds: Double)]
    /// Whether a mail or hook of it is to be delivered (the journal state is `delivering`).
    public var awaitsDelivery = false

    /// Total seconds over all stages.
    public var seconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}

/// Why a file stays in the drop folder for now.
public struct RetryReason: Sendable, Hashable {
    public var message: String
    /// A file-system problem (disk full, permission denied, missing folder): retried without limit, since the
    /// file is fine. Other errors are retried a few times, then the file goes to `failed/`.
    public var isFileSystem: Bool
}

/// What processing one drop-folder file did.
public enum ProcessingOutcome: Sendable {
    case reported(ReportedDigest)
    /// The same bytes were reported before: recorded and moved to `processed/`, no new report.
    case duplicate(JournalDuplicate, original: JournalEntry)
    /// Moved to `failed/` with an error file.
    case failed(JournalFailure)
    /// Stored, report pending (start-up batch before the first fit).
    case ingested(fileName: String)
    /// Kept in the drop folder, to be retried.
    case retry(RetryReason)
    /// The file left the drop folder (or stopped being a candidate) before it was taken.
    case vanished
}

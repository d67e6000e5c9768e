import Foundation
import PaperRadarCore
import Pipeline
import Store

/// What `paperradar status` shows: the daemon, its queue, what it processed, duplicates, failures, the model and
/// the corpus. Built from the journal and the store (``gather(store:drop:now:)``); the JSON form is this type
/// encoded.
public struct DaemonStatus: Sendable, Codable, Hashable {
    /// The drop folder (the one given, else the one the daemon last watched), if known.
    public var drop: String?
    public var reports: String?
    public var daemon: Daemon
    /// Files in the drop folder waiting to be taken.
    public var queue: [QueuedFile]
    /// Digests turned into reports, oldest first.
    public var processed: [ProcessedDigest]
    /// Digests started but not finished (an interrupted run, or a file that left the drop folder meanwhile).
    public var inProgress: [InProgressDigest]
    public var duplicates: [Duplicate]
    public var failures: [Failure]
    /// Mails and hooks: how many went out, and those waiting or given up.
    public var deliveries: Deliveries
    public var model: Model?
    public var corpus: Corpus

    public struct Daemon: Sendable, Codable, Hashable {
        public var running: Bool
        public var pid: Int32?
        /// When the last run started.
        public var startedAt: String?
    }

    public struct QueuedFile: Sendable, Codable, Hashable {
        public var file: String
        public var bytes: Int64
        /// The transient problem that keeps it there, if any.
        public var problem: String?
        public var attempts: Int?
        public var nextAttempt: String?
    }

    public struct ProcessedDigest: Sendable, Codable, Hashable {
        public var file: String
        public var papers: Int
        public var newPapers: Int
        public var reports: [String]
        public var movedTo: String?
        public var model: String?
        public var at: String
    }

    public struct InProgressDigest: Sendable, Codable, Hashable {
        public var file: String
        public var state: String
        public var at: String
    }

    public struct Duplicate: Sendable, Codable, Hashable {
        public var file: String
        /// The file name the same bytes were first reported under.
        public var duplicateOf: String?
        public var report: String?
        public var movedTo: String
        public var at: String
    }

    public struct Failure: Sendable, Codable, Hashable {
        public var file: String
        public var reason: String
        public var movedTo: String
        public var errorFile: String
        public var at: String
    }

    public struct Deliveries: Sendable, Codable, Hashable {
        public var sent: Int
        /// Waiting for their first attempt or a retry (or under way).
        public var pending: [Delivery]
        /// Given up after their attempts: `paperradar deliveries retry` tries them again.
        public var failed: [Delivery]
    }

    public struct Delivery: Sendable, Codable, Hashable {
        public var id: Int64
        /// The digest file it belongs to.
        public var digest: String
        /// `mail` or `hook`.
        public var kind: String
        /// The recipients, or the hook's command.
        public var target: String
        public var messageID: String?
        public var state: String
        public var attempts: Int
        public var nextAttempt: String?
        public var lastError: String?
    }

    public struct Model: Sendable, Codable, Hashable {
        /// `<tfidf>+<lsa>`, as reports name it.
        public var hash: String
        public var fittedAt: String
        public var ageHours: Double?
        /// Papers it was fitted on.
        public var paperCount: Int
        public var topics: String?
    }

    public struct Corpus: Sendable, Codable, Hashable {
        public var papers: Int
        public var digests: Int
    }

    /// Reads the journal and the store.
    ///
    /// - Parameter drop: the drop folder to report on; default the one the daemon last watched.
    public static func gather(store: PaperStore, drop: URL? = nil, now: Date = Date()) throws -> DaemonStatus {
        let journal = JournalStore(store: store)
        let lastDrop = try journal.meta("drop")
        let dropPath = drop.map { DropFolderLayout(drop: $0).drop.path } ?? lastDrop
        let layout = dropPath.map { DropFolderLayout(drop: URL(fileURLWithPath: $0)) }
        let pid = layout.flatMap { PidLock.holder(of: $0.pidFile.path) }
        let retries = Dictionary(try journal.retries().map { ($0.fileName, $0) }) { a, _ in a }
        var queue: [QueuedFile] = []
        if let layout, let candidates = try? DropFileFilter.candidates(in: layout.drop) {
            queue = candidates.map { candidate in
                let retry = retries[candidate.name]
                return QueuedFile(
                    file: candidate.name, bytes: candidate.snapshot.size, problem: retry?.error,
                    attempts: retry?.attempts, nextAttempt: retry?.nextAttemptAt)
            }
        }
        let entries = try journal.entries()
        let byHash = Dictionary(entries.map { ($0.contentHash, $0) }) { a, _ in a }
        let processed = entries.filter { $0.state == .done }.map {
            ProcessedDigest(
                file: $0.fileName, papers: $0.paperCount, newPapers: $0.newCount, reports: $0.reportFiles,
                movedTo: $0.movedTo, model: $0.modelHash, at: $0.updatedAt)
        }
        let inProgress = entries.filter { $0.state != .done }.map {
            InProgressDigest(file: $0.fileName, state: $0.state.rawValue, at: $0.updatedAt)
        }
        let duplicates = try journal.duplicates().map {
            Duplicate(
                file: $0.fileName, duplicateOf: byHash[$0.contentHash]?.fileName,
                report: byHash[$0.contentHash]?.reportFiles.first, movedTo: $0.movedTo, at: $0.recordedAt)
        }
        let failures = try journal.failures().map {
            Failure(file: $0.fileName, reason: $0.error, movedTo: $0.movedTo, errorFile: $0.errorFile, at: $0.recordedAt)
        }
        let all = try journal.deliveries()
        func delivery(_ d: JournalDelivery) -> Delivery {
            Delivery(
                id: d.id, digest: byHash[d.contentHash]?.fileName ?? String(d.contentHash.prefix(12)),
                kind: d.kind.rawValue, target: d.target, messageID: d.messageID, state: d.state.rawValue,
                attempts: d.attempts, nextAttempt: d.state == .pending ? d.nextAttemptAt : nil, lastError: d.lastError)
        }
        let deliveries = Deliveries(
            sent: all.count { $0.state == .sent },
            pending: all.filter { $0.state == .pending || $0.state == .sending }.map(delivery),
            failed: all.filter { $0.state == .failed }.map(delivery))
        let infos = try store.currentModelInfos()
        var model: Model?
        if let tfidf = infos[ModelRepository.Kind.tfidf], let lsa = infos[ModelRepository.Kind.lsa] {
            let fitted = Timestamp.date(from: tfidf.createdAt)
            model = Model(
                hash: "\(tfidf.contentHash)+\(lsa.contentHash)", fittedAt: tfidf.createdAt,
                ageHours: fitted.map { (now.timeIntervalSince($0) / 3600 * 10).rounded() / 10 },
                paperCount: tfidf.paperCount, topics: infos[ModelRepository.Kind.topics]?.summary)
        }
        let stats = try store.stats(top: 0)
        return DaemonStatus(
            drop: dropPath, reports: try journal.meta("reports"),
            daemon: Daemon(running: pid != nil, pid: pid == 0 ? nil : pid, startedAt: try journal.meta("started_at")),
            queue: queue, processed: processed, inProgress: inProgress, duplicates: duplicates, failures: failures,
            deliveries: deliveries, model: model, corpus: Corpus(papers: stats.paperCount, digests: stats.digestCount))
    }

    /// The status for a terminal: a few aligned lines per section, the latest `limit` items of each list.
    public func rendered(limit: Int = 10) -> String {
        var lines: [String] = []
        let state = daemon.running ? "running" + (daemon.pid.map { ", pid \($0)" } ?? "") : "not running"
        lines.append("drop folder: \(drop ?? "unknown (the daemon never ran with this store; give --drop)") (\(state))")
        if let reports { lines.append("reports:     \(reports)") }
        if let startedAt = daemon.startedAt { lines.append("last start:  \(startedAt)") }

        lines.append("queue:       \(queue.count) file\(queue.count == 1 ? "" : "s") waiting")
        for file in queue.prefix(limit) {
            let problem = file.problem.map { " — retry \(file.attempts ?? 0) (\(file.nextAttempt ?? "soon")): \($0)" } ?? ""
            lines.append("  \(file.file) (\(file.bytes) bytes)\(problem)")
        }
        lines.append("processed:   \(processed.count) digest\(processed.count == 1 ? "" : "s")")
        for digest in processed.suffix(limit) {
            let report = digest.reports.first.map { relative($0) } ?? "no report"
            lines.append("  \(digest.file): \(digest.papers) papers (\(digest.newPapers) new) → \(report)")
        }
        if processed.count > limit { lines.append("  … and \(processed.count - limit) earlier") }
        if !inProgress.isEmpty {
            lines.append("in progress: \(inProgress.count)")
            for digest in inProgress.suffix(limit) { lines.append("  \(digest.file): \(digest.state) at \(digest.at)") }
        }
        lines.append("duplicates:  \(duplicates.count)")
        for duplicate in duplicates.suffix(limit) {
            lines.append("  \(duplicate.file): same bytes as \(duplicate.duplicateOf ?? "an earlier digest")")
        }
        lines.append("failures:    \(failures.count)")
        for failure in failures.suffix(limit) {
            lines.append("  \(failure.file): \(failure.reason) (see \(relative(failure.errorFile)))")
        }
        let delivery = deliveries
        if delivery.sent + delivery.pending.count + delivery.failed.count > 0 {
            lines.append(
                "deliveries:  \(delivery.sent) sent, \(delivery.pending.count) pending, \(delivery.failed.count) failed")
            for item in delivery.pending.suffix(limit) {
                let why = item.lastError.map { ": \($0)" } ?? ""
                let when = item.state == "sending" ? "under way" : "next attempt \(item.nextAttempt ?? "soon")"
                lines.append("  pending \(item.kind) for \(item.digest) (\(item.attempts) attempts, \(when))\(why)")
            }
            for item in delivery.failed.suffix(limit) {
                lines.append(
                    "  FAILED \(item.kind) for \(item.digest) after \(item.attempts) attempts: \(item.lastError ?? "unknown")")
            }
            if !delivery.failed.isEmpty { lines.append("  (`paperradar deliveries retry` sends the failed ones again now)") }
        }
        if let model {
            let age = model.ageHours.map { String(format: "%.1f h ago", $0) } ?? "age unknown"
            lines.append("model:       \(model.hash), fitted \(model.fittedAt) (\(age)) on \(model.paperCount) papers")
            if let topics = model.topics { lines.append("topics:      \(topics)") }
        } else {
            lines.append("model:       none yet (fitted when the first digests arrive, or `paperradar fit`)")
        }
        lines.append("corpus:      \(corpus.papers) papers, \(corpus.digests) digests")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A path relative to the drop folder when it is inside it.
    private func relative(_ path: String) -> String {
        guard let drop, path.hasPrefix(drop + "/") else { return path }
        return String(path.dropFirst(drop.count + 1))
    }
}

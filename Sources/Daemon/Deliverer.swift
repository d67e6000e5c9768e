import Foundation
import Logging
import PaperRadarCore
import Store

/// What a recorded delivery carries (the `payload` column, as JSON).
public struct DeliveryPayload: Sendable, Hashable, Codable {
    /// The rendered message (mail).
    public var message: String?
    /// The envelope sender, passed as `-f` (mail).
    public var from: String?
    /// The command run by `/bin/sh -c` (hook).
    public var command: String?
    /// Variables added to the hook's environment.
    public var environment: [String: String]?

    public static func mail(_ message: String, from: String?) -> Self {
        DeliveryPayload(message: message, from: from, command: nil, environment: nil)
    }

    public static func hook(_ command: String, environment: [String: String]) -> Self {
        DeliveryPayload(message: nil, from: nil, command: command, environment: environment)
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public init(message: String?, from: String?, command: String?, environment: [String: String]?) {
        self.message = message
        self.from = from
        self.command = command
        self.environment = environment
    }

    public init(json: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
    }
}

/// Carries out recorded deliveries (mails and hooks) with the journal's before-and-after discipline: `sending` is
/// recorded before the program runs, `sent` after it exited with 0; a failure is retried with the policy's backoff,
/// then given up (`failed`). A crash between the two records is settled by the attempt's ``DeliveryReceipt``: a
/// program that finished with 0 after the daemon died counts as sent; without a receipt the delivery is sent again
/// (at least once), and never again once `sent` is recorded.
public struct Deliverer: Sendable {
    public let store: JournalStore
    public let programs: DeliveryPrograms
    public let policy: DeliveryPolicy
    /// The folder of the attempts' receipts (``DropFolderLayout/receipts``).
    public let receipts: URL
    private let logger: Logger

    public init(store: JournalStore, programs: DeliveryPrograms, policy: DeliveryPolicy, receipts: URL, logger: Logger) {
        self.store = store
        self.programs = programs
        self.policy = policy
        self.receipts = receipts
        self.logger = logger
    }

    /// What one round of deliveries did.
    public struct Round: Sendable, Hashable {
        public var sent = 0
        /// Attempts that failed and will be retried.
        public var retrying = 0
        /// Deliveries given up (failed) in this round.
        public var gaveUp = 0
        /// When the next pending delivery is due (seconds since 1970), if any.
        public var next: Double?

        public var attempted: Int { sent + retrying + gaveUp }
    }

    /// Delivers every pending delivery of a moved digest that is due at `now`, oldest first.
    public func deliverDue(now: Date = Date()) async -> Round {
        var round = Round()
        let pending: [JournalDelivery]
        do {
            pending = try store.pendingDeliveries()
        } catch {
            logger.error("cannot read the pending deliveries: \(error)")
            return round
        }
        let plan = DeliveryPolicy.plan(
            pending.map { ($0, Timestamp.date(from: $0.nextAttemptAt)?.timeIntervalSince1970) },
            now: now.timeIntervalSince1970)
        for delivery in plan.due {
            switch await deliver(delivery) {
            case .sent: round.sent += 1
            case .retrying(let at):
                round.retrying += 1
                round.next = min(round.next ?? at, at)
            case .gaveUp: round.gaveUp += 1
            }
        }
        if let next = plan.next { round.next = min(round.next ?? next, next) }
        return round
    }

    enum Result: Sendable, Hashable {
        case sent
        case retrying(at: Double)
        case gaveUp
    }

    /// One attempt of one delivery, recorded before and after.
    func deliver(_ delivery: JournalDelivery) async -> Result {
        let digest = (try? store.entry(contentHash: delivery.contentHash))?.fileName ?? String(delivery.contentHash.prefix(12))
        let what = delivery.kind == .mail ? "mail of \(digest) to \(delivery.target)" : "hook for \(digest)"
        let receipt = DeliveryReceipt(folder: receipts, id: delivery.id)
        if receipt.exists {
            // An attempt interrupted by a crash of the daemon: its program may have finished since (or still run).
            let timeout = delivery.kind == .mail ? programs.mailTimeout : programs.hookTimeout
            if await receipt.awaitInterruptedAttempt(timeout: timeout) == 0 {
                do {
                    try store.recordSent(id: delivery.id)
                    receipt.remove()
                    logger.info("the \(what) had gone out before the restart; not sent again")
                    return .sent
                } catch {
                    logger.error("cannot record the \(what) that went out before the restart: \(error)")
                    return .retrying(at: Date().timeIntervalSince1970 + policy.initialDelay)
                }
            }
            receipt.remove()
        }
        do {
            try FileManager.default.createDirectory(at: receipts, withIntermediateDirectories: true)
            try store.recordSending(id: delivery.id)
        } catch {
            logger.error("cannot record the start of the \(what): \(error); it stays pending")
            return .retrying(at: Date().timeIntervalSince1970 + policy.initialDelay)
        }
        let attempt = delivery.attempts + 1
        let result: ProgramResult
        do {
            var payload = try DeliveryPayload(json: delivery.payload)
            if delivery.kind == .hook, let movedTo = (try? store.entry(contentHash: delivery.contentHash))?.movedTo {
                payload.environment?["PAPERRADAR_DIGEST_FILE"] = movedTo
            }
            result = try await run(delivery.kind, payload, receipt: receipt)
        } catch {
            result = ProgramResult(ending: .notStarted("unreadable delivery record: \(error)"), output: "", seconds: 0)
        }
        var metadata: Logger.Metadata = [
            "digest": "\(digest)", "kind": "\(delivery.kind.rawValue)", "attempt": "\(attempt)",
            "ms": "\(Int((result.seconds * 1000).rounded()))",
        ]
        if let id = delivery.messageID { metadata["message_id"] = "\(id)" }
        if !result.output.isEmpty { metadata["output"] = "\(result.output)" }
        defer { receipt.remove() }
        if result.succeeded {
            do {
                try store.recordSent(id: delivery.id)
            } catch {
                // Sent, but not recorded: it is sent again after a restart (the Message-ID marks the repeat).
                logger.error("the \(what) went out but cannot be recorded: \(error)")
            }
            let done = delivery.kind == .mail ? "mailed \(digest) to \(delivery.target)" : "hook for \(digest) done"
            logger.info("\(done)", metadata: metadata)
            return .sent
        }
        let problem = (delivery.kind == .mail ? "the mailer " : "the hook ") + result.endingDescription
        let delay = policy.delay(afterFailedAttempts: attempt)
        let next = delay.map { Date().addingTimeInterval($0) }
        do {
            try store.recordFailedAttempt(
                id: delivery.id, error: problem + (result.output.isEmpty ? "" : ": " + Self.oneLine(result.output)),
                nextAttemptAt: next.map(Timestamp.string(from:)))
        } catch {
            logger.error("cannot record the failed \(what): \(error)")
        }
        if let delay, let next {
            logger.warning(
                "\(what) failed: \(problem); retry \(attempt + 1) of \(policy.maximumAttempts) in \(Int(delay.rounded())) s",
                metadata: metadata)
            return .retrying(at: next.timeIntervalSince1970)
        }
        logger.error(
            "\(what) failed: \(problem); given up after \(attempt) attempts (`paperradar deliveries retry` tries again)",
            metadata: metadata)
        return .gaveUp
    }

    /// Runs the delivery's program under the receipt's wrapper.
    private func run(_ kind: DeliveryKind, _ payload: DeliveryPayload, receipt: DeliveryReceipt) async throws
        -> ProgramResult
    {
        var result: ProgramResult
        switch kind {
        case .mail:
            guard let message = payload.message else { throw DaemonError("a mail delivery without a message") }
            if let reason = ProgramRunner.whyNotRunnable(programs.sendmail) {
                return ProgramResult(ending: .notStarted(reason), output: "", seconds: 0)
            }
            result = await ProgramRunner.run(
                "/bin/sh",
                arguments: receipt.command(
                    running: programs.sendmail, arguments: ["-t", "-i"] + (payload.from.map { ["-f", $0] } ?? [])),
                input: message, timeout: programs.mailTimeout)
        case .hook:
            guard let command = payload.command else { throw DaemonError("a hook delivery without a command") }
            result = await ProgramRunner.run(
                "/bin/sh", arguments: receipt.command(running: "/bin/sh", arguments: ["-c", command]),
                environment: payload.environment ?? [:], timeout: programs.hookTimeout)
        }
        // The wrapper exits with the shell's status: 128 + n for a program killed by signal n.
        if case .exited(let status) = result.ending, status > 128, status < 128 + 65 {
            result.ending = .signaled(status - 128)
        }
        return result
    }

    /// Output on one line, for the journal's error column.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " / ")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}

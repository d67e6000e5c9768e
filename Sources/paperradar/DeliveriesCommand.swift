#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Daemon
import Foundation
import Logging
import Store

/// `paperradar deliveries [retry]`: the watch daemon's mails and hooks.
struct Deliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the watch daemon's mails and hooks, or send the failed ones again now.",
        subcommands: [DeliveriesList.self, DeliveriesRetry.self], defaultSubcommand: DeliveriesList.self)
}

/// `paperradar deliveries list`.
struct DeliveriesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every mail and hook of the daemon, with its state and last error.")

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let journal = JournalStore(store: try storeOptions.openStore())
        let all = try CLIError.translating { try journal.deliveries() }
        let names = Dictionary(try CLIError.translating { try journal.entries() }.map { ($0.contentHash, $0.fileName) }) {
            a, _ in a
        }
        func digestName(_ delivery: JournalDelivery) -> String {
            names[delivery.contentHash] ?? String(delivery.contentHash.prefix(12))
        }
        if json {
            print(try PaperJSON.encode(all.map { DeliveryLine($0, digest: digestName($0)) }, pretty: true))
            return
        }
        if all.isEmpty {
            print("no deliveries yet (watch --mail-to or --on-report)")
            return
        }
        for delivery in all {
            let line = DeliveryLine(delivery, digest: digestName(delivery))
            var text = "#\(line.id) \(line.state) \(line.kind) for \(line.digest) → \(line.target) (\(line.attempts) attempts"
            if let sent = line.sentAt { text += ", sent \(sent)" }
            if line.state == "pending", let next = line.nextAttempt { text += ", next \(next)" }
            text += ")"
            if let error = line.lastError, line.state != "sent" { text += ": \(error)" }
            print(text)
        }
    }
}

/// One delivery as listed.
struct DeliveryLine: Codable {
    var id: Int64
    var digest: String
    var contentHash: String
    var kind: String
    var target: String
    var messageID: String?
    var state: String
    var attempts: Int
    var nextAttempt: String?
    var lastError: String?
    var sentAt: String?

    init(_ delivery: JournalDelivery, digest: String) {
        id = delivery.id
        self.digest = digest
        contentHash = delivery.contentHash
        kind = delivery.kind.rawValue
        target = delivery.target
        messageID = delivery.messageID
        state = delivery.state.rawValue
        attempts = delivery.attempts
        nextAttempt = delivery.state == .pending ? delivery.nextAttemptAt : nil
        lastError = delivery.lastError
        sentAt = delivery.sentAt
    }
}

/// `paperradar deliveries retry`: failed (given-up) deliveries become pending and are sent now.
struct DeliveriesRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send the failed mails and hooks again now (and those waiting for a retry).",
        discussion: """
            Failed deliveries get their attempts back. When the daemon is running it is woken (SIGUSR1) and sends \
            them; otherwise this command sends them itself, with the mailer and timeouts the daemon last ran with \
            (--sendmail overrides the mailer), holding the drop folder's lock meanwhile. Exits with 1 when a \
            delivery failed again.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "The sendmail-compatible program (default: the one the daemon last used).")
    var sendmail: String?

    func run() async throws {
        let store = try storeOptions.openStore()
        let journal = JournalStore(store: store)
        let failed = try CLIError.translating { try journal.retryFailedDeliveries() }
        let due = try CLIError.translating { try journal.pendingDeliveries() }
        guard !due.isEmpty else {
            print("nothing to retry: no failed or pending deliveries")
            return
        }
        let drop = try CLIError.translating { try journal.meta("drop") }
        guard let drop else { throw CLIError("the daemon never ran with this store: nothing to deliver") }
        let layout = DropFolderLayout(drop: URL(fileURLWithPath: drop))
        if let pid = PidLock.holder(of: layout.pidFile.path), pid > 0 {
            guard kill(pid, SIGUSR1) == 0 else {
                throw CLIError("cannot wake the running daemon (pid \(pid)): \(String(cString: strerror(errno)))")
            }
            print(
                "\(due.count) deliveries due (\(failed.count) had failed): the running daemon (pid \(pid)) sends them "
                    + "now; `paperradar status` shows the outcome")
            return
        }
        let lock: PidLock
        do {
            lock = try PidLock(path: layout.pidFile.path)
        } catch let error as DaemonError {
            throw CLIError(error.message)
        }
        defer { lock.release() }
        let meta = { (key: String) in (try? journal.meta(key)) ?? nil }
        let program = sendmail ?? meta("sendmail") ?? MailSettings.defaultSendmail
        let programs = DeliveryPrograms(
            sendmail: program, mailTimeout: meta("mail_timeout").flatMap(Double.init) ?? 60,
            hookTimeout: meta("hook_timeout").flatMap(Double.init) ?? 30)
        let backoff = meta("delivery_backoff").flatMap(Double.init) ?? 30
        let policy = DeliveryPolicy(
            maximumAttempts: meta("delivery_attempts").flatMap(Int.init) ?? 10, initialDelay: backoff,
            maximumDelay: max(backoff, 3_600))
        let logger = DropFolderDaemon.logger(level: .info, label: "paperradar.deliveries")
        let round = await Deliverer(
            store: journal, programs: programs, policy: policy, receipts: layout.receipts, logger: logger).deliverDue()
        print("\(round.sent) sent, \(round.retrying + round.gaveUp) failed again")
        if round.retrying + round.gaveUp > 0 { throw ExitCode.failure }
    }
}

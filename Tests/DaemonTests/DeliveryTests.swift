import Foundation
import Logging
import Store
import Testing

@testable import Daemon

/// Retries with backoff, decided without clocks or threads.
@Suite struct DeliveryPolicyTests {
    @Test func failedAttemptsBackOffExponentiallyUpToTheCapThenGiveUp() {
        let policy = DeliveryPolicy(maximumAttempts: 6, initialDelay: 30, maximumDelay: 200)
        #expect((1...5).map { policy.delay(afterFailedAttempts: $0) } == [30, 60, 120, 200, 200])
        #expect(policy.delay(afterFailedAttempts: 6) == nil, "given up after the last attempt")
        #expect(DeliveryPolicy(maximumAttempts: 1).delay(afterFailedAttempts: 1) == nil)
    }

    private func delivery(_ id: Int64, _ state: DeliveryState) -> JournalDelivery {
        JournalDelivery(
            id: id, contentHash: "h\(id)", kind: .mail, target: "a@example.org", messageID: nil, payload: "{}",
            state: state, attempts: 0, nextAttemptAt: "", lastError: nil, createdAt: "", updatedAt: "", sentAt: nil)
    }

    @Test func onlyDuePendingDeliveriesAreTakenOldestFirstAndTheNextTimeIsKept() {
        let plan = DeliveryPolicy.plan(
            [
                (delivery(3, .pending), 100), (delivery(1, .pending), 50), (delivery(2, .pending), 150),
                (delivery(4, .failed), 10), (delivery(5, .sent), 10), (delivery(6, .sending), 10),
                (delivery(7, .pending), nil),
            ], now: 100)
        #expect(plan.due.map(\.id) == [1, 3, 7])
        #expect(plan.next == 150)
        #expect(DeliveryPolicy.plan([], now: 0).next == nil)
    }
}

/// Mail is part of the journal: recorded with the report, sent after the move, at least once after a crash and
/// never again once recorded as sent.
@Suite struct DeliveryJournalTests {
    /// A sandbox whose "mailer" appends each message it is given to a file, exiting with `status` the first
    /// `failures` times.
    private func sandbox(failures: Int = 0) throws -> (DaemonSandbox, URL) {
        let sandbox = try DaemonSandbox()
        let outbox = sandbox.root.appendingPathComponent("outbox")
        let counter = sandbox.root.appendingPathComponent("count")
        let script = sandbox.root.appendingPathComponent("fake-sendmail")
        try Data(
            """
            #!/bin/sh
            n=$(cat '\(counter.path)' 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > '\(counter.path)'
            if [ "$n" -le \(failures) ]; then echo busy >&2; exit 75; fi
            cat >> '\(outbox.path)'; echo "=== end ===" >> '\(outbox.path)'

            """.utf8
        ).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        sandbox.delivery = DeliverySettings(
            // A long timeout: the test process's cooperative threads can be busy with other suites for a minute
            // (the quality suite computes on them), and a timeout task that wakes together with a finished mailer
            // could win the race. The daemon's own threads are never held like that.
            mail: MailSettings(
                to: ["reader@example.org"], from: "radar@example.org", sendmail: script.path, timeout: 900),
            policy: DeliveryPolicy(maximumAttempts: 3, initialDelay: 0.001, maximumDelay: 0.001))
        return (sandbox, outbox)
    }

    private func deliverer(_ sandbox: DaemonSandbox) -> Deliverer {
        Deliverer(
            store: sandbox.journal, programs: sandbox.delivery.programs, policy: sandbox.delivery.policy,
            receipts: sandbox.layout.receipts, logger: DaemonSandbox.logger)
    }

    private func sent(_ outbox: URL) -> Int {
        ((try? String(contentsOf: outbox, encoding: .utf8)) ?? "").components(separatedBy: "=== end ===").count - 1
    }

    @Test(arguments: [DigestProcessor.Checkpoint.reported, .feedsWritten, .moved])
    func aDigestInterruptedBeforeItsMailIsMailedOnceAfterTheRestart(step: DigestProcessor.Checkpoint) async throws {
        let (sandbox, outbox) = try sandbox()
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor(crashAt: step).process("daily.md").retryReason != nil)
        #expect(sent(outbox) == 0, "nothing is mailed before the digest is moved")

        try sandbox.reopenStore()
        let processor = sandbox.processor()
        let recovery = try processor.journal.recover()
        for candidate in try DropFileFilter.candidates(in: sandbox.layout.drop) {
            let outcome = await processor.process(candidate.name)
            #expect(outcome.reported?.awaitsDelivery == true)
        }
        #expect(step != .moved || recovery.completedDigests == 1)
        #expect(try sandbox.journal.entries().first?.state == .delivering)
        let round = await deliverer(sandbox).deliverDue()
        #expect(round.sent == 1)
        #expect(sent(outbox) == 1)
        #expect(try sandbox.journal.entries().first?.state == .done)
        #expect(await deliverer(sandbox).deliverDue().attempted == 0, "never twice once sent")
        let text = try String(contentsOf: outbox, encoding: .utf8)
        #expect(text.contains("Message-ID: <paperradar.digest."))
        #expect(text.contains("Auto-Submitted: auto-generated"))
    }

    @Test func aSendInterruptedBeforeItWasRecordedIsSentAgainAndASentOneNever() async throws {
        let (sandbox, outbox) = try sandbox()
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        let delivery = try #require(try sandbox.journal.deliveries().first)
        // Killed after `sending` was recorded: the mailer may or may not have run.
        try sandbox.journal.recordSending(id: delivery.id)
        try sandbox.reopenStore()
        #expect(try sandbox.processor().journal.recover().resumedDeliveries == 1)
        #expect(await deliverer(sandbox).deliverDue().sent == 1, "at least once")
        try sandbox.reopenStore()
        #expect(try sandbox.processor().journal.recover().resumedDeliveries == 0)
        #expect(await deliverer(sandbox).deliverDue().attempted == 0)
        #expect(sent(outbox) == 1)
        #expect(try sandbox.journal.deliveries().first?.attempts == 2)
    }

    /// Starts the receipt's wrapper around the sandbox's mailer as the killed daemon had, the message on its input.
    private func startOrphanedAttempt(_ sandbox: DaemonSandbox, delay: Double) throws -> Process {
        let delivery = try #require(try sandbox.journal.deliveries().first)
        try sandbox.journal.recordSending(id: delivery.id)
        let receipt = DeliveryReceipt(folder: sandbox.layout.receipts, id: delivery.id)
        try FileManager.default.createDirectory(at: sandbox.layout.receipts, withIntermediateDirectories: true)
        let message = try #require(try DeliveryPayload(json: delivery.payload).message)
        let input = sandbox.root.appendingPathComponent("message.eml")
        try Data(message.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Slow hand-over: the mailer runs `delay` seconds before it takes the message.
        let mailer = "sleep \(delay); exec '\(sandbox.delivery.programs.sendmail)' \"$@\""
        process.arguments = receipt.command(running: "/bin/sh", arguments: ["-c", mailer, "mailer", "-t", "-i"])
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        // The daemon "dies" only once the wrapper has taken over (its pid file is there): a busy test machine can
        // take seconds to start it, and an attempt killed before that is rightly sent again.
        let deadline = Date().addingTimeInterval(120)
        while !receipt.exists, process.isRunning, Date() < deadline { usleep(10_000) }
        try #require(receipt.exists || !process.isRunning, "the wrapper wrote its receipt")
        return process
    }

    @Test func aSendThatFinishedAfterTheDaemonDiedIsNotSentAgain() async throws {
        let (sandbox, outbox) = try sandbox()
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        let orphan = try startOrphanedAttempt(sandbox, delay: 0)
        orphan.waitUntilExit()
        #expect(sent(outbox) == 1)

        try sandbox.reopenStore()
        #expect(try sandbox.processor().journal.recover().resumedDeliveries == 1)
        #expect(await deliverer(sandbox).deliverDue().sent == 1, "recorded as sent from its receipt")
        #expect(sent(outbox) == 1, "not sent twice")
        #expect(try sandbox.journal.deliveries().first?.state == .sent)
        #expect(try sandbox.journal.entries().first?.state == .done)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.layout.receipts.path).isEmpty)
    }

    @Test func aSendStillRunningAfterTheRestartIsAwaitedNotRepeated() async throws {
        let (sandbox, outbox) = try sandbox()
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        let orphan = try startOrphanedAttempt(sandbox, delay: 0.5)
        try sandbox.reopenStore()
        #expect(try sandbox.processor().journal.recover().resumedDeliveries == 1)
        #expect(await deliverer(sandbox).deliverDue().sent == 1)
        orphan.waitUntilExit()
        #expect(sent(outbox) == 1, "the running attempt was awaited, not repeated")
    }

    @Test func aFailedOrphanedAttemptIsTriedAgain() async throws {
        let (sandbox, outbox) = try sandbox(failures: 1)
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        let orphan = try startOrphanedAttempt(sandbox, delay: 0)
        orphan.waitUntilExit()
        #expect(orphan.terminationStatus == 75)
        try sandbox.reopenStore()
        _ = try sandbox.processor().journal.recover()
        #expect(await deliverer(sandbox).deliverDue().sent == 1)
        #expect(sent(outbox) == 1)
    }

    @Test func failedAttemptsAreRetriedThenGivenUpAndRetriedOnRequest() async throws {
        let (sandbox, outbox) = try sandbox(failures: 3)
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        let deliverer = deliverer(sandbox)
        var rounds: [Deliverer.Round] = []
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(20))
            rounds.append(await deliverer.deliverDue(now: Date().addingTimeInterval(5)))
        }
        #expect(rounds.map(\.retrying) == [1, 1, 0] && rounds.last?.gaveUp == 1)
        let failed = try #require(try sandbox.journal.deliveries().first)
        #expect(failed.state == .failed && failed.attempts == 3)
        #expect(failed.lastError?.contains("EX_TEMPFAIL") == true && failed.lastError?.contains("busy") == true)
        #expect(try sandbox.journal.entries().first?.state == .done, "settled: given up, shown by status")
        #expect(sent(outbox) == 0)

        #expect(try sandbox.journal.retryFailedDeliveries().count == 1)
        #expect(try sandbox.journal.entries().first?.state == .delivering)
        #expect(await deliverer.deliverDue().sent == 1)
        #expect(sent(outbox) == 1)
        #expect(try sandbox.journal.entries().first?.state == .done)
    }
}

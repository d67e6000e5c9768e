import DigestParsing
import FileIO
import Foundation
import Store
import Testing

@testable import Daemon

/// A daemon killed after any durable step resumes on restart and ends with exactly one of everything.
@Suite(.timeLimit(.minutes(5))) struct JournalResumeTests {
    static let mainSteps: [DigestProcessor.Checkpoint] = [
        .ingested, .reserved, .reportWritten(1), .reportWritten(2), .reported, .feedsWritten, .moved,
    ]

    /// Restarts the daemon: a new store connection, start-up recovery, then the drop folder processed again.
    private func restart(_ sandbox: DaemonSandbox) async throws -> [ProcessingOutcome] {
        try sandbox.reopenStore()
        let processor = sandbox.processor()
        _ = try processor.journal.recover()
        var outcomes: [ProcessingOutcome] = []
        for candidate in try DropFileFilter.candidates(in: sandbox.layout.drop) {
            outcomes.append(await processor.process(candidate.name))
        }
        return outcomes
    }

    private func expectExactlyOnce(_ sandbox: DaemonSandbox, reports: [String], processed: [String]) async throws {
        #expect(try sandbox.store.digests().count == 1)
        let entries = try sandbox.journal.entries()
        #expect(entries.count == 1 && entries.first?.state == .done)
        #expect(sandbox.names(in: sandbox.layout.reports) == reports)
        #expect(sandbox.names(in: sandbox.layout.processed) == processed)
        #expect(sandbox.names(in: sandbox.layout.failed).isEmpty)
        #expect(sandbox.dropNames.isEmpty)
        #expect(sandbox.temporaries.isEmpty)
    }

    @Test(arguments: mainSteps)
    func aDigestInterruptedAfterAnyStepIsCompletedExactlyOnce(step: DigestProcessor.Checkpoint) async throws {
        let sandbox = try DaemonSandbox()
        sandbox.formats = ["md", "html"]
        try sandbox.drop("daily.md", ExampleDigests.table)
        let crashed = await sandbox.processor(crashAt: step).process("daily.md")
        #expect(crashed.retryReason?.message.contains("SimulatedCrash") == true)
        // A killed writer may also leave a temporary file behind.
        try Data("half".utf8).write(
            to: sandbox.layout.reports.appendingPathComponent("\(AtomicFile.temporaryPrefix)99999999-1.daily.html"))

        let outcomes = try await restart(sandbox)
        if step == .moved {
            #expect(outcomes.isEmpty, "the file was moved before the crash: recovery completes it")
        } else {
            #expect(outcomes.count == 1 && outcomes[0].isReported)
            #expect(outcomes[0].reported?.resumedFrom != nil)
        }
        try await expectExactlyOnce(sandbox, reports: ["daily.html", "daily.md", "feed.atom"], processed: ["daily.md"])

        // The same bytes again, under another name: a duplicate, no second report.
        try sandbox.drop("again.md", ExampleDigests.table)
        let again = await sandbox.processor().process("again.md")
        #expect(again.isDuplicate)
        #expect(sandbox.names(in: sandbox.layout.reports) == ["daily.html", "daily.md", "feed.atom"])
        #expect(try sandbox.journal.duplicates().map(\.fileName) == ["again.md"])
    }

    @Test(arguments: [DigestProcessor.Checkpoint.duplicateRecorded, .moved])
    func anInterruptedDuplicateIsRecordedOnce(step: DigestProcessor.Checkpoint) async throws {
        let sandbox = try DaemonSandbox()
        try sandbox.drop("daily.md", ExampleDigests.table)
        #expect(await sandbox.processor().process("daily.md").isReported)
        try sandbox.drop("copy.md", ExampleDigests.table)
        #expect(await sandbox.processor(crashAt: step).process("copy.md").retryReason != nil)

        let outcomes = try await restart(sandbox)
        #expect(outcomes.count == (step == .moved ? 0 : 1))
        #expect(outcomes.allSatisfy { $0.isDuplicate })
        let duplicates = try sandbox.journal.duplicates()
        #expect(duplicates.count == 1 && duplicates[0].moved)
        #expect(sandbox.names(in: sandbox.layout.processed) == ["copy.md", "daily.md"])
        #expect(sandbox.names(in: sandbox.layout.reports) == ["daily.md", "feed.atom"])
        #expect(sandbox.dropNames.isEmpty)
    }

    @Test(arguments: [DigestProcessor.Checkpoint.failureRecorded, .errorFileWritten, .moved])
    func anInterruptedFailureIsRecordedOnce(step: DigestProcessor.Checkpoint) async throws {
        let sandbox = try DaemonSandbox()
        try sandbox.drop("notes.md", "# Shopping list\n\n- milk\n")
        #expect(await sandbox.processor(crashAt: step).process("notes.md").retryReason != nil)

        let outcomes = try await restart(sandbox)
        #expect(outcomes.count == (step == .moved ? 0 : 1))
        #expect(outcomes.allSatisfy { $0.isFailed })
        let failures = try sandbox.journal.failures()
        #expect(failures.count == 1 && failures[0].moved)
        #expect(sandbox.names(in: sandbox.layout.failed) == ["notes.md", "notes.md.error.txt"])
        #expect(sandbox.dropNames.isEmpty && sandbox.temporaries.isEmpty)
    }

    @Test func aDigestStoredBeforeTheDaemonSawItIsStillReported() async throws {
        let sandbox = try DaemonSandbox()
        let path = try sandbox.drop("daily.md", ExampleDigests.table)
        // As `paperradar ingest` would have done (or a crash between the store's commit and the journal's).
        let parsed = try DigestParser().parse(ExampleDigests.table)
        _ = try sandbox.store.ingest(parsed, from: .init(path: path, bytes: Array(ExampleDigests.table.utf8)))
        let outcome = await sandbox.processor().process("daily.md")
        #expect(outcome.isReported)
        #expect(try sandbox.store.digests().count == 1)
    }

    @Test func statesAreOrdered() {
        #expect(JournalState.ingested < .reserved && .reserved < .reported && .reported < .done)
    }
}

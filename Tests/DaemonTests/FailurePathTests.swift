#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import PaperRadarCore
import Store
import Testing

@testable import Daemon

@Suite(.timeLimit(.minutes(5))) struct FailurePathTests {
    private func errorFile(_ sandbox: DaemonSandbox, _ name: String) async throws -> String {
        try String(contentsOf: sandbox.layout.failed.appendingPathComponent(name + ".error.txt"), encoding: .utf8)
    }

    @Test func anUnknownLayoutGoesToFailedWithItsReasonWhileGoodFilesFlow() async throws {
        let sandbox = try DaemonSandbox()
        let processor = sandbox.processor()
        try sandbox.drop("notes.md", "# Shopping list\n\n- milk\n- bread\n")
        try sandbox.drop("daily.md", ExampleDigests.table)
        let failed = await processor.process("notes.md")
        #expect(failed.failure?.error.contains("unknown digest format") == true)
        #expect(await processor.process("daily.md").isReported)
        let text = try await errorFile(sandbox, "notes.md")
        #expect(text.contains("Problem:  unknown digest format"))
        #expect(text.contains("What to do:"))
        #expect(text.contains("SHA-256:"))
        #expect(sandbox.names(in: sandbox.layout.failed) == ["notes.md", "notes.md.error.txt"])
        #expect(sandbox.names(in: sandbox.layout.processed) == ["daily.md"])
    }

    @Test func aFileOverTheSizeLimitIsRefusedUnread() async throws {
        let sandbox = try DaemonSandbox()
        sandbox.maxBytes = 1_000
        try sandbox.drop("big.md", ExampleDigests.table)
        let outcome = await sandbox.processor().process("big.md")
        #expect(outcome.failure?.error.contains("over the size limit of 1000 bytes") == true)
        #expect(try await errorFile(sandbox, "big.md").contains("--max-size"))
        #expect(try sandbox.store.digests().isEmpty)
    }

    @Test func aDigestWithTooManyPapersIsRefused() async throws {
        let sandbox = try DaemonSandbox()
        sandbox.maxPapers = 3
        try sandbox.drop("daily.md", ExampleDigests.table)
        let outcome = await sandbox.processor().process("daily.md")
        #expect(outcome.failure?.error.contains("over the limit of 3 papers per digest") == true)
        #expect(try await errorFile(sandbox, "daily.md").contains("--max-papers"))
        #expect(try sandbox.store.digests().isEmpty, "nothing of a refused digest is stored")
    }

    @Test(arguments: ["", "   \n\n  \n"])
    func anEmptyFileIsRefused(text: String) async throws {
        let sandbox = try DaemonSandbox()
        try sandbox.drop("empty.md", text)
        #expect(await sandbox.processor().process("empty.md").failure?.error.contains("empty") == true)
    }

    @Test func binaryBytesAreRefused() async throws {
        let sandbox = try DaemonSandbox()
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3]).write(
            to: URL(fileURLWithPath: sandbox.layout.dropPath("image.md")))
        #expect(await sandbox.processor().process("image.md").failure?.error.contains("not a text file") == true)
    }

    @Test func failedFilesWithTheSameNameDoNotOverwriteEachOther() async throws {
        let sandbox = try DaemonSandbox()
        let processor = sandbox.processor()
        try sandbox.drop("notes.md", "first\n")
        #expect(await processor.process("notes.md").isFailed)
        try sandbox.drop("notes.md", "second\n")
        #expect(await processor.process("notes.md").isFailed)
        #expect(sandbox.names(in: sandbox.layout.failed) == ["notes-2.md", "notes-2.md.error.txt", "notes.md", "notes.md.error.txt"])
    }

    @Test func anUnwritableReportsFolderKeepsTheDigestForRetry() async throws {
        let sandbox = try DaemonSandbox()
        // A file where the reports folder should be: every report write fails (as with EACCES or ENOSPC).
        try FileManager.default.removeItem(at: sandbox.layout.reports)
        try Data().write(to: sandbox.layout.reports)
        try sandbox.drop("daily.md", ExampleDigests.table)
        let processor = sandbox.processor()
        let outcome = await processor.process("daily.md")
        #expect(outcome.retryReason?.isFileSystem == true)
        #expect(outcome.retryReason?.message.contains("cannot write") == true)
        #expect(sandbox.dropNames == ["daily.md"], "the digest stays in the drop folder")
        #expect(try sandbox.journal.entry(contentHash: SHA256.hexDigest(Array(ExampleDigests.table.utf8)))?.state == .reserved)

        try FileManager.default.removeItem(at: sandbox.layout.reports)
        try sandbox.layout.prepare()
        #expect(await processor.process("daily.md").isReported)
        #expect(sandbox.names(in: sandbox.layout.reports) == ["daily.md", "feed.atom"])
    }

    @Test func aFileThatLeftBeforeItWasTakenIsNoError() async throws {
        let sandbox = try DaemonSandbox()
        if case .vanished = await sandbox.processor().process("gone.md") {} else { Issue.record("expected .vanished") }
    }
}

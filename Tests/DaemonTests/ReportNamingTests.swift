import Foundation
import Testing

@testable import Daemon

@Suite struct ReportNamingTests {
    @Test func stemsAndCandidates() {
        #expect(ReportNaming.stem(of: "2026-11-09-llm.md") == "2026-11-09-llm")
        #expect(ReportNaming.stem(of: "archive.tar.gz") == "archive.tar")
        #expect(ReportNaming.stem(of: "digest") == "digest")
        #expect(ReportNaming.candidate("a", attempt: 1) == "a")
        #expect(ReportNaming.candidate("a", attempt: 3) == "a-3")
        #expect(ReportNaming.movedName("a.md", attempt: 1) == "a.md")
        #expect(ReportNaming.movedName("a.md", attempt: 2) == "a-2.md")
        #expect(ReportNaming.movedName("notes", attempt: 2) == "notes-2")
    }

    @Test func digestsWithTheSameNameNeverShareAReport() async throws {
        let sandbox = try DaemonSandbox()
        let processor = sandbox.processor()
        try sandbox.drop("daily.md", ExampleDigests.table)
        let first = await processor.process("daily.md")
        try sandbox.drop("daily.md", ExampleDigests.variant(ExampleDigests.table, prefix: "2612"))
        let second = await processor.process("daily.md")
        #expect(first.reported?.reportFiles == [sandbox.layout.reports.path + "/daily.md"])
        #expect(second.reported?.reportFiles == [sandbox.layout.reports.path + "/daily-2.md"])
        #expect(sandbox.names(in: sandbox.layout.processed) == ["daily-2.md", "daily.md"])
        let report = try String(contentsOfFile: sandbox.layout.reports.path + "/daily-2.md", encoding: .utf8)
        #expect(report.contains("2612."), "the second report is about the second digest's papers")
    }

    @Test func aReportFileOfAnotherFormatOnDiskTakesTheName() async throws {
        let sandbox = try DaemonSandbox()
        // Someone else's report (not in the journal) holds the base name in another format.
        try Data("theirs".utf8).write(to: sandbox.layout.reports.appendingPathComponent("daily.html"))
        try sandbox.drop("daily.md", ExampleDigests.table)
        let outcome = await sandbox.processor().process("daily.md")
        #expect(outcome.reported?.reportFiles == [sandbox.layout.reports.path + "/daily-2.md"])
        #expect(try String(contentsOf: sandbox.layout.reports.appendingPathComponent("daily.html"), encoding: .utf8) == "theirs")
    }

    @Test func everyRequestedFormatIsWrittenUnderOneBase() async throws {
        let sandbox = try DaemonSandbox()
        sandbox.formats = ["md", "html", "json"]
        try sandbox.drop("daily.md", ExampleDigests.table)
        let outcome = await sandbox.processor().process("daily.md")
        #expect(outcome.reported?.reportFiles.map { URL(fileURLWithPath: $0).lastPathComponent } == ["daily.md", "daily.html", "daily.json"])
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: sandbox.layout.reports.appendingPathComponent("daily.json"))) as? [String: Any]
        #expect(json?["kind"] as? String == "digest-report")
        #expect(sandbox.temporaries.isEmpty)
    }
}

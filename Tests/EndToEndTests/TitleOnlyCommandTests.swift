import Foundation
import Testing

/// `parse`, `ingest` and `stats` on digests with title-only papers, and on a layout no generator wrote.
@Suite(.serialized) struct TitleOnlyCommandTests {
    @Test func titleOnlyPapersThroughParseIngestAndStats() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let archive = try cli.write("storage_2026-11-01.md", Digests.tableOnlyArchive)

        let parsed = try cli.run("parse", archive)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let papers = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String: Any]])
        #expect(papers.count == 3)
        #expect(papers.allSatisfy { $0["titleOnly"] as? Bool == true && $0["abstract"] as? String == "" })
        #expect(papers.first?["title"] as? String == "Sparse Routers for Long Context Models")
        let warnings = parsed.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1, "one warning for the file, not one per paper: \(warnings)")
        #expect(warnings.first?.contains("storage_2026-11-01.md:10: warning: 3 papers have no English abstract") ?? false)

        let text = try cli.run("parse", "--format", "text", archive)
        #expect(text.stdout.contains("(title only: no English abstract)"))
        #expect(text.stderr.contains("table-abstracts, 3 papers (3 title-only)"))

        let ingested = try cli.run("ingest", archive)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stdout.contains("3 papers (3 new, 0 updated, 0 unchanged), 3 title-only, 1 warning"))
        let stats = try cli.run("stats")
        #expect(stats.stdout.contains("papers:      3 (3 versions seen, 3 title-only"))

        // The LLM digest brings two of the abstracts: those papers are completed, not duplicated.
        let table = try cli.write("llm.md", Digests.table)
        let completing = try cli.run("ingest", table)
        #expect(completing.stdout.contains("2 papers (0 new, 2 updated, 0 unchanged), 0 title-only, 0 warnings"))
        let json = try cli.run("stats", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["paperCount"] as? Int == 3)
        #expect(object["titleOnlyCount"] as? Int == 1)
    }

    @Test func unknownLayoutIsReadGenericallyAndStoredAsGeneric() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let notes = try cli.write("reading-notes.md", Digests.readingNotes)
        let parsed = try cli.run("parse", notes)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stderr.contains("reading-notes.md: warning: the layout of reading-notes.md was not recognised"))
        let papers = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [[String: Any]])
        #expect(papers.map { $0["id"] as? String } == ["2611.00301", "2611.00302"])
        #expect(papers.allSatisfy { $0["format"] as? String == "generic" })

        let ingested = try cli.run("ingest", notes)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stdout.contains("reading-notes.md: generic, 2 papers (2 new, 0 updated, 0 unchanged), 1 title-only"))
        let stats = try cli.run("stats")
        #expect(stats.stdout.contains("generic 1"))
    }

    @Test func headerOnlyArchiveIsAnEmptyDigest() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try cli.write("storage_2026-11-02.md", Digests.headerOnlyArchive)
        let result = try cli.run("ingest", file)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("table-abstracts, 0 papers"))
        #expect(result.stderr.isEmpty)
    }
}

import Foundation
import Testing

@Suite(.serialized) struct CommandTests {
    @Test func parsePrintsDocumentedJSON() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try cli.write("llm.md", Digests.table)
        let result = try cli.run("parse", file)
        #expect(result.status == 0, "\(result.stderr)")
        let papers = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(papers.count == 2)
        let first = papers[0]
        for key in ["id", "version", "title", "authors", "abstract", "categories", "date", "tags", "format"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["id"] as? String == "2611.00101")
        #expect(first["version"] as? Int == 1)
        #expect(first["format"] as? String == "table-abstracts")
        #expect(first["tags"] as? [String] == ["LLM"])
        #expect(papers[1]["codeURL"] as? String == "https://github.com/example/gates")
    }

    @Test func parseJSONLinesAndText() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try cli.write("llm.md", Digests.table)
        let jsonl = try cli.run("parse", "--format", "jsonl", file)
        #expect(jsonl.stdout.split(separator: "\n").count == 2)
        let text = try cli.run("parse", "--format", "text", file)
        #expect(text.stdout.contains("2611.00102v2  Retrieval Gates for Grounded Answers"))
    }

    @Test func parseReportsBadFilesButPrintsGoodOnes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let good = try cli.write("good.md", Digests.table)
        let unknown = try cli.write("notes.md", "# Shopping list\n\n- milk\n- bread\n")
        let binary = try cli.write("image.png", Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3, 0, 0, 0]))
        let result = try cli.run("parse", unknown, good, binary)
        #expect(result.status != 0)
        #expect(result.stderr.contains("notes.md") && result.stderr.contains("not a digest"))
        #expect(result.stderr.contains("image.png") && result.stderr.contains("not a text file"))
        let papers = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(papers?.count == 2, "the good file's papers are still printed")
    }

    @Test func parseRefusesFilesOverTheSizeLimit() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try cli.write("llm.md", Digests.table)
        let result = try cli.run("parse", "--max-size", "100", file)
        #expect(result.status != 0)
        #expect(result.stderr.contains("llm.md") && result.stderr.contains("size limit"))
    }

    @Test func emptyDigestIsZeroPapers() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try cli.write("empty.md", "")
        let result = try cli.run("ingest", file)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 papers"))
    }

    @Test func ingestIsIdempotentAndTracksVersions() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.write("digests/a.md", Digests.table)
        try cli.write("digests/sub/b.md", Digests.announcement)
        try cli.write("digests/sub/broken.md", "just some text\nwith no digest in it\n")
        let first = try cli.run("ingest", cli.workspace.appendingPathComponent("digests").path)
        #expect(first.status != 0, "a failed file makes the status non-zero")
        #expect(first.stdout.contains("a.md: table-abstracts, 2 papers (2 new, 0 updated, 0 unchanged), 0 title-only, 0 warnings"))
        #expect(first.stdout.contains("b.md: arxiv-announcement, 1 papers (0 new, 1 updated, 0 unchanged)"))
        #expect(first.stderr.contains("broken.md"))

        let second = try cli.run("ingest", cli.workspace.appendingPathComponent("digests/a.md").path)
        #expect(second.status == 0)
        #expect(second.stdout.contains("already ingested"))

        let stats = try cli.run("stats", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["paperCount"] as? Int == 2)
        #expect(object["digestCount"] as? Int == 2)
        #expect(object["versionCount"] as? Int == 3, "versions 1 and 2, then 3 of the second paper")
    }

    @Test func importReadsBothShapesAndGzip() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let lines = """
            {"id": "2611.00201", "title": "Agents That Plan", "abstract": "We plan with tools.", "categories": ["cs.AI", "cs.CL"], "date": "2026-11-04"}
            {"id": "2611.00202", "title": "Multi-line\\n  title", "abstract": "  Wrapped\\n  abstract.", "categories": "cs.CV eess.IV", "authors": "Ana Ruiz, Bo Li and Cy Park", "update_date": "2026-11-05", "versions": [{"version": "v1"}, {"version": "v2"}]}
            {"id": "nonsense", "title": "x", "abstract": "y"}
            """
        let plain = try cli.write("papers.jsonl", lines)
        let gzipped = cli.workspace.appendingPathComponent("papers.jsonl.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: gzipped.path))

        let result = try cli.run("import", gzipped.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 lines, 2 new, 0 updated, 0 unchanged, 1 skipped"))
        #expect(result.stderr.contains(":3: skipped"))
        let again = try cli.run("import", plain)
        #expect(again.stdout.contains("2 unchanged"))

        let parsed = try cli.run("stats")
        #expect(parsed.stdout.contains("papers:      2"))
        #expect(parsed.stdout.contains("cs.AI 1"))
    }

    @Test func helpfulErrorsForMissingPaths() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run("ingest", "/nonexistent/digests")
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/digests"))
        let folder = try cli.run("import", cli.workspace.path)
        #expect(folder.status != 0 && folder.stderr.contains("is a directory"))
        let dimensions = try cli.run("fit", "--dimensions", "0")
        #expect(dimensions.status != 0 && dimensions.stderr.contains("--dimensions"))
    }
}

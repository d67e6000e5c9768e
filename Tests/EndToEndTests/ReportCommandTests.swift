import Foundation
import Testing
import TestSupport

/// `report digest`, `report topics` and `reading-list` run as a user would, on the bundled example digests.
@Suite(.serialized) struct ReportCommandTests {
    /// A store with the five example digests, fitted with 4 topics.
    static func fittedExamples() throws -> CLI {
        let cli = try CLI()
        let examples = CLI.repositoryRoot.appendingPathComponent("scripts/examples").path
        let ingest = try cli.run("ingest", examples)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let fit = try cli.run(["fit", "--k", "4"], environment: Self.deterministic)
        #expect(fit.status == 0, "\(fit.stderr)")
        return cli
    }

    /// A fixed report date, and OpenBLAS's AVX2 kernels on every AVX2 machine, so that snapshots do not depend on
    /// the day or on which kernels a CPU would pick.
    static let deterministic: [String: String] = {
        var environment = ["SOURCE_DATE_EPOCH": "1795000000"]
        if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8), cpu.contains(" avx2") {
            environment["OPENBLAS_CORETYPE"] = "Haswell"
        }
        return environment
    }()

    static let exampleDigest = "2026-11-09-llm-table-abstracts.md"

    static var snapshots: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// Hashes (which name float model bytes), refit times and fractional numbers (scores, coordinates) become placeholders;
    /// the structure, every text and every arXiv id stay.
    static func normalized(_ text: String) -> String {
        var result = text
        let patterns = [
            ("[0-9a-f]{16}", "<hash>"),
            // Refit times are the wall clock of the fit (the report's own date is fixed by SOURCE_DATE_EPOCH).
            ("(?!2026-11-18T11:06:40Z)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", "<time>"),
            ("(?<![0-9.])(?![0-9]{4}\\.[0-9]{4,5}(?![0-9]))-?[0-9]+\\.[0-9]+", "<n>"),
        ]
        for (pattern, replacement) in patterns {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return result
    }

    /// Compares the normalized text with `Snapshots/<name>`, or writes it when `PAPERRADAR_UPDATE_SNAPSHOTS=1`.
    static func expectSnapshot(
        _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try Snapshot.expect(normalized(text), matches: name, in: snapshots, sourceLocation: sourceLocation)
    }

    @Test func exampleDigestReportInEveryFormatMatchesItsSnapshot() throws {
        let cli = try Self.fittedExamples()
        defer { cli.cleanUp() }
        let digest = CLI.repositoryRoot.appendingPathComponent("scripts/examples/\(Self.exampleDigest)").path
        for format in ["md", "html", "json", "atom"] {
            let result = try cli.run(["report", "digest", digest, "--format", format, "--top", "3"], environment: Self.deterministic)
            #expect(result.status == 0, "\(result.stderr)")
            try Self.expectSnapshot(result.stdout, named: "example-digest.\(format)")
        }
    }

    @Test func exampleTopicReportAndReadingListMatchTheirSnapshots() throws {
        let cli = try Self.fittedExamples()
        defer { cli.cleanUp() }
        for format in ["md", "html", "json"] {
            let result = try cli.run(["report", "topics", "--format", format], environment: Self.deterministic)
            #expect(result.status == 0, "\(result.stderr)")
            try Self.expectSnapshot(result.stdout, named: "example-topics.\(format)")
        }
        let profile = try cli.write("profile.toml", Self.exampleProfile)
        for format in ["md", "atom"] {
            let result = try cli.run(
                ["reading-list", "--profile", profile, "--top", "8", "--format", format], environment: Self.deterministic)
            #expect(result.status == 0, "\(result.stderr)")
            try Self.expectSnapshot(result.stdout, named: "example-reading-list.\(format)")
        }
    }

    /// Liked papers from the example digests: retrieval and agents.
    static let exampleProfile = """
        # Retrieval and agents, please; no diffusion.
        liked = ["2611.05388", "2611.06590", "2611.07301", "2611.05431", "2611.06497", "2611.07256"]
        """

    @Test func readingListJSONIsTheDocumentedContract() throws {
        let cli = try Self.fittedExamples()
        defer { cli.cleanUp() }
        let profile = try cli.write("profile.toml", Self.exampleProfile)
        let result = try cli.run("reading-list", "--profile", profile, "--format", "json", "--top", "10")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(!items.isEmpty && items.count <= 10)
        for item in items {
            #expect(item["id"] is String)
            #expect(item["why"] != nil)
            let score = try #require(item["score"] as? Double)
            #expect(score > 0 && score <= 1)
        }
        let liked = ["2611.05388", "2611.06590", "2611.07301", "2611.05431", "2611.06497", "2611.07256"]
        #expect(!items.contains { liked.contains($0["id"] as? String ?? "") }, "liked papers are not recommended back")
    }

    @Test func hostileTitlesRenderInertInHTML() throws {
        let cli = try Self.fittedExamples()
        defer { cli.cleanUp() }
        let digest = try cli.write("hostile.md", Self.hostileDigest)
        let result = try cli.run("report", "digest", digest, "--format", "html")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("<script"))
        #expect(!result.stdout.contains("<img"))
        #expect(result.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    static let hostileDigest = """
        ## [<script>alert(1)</script> Retrieval for agents](https://arxiv.org/abs/2611.09901)

        arXiv:2611.09901v1 Announce Type: new
        Authors: Mallory Example
        Abstract: We study retrieval for agents that plan with tools and rerank passages for grounded answers.

        ---

        ## [<img src=x onerror=alert(1)> Segmentation of video](https://arxiv.org/abs/2611.09902)

        arXiv:2611.09902v1 Announce Type: new
        Authors: Mallory Example
        Abstract: Video object segmentation with a diffusion prior improves detection of moving objects.

        """

    @Test func reportsWriteFilesAtomicallyAndFailClearly() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let digest = CLI.repositoryRoot.appendingPathComponent("scripts/examples/\(Self.exampleDigest)").path
        let unfitted = try cli.run("report", "digest", digest)
        #expect(unfitted.status != 0)
        #expect(unfitted.stderr.contains("paperradar fit"), "\(unfitted.stderr)")
        #expect(!unfitted.stderr.contains("USAGE"))

        let profile = try cli.write("bad.toml", "likes = [\"2611.05388\"]\n")
        let bad = try cli.run("reading-list", "--profile", profile)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("likes"), "\(bad.stderr)")
        let missing = try cli.run("reading-list", "--profile", cli.workspace.appendingPathComponent("none.toml").path)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such profile file"))

        _ = try cli.run("ingest", CLI.repositoryRoot.appendingPathComponent("scripts/examples").path)
        #expect(try cli.run("fit", "--k", "3").status == 0)
        let out = cli.workspace.appendingPathComponent("out/topics.html")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        let written = try cli.run("report", "topics", "--format", "html", "--out", out.path)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") || html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<svg"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["topics.html"])
    }
}

import Foundation
import Testing

@Suite(.serialized) struct ModelCommandTests {
    static var examples: String { CLI.repositoryRoot.appendingPathComponent("scripts/examples").path }

    @Test func fitThenAnalyzeTextAndPaper() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let before = try cli.run("analyze", "--text", "retrieval")
        #expect(before.status != 0)
        #expect(before.stderr.contains("paperradar fit"), "tells the user what to do")
        #expect(!before.stderr.contains("Usage:"), "a runtime failure is not a usage mistake")

        #expect(try cli.run("ingest", Self.examples).status == 0)
        let fit = try cli.run("fit")
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("52 papers"))

        let text = "We fine-tune GPT-4o for learning to rank with retrieval; see $x^2$ and https://example.org now."
        let analysis = try cli.run("analyze", "--text", text, "--json")
        #expect(analysis.status == 0, "\(analysis.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(analysis.stdout.utf8)) as? [String: Any])
        let tokens = try #require(object["tokens"] as? [[String: Any]])
        let terms = try #require(object["terms"] as? [[String: Any]])
        #expect(tokens.map { $0["text"] as? String } .contains("gpt-4o"))
        #expect(!tokens.contains { ($0["text"] as? String)?.contains("example") == true }, "URLs are dropped")
        #expect(tokens.first { $0["text"] as? String == "to" }?["stop"] as? Bool == true)
        for token in tokens { #expect(Set(token.keys) == ["text", "stem", "stop"]) }
        for term in terms { #expect(Set(term.keys) == ["term", "tf", "idf", "weight"]) }
        let weights = terms.compactMap { $0["weight"] as? Double }
        #expect(weights == weights.sorted(by: >))
        #expect(abs(weights.map { $0 * $0 }.reduce(0, +) - 1) < 1e-3, "the weights are the unit-norm row")
        #expect(!terms.contains { $0["term"] as? String == "learn rank" }, "no bigram across a stop word")

        let paper = try cli.run("analyze", "2611.05472")
        #expect(paper.status == 0, "\(paper.stderr)")
        #expect(paper.stdout.contains("terms ("))
        let missing = try cli.run("analyze", "2611.99999")
        #expect(missing.status != 0 && missing.stderr.contains("not in the store"))
    }

    @Test func modelExportImportRoundTrip() throws {
        let source = try CLI()
        defer { source.cleanUp() }
        #expect(try source.run("ingest", Self.examples).status == 0)
        #expect(try source.run("fit").status == 0)
        let file = source.workspace.appendingPathComponent("model.bin").path
        let exported = try source.run("model", "export", file)
        #expect(exported.status == 0, "\(exported.stderr)")

        let target = try CLI()
        defer { target.cleanUp() }
        #expect(try target.run("ingest", Self.examples).status == 0)
        let imported = try target.run("model", "import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        let hash = exported.stdout.split(separator: " ").dropFirst(2).first.map(String.init) ?? "?"
        #expect(imported.stdout.contains(hash))
        let a = try source.run("analyze", "--text", "retrieval agents for vision", "--json")
        let b = try target.run("analyze", "--text", "retrieval agents for vision", "--json")
        #expect(a.stdout == b.stdout, "the same model gives the same analysis")

        let garbage = try target.write("garbage.bin", "not a model")
        let refused = try target.run("model", "import", garbage)
        #expect(refused.status != 0 && refused.stderr.contains("not a PaperRadar TF-IDF model"))
    }
}

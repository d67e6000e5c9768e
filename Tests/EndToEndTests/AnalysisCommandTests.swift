import Foundation
import Testing

@Suite(.serialized) struct AnalysisCommandTests {
    static var examples: String { CLI.repositoryRoot.appendingPathComponent("scripts/examples").path }

    /// A workspace whose store holds the example digests, fitted.
    static func fittedWorkspace() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("ingest", examples).status == 0)
        let fit = try cli.run("fit")
        #expect(fit.status == 0, "\(fit.stderr)")
        return cli
    }

    @Test func relatedByIdTextAndAll() throws {
        let cli = try Self.fittedWorkspace()
        defer { cli.cleanUp() }
        let byID = try cli.run("related", "2611.05388", "--top", "3", "--json")
        #expect(byID.status == 0, "\(byID.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(byID.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "2611.05388")
        let related = try #require(object["related"] as? [[String: Any]])
        #expect(related.count == 3)
        #expect(!related.contains { $0["id"] as? String == "2611.05388" }, "a paper is not related to itself")
        let scores = related.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        let why = try #require(related.first?["why"] as? [[String: Any]])
        #expect(!why.isEmpty && why.allSatisfy { $0["term"] is String && $0["share"] is Double })

        let text = try cli.run("related", "--text", "dense passage retrieval with a cross-encoder reranker", "--top", "2")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Retriev") || text.stdout.contains("Rerank"))

        let out = cli.workspace.appendingPathComponent("related.jsonl").path
        let all = try cli.run("related", "--all", "--top", "5", "--out", out)
        #expect(all.status == 0, "\(all.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 52)
        for line in lines {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(entry["id"] is String)
            let list = try #require(entry["related"] as? [[String: Any]])
            #expect(list.count == 5 && list.allSatisfy { $0["id"] is String && $0["score"] is Double })
        }

        let digestFile = CLI.repositoryRoot.appendingPathComponent("scripts/examples/2026-11-12-12-05-arxiv-announce.md")
        let byDigest = try cli.run("related", "--digest", digestFile.path, "--top", "2", "--json")
        #expect(byDigest.status == 0, "\(byDigest.stderr)")
        let perPaper = try #require(try JSONSerialization.jsonObject(with: Data(byDigest.stdout.utf8)) as? [[String: Any]])
        #expect(perPaper.count == 10, "one entry per paper of the digest")

        #expect(try cli.run("related", "2611.99999").stderr.contains("not in the store"))
        #expect(try cli.run("related", "--all").stderr.contains("--out"))
    }

    @Test func topicsTextJSONAndRefit() throws {
        let cli = try Self.fittedWorkspace()
        defer { cli.cleanUp() }
        let text = try cli.run("topics")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("k auto") && text.stdout.contains("k chosen from"))

        let refit = try cli.run("topics", "--k", "4", "--json")
        #expect(refit.status == 0, "\(refit.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(refit.stdout.utf8)) as? [String: Any])
        let topics = try #require(object["topics"] as? [[String: Any]])
        #expect(topics.count == 4)
        for topic in topics {
            for key in ["id", "name", "size", "topTerms", "centralPapers"] { #expect(topic[key] != nil, "missing \(key)") }
        }
        let names = Set(topics.compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: ["LLM", "Agents", "RAG", "Vision"]), "\(names)")
        let assignments = try #require(object["assignments"] as? [[String: Any]])
        #expect(assignments.count == 52)
        let ids = Set(topics.compactMap { $0["id"] as? Int })
        #expect(assignments.allSatisfy { ($0["topic"] as? Int).map(ids.contains) == true })
        #expect(try cli.run("topics", "--k", "zero").status != 0)
    }

    @Test func evalAndBenchOnTheSharedCorpus() throws {
        guard let shared = CLI.shared else { return }  // no ../shared: nothing to measure against
        let cli = try CLI()
        defer { cli.cleanUp() }
        // A labelled sample: the first 1,500 lines of the balanced set, to keep the test fast.
        let corpus = shared.appendingPathComponent("corpus/arxiv-balanced-12.jsonl.gz").path
        let sample = cli.workspace.appendingPathComponent("sample.jsonl")
        let script = "gzip -dc '\(corpus)' | head -n 1500 > '\(sample.path)'"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        try shell.run()
        shell.waitUntilExit()
        let eval = try cli.run("eval", "--corpus", sample.path, "--k", "4")
        #expect(eval.status == 0, "\(eval.stderr)")
        for label in ["NMI:", "ARI:", "precision@10 (LSA):"] { #expect(eval.stdout.contains(label)) }
        let bench = try cli.run("bench", "--corpus", sample.path, "--k", "8")
        #expect(bench.status == 0, "\(bench.stderr)")
        for label in ["BLAS:", "TF-IDF fit+transform", "LSA", "k-means", "related, all pairs", "plain sgemm", "peak RSS"] {
            #expect(bench.stdout.contains(label), "missing \(label)")
        }
    }
}

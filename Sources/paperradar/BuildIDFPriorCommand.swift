import ArgumentParser
import Foundation
import Pipeline
import TextFeatures

/// `paperradar build-idf-prior`: rebuild models/idf-prior.tsv from a corpus (maintainers; see models/README.md).
struct BuildIDFPrior: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-idf-prior",
        abstract: "Compute the default IDF prior (document frequencies of the top terms) from a corpus.",
        shouldDisplay: false)

    @Option(name: .long, help: "A .jsonl or .jsonl.gz corpus.") var corpus: String
    @Option(name: .long, help: "Output file (written via a temporary file).") var out: String
    @Option(name: .long, help: "How many terms to keep.") var topTerms = 50_000

    func run() throws {
        let papers = try BenchSupport.load(corpus)
        let inputs = try ModelInputs.bundled(usePrior: false)
        var prior = IDFPrior.build(from: papers.map(TextDocument.init), topTerms: topTerms, stopWords: inputs.stopWords)
        prior.settings["source"] = URL(fileURLWithPath: corpus).lastPathComponent
            .replacingOccurrences(of: ".gz", with: "")
        let url = URL(fileURLWithPath: out)
        do {
            try prior.serialized().write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError("cannot write \(out): \(error.localizedDescription)")
        }
        print("\(out): \(prior.documentFrequencies.count) terms over \(prior.documentCount) papers")
    }
}

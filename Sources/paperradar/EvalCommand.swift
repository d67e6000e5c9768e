import ArgumentParser
import Foundation
import Pipeline

/// `paperradar eval --corpus FILE --k 12`: clustering and neighbour quality against arXiv categories.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure topic and related-paper quality on a labelled corpus (categories are never used to fit).",
        discussion: """
            TF-IDF → LSA (256) → spherical k-means with --k clusters; prints NMI, ARI and purity against each \
            paper's primary category, and the share of a paper's 10 nearest neighbours in its own primary category.
            """)

    @Option(name: .long, help: "A .jsonl or .jsonl.gz corpus with categories.") var corpus: String
    @Option(name: .long, help: "Clusters (usually the number of categories).") var k = 12
    @Option(name: .long, help: "Seed of the k-means run.") var seed: UInt64 = 0
    @Option(name: .long, help: "Weight of the exact TF-IDF cosine in the related-papers score (default 0.1).")
    var tfidfWeight: Float?

    func run() throws {
        let papers = try BenchSupport.load(corpus)
        let report: EvaluationReport
        do {
            report = try Evaluation.run(papers: papers, k: k, seed: seed, tfidfWeight: tfidfWeight)
        } catch let error as PipelineError {
            throw CLIError(error.message)
        }
        print("papers:              \(report.paperCount) in \(report.categoryCount) primary categories, k = \(report.k)")
        print(String(format: "NMI:                 %.3f", report.nmi))
        print(String(format: "ARI:                 %.3f", report.ari))
        print(String(format: "purity:              %.3f", report.purity))
        print(String(format: "precision@10 (LSA):  %.4f", report.precisionAt10))
        print(String(format: "precision@10 (related-papers score, LSA blended with TF-IDF): %.4f", report.rescoredPrecisionAt10))
        print(String(format: "precision@10 random: %.3f", report.randomPrecisionAt10))
        print("time:                " + report.timings.map { String(format: "%@ %.2f s", $0.stage, $0.seconds) }.joined(separator: ", "))
    }
}

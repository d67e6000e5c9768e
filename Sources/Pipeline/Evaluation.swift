import Clustering
import Foundation
import LinearAlgebra
import PaperRadarCore
import Recommendation
import TextFeatures
import Topics

/// The quality protocol on a labelled corpus: clusters and neighbours against arXiv categories the model never sees.
///
/// TF-IDF (no prior: the corpus is large enough) → LSA → spherical k-means with `k` clusters; NMI, ARI and purity of
/// the clusters against each paper's primary category; and category precision@10 of the neighbours: the share of a
/// paper's 10 nearest neighbours (itself excluded) whose primary category equals its own, by LSA cosine and after
/// the exact TF-IDF re-scoring the product uses.
public struct EvaluationReport: Sendable {
    public var paperCount: Int
    public var categoryCount: Int
    public var k: Int
    public var nmi: Double
    public var ari: Double
    public var purity: Double
    /// Neighbours by LSA cosine.
    public var precisionAt10: Double
    /// Neighbours after exact TF-IDF re-scoring of the LSA candidates.
    public var rescoredPrecisionAt10: Double
    /// What the same share would be for random neighbours.
    public var randomPrecisionAt10: Double
    public var timings: [(stage: String, seconds: Double)]
}

public enum Evaluation {
    /// Runs the protocol on papers with categories (papers without one are skipped).
    ///
    /// - Throws: ``PipelineError`` when fewer than `k` papers have a category, or TF-IDF fails.
    public static func run(
        papers input: [Paper], k: Int, options: FitOptions = FitOptions(usePrior: false), seed: UInt64 = 0,
        tfidfWeight: Float? = nil
    ) throws -> EvaluationReport {
        let papers = input.filter { $0.primaryCategory != nil }
        guard papers.count >= max(k, 2) else {
            throw PipelineError("need at least \(max(k, 2)) papers with categories, found \(papers.count)")
        }
        var timings: [(String, Double)] = []
        func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
            let watch = Stopwatch()
            defer { timings.append((stage, watch.seconds)) }
            return try body()
        }
        let categories = Array(Set(papers.compactMap(\.primaryCategory))).sorted()
        let labelOf = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let truth = papers.map { labelOf[$0.primaryCategory ?? ""] ?? 0 }

        let inputs = try ModelInputs.bundled(usePrior: false)
        let fitted = try timed("TF-IDF") {
            do {
                return try TFIDFVectorizer(configuration: options.tfidf, stopWords: inputs.stopWords).fit(papers)
            } catch let error as TextFeaturesError {
                throw PipelineError(error.message)
            }
        }
        let lsa = timed("LSA") {
            LSAModel.fit(
                fitted.matrix, tfidfHash: fitted.model.contentHash, termWeights: options.lsaTermWeights(fitted),
                dimension: options.lsaDimension,
                powerIterations: options.powerIterations)
        }
        let clusters = timed("k-means") {
            let rows = lsa.embeddings.nonzeroRowIndices()
            let result = SphericalKMeans(k: k, seed: seed).fit(lsa.embeddings.selectingRows(rows))
            return ClusterAssignment(result, rows: rows, total: papers.count)
        }
        var finder = RelatedPapers(
            embeddings: lsa.model.neighbourView(of: lsa.embeddings), tfidf: fitted.matrix,
            vocabulary: fitted.model.vocabulary)
        if let tfidfWeight { finder.tfidfWeight = tfidfWeight }
        let neighbours = timed("top-10 neighbours") { finder.allPairs(top: 10, rescore: false) }
        let rescored = timed("top-10 re-scored") { finder.allPairs(top: 10, rescore: true) }

        func precision(_ lists: [[(index: Int, score: Float)]]) -> Double {
            var hits = 0
            var total = 0
            for (i, list) in lists.enumerated() {
                for neighbour in list {
                    total += 1
                    if truth[neighbour.index] == truth[i] { hits += 1 }
                }
            }
            return total == 0 ? 0 : Double(hits) / Double(total)
        }
        // Random neighbours share the category with probability Σ_c p_c·(n_c − 1)/(n − 1).
        var counts = [Int](repeating: 0, count: categories.count)
        for label in truth { counts[label] += 1 }
        let n = Double(papers.count)
        let random = counts.reduce(0.0) { $0 + Double($1) / n * Double($1 - 1) / (n - 1) }

        return EvaluationReport(
            paperCount: papers.count, categoryCount: categories.count, k: k,
            nmi: ClusteringMetrics.normalizedMutualInformation(truth, clusters.assignments),
            ari: ClusteringMetrics.adjustedRandIndex(truth, clusters.assignments),
            purity: ClusteringMetrics.purity(truth: truth, predicted: clusters.assignments),
            precisionAt10: precision(neighbours.neighbors), rescoredPrecisionAt10: precision(rescored.neighbors),
            randomPrecisionAt10: random, timings: timings)
    }
}

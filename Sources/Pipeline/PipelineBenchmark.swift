import Clustering
import Foundation
import LinearAlgebra
import PaperRadarCore
import Recommendation
import TextFeatures
import Topics

/// The whole pipeline timed stage by stage on a corpus: TF-IDF, LSA, k-means, all-pairs related papers.
public struct PipelineBenchmarkReport: Sendable {
    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
        /// Achieved GFLOP/s of the stage's GEMM work, where it has one.
        public var gflops: Double?
        public var detail: String
    }

    public var paperCount: Int
    public var stages: [Stage]
    /// GFLOP/s of a plain 4096² sgemm measured in the same run.
    public var plainSGEMMGFLOPS: Double
    public var blas: BLASInfo

    public var totalSeconds: Double { stages.reduce(0) { $0 + $1.seconds } }
}

public enum PipelineBenchmark {
    /// Runs every stage once on `papers` (TF-IDF with bigrams, LSA with `dimension`, k-means with `k`, all-pairs
    /// top-`top` related with re-scoring), then a plain sgemm for reference.
    ///
    /// The papers are consumed: their text is released once TF-IDF is done, as `fit` does, so the later stages'
    /// memory is what the benchmark measures.
    public static func run(
        papers: consuming [Paper], k: Int = 50, top: Int = 10, options: FitOptions = FitOptions(usePrior: false)
    ) throws -> PipelineBenchmarkReport {
        var texts = consume papers
        let paperCount = texts.count
        var stages: [PipelineBenchmarkReport.Stage] = []
        let inputs = try ModelInputs.bundled(usePrior: false)

        var watch = Stopwatch()
        let fitted: TFIDFFit
        do {
            fitted = try TFIDFVectorizer(configuration: options.tfidf, stopWords: inputs.stopWords).fit(texts)
        } catch let error as TextFeaturesError {
            throw PipelineError(error.message)
        }
        stages.append(.init(
            name: "TF-IDF fit+transform", seconds: watch.seconds, gflops: nil,
            detail: "\(fitted.model.featureCount) terms, \(fitted.matrix.nonzeroCount) non-zeros"))
        texts = []
        MemoryRelease.returnFreedMemory()

        watch = Stopwatch()
        let lsa = LSAModel.fit(
            fitted.matrix, tfidfHash: fitted.model.contentHash, termWeights: options.lsaTermWeights(fitted),
            dimension: options.lsaDimension,
            powerIterations: options.powerIterations)
        let svd = lsa.statistics
        stages.append(.init(
            name: "LSA (randomized SVD)", seconds: watch.seconds, gflops: nil,
            detail: String(
                format: "d=%d, products %.2f s, QR %.2f s, small SVD %.2f s", lsa.model.dimension,
                svd.productSeconds, svd.orthonormalizationSeconds, svd.smallSVDSeconds)))

        watch = Stopwatch()
        let clustered = lsa.embeddings.nonzeroRowIndices()
        let clusters = SphericalKMeans(k: min(k, clustered.count)).fit(lsa.embeddings.selectingRows(clustered))
        let kmeansSeconds = watch.seconds
        // Assignment GEMMs: every full-batch iteration is one n×d by d×k product.
        let n = Double(clustered.count)
        let d = Double(lsa.model.dimension)
        let assignmentFlops = 2 * n * d * Double(clusters.k) * Double(max(1, clusters.iterations.count))
        let assignmentSeconds = clusters.iterations.reduce(0) { $0 + $1.seconds }
        stages.append(.init(
            name: "k-means (k=\(clusters.k))", seconds: kmeansSeconds,
            gflops: assignmentSeconds > 0 ? assignmentFlops / assignmentSeconds / 1e9 : nil,
            detail: "\(clusters.restarts.count) restarts, \(clusters.iterations.count) full iterations, "
                + String(format: "mean cosine %.3f", clusters.meanSimilarity)))

        watch = Stopwatch()
        let related = RelatedPapers(
            embeddings: lsa.model.neighbourView(of: lsa.embeddings), tfidf: fitted.matrix, vocabulary: fitted.model.vocabulary
        ).allPairs(top: top)
        let s = related.semanticStatistics
        stages.append(.init(
            name: "related, all pairs top-\(top)", seconds: watch.seconds, gflops: s.gemmGFLOPS,
            detail: String(
                format: "GEMM %.2f s, selection %.2f s, re-scoring %.2f s", s.gemmSeconds, s.selectionSeconds,
                related.rescoreSeconds)))

        return PipelineBenchmarkReport(
            paperCount: paperCount, stages: stages, plainSGEMMGFLOPS: BLAS.plainSGEMMGFLOPS(size: 4096),
            blas: BLAS.liveImplementation)
    }
}

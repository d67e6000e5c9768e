import ArgumentParser
import Foundation
import LinearAlgebra
import Pipeline
import PaperRadarCore
import TextFeatures

/// `paperradar bench …`: benchmarks on a JSON Lines corpus (never timed tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark PaperRadar's stages on a JSON Lines corpus.",
        subcommands: [PipelineStages.self, TFIDF.self, ParseDigests.self, PlainSGEMM.self, NeighbourIndexRecall.self],
        defaultSubcommand: PipelineStages.self)

    struct PipelineStages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pipeline",
            abstract: "Time every stage (TF-IDF, LSA, k-means, all-pairs related) and compare with plain sgemm.")

        @Option(name: .long, help: "A .jsonl or .jsonl.gz corpus.") var corpus: String
        @Option(name: .long, help: "Clusters for the k-means stage.") var k = 50
        @Option(name: .long, help: "Related papers per paper.") var top = 10

        func run() throws {
            let papers = try BenchSupport.load(corpus)
            let blas = BLAS.liveImplementation
            print("BLAS:            \(blas.implementationName) (\(blas.blasLibraryPath ?? "unknown library"))")
            if let threads = blas.threadCount { print("BLAS threads:    \(threads)") }
            let report: PipelineBenchmarkReport
            do {
                report = try PipelineBenchmark.run(papers: papers, k: k, top: top)
            } catch let error as PipelineError {
                throw CLIError(error.message)
            }
            print("papers:          \(report.paperCount)")
            for stage in report.stages {
                let rate = stage.gflops.map { String(format: ", %.1f GFLOP/s (%.0f%% of plain sgemm)", $0, 100 * $0 / report.plainSGEMMGFLOPS) } ?? ""
                print(
                    "\(stage.name.padding(toLength: 28, withPad: " ", startingAt: 0)) "
                        + String(format: "%7.2f s", stage.seconds) + "\(rate)  [\(stage.detail)]")
            }
            print(
                "whole pipeline               " + String(format: "%7.2f s, %.0f papers/s", report.totalSeconds,
                    Double(report.paperCount) / report.totalSeconds))
            print(String(format: "plain sgemm 4096²             %.1f GFLOP/s (measured in this run)", report.plainSGEMMGFLOPS))
            BenchSupport.printPeakMemory()
        }
    }

    /// `paperradar bench sgemm`: the yardstick for every GEMM figure PaperRadar prints.
    struct PlainSGEMM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sgemm", abstract: "Time a plain square single-precision GEMM on all cores (median of 3).")

        @Option(name: .long, help: "The matrices' edge.") var size = 4096

        func run() throws {
            guard size > 0 else { throw ValidationError("--size must be positive") }
            print(String(format: "plain sgemm %d²: %.1f GFLOP/s", size, BLAS.plainSGEMMGFLOPS(size: size)))
        }
    }

    struct TFIDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tfidf", abstract: "Time TF-IDF fit + transform (median of repetitions).")

        @Option(name: .long, help: "A .jsonl or .jsonl.gz corpus.") var corpus: String
        @Option(name: .long, help: "Repetitions (the median is reported).") var repetitions = 3
        @Flag(name: .long, help: "Unigrams only.") var unigrams = false
        @Option(name: .long, help: "Threads (default: all cores).") var threads: Int?

        func run() throws {
            let loaded = try BenchSupport.load(corpus)
            var configuration = TFIDFConfiguration()
            if unigrams { configuration.ngramRange = 1...1 }
            let inputs = try ModelInputs.bundled(usePrior: false)
            let vectorizer = TFIDFVectorizer(configuration: configuration, stopWords: inputs.stopWords)
            print("corpus:          \(corpus): \(loaded.count) papers")
            let report = try TFIDFBenchmark.run(
                loaded.map(TextDocument.init), vectorizer: vectorizer, repetitions: max(1, repetitions),
                concurrency: threads)
            print(report.summary)
            BenchSupport.printPeakMemory()
        }
    }
}

/// Shared pieces of the benchmarks.
enum BenchSupport {
    static func load(_ path: String) throws -> [PaperRadarCore.Paper] {
        let started = Stopwatch()
        let file: CorpusFile
        do {
            file = try CorpusFile.read(URL(fileURLWithPath: path))
        } catch let error as PipelineError {
            throw CLIError(error.message)
        }
        if !file.skipped.isEmpty {
            Terminal.error("\(path): \(file.skipped.count) lines skipped (first: \(file.skipped[0]))")
        }
        guard !file.papers.isEmpty else { throw CLIError("\(path): no papers") }
        Terminal.error(
            "loaded \(file.papers.count) papers in \(String(format: "%.1f", started.seconds)) s")
        return file.papers
    }

    static func printPeakMemory() {
        if let peak = ProcessStats.peakResidentMegabytes() { print("peak RSS \(Int(peak.rounded())) MB") }
    }
}

import ArgumentParser
import Foundation
import PaperRadarCore
import Pipeline

/// `paperradar fit`: (re)fit the models on the store and store every paper's vectors.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit the TF-IDF model on every stored paper and store their vectors.",
        discussion: """
            Refitting is explicit: until the next fit, new papers are folded in with the frozen model. Vectors are \
            stored under the model's hash, so vectors of different models are never mixed.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .long, help: "Drop terms in fewer papers than this.") var minDF: Int?
    @Option(name: .long, help: "Drop terms in more than this fraction of papers.") var maxDF: Double?
    @Option(name: .long, help: "Keep at most this many terms (the most frequent).") var maxFeatures: Int?
    @Flag(name: .long, help: "Unigrams only (no bigrams).") var unigrams = false
    @Flag(name: .long, help: "Do not stem.") var noStemming = false
    @Flag(name: .long, help: "Ignore the shipped IDF prior; use local counts only.") var noPrior = false
    @Option(name: .long, help: "LSA dimensions.") var dimensions = 256
    @Option(name: .long, help: "Topics: a number, or `auto` (silhouette and stability).") var k = "auto"

    func run() throws {
        var options = FitOptions()
        options.usePrior = !noPrior
        if let minDF { options.tfidf.minDF = minDF }
        if let maxDF { options.tfidf.maxDF = maxDF }
        if let maxFeatures { options.tfidf.maxFeatures = maxFeatures }
        if unigrams { options.tfidf.ngramRange = 1...1 }
        if noStemming { options.tfidf.stemming = false }
        guard dimensions >= 1 else { throw ValidationError("--dimensions must be at least 1") }
        options.lsaDimension = dimensions
        if k != "auto" {
            guard let value = Int(k), value >= 1 else { throw ValidationError("--k takes a positive number or `auto`") }
            options.topicCount = .fixed(value)
        }
        do {
            try options.tfidf.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        let repository = try storeOptions.openRepository()
        let started = Stopwatch()
        let report: FitReport
        do {
            report = try ModelFitter(repository: repository, options: options).fit(progress: { stage in
                if Terminal.stderrIsTerminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[Kfitting: \(stage.rawValue)…".utf8))
                }
            }).report
        } catch let error as PipelineError {
            if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw CLIError(error.message)
        }
        if Terminal.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(ModelRepository.summary(of: report.tfidf))
        print("vectors:  \(report.paperCount) papers, \(report.nonzeroCount) non-zeros")
        print("LSA:      \(report.lsa.dimension) dimensions (\(report.lsa.contentHash))")
        if let topics = report.topics {
            let names = topics.topics.sorted { $0.size > $1.size }.prefix(8).map { "\($0.name) (\($0.size))" }
            print("topics:   \(topics.topics.count) (k \(topics.kChoice)): \(names.joined(separator: ", "))")
        } else {
            print("topics:   none yet (they need at least 2 papers with words in the vocabulary)")
        }
        // An import leaves its papers queued for the full-text index: index them now, not at the first search.
        let indexing = Stopwatch()
        let indexed = try repository.store.indexPendingSearchTexts()
        if indexed > 0 { print("search:   \(indexed) papers added to the full-text index") }
        var stages = report.timings.map { "\($0.stage.rawValue) \(String(format: "%.2f", $0.seconds)) s" }
        if indexed > 0 { stages.append("search index \(String(format: "%.2f", indexing.seconds)) s") }
        print("time:     \(String(format: "%.2f", started.seconds)) s (\(stages.joined(separator: ", ")))")
    }
}

/// Times ``TFIDFVectorizer/fit(_:concurrency:)`` (fit + transform of the corpus) for `paperradar bench tfidf`.
///
/// Pure apart from reading the clock: the caller loads the corpus and adds the process's peak memory.
public enum TFIDFBenchmark {
    /// Figures of one benchmark run.
    public struct Report: Sendable, Hashable, Codable {
        public var papers: Int
        /// UTF-8 megabytes (10⁶ bytes) of title + abstract text.
        public var textMegabytes: Double
        /// Seconds of each repetition.
        public var seconds: [Double]
        public var medianSeconds: Double
        public var papersPerSecond: Double
        public var megabytesPerSecond: Double
        public var vocabularySize: Int
        public var nonzeroCount: Int
        public var statistics: TFIDFFit.Statistics

        /// Human-readable lines (without peak memory, which the caller measures).
        public var summary: String {
            func fixed(_ value: Double, _ digits: Int) -> String {
                var scale = 1.0
                for _ in 0..<digits { scale *= 10 }
                let rounded = (value * scale).rounded() / scale
                return "\(rounded)"
            }
            return """
                papers               \(papers)
                text                 \(fixed(textMegabytes, 1)) MB
                fit+transform        \(fixed(medianSeconds, 3)) s (median of \(seconds.count): \
                \(seconds.map { fixed($0, 3) }.joined(separator: ", ")))
                throughput           \(Int(papersPerSecond.rounded())) papers/s, \(fixed(megabytesPerSecond, 1)) MB/s
                vocabulary           \(vocabularySize) terms
                nonzeros             \(nonzeroCount)
                """
        }
    }

    /// Fits `repetitions` times and reports the median time.
    public static func run(
        _ documents: [TextDocument], vectorizer: TFIDFVectorizer, repetitions: Int = 3, concurrency: Int? = nil
    ) throws -> Report {
        precondition(repetitions >= 1, "at least one repetition")
        var seconds: [Double] = []
        var last: TFIDFFit?
        for _ in 0..<repetitions {
            last = nil  // free the previous fit before timing the next
            let clock = ContinuousClock()
            var fit: TFIDFFit?
            let elapsed = try clock.measure { fit = try vectorizer.fit(documents, concurrency: concurrency) }
            seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            last = fit
        }
        let fit = last!
        let median = seconds.sorted()[seconds.count / 2]
        let megabytes = Double(documents.reduce(0) { $0 + $1.byteCount }) / 1e6
        return Report(
            papers: documents.count, textMegabytes: megabytes, seconds: seconds, medianSeconds: median,
            papersPerSecond: Double(documents.count) / median, megabytesPerSecond: megabytes / median,
            vocabularySize: fit.model.featureCount, nonzeroCount: fit.matrix.nonzeroCount,
            statistics: fit.statistics)
    }
}

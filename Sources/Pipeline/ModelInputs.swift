import BundledModels
import TextFeatures

/// The shipped model files a fit starts from: stop words and the default IDF prior (from `models/`).
public struct ModelInputs: Sendable {
    public var stopWords: StopWords
    /// The default IDF prior; `nil` fits on local counts only.
    public var prior: IDFPrior?

    public init(stopWords: StopWords, prior: IDFPrior?) {
        self.stopWords = stopWords
        self.prior = prior
    }

    /// The files embedded in the binary at build time.
    ///
    /// - Throws: ``PipelineError`` when a shipped file is missing or malformed (a broken build, not user input).
    public static func bundled(usePrior: Bool = true) throws -> ModelInputs {
        guard let stopWordText = BundledModels.text(named: "stopwords.txt") else {
            throw PipelineError("models/stopwords.txt was not embedded in this build")
        }
        var prior: IDFPrior?
        if usePrior {
            guard let priorText = BundledModels.text(named: "idf-prior.tsv") else {
                throw PipelineError("models/idf-prior.tsv was not embedded in this build")
            }
            do {
                prior = try IDFPrior(parsing: priorText)
            } catch {
                throw PipelineError("the bundled IDF prior is unreadable: \(error)")
            }
        }
        return ModelInputs(stopWords: StopWords(parsing: stopWordText), prior: prior)
    }
}

/// A pipeline problem a user can act on.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

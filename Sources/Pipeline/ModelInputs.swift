import BundledModels
import TextFeatures
import Topics

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

    /// The named topics shipped in models/topics.toml, parsed once per process.
    ///
    /// - Throws: ``PipelineError`` when the shipped file is missing or malformed (a broken build).
    public static func bundledCatalog() throws -> NamedTopicCatalog {
        try catalog.get()
    }

    private static let catalog: Result<NamedTopicCatalog, PipelineError> = {
        guard let text = BundledModels.text(named: "topics.toml") else {
            return .failure(PipelineError("models/topics.toml was not embedded in this build"))
        }
        do {
            return .success(try NamedTopicCatalog(parsing: text))
        } catch {
            return .failure(PipelineError("models/topics.toml: \(error)"))
        }
    }()
}

/// A pipeline problem a user can act on.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// An error from fitting, transforming or decoding TF-IDF models, with a message a user can act on.
///
/// Programmer errors (a negative index, a malformed `SparseMatrix`) are preconditions; everything a user can cause
/// or fix (an empty corpus, settings that prune every term, a damaged model file) is a `TextFeaturesError`.
public struct TextFeaturesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for code that reacts to particular failures.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case noDocuments, emptyVocabulary, noTermsAfterPruning, invalidConfiguration
            case malformedModel, malformedPrior, incompatiblePrior
        }

        private let value: Value

        /// `fit` was given no documents.
        public static let noDocuments = Code(value: .noDocuments)
        /// No document produced a single term (before pruning).
        public static let emptyVocabulary = Code(value: .emptyVocabulary)
        /// `minDF`, `maxDF` or `maxFeatures` removed every term.
        public static let noTermsAfterPruning = Code(value: .noTermsAfterPruning)
        /// A ``TFIDFConfiguration`` value is out of range.
        public static let invalidConfiguration = Code(value: .invalidConfiguration)
        /// Bytes given to ``TFIDFModel/init(decoding:)`` are not a model this version can read.
        public static let malformedModel = Code(value: .malformedModel)
        /// Text given to ``IDFPrior/init(parsing:)`` is not a prior.
        public static let malformedPrior = Code(value: .malformedPrior)
        /// The prior was built with other analysis settings (another stemmer) than the model.
        public static let incompatiblePrior = Code(value: .incompatiblePrior)

        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence a user can act on.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

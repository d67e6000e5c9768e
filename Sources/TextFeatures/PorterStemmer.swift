/// Placeholder until the Snowball English (Porter2) stemmer lands; returns the word unchanged.
public struct PorterStemmer: Sendable {
    public init() {}

    /// The stem of a lower-case English word.
    public func stem(_ word: String) -> String { word }
}

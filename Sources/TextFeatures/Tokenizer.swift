/// The second stage of the analysis: normalised text → tokens, for arXiv English.
///
/// A token is a maximal run of letters and digits in which a single hyphen between two letters or digits is
/// kept, so model and method names stay whole: `gpt-4o`, `llama-3`, `3d`, `o1`, `k-means`, `state-of-the-art`.
/// A possessive `'s` is dropped. Pure numbers (`2024`, `3-5`), one-character tokens and tokens longer than 48
/// characters are dropped. No token crosses punctuation, and each token says whether punctuation (or a dropped
/// token, or material the normaliser dropped) separates it from the previous one: ``Token/startsPhrase``. Only
/// ASCII letters and digits form tokens; run ``TextNormalizer`` first so accents are folded and math is gone.
public struct Tokenizer: Sendable, Hashable {
    /// One token of a text.
    public struct Token: Sendable, Hashable {
        /// The token, lower case.
        public var text: String
        /// True for the first token and for a token that punctuation (or dropped material) separates from the
        /// previous token: no bigram may join the two.
        public var startsPhrase: Bool

        public init(text: String, startsPhrase: Bool) {
            self.text = text
            self.startsPhrase = startsPhrase
        }
    }

    public init() {}

    /// The tokens of `text`, in order.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public func tokens(in text: String) -> [Token] {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = TokenScanner(bytes)
            var tokens: [Token] = []
            while let token = scanner.next() {
                let slice = UnsafeBufferPointer(rebasing: bytes[token.start..<(token.start + token.length)])
                let lowered = slice.map { ASCII.lowercased($0) }
                tokens.append(Token(text: String(decoding: lowered, as: UTF8.self), startsPhrase: token.startsPhrase))
            }
            return tokens
        }
    }
}

import Foundation

/// The third stage of the analysis: words that never become terms.
///
/// Parsed from a one-word-a-line file (`models/stopwords.txt`): blank lines and lines starting with `#` are
/// skipped, white space is trimmed, words are lower-cased. A stop word is matched against the token as the
/// tokenizer yields it, before stemming, so the file lists inflected forms (`propose`, `proposed`, `proposes`)
/// explicitly. A stop word also breaks bigrams: "learning to rank" gives no "learning rank".
public struct StopWords: Sendable, Hashable {
    /// The words, sorted.
    public let words: [String]
    private let set: Set<String>

    /// No stop words.
    public static let none = StopWords(words: [])

    /// A list of words (lower-cased; duplicates removed).
    public init<Words: Sequence<String>>(words: Words) {
        let cleaned = Set(words.map { $0.lowercased() }.filter { !$0.isEmpty })
        self.set = cleaned
        self.words = cleaned.sorted()
    }

    /// Parses the one-word-a-line format.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) {
        var parsed: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces)
            if word.isEmpty || word.hasPrefix("#") { continue }
            parsed.append(word)
        }
        self.init(words: parsed)
    }

    /// True when `word` (lower case) is a stop word.
    ///
    /// - Complexity: O(length of `word`).
    public func contains(_ word: String) -> Bool { set.contains(word) }

    /// The number of stop words.
    public var count: Int { words.count }

    /// FNV-1a 64 of the sorted words joined by newlines, as hex: identifies the list in model and prior headers.
    public var contentHash: String {
        var hasher = FNV1a64()
        for word in words {
            hasher.update(word)
            hasher.update([0x0A])
        }
        return hasher.hex
    }

    public static func == (lhs: StopWords, rhs: StopWords) -> Bool { lhs.words == rhs.words }
    public func hash(into hasher: inout Hasher) { hasher.combine(words) }
}

/// The byte-level tokenizer shared by ``Tokenizer`` and the fitting engine.
///
/// A token is a maximal run of ASCII letters and digits in which a single `-` between two letters or digits is
/// kept (`gpt-4o`, `k-means`, `state-of-the-art`). A possessive `'s` after a token is dropped. Tokens without a
/// letter (numbers such as `2024` or `3-5`), one-byte tokens and tokens longer than ``maximumTokenLength`` bytes
/// are dropped. White space and apostrophes separate tokens; every other byte (punctuation, the dropped-span
/// marker, non-ASCII text) is a *boundary*, and so is a dropped token: the next token then has `startsPhrase`
/// set, and no bigram joins it to the token before.
struct TokenScanner {
    /// Tokens longer than this (hashes, DNA sequences, run-together URLs) are dropped.
    static let maximumTokenLength = 48

    /// One token: `bytes[start ..< start + length]`.
    struct RawToken {
        var start: Int
        var length: Int
        /// FNV-1a 64 of the lower-cased token bytes.
        var hash: UInt64
        var startsPhrase: Bool
        var hasDigit: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var boundary = true

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next token, or `nil` at the end of the text.
    ///
    /// - Complexity: amortised O(1) per byte.
    @inline(__always)
    mutating func next() -> RawToken? {
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if ASCII.isAlphanumeric(byte) {
                let start = position
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                var hasLetter = false
                var hasDigit = false
                while position < count {
                    let current = bytes[position]
                    if ASCII.isLetter(current) {
                        hasLetter = true
                    } else if ASCII.isDigit(current) {
                        hasDigit = true
                    } else if !(current == UInt8(ascii: "-") && position + 1 < count
                        && ASCII.isAlphanumeric(bytes[position + 1]))
                    {
                        break
                    }
                    // `| 0x20` lower-cases letters and leaves digits and `-` unchanged.
                    hash = (hash ^ UInt64(current | 0x20)) &* 0x100_0000_01b3
                    position += 1
                }
                let length = position - start
                if position + 1 < count && bytes[position] == UInt8(ascii: "'")
                    && (bytes[position + 1] | 0x20) == UInt8(ascii: "s")
                    && (position + 2 == count || !ASCII.isAlphanumeric(bytes[position + 2]))
                {
                    position += 2
                }
                if !hasLetter || length < 2 || length > Self.maximumTokenLength {
                    boundary = true
                    continue
                }
                let startsPhrase = boundary
                boundary = false
                return RawToken(
                    start: start, length: length, hash: hash, startsPhrase: startsPhrase, hasDigit: hasDigit)
            }
            if !ASCII.isSpace(byte) && byte != UInt8(ascii: "'") { boundary = true }
            position += 1
        }
        return nil
    }
}

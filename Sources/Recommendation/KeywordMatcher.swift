/// Whole-word, case-insensitive matching of profile keywords on paper text (see ``Keyword`` for the rules).
///
/// A text is normalised once into its words separated by single spaces and framed by spaces (`" graph neural
/// networks "`); a keyword is the same form of its words (`" neural network "`, or `" agent"` for the prefix
/// `agent*`), so a match is a byte substring search that cannot start or end inside a word.
public enum KeywordMatcher {
    /// The lowercased words of a text: maximal runs of letters and digits.
    public static func words(of text: String) -> [String] {
        let normalized = normalize(text)
        return normalized.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text's words, lowercased, separated by one space, with a space before the first and after the last.
    ///
    /// Word characters are ASCII letters and digits and every non-ASCII character (Unicode-lowercased first);
    /// everything else separates words.
    /// - Complexity: O(length of the text).
    public static func normalize(_ text: String) -> [UInt8] {
        let source = text.utf8.contains(where: { $0 >= 0x80 }) ? text.lowercased() : text
        var out: [UInt8] = [0x20]
        out.reserveCapacity(source.utf8.count + 2)
        var inWord = false
        for byte in source.utf8 {
            let lowered: UInt8
            switch byte {
            case 0x41...0x5A: lowered = byte | 0x20
            case 0x61...0x7A, 0x30...0x39, 0x80...: lowered = byte
            default:
                if inWord {
                    out.append(0x20)
                    inWord = false
                }
                continue
            }
            out.append(lowered)
            inWord = true
        }
        if inWord { out.append(0x20) }
        return out
    }

    /// The byte pattern of a keyword in normalised text: `" w1 w2 "`, or `" w1 w2"` for a prefix keyword.
    public static func pattern(of keyword: Keyword) -> [UInt8] {
        var bytes: [UInt8] = [0x20]
        bytes += Array(keyword.words.joined(separator: " ").utf8)
        if !keyword.isPrefix { bytes.append(0x20) }
        return bytes
    }

    /// Whether `pattern` occurs in `text` (both normalised).
    ///
    /// - Complexity: O(|text|·|pattern|) in the worst case, O(|text|) in practice (first-byte scan).
    public static func contains(_ text: [UInt8], pattern: [UInt8]) -> Bool {
        let n = text.count
        let m = pattern.count
        guard m > 0 else { return true }
        guard m <= n else { return false }
        return text.withUnsafeBufferPointer { t in
            pattern.withUnsafeBufferPointer { p in
                // Patterns start with a space; anchor on their second byte (the first letter of the keyword).
                let anchor = m > 1 ? 1 : 0
                let key = p[anchor]
                var i = anchor
                let last = n - m + anchor
                while i <= last {
                    if t[i] == key {
                        let start = i - anchor
                        var j = 0
                        while j < m && t[start + j] == p[j] { j += 1 }
                        if j == m { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

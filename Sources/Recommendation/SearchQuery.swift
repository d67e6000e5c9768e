/// A search as typed, read as keywords with the profiles' rules (see ``Keyword``): `"a phrase"` in double quotes
/// matches its words in order, `agent*` matches words starting with `agent`, every other word on its own; matching
/// is whole-word and case-insensitive, without stemming.
public struct SearchQuery: Sendable, Hashable {
    /// The query as typed.
    public var text: String
    /// Its keywords, in order, duplicates dropped.
    public var keywords: [Keyword]
    /// For each keyword, whether it was quoted (a phrase the reader asked for as a whole).
    public var quoted: [Bool]

    /// Reads a query; an unbalanced quote runs to the end of the text.
    public init(_ text: String) {
        self.text = text
        var keywords: [Keyword] = []
        var quoted: [Bool] = []
        func add(_ piece: Substring, isQuoted: Bool) {
            guard let keyword = Keyword(String(piece)) else { return }
            guard !keywords.contains(where: { $0.words == keyword.words && $0.isPrefix == keyword.isPrefix }) else {
                return
            }
            keywords.append(keyword)
            quoted.append(isQuoted)
        }
        var rest = text[...]
        while let quote = rest.firstIndex(where: { $0 == "\"" || $0 == "“" || $0 == "”" }) {
            for word in rest[..<quote].split(whereSeparator: \.isWhitespace) { add(word, isQuoted: false) }
            let afterQuote = rest.index(after: quote)
            let close = rest[afterQuote...].firstIndex(where: { $0 == "\"" || $0 == "“" || $0 == "”" }) ?? rest.endIndex
            add(rest[afterQuote..<close], isQuoted: true)
            rest = close == rest.endIndex ? rest[close...] : rest[rest.index(after: close)...]
        }
        for word in rest.split(whereSeparator: \.isWhitespace) { add(word, isQuoted: false) }
        self.keywords = keywords
        self.quoted = quoted
    }

    /// True when the query has nothing to search for.
    public var isEmpty: Bool { keywords.isEmpty }

    /// The query without the unquoted single words `drop` names (e.g. stop words), unless that would leave nothing.
    public func dropping(_ drop: (String) -> Bool) -> SearchQuery {
        var copy = self
        let keep = keywords.indices.filter {
            quoted[$0] || keywords[$0].words.count > 1 || keywords[$0].isPrefix || !drop(keywords[$0].words[0])
        }
        guard !keep.isEmpty else { return self }
        copy.keywords = keep.map { keywords[$0] }
        copy.quoted = keep.map { quoted[$0] }
        return copy
    }
}

extension KeywordMatcher {
    /// Where `keywords` occur in `text`, as ranges of `text` sorted by start, overlapping matches merged; and which
    /// keywords occur (indices into `keywords`).
    ///
    /// Words are found as ``normalize(_:)`` finds them (ASCII letters and digits and every non-ASCII character),
    /// compared lowercased; a prefix keyword's last word matches the start of a word.
    /// - Complexity: O(words of the text · keywords · words of a keyword).
    public static func matches(
        of keywords: [Keyword], in text: String
    ) -> (ranges: [Range<String.Index>], found: Set<Int>) {
        guard !keywords.isEmpty else { return ([], []) }
        var words: [(range: Range<String.Index>, word: String)] = []
        var start: String.Index?
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isWord =
                scalar.value >= 0x80 || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
                || ("A"..."Z").contains(scalar)
            if isWord {
                if start == nil { start = index }
            } else if let begun = start {
                words.append((begun..<index, String(text.unicodeScalars[begun..<index]).lowercased()))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begun = start { words.append((begun..<scalars.endIndex, String(text.unicodeScalars[begun...]).lowercased())) }

        var ranges: [Range<String.Index>] = []
        var found = Set<Int>()
        for (k, keyword) in keywords.enumerated() {
            let count = keyword.words.count
            guard count <= words.count else { continue }
            for i in 0...(words.count - count) {
                var matched = true
                for j in 0..<count {
                    let word = words[i + j].word
                    let wanted = keyword.words[j]
                    let isLast = j == count - 1
                    if !(word == wanted || (isLast && keyword.isPrefix && word.hasPrefix(wanted))) {
                        matched = false
                        break
                    }
                }
                if matched {
                    ranges.append(words[i].range.lowerBound..<words[i + count - 1].range.upperBound)
                    found.insert(k)
                }
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return (merged, found)
    }
}

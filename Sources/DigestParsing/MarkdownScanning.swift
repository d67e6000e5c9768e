import PaperRadarCore

/// Small hand-written scanners for the Markdown pieces digests use: links, bold fields, ids in URLs, dates.
enum MarkdownScanning {
    /// A `[text](url)` link that makes up the whole of `text` (surrounding white space allowed).
    ///
    /// The link text may itself hold brackets: the split is at the last `](`.
    static func link<S: StringProtocol>(_ text: S) -> (text: Substring, url: Substring)? {
        let trimmed = Substring(text.trimmingWhitespace())
        guard trimmed.first == "[", trimmed.last == ")", let split = trimmed.rangeOfLast("](") else { return nil }
        let label = trimmed[trimmed.index(after: trimmed.startIndex)..<split.lowerBound]
        let url = trimmed[split.upperBound..<trimmed.index(before: trimmed.endIndex)]
        return (label, url)
    }

    /// The arXiv id and version named by an `…/abs/ID`, `…/pdf/ID`, `…/pdf/ID.pdf` or `…/html/ID` URL, or by a
    /// "URL" that is just the id (`(2503.05714)`, `(arXiv:2503.05714v2)`, as some generator versions write).
    static func arxivID<S: StringProtocol>(inURL url: S) -> (id: ArxivID, version: Int?)? {
        var rest = Substring(url.trimmingWhitespace())
        if rest.hasPrefix("<"), rest.hasSuffix(">") { rest = rest.dropFirst().dropLast() }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        if let bare = ArxivID.parse(String(rest)) { return bare }
        var found: Substring?
        for marker in ["/abs/", "/pdf/", "/html/"] {
            if let range = rest.rangeOfLast(marker) {
                found = rest[range.upperBound...]
                break
            }
        }
        guard var candidate = found else { return nil }
        while candidate.hasSuffix("/") { candidate = candidate.dropLast() }
        if candidate.hasSuffix(".pdf") { candidate = candidate.dropLast(4) }
        return ArxivID.parse(String(candidate))
    }

    /// A `**Label**: value` field line: the label and the value after the colon, or `nil` when the line is not one.
    static func boldField(_ line: String) -> (label: String, value: Substring)? {
        guard line.hasPrefix("**") else { return nil }
        let afterOpen = line.dropFirst(2)
        guard let close = afterOpen.firstRange(of: "**") else { return nil }
        let label = afterOpen[..<close.lowerBound].trimmingWhitespace()
        var value = afterOpen[close.upperBound...]
        guard !label.isEmpty, value.first == ":" || value.first == "：" else { return nil }
        value = value.dropFirst()
        return (label, value)
    }

    /// The `YYYY-MM-DD` date that `text` starts with, as in `2025-06-11-12-05`; `nil` when it starts with none.
    static func leadingDate<S: StringProtocol>(_ text: S) -> String? {
        let characters = Array(text.prefix(10))
        guard characters.count == 10 else { return nil }
        for (offset, character) in characters.enumerated() {
            let isDash = offset == 4 || offset == 7
            if isDash ? character != "-" : !character.isASCIIDigit { return nil }
        }
        let date = String(characters)
        if let next = text.dropFirst(10).first, next.isASCIIDigit { return nil }
        let month = Int(date.dropFirst(5).prefix(2)) ?? 0
        let day = Int(date.dropFirst(8)) ?? 0
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return date
    }

    /// The first `YYYY-MM-DD` date anywhere in `text`, if any.
    static func firstDate<S: StringProtocol>(in text: S) -> String? {
        var rest = Substring(text)
        while let digit = rest.firstIndex(where: \.isASCIIDigit) {
            let candidate = rest[digit...]
            let previousIsDigit = digit > rest.startIndex && rest[rest.index(before: digit)].isASCIIDigit
            if !previousIsDigit, let date = leadingDate(candidate) { return date }
            rest = candidate.drop(while: \.isASCIIDigit)
        }
        return nil
    }
}

extension StringProtocol {
    /// True when the UTF-8 bytes of `needle` occur in the text: an exact byte search, much faster than a search by
    /// `Character` (no grapheme breaking), for ASCII markers such as `(#` or `arxiv.org/`.
    func containsBytes(_ needle: String) -> Bool {
        var needleBytes = needle.utf8.makeIterator()
        guard let first = needleBytes.next() else { return true }
        let rest = Array(needle.utf8.dropFirst())
        return utf8.withContiguousStorageIfAvailable { bytes in
            Self.search(bytes, first: first, rest: rest)
        } ?? Self.search(Array(utf8), first: first, rest: rest)
    }

    private static func search<C: RandomAccessCollection<UInt8>>(_ bytes: C, first: UInt8, rest: [UInt8]) -> Bool
    where C.Index == Int {
        var index = bytes.startIndex
        let last = bytes.endIndex - rest.count
        while index < last {
            if bytes[index] == first {
                var matched = true
                for offset in 0..<rest.count where bytes[index + 1 + offset] != rest[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }

    /// The range of the last occurrence of `needle`, if any.
    func rangeOfLast(_ needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var index = endIndex
        while index > startIndex {
            index = self.index(before: index)
            if self[index...].hasPrefix(needle) {
                return index..<(self.index(index, offsetBy: needle.count, limitedBy: endIndex) ?? endIndex)
            }
        }
        return nil
    }

}

import PaperRadarCore

/// The lines of a digest text, addressed by 0-based index and reported by 1-based line number.
///
/// Splits on LF, CRLF and lone CR (so stray carriage returns never end up inside a field) and removes
/// zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF — which includes a byte order mark) from every
/// line, so that an invisible character never hides a structural marker such as `##### ` or `摘要：`.
///
/// An entry heading glued onto the end of the line before it (`…任務。##### **Title**`, `…</details>### [2] [T](…)`:
/// a generator that lost a line break) is split off into a line of its own, which keeps the physical line's number.
/// See ``gluedHeadingStart(in:)`` for what counts as an entry heading.
struct DigestLines: Sendable {
    /// The line texts, without line terminators and without zero-width characters.
    let texts: [String]
    /// The 1-based physical line number of each text, when a glued heading was split off (else `nil`: index + 1).
    private let numbers: [Int]?

    /// Splits `text` into lines.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    init(_ text: String) {
        let physical = text.withUTF8Bytes { bytes in
            var texts: [String] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    texts.append(DigestLines.lineText(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    start = index + 1
                }
                index += 1
            }
            texts.append(DigestLines.lineText(UnsafeBufferPointer(rebasing: bytes[min(start, bytes.count)...])))
            return texts
        }
        guard physical.contains(where: { DigestLines.gluedHeadingStart(in: $0) != nil }) else {
            texts = physical
            numbers = nil
            return
        }
        var split: [String] = []
        var splitNumbers: [Int] = []
        split.reserveCapacity(physical.count + 16)
        splitNumbers.reserveCapacity(physical.count + 16)
        for (index, line) in physical.enumerated() {
            var rest = Substring(line)
            while let cut = DigestLines.gluedHeadingStart(in: rest) {
                split.append(String(rest[..<cut]))
                splitNumbers.append(index + 1)
                rest = rest[cut...]
            }
            split.append(String(rest))
            splitNumbers.append(index + 1)
        }
        texts = split
        numbers = splitNumbers
    }

    /// The number of lines (a text without a final newline still counts its last line).
    var count: Int { texts.count }

    /// The text of the line at 0-based `index`, or `""` outside the text.
    subscript(index: Int) -> String {
        texts.indices.contains(index) ? texts[index] : ""
    }

    /// The 1-based line number of the line at 0-based `index`.
    func number(at index: Int) -> Int {
        guard let numbers else { return index + 1 }
        return numbers.indices.contains(index) ? numbers[index] : (numbers.last ?? 0) + 1
    }

    /// True when every line is empty or white space.
    var isBlank: Bool { texts.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// Where an entry heading glued onto preceding text starts in `line`, or `nil` when there is none.
    ///
    /// An entry heading is `##### ` followed by `**` or a digit (a table + abstracts entry), or `## `…`#### `
    /// followed by `[…](…arxiv.org/…)`, `[n] [` or `<a id=` (announcement and category entries). It counts as glued
    /// when something other than white space and `#` comes before it on the line.
    static func gluedHeadingStart<S: StringProtocol>(in line: S) -> S.Index? {
        let utf8 = line.utf8
        // Fast path: most lines hold no `#` after their first byte.
        guard let firstHash = utf8.dropFirst().firstIndex(of: UInt8(ascii: "#")) else { return nil }
        var index = firstHash
        while index < utf8.endIndex {
            guard utf8[index] == UInt8(ascii: "#") else {
                index = utf8.index(after: index)
                continue
            }
            let runStart = index
            var hashes = 0
            while index < utf8.endIndex, utf8[index] == UInt8(ascii: "#") {
                hashes += 1
                index = utf8.index(after: index)
            }
            guard (2...6).contains(hashes), index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") else { continue }
            let before = line[line.startIndex..<runStart]
            guard before.contains(where: { !$0.isWhitespace && $0 != "#" && $0 != ">" }) else { continue }
            let after = line[utf8.index(after: index)...]
            if isEntryHeadingText(after, level: hashes) { return runStart }
        }
        return nil
    }

    /// True when the text after a heading's `#` marks opens an entry of some layout (see ``gluedHeadingStart(in:)``).
    private static func isEntryHeadingText<S: StringProtocol>(_ text: S, level: Int) -> Bool {
        guard let first = text.first else { return false }
        if level == 5 { return first == "*" || first.isASCIIDigit }
        guard level <= 4 else { return false }
        if text.hasPrefix("<a id=") || text.hasPrefix("<a name=") { return true }
        guard first == "[" else { return false }
        let head = text.prefix(12)
        if head.dropFirst().prefix(while: \.isASCIIDigit).count > 0,
            head.dropFirst().drop(while: \.isASCIIDigit).hasPrefix("] [")
        {
            return true
        }
        return text.containsBytes("arxiv.org/")
    }

    /// Decodes one line's bytes, dropping zero-width characters.
    private static func lineText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let line = String(decoding: bytes, as: UTF8.self)
        // Every zero-width character starts with 0xE2 or 0xEF; most lines have neither.
        guard bytes.containsByte(where: { $0 == 0xE2 || $0 == 0xEF }) else { return line }
        return TextCleaning.removingZeroWidth(line)
    }
}

extension String {
    /// True when the line is empty or only white space.
    var isBlankLine: Bool { allSatisfy(\.isWhitespace) }

    /// True when the line is a Markdown ATX heading: one to six `#` followed by a space (or nothing).
    var isMarkdownHeading: Bool {
        var hashes = 0
        for character in self {
            if character == "#" {
                hashes += 1
                if hashes > 6 { return false }
            } else {
                return hashes > 0 && (character == " " || character == "\t")
            }
        }
        return hashes > 0
    }

    /// The heading level (number of leading `#`) when the line is a Markdown heading, else `nil`.
    var markdownHeadingLevel: Int? {
        guard isMarkdownHeading else { return nil }
        return prefix(while: { $0 == "#" }).count
    }

    /// The text after the heading's `#` marks, trimmed; `""` when the line is not a heading.
    var markdownHeadingText: String {
        guard isMarkdownHeading else { return "" }
        return drop(while: { $0 == "#" }).trimmingWhitespace()
    }

    /// True when the line starts with white space (a space or a tab) and has other text.
    var isIndented: Bool {
        guard let first else { return false }
        return (first == " " || first == "\t") && !isBlankLine
    }
}

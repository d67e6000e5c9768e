import PaperRadarCore

/// The lines of a digest text, addressed by 0-based index and reported by 1-based line number.
///
/// Splits on LF, CRLF and lone CR (so stray carriage returns never end up inside a field) and removes
/// zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF — which includes a byte order mark) from every
/// line, so that an invisible character never hides a structural marker such as `##### ` or `摘要：`.
///
/// A heading glued onto the end of the line before it (`…任務。##### **Title**`, `…</details>### [2] [T](…)`: a
/// generator that lost a line break) is split off into a line of its own, which keeps the physical line's number; an
/// entry heading indented by up to three spaces loses the indentation. See ``gluedHeadingStart(in:)``.
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
        guard physical.contains(where: { DigestLines.gluedHeadingStart(in: $0) != nil || DigestLines.isIndentedEntryHeading($0) })
        else {
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
            split.append(DigestLines.isIndentedEntryHeading(rest) ? String(rest.drop { $0 == " " || $0 == "\t" }) : String(rest))
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

    /// Where a heading glued onto preceding text starts in `line`, or `nil` when there is none.
    ///
    /// A run of two to six `#` and a space right after other text (`…。### Medical`) is a glued heading. After white
    /// space (`…</details> ### [2] …`) only an entry heading is: `##### ` followed by `**` or a digit (a table +
    /// abstracts entry), or `## `…`#### ` followed by `[…](…arxiv.org/…)`, `[n] [` or `<a id=` (announcement and
    /// category entries), so that prose such as `a ## b` stays one line.
    static func gluedHeadingStart<S: StringProtocol>(in line: S) -> S.Index? {
        let utf8 = line.utf8
        // Fast path: most lines hold no `#` after their first byte.
        guard utf8.dropFirst().contains(UInt8(ascii: "#")) else { return nil }
        var index = utf8.startIndex
        // True once text other than white space, `#` and `>` was seen before the current position.
        var seenText = false
        var previous: UInt8 = 0x20
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "#") else {
                if byte != 0x20, byte != 0x09, byte != UInt8(ascii: ">") { seenText = true }
                previous = byte
                index = utf8.index(after: index)
                continue
            }
            let runStart = index
            let before = previous
            previous = UInt8(ascii: "#")
            var hashes = 0
            while index < utf8.endIndex, utf8[index] == UInt8(ascii: "#") {
                hashes += 1
                index = utf8.index(after: index)
            }
            guard seenText, (2...6).contains(hashes), index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") else {
                continue
            }
            let after = line[utf8.index(after: index)...]
            let attached = before != 0x20 && before != 0x09
            if attached, let first = after.first, !first.isWhitespace { return runStart }
            if isEntryHeadingText(after, level: hashes) { return runStart }
        }
        return nil
    }

    /// True for an entry heading indented by one to three spaces or tabs (` ### [1] [T](…)`).
    static func isIndentedEntryHeading<S: StringProtocol>(_ line: S) -> Bool {
        guard let first = line.utf8.first, first == 0x20 || first == 0x09 else { return false }
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        guard indent.count <= 3 else { return false }
        let rest = line.dropFirst(indent.count)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (2...6).contains(hashes), rest.dropFirst(hashes).first == " " else { return false }
        return isEntryHeadingText(rest.dropFirst(hashes + 1), level: hashes)
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
        // A heading's link sits near its start: look no further than a long title away.
        return text.prefix(1000).containsBytes("arxiv.org/")
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

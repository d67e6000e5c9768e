/// The lines of a digest text, addressed by 0-based index and reported by 1-based line number.
///
/// Splits on LF, CRLF and lone CR (so stray carriage returns never end up inside a field) and removes
/// zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF — which includes a byte order mark) from every
/// line, so that an invisible character never hides a structural marker such as `##### ` or `摘要：`.
struct DigestLines: Sendable {
    /// The line texts, without line terminators and without zero-width characters.
    let texts: [String]

    /// Splits `text` into lines.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    init(_ text: String) {
        texts = text.withUTF8Bytes { bytes in
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
    }

    /// The number of lines (a text without a final newline still counts its last line).
    var count: Int { texts.count }

    /// The text of the line at 0-based `index`, or `""` outside the text.
    subscript(index: Int) -> String {
        texts.indices.contains(index) ? texts[index] : ""
    }

    /// The 1-based line number of the line at 0-based `index`.
    func number(at index: Int) -> Int { index + 1 }

    /// True when every line is empty or white space.
    var isBlank: Bool { texts.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

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

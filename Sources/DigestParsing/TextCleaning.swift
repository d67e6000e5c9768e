import Foundation

/// Normalises field text: HTML entities decoded, zero-width characters removed, white space collapsed, NFC.
enum TextCleaning {
    /// Named HTML entities that are decoded; any other name, as in `&equest;`, is left as written.
    static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "times": "\u{00D7}", "middot": "\u{00B7}", "deg": "\u{00B0}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
    ]

    /// One line of inline text (a title, an author, a tag): entities decoded, zero-width characters removed,
    /// runs of spaces and tabs collapsed to one space, trimmed, NFC.
    static func inline<S: StringProtocol>(_ text: S) -> String {
        normalized(collapsingSpaces(removingZeroWidth(decodingEntities(String(text)))))
    }

    /// The text without zero-width characters.
    ///
    /// Works on UTF-8 bytes: every removed character is a 3-byte sequence (`E2 80 8B…8D`, `E2 81 A0`, `EF BB BF`).
    static func removingZeroWidth(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            guard bytes.containsByte(where: { $0 == 0xE2 || $0 == 0xEF }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            var removed = false
            while index < bytes.count {
                if isZeroWidth(bytes, at: index) {
                    index += 3
                    removed = true
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return removed ? String(decoding: out, as: UTF8.self) : text
        }
    }

    /// True when a zero-width character's UTF-8 sequence starts at `index`.
    static func isZeroWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index + 2 < bytes.count else { return false }
        let (first, second, third) = (bytes[index], bytes[index + 1], bytes[index + 2])
        switch (first, second) {
        case (0xE2, 0x80): return (0x8B...0x8D).contains(third)
        case (0xE2, 0x81): return third == 0xA0
        case (0xEF, 0xBB): return third == 0xBF
        default: return false
        }
    }

    /// The text in Unicode Normalization Form C.
    ///
    /// Text made only of scalars that are NFC whatever surrounds them (ASCII, precomposed Latin, general punctuation,
    /// CJK ideographs and punctuation, kana, Hangul syllables, full-width forms: nearly every digest line) is returned
    /// as it is; anything else goes through Foundation's normalisation.
    static func normalized(_ text: String) -> String {
        let isASCII = text.withUTF8Bytes { bytes in !bytes.containsByte(where: { $0 >= 0x80 }) }
        if isASCII || text.unicodeScalars.allSatisfy(isStableUnderNFC) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// True for scalars that NFC leaves alone and that never combine with a neighbour (Unicode NFC_Quick_Check=Yes
    /// and not a combining mark), in the ranges digests use.
    private static func isStableUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3098, 0x309D...0x30FF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3, 0xFF01...0xFFEE:
            return true
        default:
            return false
        }
    }

    /// The text with runs of spaces and tabs collapsed to one space and no leading or trailing white space.
    ///
    /// Newlines are kept (callers pass single paragraphs or lines).
    static func collapsingSpaces(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var changed = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 {
                    if byte == 0x09 || pendingSpace || out.isEmpty { changed = true }
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
                index += 1
            }
            if pendingSpace { changed = true }
            return changed ? String(decoding: out, as: UTF8.self) : text
        }
    }

    /// The text with HTML character references decoded once: the named entities in ``namedEntities`` and numeric
    /// ones (`&#123;`, `&#x7B;`).
    ///
    /// A reference that names no valid scalar (unknown name, surrogate, zero, beyond U+10FFFF) is left as written.
    static func decodingEntities(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            guard bytes.containsByte(where: { $0 == 0x26 }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x26, let (scalar, length) = entity(in: bytes, at: index) {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                    index += length
                } else {
                    out.append(byte)
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The scalar and byte length of the character reference starting with the `&` at `start`, if it is one.
    private static func entity(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        let maxLength = 12  // `&#x10FFFF;` and the longest name we know fit easily
        var end = start + 1
        while end < bytes.count, end - start <= maxLength, bytes[end] != 0x3B {
            let byte = bytes[end]
            let isAlphanumeric =
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                || (0x61...0x7A).contains(byte)
            guard isAlphanumeric || byte == 0x23 else { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == 0x3B, end > start + 1 else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
        let length = end - start + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
        guard let scalar = namedEntities[body] else { return nil }
        return (scalar, length)
    }

    /// True for scalars of scripts written without spaces between words (Han, kana, CJK punctuation, full-width
    /// forms); two lines are joined without a space when the break sits next to one of these.
    static func isSpacelessScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF, 0x3000...0x30FF, 0x3100...0x312F, 0x31A0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// A title: text, not markup. Cleaned as ``inline(_:)`` with line breaks turned into spaces; a complete `**…**`
    /// (or `__…__`) wrapper around the whole title is bold and removed, but a `**` inside the title is kept as written
    /// (a real title reads `Oh F**k! How Do People Feel…`).
    static func title<S: StringProtocol>(_ text: S) -> String {
        var cleaned = inline(text)
        if cleaned.contains(where: \.isNewline) {
            cleaned = inline(cleaned.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
        for marker in ["**", "__"] {
            while cleaned.count > 2 * marker.count, cleaned.hasPrefix(marker), cleaned.hasSuffix(marker) {
                let inner = cleaned.dropFirst(marker.count).dropLast(marker.count)
                // `**A** and **B**` is not one wrapper: its inside would start or end with a bold of its own.
                guard !inner.hasPrefix("*"), !inner.hasSuffix("*"), !isTwoBoldRuns(inner, marker: marker) else { break }
                cleaned = inline(inner)
            }
        }
        return cleaned
    }

    /// True when `inner` (a text between an opening and a closing marker) closes the opening marker early, as
    /// `A** and **B` does: then the outer markers are two separate bold runs, not one wrapper.
    private static func isTwoBoldRuns(_ inner: Substring, marker: String) -> Bool {
        guard let close = inner.firstRange(of: marker) else { return false }
        let after = inner[close.upperBound...]
        // `A** and **B`: a closing marker right after a word, a later opening marker right before one.
        guard let open = after.firstRange(of: marker) else { return false }
        let closesWord = close.lowerBound > inner.startIndex && !inner[inner.index(before: close.lowerBound)].isWhitespace
        let opensWord = open.upperBound < after.endIndex && !after[open.upperBound].isWhitespace
        let spaced = after[..<open.lowerBound].first?.isWhitespace ?? false
        return closesWord && opensWord && spaced
    }
}

extension String {
    /// Calls `body` with the string's contiguous UTF-8 bytes (fast byte loops, also in debug builds).
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var copy = self
        return copy.withUTF8(body)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when some byte satisfies `predicate` (an index loop: fast in debug builds too).
    func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        var index = 0
        while index < count {
            if predicate(self[index]) { return true }
            index += 1
        }
        return false
    }
}

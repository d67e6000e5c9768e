extension Unicode.Scalar {
    /// True for characters that XML 1.0 forbids or HTML5 reports as a parse error.
    ///
    /// These are the C0 controls other than tab, line feed and carriage return, DEL and the C1 controls, and the
    /// noncharacters (U+FDD0…U+FDEF and every U+xFFFE/U+xFFFF). Reports drop them from every text they emit, except
    /// JSON, which keeps the exact strings.
    var isForbiddenInMarkup: Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: true
        default: value & 0xFFFE == 0xFFFE
        }
    }
}

extension String {
    /// The string without characters that are forbidden in markup (see ``Unicode/Scalar/isForbiddenInMarkup``).
    var removingForbiddenCharacters: String {
        guard unicodeScalars.contains(where: \.isForbiddenInMarkup) else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.lazy.filter { !$0.isForbiddenInMarkup })
        return String(scalars)
    }

    /// The string on one line, without forbidden characters.
    ///
    /// Every run of whitespace (line breaks included) becomes one space, with none leading or trailing. Reports show titles, names and terms this way so that a line break in data cannot break a table row, a list
    /// item or a heading.
    public var singleLine: String {
        if isPlainSingleLine { return self }
        return removingForbiddenCharacters.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// True when ``singleLine`` would certainly not change the string.
    ///
    /// A quick, conservative check on UTF-8: no control characters, no whitespace but single spaces between words,
    /// and no byte that could start a non-ASCII space or forbidden character (CJK and most letters pass).
    private var isPlainSingleLine: Bool {
        var previousWasSpace = true
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: " "):
                if previousWasSpace { return false }
                previousWasSpace = true
                continue
            // Controls and DEL; lead bytes of U+0080…U+00BF, U+1680, U+2000…U+206F, U+3000, U+FDD0… and U+xFFFE.
            case 0x00...0x1F, 0x7F, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0...0xF4:
                return false
            default:
                previousWasSpace = false
            }
        }
        return !previousWasSpace || isEmpty
    }
}

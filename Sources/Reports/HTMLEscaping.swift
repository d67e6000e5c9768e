extension String {
    /// The string as HTML or XML character data or attribute value.
    ///
    /// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;` (valid in HTML5 and XML
    /// alike), and characters forbidden in markup are removed. The result is safe inside element content and inside
    /// single- or double-quoted attribute values; it never needs to be escaped again.
    public var markupEscaped: String {
        let needsWork = utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                true
            // C0 controls and DEL, or a lead byte of C1 controls (0xC2) and of U+FDD0…/U+xFFFE… (0xEF, 0xF0…0xF4).
            case 0x00...0x1F, 0x7F, 0xC2, 0xEF, 0xF0...0xF4: true
            default: false
            }
        }
        guard needsWork else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars where !scalar.isForbiddenInMarkup {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

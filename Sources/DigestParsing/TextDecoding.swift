import PaperRadarCore

/// Turns raw digest bytes into text: refuses binary data, drops a UTF-8 BOM, replaces invalid UTF-8.
enum TextDecoding {
    /// How many leading bytes are inspected to decide whether the input is text at all.
    static let sniffLength = 8192
    /// The share of control bytes (other than tab, LF, FF, CR, ESC) in the sniffed prefix above which the input is
    /// considered binary.
    static let maxControlShare = 0.10

    /// The decoded text plus a warning when invalid UTF-8 had to be replaced.
    ///
    /// - Throws: ``DigestParseError/notText(reason:)`` when the bytes start with a UTF-16 byte order mark, or the
    ///   first ``sniffLength`` bytes hold a NUL byte or are mostly control bytes.
    /// - Complexity: O(n).
    static func decode(_ bytes: [UInt8]) throws(DigestParseError) -> (text: String, warnings: [ParseWarning]) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .notText(reason: "it is UTF-16 (it starts with a UTF-16 byte order mark); convert it to UTF-8")
        }
        try checkIsText(bytes)
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var warnings: [ParseWarning] = []
        let invalid = invalidUTF8(in: body)
        if invalid.byteCount > 0 {
            let noun = invalid.byteCount == 1 ? "byte" : "bytes"
            warnings.append(
                ParseWarning(
                    line: invalid.firstLine,
                    "replaced \(invalid.byteCount) invalid UTF-8 \(noun) with U+FFFD (first on line \(invalid.firstLine))"
                ))
        }
        return (String(decoding: body, as: UTF8.self), warnings)
    }

    /// Throws ``DigestParseError/notText(reason:)`` when the leading bytes do not look like text.
    static func checkIsText<C: Collection<UInt8>>(_ bytes: C) throws(DigestParseError) {
        var sampled = 0
        var controls = 0
        for byte in bytes.prefix(sniffLength) {
            if byte == 0 {
                throw .notText(reason: "it contains a NUL byte at offset \(sampled)")
            }
            if isControl(byte) { controls += 1 }
            sampled += 1
        }
        if sampled > 0, Double(controls) / Double(sampled) > maxControlShare {
            throw .notText(reason: "\(controls) of its first \(sampled) bytes are control characters")
        }
    }

    /// C0 controls and DEL, except the ones text legitimately holds (tab, LF, form feed, CR, ESC).
    private static func isControl(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: return false
        case 0x00...0x1F, 0x7F: return true
        default: return false
        }
    }

    /// How many bytes are not well-formed UTF-8 and the 1-based line of the first one (0 / 0 when all are fine).
    ///
    /// Bytes are counted per maximal ill-formed subsequence, the unit `String(decoding:as:)` replaces with one
    /// U+FFFD. Lines end at LF, CRLF or a lone CR, as in ``DigestLines``.
    static func invalidUTF8<C: Collection<UInt8>>(in bytes: C) -> (byteCount: Int, firstLine: Int)
    where C.Index == Int {
        var invalidCount = 0
        var firstLine = 0
        var line = 1
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A {
                    line += 1
                } else if byte == 0x0D, index + 1 >= end || bytes[index + 1] != 0x0A {
                    line += 1
                }
                index += 1
                continue
            }
            let length = wellFormedLength(bytes, at: index)
            if length.valid {
                index += length.count
            } else {
                if invalidCount == 0 { firstLine = line }
                invalidCount += length.count
                index += length.count
            }
        }
        return (invalidCount, firstLine)
    }

    /// The length of the UTF-8 sequence starting with the non-ASCII byte at `index`, and whether it is well formed;
    /// for an ill-formed one, the length of its maximal ill-formed prefix (at least 1).
    private static func wellFormedLength<C: Collection<UInt8>>(_ bytes: C, at index: Int) -> (count: Int, valid: Bool)
    where C.Index == Int {
        let lead = bytes[index]
        var needed = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; high = 0x9F
        case 0xF0: needed = 3; low = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; high = 0x8F
        default: return (1, false)
        }
        var offset = 1
        while offset <= needed {
            let position = index + offset
            guard position < bytes.endIndex else { return (offset, false) }
            let byte = bytes[position]
            let range: ClosedRange<UInt8> = offset == 1 ? low...high : 0x80...0xBF
            guard range.contains(byte) else { return (offset, false) }
            offset += 1
        }
        return (needed + 1, true)
    }
}

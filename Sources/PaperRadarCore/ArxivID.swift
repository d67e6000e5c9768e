/// An arXiv identifier without its version, normalised.
///
/// Accepts the modern form `YYMM.NNNN` / `YYMM.NNNNN` and the old form `archive(.SUB)/YYMMNNN`, optionally with an
/// `arXiv:` prefix, a `vN` version suffix and surrounding white space. The stored `rawValue` never has a version.
public struct ArxivID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The identifier without prefix or version, e.g. `2502.10391` or `hep-th/9901001`.
    public let rawValue: String

    /// Creates an identifier from an already normalised string (no prefix, no version).
    ///
    /// Returns `nil` when the text is not an arXiv identifier or carries a version; use
    /// ``parse(_:)`` for text that may have a prefix or version.
    public init?(_ text: String) {
        guard let parsed = ArxivID.parse(text), parsed.version == nil else { return nil }
        self = parsed.id
    }

    private init(unchecked: String) { rawValue = unchecked }

    /// Creates an identifier from the UTF-8 bytes of an already normalised one (as stored: no prefix, version or
    /// white space), checking its shape byte by byte: the same answers as ``init(_:)`` on text that is its own
    /// normal form, and `nil` for anything else; for reading many stored ids quickly.
    ///
    /// - Complexity: O(bytes), one string allocation.
    public init?(normalizedUTF8 bytes: some Collection<UInt8>) {
        guard Self.isNormalized(bytes) else { return nil }
        self.init(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    private static func isNormalized(_ bytes: some Collection<UInt8>) -> Bool {
        if let answer = bytes.withContiguousStorageIfAvailable({ isNormalized(buffer: $0) }) { return answer }
        return Array(bytes).withUnsafeBufferPointer { isNormalized(buffer: $0) }
    }

    private static func isNormalized(buffer text: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        let count = text.count
        guard count >= 9 else { return false }
        if isDigit(text[0]) {
            // YYMM.NNNN(N); an old-style id starts with its archive's letters.
            guard text[4] == UInt8(ascii: ".") else { return false }
            for i in 0..<count where i != 4 && !isDigit(text[i]) { return false }
            let year = Int(text[0] - 0x30) * 10 + Int(text[1] - 0x30)
            let month = Int(text[2] - 0x30) * 10 + Int(text[3] - 0x30)
            return (1...12).contains(month) && count - 5 == (year >= 15 ? 5 : 4)
        }
        // archive(.SUB)/YYMMNNN
        guard let slash = text.firstIndex(of: UInt8(ascii: "/")), count - slash - 1 == 7, slash >= 1, slash <= 20,
            isLetter(text[0])
        else { return false }
        for i in (slash + 1)..<count where !isDigit(text[i]) { return false }
        for i in 0..<slash where !(isLetter(text[i]) || text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: ".")) {
            return false
        }
        return true
    }

    /// Parses `arXiv:2502.10391v1`, `2502.10391`, `hep-th/9901001v2` … into an id and an optional version.
    public static func parse(_ text: String) -> (id: ArxivID, version: Int?)? {
        var s = Substring(text.trimmingWhitespace())
        if s.lowercased().hasPrefix("arxiv:") { s = s.dropFirst(6) }
        guard !s.isEmpty else { return nil }
        // Split an optional version suffix `vN`.
        var version: Int?
        if let v = s.lastIndex(of: "v"), v != s.startIndex {
            let digits = s[s.index(after: v)...]
            if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits), n > 0, n < 1000 {
                let before = s[s.index(before: v)]
                if before.isASCIIDigit {
                    version = n
                    s = s[..<v]
                }
            }
        }
        if isModern(s) || isOld(s) { return (ArxivID(unchecked: String(s)), version) }
        return nil
    }

    /// `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015 on).
    private static func isModern(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit),
            parts[1].allSatisfy(\.isASCIIDigit), let year = Int(parts[0].prefix(2)), let month = Int(parts[0].suffix(2)),
            (1...12).contains(month)
        else { return false }
        return parts[1].count == (year >= 15 ? 5 : 4)
    }

    /// `archive/YYMMNNN` or `archive.SUB/YYMMNNN` (before 2007).
    private static func isOld(_ s: Substring) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 7, parts[1].allSatisfy(\.isASCIIDigit) else { return false }
        let archive = parts[0]
        guard let first = archive.first, first.isLetter, archive.count <= 20 else { return false }
        return archive.allSatisfy { ($0.isASCII && ($0.isLetter || $0 == "-" || $0 == ".")) }
    }

    /// The abstract page, `https://arxiv.org/abs/ID`.
    public var absURL: String { "https://arxiv.org/abs/\(rawValue)" }

    public var description: String { rawValue }

    public static func < (lhs: ArxivID, rhs: ArxivID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = ArxivID.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an arXiv id: \(text)")
        }
        self = parsed.id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    @inlinable public var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing white space and newlines (Unicode `White_Space`: ASCII spaces, tabs and
    /// line breaks, U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    ///
    /// Works on the UTF-8 bytes (a digest parser trims every line): text with nothing to trim is returned without a
    /// copy when it is a `String`.
    public func trimmingWhitespace() -> String {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, let length = Self.whitespaceLength(in: bytes, at: start, before: end) {
            start = bytes.index(start, offsetBy: length)
        }
        while start < end, let length = Self.whitespaceLength(in: bytes, endingAt: end, after: start) {
            end = bytes.index(end, offsetBy: -length)
        }
        if start == bytes.startIndex, end == bytes.endIndex { return String(self) }
        return String(text[start..<end])
    }

    /// The byte length of the white-space character starting at `index`, or `nil` when none starts there.
    private static func whitespaceLength(
        in bytes: Substring.UTF8View, at index: Substring.UTF8View.Index, before end: Substring.UTF8View.Index
    ) -> Int? {
        let first = bytes[index]
        if first == 0x20 || (0x09...0x0D).contains(first) { return 1 }
        guard first >= 0xC2, first <= 0xE3 else { return nil }
        let available = bytes.distance(from: index, to: end)
        guard available >= 2 else { return nil }
        let second = bytes[bytes.index(after: index)]
        if first == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : nil }
        guard available >= 3 else { return nil }
        let third = bytes[bytes.index(index, offsetBy: 2)]
        return isWhitespace3(first, second, third) ? 3 : nil
    }

    /// The byte length of the white-space character ending at `end`, or `nil` when none ends there.
    private static func whitespaceLength(
        in bytes: Substring.UTF8View, endingAt end: Substring.UTF8View.Index, after start: Substring.UTF8View.Index
    ) -> Int? {
        let last = bytes[bytes.index(before: end)]
        if last == 0x20 || (0x09...0x0D).contains(last) { return 1 }
        guard last == 0x85 || last == 0xA0 || (0x80...0x9F).contains(last) || last == 0xA8 || last == 0xA9
            || last == 0xAF
        else { return nil }
        let available = bytes.distance(from: start, to: end)
        guard available >= 2 else { return nil }
        let beforeLast = bytes[bytes.index(end, offsetBy: -2)]
        if beforeLast == 0xC2, last == 0x85 || last == 0xA0 { return 2 }
        guard available >= 3 else { return nil }
        let lead = bytes[bytes.index(end, offsetBy: -3)]
        return isWhitespace3(lead, beforeLast, last) ? 3 : nil
    }

    /// True for the three-byte UTF-8 encodings of U+1680, U+2000…U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    private static func isWhitespace3(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (first, second) {
        case (0xE1, 0x9A): return third == 0x80
        case (0xE2, 0x80): return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF
        case (0xE2, 0x81): return third == 0x9F
        case (0xE3, 0x80): return third == 0x80
        default: return false
        }
    }
}

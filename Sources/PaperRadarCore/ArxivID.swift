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
    /// The text without leading and trailing white space and newlines.
    public func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}

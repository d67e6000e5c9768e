import PaperRadarCore

/// Turns the text of a digest into papers: detects the layout, then runs that layout's parser.
public struct DigestParser: Sendable {
    /// Limits applied before parsing.
    public struct Options: Sendable {
        /// Inputs larger than this many bytes are refused (default 64 MiB).
        public var maxBytes: Int
        public init(maxBytes: Int = 64 << 20) { self.maxBytes = maxBytes }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Decodes raw bytes (BOM, CRLF, invalid UTF-8 replaced with a warning) and parses them.
    public func parse(bytes: [UInt8]) throws -> ParsedDigest {
        if bytes.count > options.maxBytes { throw DigestParseError.tooLarge(bytes: bytes.count, limit: options.maxBytes) }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses digest text.
    public func parse(_ text: String) throws -> ParsedDigest {
        if text.allSatisfy(\.isWhitespace) { return ParsedDigest(format: nil, date: nil, papers: [], warnings: []) }
        throw DigestParseError.unknownFormat(hint: "not implemented yet")
    }
}

import PaperRadarCore

/// Turns the text of a digest into papers: detects the layout, then runs that layout's parser.
///
/// Contract:
/// - The layout is detected from the text alone (``detectFormat(_:)``), never from a file name.
/// - Blank input (zero bytes, white space only) is 0 papers with format `nil`; a known layout with no entries (a
///   table header with no rows) is 0 papers with that format.
/// - Input that cannot be parsed at all throws a ``DigestParseError``: over ``Options/maxBytes`` (`tooLarge`), not
///   text (`notText`: a UTF-16 byte order mark, a NUL byte or mostly control bytes in the first 8 KiB), no known
///   layout (`unknownFormat`).
/// - A broken entry (no id, id that does not parse, no title, no abstract) becomes a ``ParseWarning`` with its
///   1-based line number; every complete paper is still returned. Invalid UTF-8 is replaced with U+FFFD and
///   reported in one warning. Warnings are ordered by line.
/// - LF, CRLF and lone CR line ends and a UTF-8 BOM are accepted.
/// - Each arXiv id appears once, in order of first appearance, with the tags of all its mentions.
/// - Text is NFC, without zero-width characters, with HTML entities decoded. Abstracts keep paragraphs as `"\n\n"`:
///   hard-wrapped lines are joined, and a blank line or an indented line (arXiv's paragraph mark, which the digests
///   copy) starts a paragraph. Translations, TL;DR and notes are in ``PaperExtras``, never in the English text.
/// - Parsing is linear in the input size and never traps on any input.
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
    ///
    /// - Throws: ``DigestParseError``.
    public func parse(bytes: [UInt8]) throws -> ParsedDigest {
        try checkSize(bytes.count)
        let (text, warnings) = try TextDecoding.decode(bytes)
        return try parseText(text, decodingWarnings: warnings)
    }

    /// Parses digest text.
    ///
    /// - Throws: ``DigestParseError``.
    public func parse(_ text: String) throws -> ParsedDigest {
        try checkSize(text.utf8.count)
        try TextDecoding.checkIsText(text.utf8)
        return try parseText(text, decodingWarnings: [])
    }

    /// The layout of a digest text, or `nil` when it is blank or matches no known layout.
    public static func detectFormat(_ text: String) -> DigestFormat? {
        FormatDetection.format(of: DigestLines(text))
    }

    private func checkSize(_ byteCount: Int) throws(DigestParseError) {
        if byteCount > options.maxBytes { throw .tooLarge(bytes: byteCount, limit: options.maxBytes) }
    }

    private func parseText(_ text: String, decodingWarnings: [ParseWarning]) throws(DigestParseError) -> ParsedDigest {
        let lines = DigestLines(text)
        if lines.isBlank { return ParsedDigest(format: nil, date: nil, papers: [], warnings: decodingWarnings) }
        guard let format = FormatDetection.format(of: lines) else {
            throw .unknownFormat(hint: FormatDetection.unknownFormatHint(lines))
        }
        let result: LayoutParseResult
        switch format {
        case .tableAbstracts: result = TableAbstractsParser(lines: lines).parse()
        case .arxivAnnouncement: result = AnnouncementParser(lines: lines).parse()
        case .bilingualReporter: result = BilingualReporterParser(lines: lines).parse()
        case .categoryTLDR: result = CategoryTLDRParser(lines: lines).parse()
        }
        let warnings = decodingWarnings + result.warnings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        return ParsedDigest(format: format, date: result.date, papers: result.papers, warnings: warnings)
    }
}

import PaperRadarCore

/// Turns the text of a digest into papers: detects the layout, then runs that layout's parser.
///
/// Contract:
/// - The layout is detected from the text alone (``detectFormat(_:)``), never from a file name.
/// - Blank input (zero bytes, white space only) is 0 papers with format `nil`; a known layout with no entries (a
///   table header with no rows, a header-only archive, a table of contents alone) is 0 papers with that format.
/// - Text in no known layout that names arXiv papers is read by the generic reader: format
///   ``DigestFormat/generic``, every linked paper, and a warning that the layout was not recognised. A known layout
///   whose parser finds nothing at all in a text that names arXiv papers is read the same way.
/// - Input that cannot be parsed at all throws a ``DigestParseError``: over ``Options/maxBytes`` (`tooLarge`), not
///   text (`notText`: a UTF-16 byte order mark, a NUL byte or mostly control bytes in the first 8 KiB), no known
///   layout and no arXiv reference (`unknownFormat`: not a digest).
/// - An entry without an English abstract (none, only a translation or summary in another script, or a placeholder
///   such as `Summary generation failed`) is a title-only paper (empty abstract, ``Paper/isTitleOnly``) with its
///   other fields and extras; one warning per file counts them.
/// - A broken entry (no id, id that does not parse, no title) becomes a ``ParseWarning`` with its 1-based line
///   number; every other paper is still returned. Invalid UTF-8 is replaced with U+FFFD and reported in one warning.
///   Warnings are ordered by line (whole-file remarks last).
/// - LF, CRLF and lone CR line ends and a UTF-8 BOM are accepted; an entry heading glued onto the previous line is
///   split off (``DigestLines``).
/// - Each arXiv id appears once, in order of first appearance, with the tags of all its mentions.
/// - Text is NFC, without zero-width characters, with HTML entities decoded. Abstracts keep paragraphs as `"\n\n"`:
///   hard-wrapped lines are joined, and a blank line or an indented line (arXiv's paragraph mark, which the digests
///   copy) starts a paragraph. Translations, TL;DR and notes are in ``PaperExtras``, never in the English text.
///   Titles are text: only a `**…**` wrapper around the whole title is removed.
/// - Parsing is linear in the input size and never traps on any input.
public struct DigestParser: Sendable {
    /// Limits applied before parsing.
    public struct Options: Sendable {
        /// Inputs larger than this many bytes are refused (default 64 MiB).
        public var maxBytes: Int
        /// The file's name, used in warnings about the whole file (e.g. `the layout of notes.md was not recognised`).
        public var sourceName: String?
        public init(maxBytes: Int = 64 << 20, sourceName: String? = nil) {
            self.maxBytes = maxBytes
            self.sourceName = sourceName
        }
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

    /// The layout of a digest text: a known layout, ``DigestFormat/generic`` when it matches none but names arXiv
    /// papers, or `nil` when it is blank or not a digest.
    public static func detectFormat(_ text: String) -> DigestFormat? {
        let lines = DigestLines(text)
        if let format = FormatDetection.format(of: lines) { return format }
        return !lines.isBlank && namesArxivPapers(lines) ? .generic : nil
    }

    private func checkSize(_ byteCount: Int) throws(DigestParseError) {
        if byteCount > options.maxBytes { throw .tooLarge(bytes: byteCount, limit: options.maxBytes) }
    }

    private func parseText(_ text: String, decodingWarnings: [ParseWarning]) throws(DigestParseError) -> ParsedDigest {
        let lines = DigestLines(text)
        if lines.isBlank { return ParsedDigest(format: nil, date: nil, papers: [], warnings: decodingWarnings) }
        var format = FormatDetection.format(of: lines)
        var result: LayoutParseResult?
        if let known = format {
            let parsed = Self.parse(lines, as: known)
            // A known layout that finds nothing in a text naming arXiv papers was a misdetection: read it generically.
            if !parsed.papers.isEmpty || !parsed.warnings.isEmpty || !Self.namesArxivPapers(lines) { result = parsed }
        }
        var remarks: [ParseWarning] = []
        if result == nil {
            guard Self.namesArxivPapers(lines) else { throw .unknownFormat(hint: FormatDetection.unknownFormatHint(lines)) }
            format = .generic
            let parsed = GenericParser(lines: lines).parse()
            result = parsed
            let name = options.sourceName.map { "of \($0) " } ?? "of this file "
            remarks.append(
                ParseWarning(
                    line: nil,
                    "the layout \(name)was not recognised: read \(parsed.papers.count) arXiv "
                        + "\(parsed.papers.count == 1 ? "paper" : "papers") from its links with the generic reader "
                        + "(titles from link text or headings, abstracts only where clearly given); check the result"))
        }
        guard let result, let format else { throw .unknownFormat(hint: FormatDetection.unknownFormatHint(lines)) }
        if let remark = Self.titleOnlyRemark(result) { remarks.append(remark) }
        // By line; whole-file remarks (no line) last.
        let warnings =
            decodingWarnings + (result.warnings + remarks).sorted { ($0.line ?? Int.max) < ($1.line ?? Int.max) }
        return ParsedDigest(format: format, date: result.date, papers: result.papers, warnings: warnings)
    }

    /// The papers of `lines` read as `format`.
    private static func parse(_ lines: DigestLines, as format: DigestFormat) -> LayoutParseResult {
        switch format {
        case .tableAbstracts: TableAbstractsParser(lines: lines).parse()
        case .arxivAnnouncement: AnnouncementParser(lines: lines).parse()
        case .bilingualReporter: BilingualReporterParser(lines: lines).parse()
        case .categoryTLDR: CategoryTLDRParser(lines: lines).parse()
        case .generic: GenericParser(lines: lines).parse()
        }
    }

    /// True when some line links to or names an arXiv paper.
    private static func namesArxivPapers(_ lines: DigestLines) -> Bool {
        lines.texts.contains { ArxivReferences.contains(in: $0) }
    }

    /// One warning for all the title-only papers of a file, at the line of the first one.
    private static func titleOnlyRemark(_ result: LayoutParseResult) -> ParseWarning? {
        let titleOnly = result.papers.filter(\.isTitleOnly)
        guard let first = titleOnly.min(by: { (result.entryLines[$0.id] ?? 0) < (result.entryLines[$1.id] ?? 0) })
        else { return nil }
        let line = result.entryLines[first.id]
        let count = titleOnly.count == 1 ? "1 paper has" : "\(titleOnly.count) papers have"
        let whereFirst = line.map { " (the first, \(first.id), on line \($0))" } ?? " (the first: \(first.id))"
        return ParseWarning(
            line: line,
            "\(count) no English abstract\(whereFirst): kept as title-only papers with their title, authors, tags "
                + "and translations; a later digest or an import that brings the abstract completes them")
    }
}

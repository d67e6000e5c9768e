/// What parsing one digest's text produced: its format, date, papers and warnings.
public struct ParsedDigest: Sendable, Hashable {
    /// The detected layout (``DigestFormat/generic`` when none matched but the text links to arXiv); `nil` only for
    /// an empty (zero-byte or blank) text, which is 0 papers, not an error.
    public var format: DigestFormat?
    /// The digest's own date (`YYYY-MM-DD`) when its text says it, else `nil`.
    public var date: String?
    /// Every paper, each arXiv id once, in order of first appearance; tags from all its mentions. Entries without an
    /// English abstract are title-only papers (``Paper/isTitleOnly``).
    public var papers: [Paper]
    /// Problems that did not stop the parse (a broken entry, replaced bytes), each with its line number.
    public var warnings: [ParseWarning]

    public init(format: DigestFormat?, date: String?, papers: [Paper], warnings: [ParseWarning]) {
        self.format = format
        self.date = date
        self.papers = papers
        self.warnings = warnings
    }

    /// How many of the papers are title-only (no English abstract).
    public var titleOnlyCount: Int { papers.count(where: \.isTitleOnly) }
}

/// A problem in a digest that did not stop the parse.
public struct ParseWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based line number in the digest text, or `nil` for a whole-file remark.
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}

/// Why a digest could not be parsed at all.
public enum DigestParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a digest: it matches none of the known layouts and names no arXiv paper.
    case unknownFormat(hint: String)
    /// The bytes are not text (NUL bytes, mostly control characters).
    case notText(reason: String)
    /// The input is larger than the configured limit.
    case tooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .unknownFormat(let hint):
            return "unknown digest format, not a digest: \(hint)"
        case .notText(let reason):
            return "not a text file: \(reason)"
        case .tooLarge(let bytes, let limit):
            return "file is \(bytes) bytes, over the size limit of \(limit) bytes (raise it with --max-size)"
        }
    }
}

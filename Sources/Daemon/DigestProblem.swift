import PaperRadarCore

/// Why a digest file cannot become a report: the file itself is the problem, so it goes to `failed/` with an
/// error file saying this.
public enum DigestProblem: Sendable, Hashable, CustomStringConvertible {
    /// Larger than `--max-size`.
    case tooLarge(bytes: Int64, limit: Int)
    /// The parser refused it (unknown layout, not text).
    case unparsable(DigestParseError)
    /// Nothing but white space.
    case blank
    /// More papers than `--max-papers`.
    case tooManyPapers(count: Int, limit: Int)
    /// The daemon kept failing on it for a reason that is not a disk or permission problem.
    case gaveUp(attempts: Int, lastError: String)

    /// The problem in one line.
    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "the file is \(bytes) bytes, over the size limit of \(limit) bytes"
        case .unparsable(let error):
            "\(error)"
        case .blank:
            "the file is empty: there is no digest in it"
        case .tooManyPapers(let count, let limit):
            "the digest lists \(count) papers, over the limit of \(limit) papers per digest"
        case .gaveUp(let attempts, let lastError):
            "processing failed \(attempts) times; last error: \(lastError)"
        }
    }

    /// What the user can do about it.
    public var advice: String {
        switch self {
        case .tooLarge:
            "Split the digest, or raise the limit with `paperradar watch --max-size` (e.g. --max-size 256M)."
        case .unparsable(.unknownFormat):
            "PaperRadar reads the known digest layouts (table + abstracts, arXiv announcement, bilingual reporter, "
                + "category TL;DR) and, in any other layout, every paper the file links to on "
                + "arXiv (arxiv.org/abs/…, /pdf/… or arXiv:ID). This file has no arXiv reference at all: check that "
                + "it is a digest and not another Markdown file; `paperradar parse FILE` shows what the parser sees."
        case .unparsable(.notText):
            "Only text digests (UTF-8 Markdown) are read; drop the digest's .md file, not a PDF, image or archive."
        case .unparsable(.tooLarge):
            "Split the digest, or raise the limit with `paperradar watch --max-size`."
        case .blank:
            "Write the digest into the file before it is closed, or write it under a temporary name (*.tmp, "
                + "*.part or a hidden name) and rename it into the drop folder when it is complete."
        case .tooManyPapers:
            "Split the digest, or raise the limit with `paperradar watch --max-papers`."
        case .gaveUp:
            "Look at the daemon's log for the error; fix its cause and drop the file again."
        }
    }
}

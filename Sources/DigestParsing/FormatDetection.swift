import PaperRadarCore

/// Recognises a digest's layout from marker lines in its text (never from a file name).
///
/// Every line is scored against the markers of each layout (line prefixes only, no regular expressions); the layout
/// with the highest score wins, ties going to the earlier case of ``DigestFormat``. Header lines count too (`# arxiv-daily`,
/// `Automated deployment @`, a table of contents), so that a digest with no entries is still recognised as its
/// layout (0 papers). A text with no marker at all has no layout; ``DigestParser`` then reads it with the generic
/// reader when it names arXiv papers, and refuses it otherwise.
enum FormatDetection {
    /// The layout with the most marker lines in `lines`, or `nil` when there is none.
    static func format(of lines: DigestLines) -> DigestFormat? {
        var scores: [DigestFormat: Int] = [:]
        for line in lines.texts {
            guard let (format, weight) = marker(line) else { continue }
            scores[format, default: 0] += weight
        }
        var best: (format: DigestFormat, score: Int)?
        for format in DigestFormat.allCases {
            let score = scores[format, default: 0]
            if score > 0, score > (best?.score ?? 0) { best = (format, score) }
        }
        return best?.format
    }

    /// The layout a line is typical of and how strongly, if it is a marker line.
    static func marker(_ line: String) -> (DigestFormat, Int)? {
        guard let first = line.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "|"):
            if TableAbstractsParser.isHeaderRow(line) { return (.tableAbstracts, 5) }
            if line.hasPrefix("|**"), line.containsBytes("arxiv.org/abs/") || MarkdownScanning.leadingDate(line.dropFirst(3)) != nil {
                return (.tableAbstracts, 1)
            }
        case UInt8(ascii: "#"):
            if line.hasPrefix("#### Abstracts") { return (.tableAbstracts, 3) }
            if line.hasPrefix("# arxiv-daily") { return (.tableAbstracts, 3) }
            if line.hasPrefix("##### **") { return (.tableAbstracts, 1) }
            if line.hasPrefix("##### "), line.dropFirst(6).first?.isASCIIDigit ?? false { return (.tableAbstracts, 1) }
            if line.hasPrefix("## ["), line.containsBytes("arxiv.org/abs/") { return (.arxivAnnouncement, 1) }
            if line.hasPrefix("### ["), line.containsBytes("arxiv.org/abs/") || isNumberedEntry(line.dropFirst(4)) {
                return (.categoryTLDR, 2)
            }
            if line.hasPrefix("## <a id="), line.containsBytes("arxiv.org/") { return (.categoryTLDR, 2) }
            if line.hasPrefix("# Table of Contents") || line.hasPrefix("# AI-Enhanced arXiv Daily") {
                return (.categoryTLDR, 1)
            }
            if line.hasPrefix("# "), line.hasSuffix("[[Back]](#toc)") { return (.categoryTLDR, 1) }
        case UInt8(ascii: " "):
            if line.hasPrefix(" Automated deployment @") { return (.tableAbstracts, 3) }
            if line.hasPrefix("  <summary>Abstract</summary>") { return (.categoryTLDR, 1) }
        case UInt8(ascii: "A"):
            if line.hasPrefix("Automated deployment @") { return (.tableAbstracts, 3) }
        case UInt8(ascii: "a"):
            if line.hasPrefix("arXiv:"), line.containsBytes("Announce Type:") { return (.arxivAnnouncement, 3) }
        case UInt8(ascii: "*"):
            if line.hasPrefix("**Link**:"), line.containsBytes("[PDF](") { return (.bilingualReporter, 3) }
            if line.hasPrefix("**Authors**:") || line.hasPrefix("**Abstract**:") { return (.bilingualReporter, 1) }
            if line.hasPrefix("**TL;DR**") { return (.categoryTLDR, 1) }
        case UInt8(ascii: ">"):
            if line.hasPrefix("> **TL;DR") { return (.categoryTLDR, 1) }
        case UInt8(ascii: "<"):
            if line.hasPrefix("<div id=toc></div>") { return (.categoryTLDR, 3) }
            if line.hasPrefix("<summary>Abstract</summary>") { return (.categoryTLDR, 1) }
        case UInt8(ascii: "M"):
            if line.hasPrefix("Main category:") { return (.categoryTLDR, 1) }
        case UInt8(ascii: "T"):
            if line.hasPrefix("TL;DR:") || line.hasPrefix("TLDR:") { return (.categoryTLDR, 1) }
        default:
            break
        }
        return nil
    }

    /// `[12] [` after `### `: a numbered category entry (its link may hold the bare id).
    private static func isNumberedEntry(_ text: Substring) -> Bool {
        let digits = text.prefix(while: \.isASCIIDigit)
        return !digits.isEmpty && text.dropFirst(digits.count).hasPrefix("] [")
    }

    /// A short explanation of why the text is not a digest, for ``DigestParseError/unknownFormat(hint:)``.
    static func unknownFormatHint(_ lines: DigestLines) -> String {
        let firstLine = lines.texts.first(where: { !$0.isBlankLine }) ?? ""
        var excerpt = String(firstLine.trimmingWhitespace().prefix(60))
        if firstLine.trimmingWhitespace().count > 60 { excerpt += "…" }
        let noun = lines.count == 1 ? "line" : "lines"
        return "none of the \(lines.count) \(noun) links to an arXiv paper (`arxiv.org/abs/ID`, `arxiv.org/pdf/ID`, "
            + "`arXiv:ID`) or is a marker of a known layout (`|Publish Date|` table, `arXiv:… Announce Type:` "
            + "announcement, `**Link**: [PDF](…)` reporter entry, `### [n] [Title](…/abs/ID)` category entry); "
            + "first line: \"\(excerpt)\""
    }
}

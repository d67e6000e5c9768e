import PaperRadarCore

/// What one layout's parser found in a digest: the digest's date, its papers and the warnings.
struct LayoutParseResult: Sendable {
    var date: String?
    /// Every paper, each id once, in order of first appearance; title-only papers have an empty abstract.
    var papers: [Paper]
    var warnings: [ParseWarning]
    /// The 1-based line of each paper's first entry (for warnings about the whole file, such as title-only papers).
    var entryLines: [ArxivID: Int] = [:]

    init(date: String?, papers: [Paper], warnings: [ParseWarning], entryLines: [ArxivID: Int] = [:]) {
        self.date = date
        self.papers = papers
        self.warnings = warnings
        self.entryLines = entryLines
    }

    /// The collected papers with the lines of their first entries.
    init(date: String?, collector: PaperCollector, log: WarningLog) {
        self.init(date: date, papers: collector.papers, warnings: log.warnings, entryLines: collector.entryLines)
    }
}

/// Warnings about broken entries, with their 1-based line numbers.
struct WarningLog: Sendable {
    private(set) var warnings: [ParseWarning] = []

    /// Records a problem on the line at 0-based `index` of `lines`.
    mutating func add(_ message: String, at index: Int, in lines: DigestLines) {
        warnings.append(ParseWarning(line: lines.number(at: index), message))
    }

    /// True when the entry has a title; otherwise records a warning that the entry was skipped and returns false.
    ///
    /// An entry without an English abstract is not skipped: it becomes a title-only paper (see
    /// ``EnglishText/abstract(_:)``), reported once per file by ``DigestParser``.
    mutating func hasTitle(_ id: ArxivID, title: String, at index: Int, in lines: DigestLines) -> Bool {
        guard title.isEmpty else { return true }
        add("entry \(id) skipped: it has no title", at: index, in: lines)
        return false
    }
}

extension StringProtocol {
    /// A short, single-line quotation of the text for warnings.
    var excerpt: String {
        let trimmed = trimmingWhitespace()
        let line = trimmed.contains(where: \.isNewline) ? trimmed.split(whereSeparator: \.isNewline).joined(separator: " ") : trimmed
        return line.count > 60 ? "\(line.prefix(60))…" : line
    }
}

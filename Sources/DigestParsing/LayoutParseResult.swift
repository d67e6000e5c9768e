import PaperRadarCore

/// What one layout's parser found in a digest: the digest's date, its complete papers and the warnings.
struct LayoutParseResult: Sendable {
    var date: String?
    var papers: [Paper]
    var warnings: [ParseWarning]
}

/// Warnings about broken entries, with their 1-based line numbers.
struct WarningLog: Sendable {
    private(set) var warnings: [ParseWarning] = []

    /// Records a problem on the line at 0-based `index` of `lines`.
    mutating func add(_ message: String, at index: Int, in lines: DigestLines) {
        warnings.append(ParseWarning(line: lines.number(at: index), message))
    }

    /// The entry's abstract when it has a title and an abstract; otherwise a warning naming what is missing and `nil`.
    mutating func completeAbstract(
        of id: ArxivID, title: String, abstract: ParagraphJoiner, at index: Int, in lines: DigestLines
    ) -> String? {
        guard !title.isEmpty else {
            add("entry \(id) skipped: it has no title", at: index, in: lines)
            return nil
        }
        let text = abstract.text
        guard !text.isEmpty else {
            add("entry \(id) skipped: it has no abstract", at: index, in: lines)
            return nil
        }
        return text
    }
}

extension StringProtocol {
    /// A short, single-line quotation of the text for warnings.
    var excerpt: String {
        let trimmed = trimmingWhitespace()
        return trimmed.count > 60 ? "\(trimmed.prefix(60))…" : trimmed
    }
}

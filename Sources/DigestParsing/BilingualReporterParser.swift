import PaperRadarCore

/// Parses the bilingual reporter layout (sample 003; the "arXiv-Daily-Reporter" generators).
///
/// Layout: one block per paper, separated by `---`:
///
///     # Title
///     **Title (ZH)**: translated title            (absent in the English-only variant)
///     **Authors**: A, B, C
///     **Link**: [PDF](https://arxiv.org/pdf/ID)
///     **Abstract**: paragraph
///     further paragraph (the source never wraps lines: one line is one paragraph)
///     **Abstract (ZH)**: translated paragraphs    (absent in the English-only variant)
///
/// The text states no date. A `#` block with none of the fields is a page heading, not a broken entry. An entry
/// without an English abstract (none, a placeholder, or only Chinese) is a title-only paper.
struct BilingualReporterParser: Sendable {
    let lines: DigestLines

    /// The field whose continuation lines are being read.
    private enum Field {
        case none, abstract, translatedAbstract, comment, other
    }

    /// The entry being read.
    private struct Entry {
        var line: Int
        var title: String
        var translatedTitle: String?
        var authors: [String] = []
        var id: (id: ArxivID, version: Int?)?
        var link: String?
        var hasFields = false
        var abstract = ParagraphJoiner(layout: .linePerParagraph)
        var translation = ParagraphJoiner(layout: .linePerParagraph)
        var comment = ParagraphJoiner(layout: .linePerParagraph)
        var field = Field.none

        init(line: Int, title: String) {
            self.line = line
            self.title = title
        }
    }

    /// Reads every `# Title` block.
    func parse() -> LayoutParseResult {
        var log = WarningLog()
        var collector = PaperCollector()
        var entry: Entry?

        func finish() {
            guard let current = entry else { return }
            entry = nil
            if let paper = paper(from: current, log: &log) { collector.add(paper, line: lines.number(at: current.line)) }
        }

        for index in 0..<lines.count {
            let line = lines[index]
            if line.markdownHeadingLevel == 1 {
                finish()
                entry = Entry(line: index, title: TextCleaning.title(line.markdownHeadingText))
                continue
            }
            if line.trimmingWhitespace() == "---" {
                finish()
                continue
            }
            guard var current = entry.take() else { continue }
            if let (label, value) = MarkdownScanning.boldField(line) {
                readField(label: label, value: value, into: &current)
            } else {
                switch current.field {
                case .abstract: current.abstract.add(line)
                case .translatedAbstract: current.translation.add(line)
                case .comment: current.comment.add(line)
                case .none, .other: break
                }
            }
            entry = current
        }
        finish()
        return LayoutParseResult(date: nil, collector: collector, log: log)
    }

    /// Records one `**Label**: value` line.
    private func readField(label: String, value: Substring, into entry: inout Entry) {
        entry.hasFields = true
        entry.field = .other
        switch label.lowercased() {
        case "title (zh)":
            let text = TextCleaning.inline(value)
            entry.translatedTitle = text.isEmpty ? nil : text
        case "authors", "author":
            entry.authors = value.split(separator: ",").map { TextCleaning.inline($0) }.filter { !$0.isEmpty }
        case "link", "pdf", "url":
            let url = MarkdownScanning.link(value)?.url ?? value
            entry.link = url.trimmingWhitespace()
            entry.id = MarkdownScanning.arxivID(inURL: url)
        case "abstract":
            entry.field = .abstract
            entry.abstract.add(value)
        case "abstract (zh)":
            entry.field = .translatedAbstract
            entry.translation.add(value)
        case "comment", "comments":
            entry.field = .comment
            entry.comment.add(value)
        default:
            break
        }
    }

    /// The finished paper, or `nil` (with a warning for a broken entry, silently for a page heading).
    private func paper(from entry: Entry, log: inout WarningLog) -> Paper? {
        guard entry.hasFields else { return nil }
        guard let (id, version) = entry.id else {
            let what = entry.link.map { "its link \"\($0.excerpt)\" names no arXiv id" } ?? "it has no `**Link**` field"
            log.add("entry \"\(entry.title.excerpt)\" skipped: \(what)", at: entry.line, in: lines)
            return nil
        }
        guard log.hasTitle(id, title: entry.title, at: entry.line, in: lines) else { return nil }
        var extras = PaperExtras()
        extras.translatedTitle = entry.translatedTitle
        let translation = entry.translation.text
        extras.translatedAbstract = translation.isEmpty ? nil : translation
        var abstract = ""
        switch EnglishText.classify(entry.abstract.text) {
        case .english(let text): abstract = text
        case .translation(let text): extras.translatedAbstract = extras.translatedAbstract ?? text
        case .missing: break
        }
        let comment = entry.comment.text
        extras.comment = comment.isEmpty ? nil : comment
        return Paper(
            id: id, version: version, title: entry.title, authors: entry.authors, abstract: abstract, extras: extras)
    }
}

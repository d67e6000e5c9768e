import PaperRadarCore

/// Parses the category digest with TL;DR (sample 004; generator `dw-dengwei/daily-arXiv-ai-enhanced`).
///
/// Layout: an optional table of contents, then `# cs.XX [[Back]](#toc)` sections (a tag, and a category) of
///
///     ### [n] [Title](https://arxiv.org/abs/ID)       (`### [Title](…)` in the oldest variant)
///     *A,B,C*
///     Main category: cs.XX                            (absent in the oldest variant)
///     TL;DR: … / TLDR: …                              (absent in the oldest variant)
///     Task: … / Motivation: …                         (oldest variant, before `<details>`)
///     <details>
///       <summary>Details</summary>
///     Motivation: … Method: … Result: … Conclusion: …
///     Abstract: …
///     </details>
///
/// Categories are the main category then the section's category if it differs. The text states no date. A file
/// may list every paper twice; the mentions merge into one paper. Abstracts may be hard-wrapped (joined; an indented
/// line starts a paragraph); the machine-written TL;DR and notes are never wrapped, so each of their lines is kept
/// as a paragraph.
struct CategoryTLDRParser: Sendable {
    let lines: DigestLines

    /// Headings of the machine-written notes, kept in ``PaperExtras/notes``.
    static let noteHeadings = ["Task", "Motivation", "Method", "Result", "Conclusion"]

    /// The block whose continuation lines are being read.
    private enum Block {
        case none, tldr, note, abstract
    }

    /// The entry being read.
    private struct Entry {
        var line: Int
        var title: String
        var id: (id: ArxivID, version: Int?)?
        var heading: String
        var section: String?
        var authors: [String] = []
        var mainCategory: String?
        var tldr = ParagraphJoiner(layout: .linePerParagraph)
        var notes: [(heading: String, text: ParagraphJoiner)] = []
        var abstract = ParagraphJoiner()
        var block = Block.none

        init(line: Int, heading: String, section: String?) {
            self.line = line
            self.heading = heading
            self.section = section
            var text = Substring(heading)
            // `[12] ` before the link in all but the oldest variant.
            if text.first == "[", let close = text.firstIndex(of: "]"),
                text[text.index(after: text.startIndex)..<close].allSatisfy(\.isASCIIDigit),
                text[close...].dropFirst().first == " "
            {
                text = text[close...].dropFirst(2)
            }
            if let link = MarkdownScanning.link(text) {
                title = TextCleaning.title(link.text)
                id = MarkdownScanning.arxivID(inURL: link.url)
            } else {
                title = TextCleaning.title(text)
            }
        }
    }

    /// Reads every `###` entry.
    func parse() -> LayoutParseResult {
        var log = WarningLog()
        var collector = PaperCollector()
        var section: String?
        var entry: Entry?

        func finish() {
            guard let current = entry else { return }
            entry = nil
            if let paper = paper(from: current, log: &log) { collector.add(paper) }
        }

        for index in 0..<lines.count {
            let line = lines[index]
            switch line.markdownHeadingLevel {
            case 1?:
                finish()
                section = Self.sectionCategory(line.markdownHeadingText)
                continue
            case 3?:
                finish()
                entry = Entry(line: index, heading: line.markdownHeadingText, section: section)
                continue
            default:
                break
            }
            guard var current = entry else { continue }
            readLine(line, into: &current)
            entry = current
        }
        finish()
        return LayoutParseResult(date: nil, papers: collector.papers, warnings: log.warnings)
    }

    /// `cs.CV [[Back]](#toc)` → `cs.CV`; `nil` for other level-1 headings (`Table of Contents`).
    private static func sectionCategory(_ heading: String) -> String? {
        guard let token = heading.split(separator: " ").first, let first = token.first, first.isLowercase else {
            return nil
        }
        let isCategory = token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return isCategory ? String(token) : nil
    }

    /// Adds one body line of an entry.
    private func readLine(_ line: String, into entry: inout Entry) {
        let trimmed = line.trimmingWhitespace()
        // `<details>`, `<summary>Details</summary>`, `</details>`, `<div id=…>` end the block being read.
        if ["<details", "</details", "<summary", "<div"].contains(where: { trimmed.hasPrefix($0) }) {
            entry.block = .none
            return
        }
        if entry.block != .abstract, let (label, value) = Self.labelled(line) {
            switch label {
            case "Main category":
                entry.mainCategory = TextCleaning.inline(value)
                entry.block = .none
            case "TL;DR", "TLDR":
                entry.tldr.add(value)
                entry.block = .tldr
            case "Abstract":
                entry.abstract.add(value)
                entry.block = .abstract
            default:
                var note = ParagraphJoiner(layout: .linePerParagraph)
                note.add(value)
                entry.notes.append((label, note))
                entry.block = .note
            }
            return
        }
        switch entry.block {
        case .none:
            if entry.authors.isEmpty, Self.isAuthorLine(trimmed) { entry.authors = Self.authors(trimmed) }
        case .tldr:
            entry.tldr.add(line)
        case .note:
            if let last = entry.notes.indices.last { entry.notes[last].text.add(line) }
        case .abstract:
            entry.abstract.add(line)
        }
    }

    /// `Label: value` for the labels this layout uses, else `nil`.
    private static func labelled(_ line: String) -> (label: String, value: Substring)? {
        for label in ["Main category", "TL;DR", "TLDR", "Abstract"] + noteHeadings {
            if line.hasPrefix(label + ":") { return (label, line.dropFirst(label.count + 1)) }
            if line.hasPrefix(label + "：") { return (label, line.dropFirst(label.count + 1)) }
        }
        return nil
    }

    /// `*A,B,C*` (single asterisks, not a bold `**…**` line).
    private static func isAuthorLine(_ line: String) -> Bool {
        line.count >= 2 && line.hasPrefix("*") && line.hasSuffix("*") && !line.hasPrefix("**")
    }

    /// The names of an `*A,B,C*` line.
    private static func authors(_ line: String) -> [String] {
        line.dropFirst().dropLast().split(separator: ",").map { TextCleaning.inline($0) }.filter { !$0.isEmpty }
    }

    /// The finished paper, or `nil` with a warning when the entry is incomplete.
    private func paper(from entry: Entry, log: inout WarningLog) -> Paper? {
        guard let (id, version) = entry.id else {
            log.add("entry \"\(entry.heading.excerpt)\" skipped: no arXiv id in its heading", at: entry.line, in: lines)
            return nil
        }
        guard
            let abstract = log.completeAbstract(
                of: id, title: entry.title, abstract: entry.abstract, at: entry.line, in: lines)
        else { return nil }
        var categories: [String] = []
        if let main = entry.mainCategory, !main.isEmpty { categories.append(main) }
        if let section = entry.section, !categories.contains(section) { categories.append(section) }
        var extras = PaperExtras()
        let tldr = entry.tldr.text
        extras.tldr = tldr.isEmpty ? nil : tldr
        extras.notes = entry.notes.compactMap { note in
            let text = note.text.text
            return text.isEmpty ? nil : PaperExtras.Note(heading: note.heading, text: text)
        }
        return Paper(
            id: id, version: version, title: entry.title, authors: entry.authors, abstract: abstract,
            categories: categories, tags: entry.section.map { [$0] } ?? [], extras: extras)
    }
}

import PaperRadarCore

/// Parses the arXiv announcement layout (sample 002; the raw arXiv RSS description per paper).
///
/// Layout: `# 2025-06-11-12-05` (the digest date), then per paper
///
///     ## [Title](https://arxiv.org/abs/ID)
///
///     ### Abstract
///     arXiv:IDvN Announce Type: new|cross|replace|replace-cross
///     Abstract: first paragraph…
///       further paragraph (indented, one line each)…
///
///     ### 摘要                      (optional translation)
///     translation paragraphs…
///
///     ---
///
/// Papers get the digest's date; the announce type goes to the extras. An entry without an English abstract is a
/// title-only paper.
struct AnnouncementParser: Sendable {
    let lines: DigestLines

    /// Which `###` section of an entry the scan is in.
    private enum Section {
        case none, abstract, translation, other
    }

    /// The entry being read.
    private struct Entry {
        var line: Int
        var title: String
        var id: (id: ArxivID, version: Int?)?
        var badURL: String
        var announceType: String?
        var abstract = ParagraphJoiner()
        var translation = ParagraphJoiner()
        var section = Section.none
    }

    /// Reads every `## [Title](…/abs/ID)` entry.
    func parse() -> LayoutParseResult {
        var date: String?
        var log = WarningLog()
        var collector = PaperCollector()
        var entry: Entry?

        func finish() {
            guard let current = entry else { return }
            entry = nil
            if let paper = paper(from: current, date: date, log: &log) {
                collector.add(paper, line: lines.number(at: current.line))
            }
        }

        for index in 0..<lines.count {
            let line = lines[index]
            switch line.markdownHeadingLevel {
            case 1?:
                finish()
                if date == nil { date = MarkdownScanning.leadingDate(line.markdownHeadingText) }
                continue
            case 2?:
                finish()
                entry = startEntry(line.markdownHeadingText, at: index)
                continue
            case 3?:
                let name = line.markdownHeadingText
                if name.hasPrefix("Abstract") {
                    entry?.section = .abstract
                } else if name.hasPrefix("摘要") || name.containsBytes("(ZH)") || name.containsBytes("中文") {
                    entry?.section = .translation
                } else {
                    entry?.section = .other
                }
                continue
            default:
                break
            }
            if line.trimmingWhitespace() == "---" {
                finish()
                continue
            }
            guard entry != nil else { continue }
            readLine(line, into: &entry)
        }
        finish()
        return LayoutParseResult(date: date, collector: collector, log: log)
    }

    /// A new entry from its `## [Title](URL)` heading text.
    private func startEntry(_ heading: String, at index: Int) -> Entry {
        if let link = MarkdownScanning.link(heading) {
            return Entry(
                line: index, title: TextCleaning.title(link.text), id: MarkdownScanning.arxivID(inURL: link.url),
                badURL: String(link.url))
        }
        return Entry(line: index, title: TextCleaning.title(heading), id: nil, badURL: "")
    }

    /// Adds one body line to the section it belongs to.
    private func readLine(_ line: String, into entry: inout Entry?) {
        guard var current = entry.take() else { return }
        switch current.section {
        case .abstract, .none:
            if line.hasPrefix("arXiv:"), line.containsBytes("Announce Type:") {
                readAnnounceLine(line, into: &current)
            } else if line.hasPrefix("Abstract:") {
                current.abstract.add(line.dropFirst("Abstract:".count))
            } else if current.section == .abstract || !current.abstract.isEmpty {
                current.abstract.add(line)
            }
        case .translation:
            current.translation.add(line)
        case .other:
            break
        }
        entry = current
    }

    /// `arXiv:2506.08119v1 Announce Type: new` → id (when the heading had none), version, announce type.
    private func readAnnounceLine(_ line: String, into entry: inout Entry) {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        if let token = parts.first, let parsed = ArxivID.parse(String(token)) {
            if entry.id == nil {
                entry.id = parsed
            } else if entry.id?.id == parsed.id, entry.id?.version == nil {
                entry.id?.version = parsed.version
            }
        }
        if let typeRange = line.firstRange(of: "Announce Type:") {
            let type = line[typeRange.upperBound...].trimmingWhitespace()
            if !type.isEmpty { entry.announceType = TextCleaning.inline(type) }
        }
    }

    /// The finished paper, or `nil` with a warning when the entry is incomplete.
    private func paper(from entry: Entry, date: String?, log: inout WarningLog) -> Paper? {
        guard let (id, version) = entry.id else {
            let what =
                entry.badURL.isEmpty ? "no `[Title](…/abs/ID)` link" : "no arXiv id in \"\(entry.badURL.excerpt)\""
            log.add("entry \"\(entry.title.excerpt)\" skipped: \(what)", at: entry.line, in: lines)
            return nil
        }
        guard log.hasTitle(id, title: entry.title, at: entry.line, in: lines) else { return nil }
        let translation = entry.translation.text
        var extras = PaperExtras()
        extras.translatedAbstract = translation.isEmpty ? nil : translation
        var abstract = ""
        switch EnglishText.classify(entry.abstract.text) {
        case .english(let text): abstract = text
        case .translation(let text): extras.translatedAbstract = extras.translatedAbstract ?? text
        case .missing: break
        }
        extras.announceType = entry.announceType
        return Paper(id: id, version: version, title: entry.title, abstract: abstract, date: date, extras: extras)
    }
}

import PaperRadarCore

/// Parses the table + abstracts layout (samples 000, 001; generator `jawatech/arxiv-daily-in-place`).
///
/// Layout: an optional `# arxiv-daily` header (`Automated deployment @ YYYY-MM-DD …` gives the digest date), then
/// per subtopic a `### <subtopic>` heading (a tag), the `|Publish Date|Title|Authors|Homepage or PDF|Code|` table
/// (publish date, code link) and `#### Abstracts` with one entry per paper:
///
///     ##### **Title**                      ##### 2404.17546v1 **Title**   (early variant)
///     2502.10391v1 by A, B, C              First Author et.al.
///                                          abstract lines…|
///     abstract lines…
///
///     摘要：translation lines… (optional, may be empty, may hold `<paragraph>` leftovers)
///
/// A paper listed under several subtopics (the per-day archive) becomes one paper with one tag per subtopic.
struct TableAbstractsParser: Sendable {
    let lines: DigestLines

    /// One table row.
    private struct Row {
        var line: Int
        var date: String?
        var title: String
        var authors: [String]
        var version: Int?
        var codeURL: String?
    }

    /// One `#####` abstract entry.
    private struct Entry {
        var line: Int
        var title: String
        var authors: [String]
        var version: Int?
        var abstract: String
        var translation: String?
    }

    /// Everything gathered in one pass.
    private struct Scan {
        var date: String?
        var order: [ArxivID] = []
        var rows: [ArxivID: Row] = [:]
        var entries: [ArxivID: Entry] = [:]
        var tags: [ArxivID: [String]] = [:]
        var log = WarningLog()

        mutating func mention(_ id: ArxivID, topic: String?) {
            if tags[id] == nil {
                order.append(id)
                tags[id] = []
            }
            if let topic, !(tags[id]?.contains(topic) ?? false) { tags[id, default: []].append(topic) }
        }
    }

    /// Reads every table row and abstract entry and assembles the papers.
    func parse() -> LayoutParseResult {
        var scan = Scan()
        var topic: String?
        var seenTable = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("|") {
                if line.hasPrefix("|Publish Date|") { seenTable = true }
                readRow(line, at: index, topic: topic, into: &scan)
                index += 1
                continue
            }
            switch line.markdownHeadingLevel {
            case 5?:
                index = readEntry(at: index, topic: topic, into: &scan)
                continue
            case 3?:
                let text = TextCleaning.inline(line.markdownHeadingText)
                topic = text.isEmpty ? nil : text
            case 1?, 2?:
                topic = nil
            default:
                if !seenTable, scan.date == nil, line.contains("Automated deployment @") {
                    scan.date = MarkdownScanning.firstDate(in: line)
                }
            }
            index += 1
        }
        return assemble(scan)
    }

    // MARK: - Table rows

    /// Reads one `|…|` line: the header and the separator are skipped, a paper row is recorded.
    private func readRow(_ line: String, at index: Int, topic: String?, into scan: inout Scan) {
        if line.hasPrefix("|Publish Date|") || line.allSatisfy({ "|:- \t".contains($0) }) { return }
        var cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
        if cells.last?.trimmingWhitespace().isEmpty ?? false { cells = cells.dropLast() }
        let cellList = Array(cells)
        guard cellList.count >= 5 else {
            scan.log.add("table row has too few cells: \"\(line.excerpt)\"", at: index, in: lines)
            return
        }
        let codeCell = cellList[cellList.count - 1]
        let linkCell = cellList[cellList.count - 2]
        let authorsCell = cellList[cellList.count - 3]
        let titleCell = cellList[1..<(cellList.count - 3)].joined(separator: "|")
        guard let (id, version) = Self.arxivID(inLinkCell: linkCell) else {
            scan.log.add("table row has no valid arXiv id: \"\(linkCell.excerpt)\"", at: index, in: lines)
            return
        }
        scan.mention(id, topic: topic)
        guard scan.rows[id] == nil else { return }
        let dateText = cellList[0].replacing("*", with: "").trimmingWhitespace()
        var codeURL: String?
        if let link = MarkdownScanning.link(codeCell) { codeURL = link.url.trimmingWhitespace() }
        scan.rows[id] = Row(
            line: index, date: MarkdownScanning.leadingDate(dateText), title: TextCleaning.title(titleCell),
            authors: Self.authors(inShortList: String(authorsCell)), version: version, codeURL: codeURL)
    }

    /// The id in a `[2502.10391v1](http://arxiv.org/abs/2502.10391v1)` cell (link text first, then the URL).
    private static func arxivID<S: StringProtocol>(inLinkCell cell: S) -> (id: ArxivID, version: Int?)? {
        guard let link = MarkdownScanning.link(cell) else { return ArxivID.parse(String(cell)) }
        return ArxivID.parse(String(link.text)) ?? MarkdownScanning.arxivID(inURL: link.url)
    }

    /// `First Author et.al.` → `["First Author"]`; a comma-separated list → its names.
    private static func authors(inShortList text: String) -> [String] {
        var cleaned = TextCleaning.inline(text)
        for suffix in ["et.al.", "et al.", "et al"] where cleaned.hasSuffix(suffix) {
            cleaned = String(cleaned.dropLast(suffix.count)).trimmingWhitespace()
            return cleaned.isEmpty ? [] : [cleaned]
        }
        return cleaned.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    // MARK: - Abstract entries

    /// Reads the entry whose `#####` heading is at `start`; returns the index of the first line after it.
    private func readEntry(at start: Int, topic: String?, into scan: inout Scan) -> Int {
        var headingText = Substring(lines[start].markdownHeadingText)
        var id: ArxivID?
        var version: Int?
        // Early variant: `##### 2404.17546v1 **Title**`.
        if let token = headingText.split(separator: " ", maxSplits: 1).first, !token.hasPrefix("**"),
            let parsed = ArxivID.parse(String(token))
        {
            id = parsed.id
            version = parsed.version
            headingText = headingText.dropFirst(token.count)
        }
        let title = TextCleaning.title(headingText)
        var index = start + 1
        while index < lines.count, lines[index].isBlankLine { index += 1 }

        var authors: [String] = []
        var badID: String?
        if index < lines.count, !lines[index].isMarkdownHeading {
            let candidate = lines[index]
            if let byLine = Self.byLine(candidate) {
                if let parsed = byLine.id {
                    if id == nil { (id, version) = (parsed.id, parsed.version) }
                    authors = byLine.authors
                    index += 1
                } else if id == nil {
                    badID = byLine.token
                }
            } else if id != nil, isShortAuthorLine(candidate, id: id, scan: scan) {
                authors = Self.authors(inShortList: candidate)
                index += 1
            }
        }

        let abstractStart = index
        while index < lines.count, !lines[index].isMarkdownHeading, !Self.isTranslationStart(lines[index]) {
            index += 1
        }
        let abstractLines = Self.droppingTableBar(Array(lines.texts[abstractStart..<index]))
        var translation: String?
        if index < lines.count, Self.isTranslationStart(lines[index]) {
            let translationStart = index
            while index < lines.count, !lines[index].isMarkdownHeading { index += 1 }
            translation = Self.translation(Array(lines.texts[translationStart..<index]))
        }

        guard let id else {
            let reason = badID.map { "its id \"\($0.excerpt)\" is not an arXiv id" } ?? "it has no `ID by authors` line"
            scan.log.add("abstract entry \"\(title.excerpt)\" skipped: \(reason)", at: start, in: lines)
            return index
        }
        scan.mention(id, topic: topic)
        let abstract = ParagraphJoiner.join(abstractLines)
        guard !abstract.isEmpty else {
            scan.log.add("abstract entry for \(id) skipped: it has no abstract", at: start, in: lines)
            return index
        }
        if scan.entries[id] == nil {
            scan.entries[id] = Entry(
                line: start, title: title, authors: authors, version: version, abstract: abstract,
                translation: translation)
        }
        return index
    }

    /// The `2502.10391v1 by A, B, C` line: the id (nil when the token before ` by ` does not parse) and the names.
    private static func byLine(_ line: String) -> (token: String, id: (id: ArxivID, version: Int?)?, authors: [String])?
    {
        guard let separator = line.firstRange(of: " by ") else { return nil }
        let token = line[..<separator.lowerBound].trimmingWhitespace()
        guard let first = token.first, first.isASCIIDigit || token.lowercased().hasPrefix("arxiv:"),
            !token.contains(" ")
        else { return nil }
        let names = line[separator.upperBound...].split(separator: ",").map { TextCleaning.inline($0) }
        return (token, ArxivID.parse(token), names.filter { !$0.isEmpty })
    }

    /// True for the early variant's author line (`First Author et.al.`, or the row's author cell verbatim).
    private func isShortAuthorLine(_ line: String, id: ArxivID?, scan: Scan) -> Bool {
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasSuffix("et.al.") || trimmed.hasSuffix("et al.") { return true }
        guard let id, let row = scan.rows[id], !row.authors.isEmpty else { return false }
        return TextCleaning.inline(trimmed) == row.authors.joined(separator: ", ")
    }

    /// True for the line that starts the translation, `摘要：…`.
    private static func isTranslationStart(_ line: String) -> Bool {
        line.hasPrefix("摘要：") || line.hasPrefix("摘要:")
    }

    /// The abstract lines without the stray table bar the early variant leaves after the last word (`tasks.|`).
    private static func droppingTableBar(_ abstractLines: [String]) -> [String] {
        var result = abstractLines
        guard let last = result.lastIndex(where: { !$0.isBlankLine }) else { return result }
        var line = Substring(result[last])
        while let final = line.last, final == "|" || final.isWhitespace { line = line.dropLast() }
        result[last] = String(line)
        return result
    }

    /// The translation text from the `摘要：` line on, without the label and `<paragraph>` leftovers; nil if empty.
    private static func translation(_ block: [String]) -> String? {
        var joiner = ParagraphJoiner()
        for (offset, raw) in block.enumerated() {
            var line = raw
            if offset == 0 { line = String(line.dropFirst(3)) }
            if line.contains("paragraph>") {
                line = line.replacing("</paragraph>", with: "")
                    .replacing("<paragraph>", with: "")
            }
            joiner.add(line)
        }
        let text = joiner.text
        return text.isEmpty ? nil : text
    }

    // MARK: - Assembly

    /// Builds one paper per id in order of first mention; warns about rows with no usable abstract entry.
    private func assemble(_ scan: Scan) -> LayoutParseResult {
        var log = scan.log
        var collector = PaperCollector()
        for id in scan.order {
            let row = scan.rows[id]
            guard let entry = scan.entries[id] else {
                if let row {
                    log.add("table row for \(id) skipped: no abstract entry for it", at: row.line, in: lines)
                }
                continue
            }
            let title = entry.title.isEmpty ? (row?.title ?? "") : entry.title
            guard !title.isEmpty else {
                log.add("abstract entry for \(id) skipped: it has no title", at: entry.line, in: lines)
                continue
            }
            var extras = PaperExtras()
            extras.translatedAbstract = entry.translation
            collector.add(
                Paper(
                    id: id, version: entry.version ?? row?.version, title: title,
                    authors: entry.authors.isEmpty ? (row?.authors ?? []) : entry.authors, abstract: entry.abstract,
                    date: row?.date ?? scan.date, tags: scan.tags[id] ?? [], codeURL: row?.codeURL, extras: extras))
        }
        return LayoutParseResult(date: scan.date, papers: collector.papers, warnings: log.warnings)
    }
}

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
/// Variants the generator went through, all read here:
/// - tables with no `#### Abstracts` entries (per-day archives, and the weeks before abstracts were added): every
///   row becomes a title-only paper;
/// - the abstract inside the table, in a cell after the title, the row running over many physical lines until its
///   closing `|Authors|[IDvN](http://arxiv.org/abs/IDvN)|code|`;
/// - `#####` headings glued onto the end of the previous line (split off by ``DigestLines``);
/// - header-only files (`# arxiv-daily` and section headings, no rows): 0 papers.
///
/// A paper listed under several subtopics (the per-day archive) becomes one paper with one tag per subtopic. An entry
/// whose English abstract is missing (only `摘要：`, or nothing) gives a title-only paper with its translation.
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
        /// The abstract some variants put in the row itself, after the title.
        var abstract: String
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
        var rowIDsByTitle: [String: ArxivID] = [:]
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
                if Self.isHeaderRow(line) { seenTable = true }
                index = readRow(at: index, topic: topic, into: &scan)
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
                if !seenTable, scan.date == nil, line.containsBytes("Automated deployment @") {
                    scan.date = MarkdownScanning.firstDate(in: line)
                }
            }
            index += 1
        }
        return assemble(scan)
    }

    // MARK: - Table rows

    /// `|Publish Date|…` (with or without spaces around the cell text).
    static func isHeaderRow(_ line: String) -> Bool {
        line.hasPrefix("|Publish Date|") || line.dropFirst().trimmingWhitespace().hasPrefix("Publish Date")
    }

    /// `| :---: | :---: |…`
    private static func isSeparatorRow(_ line: String) -> Bool {
        line.allSatisfy { "|:- \t".contains($0) }
    }

    /// Reads the row starting on line `start` (over several physical lines when its cells hold line breaks) and
    /// returns the index of the line after it. The header and the separator are skipped; a paper row is recorded.
    private func readRow(at start: Int, topic: String?, into scan: inout Scan) -> Int {
        let line = lines[start]
        if Self.isHeaderRow(line) || Self.isSeparatorRow(line) { return start + 1 }
        var text = line
        var next = start + 1
        if Self.cells(of: line) == nil, let end = closingLine(ofRowAt: start) {
            text = lines.texts[start...end].joined(separator: "\n")
            next = end + 1
        }
        guard let cells = Self.cells(of: text) ?? Self.rawCells(of: text) else {
            scan.log.add("table row has too few cells: \"\(line.excerpt)\"", at: start, in: lines)
            return start + 1
        }
        guard cells.count >= 5 else {
            scan.log.add("table row has too few cells: \"\(line.excerpt)\"", at: start, in: lines)
            return start + 1
        }
        let linkCell = cells[cells.count - 2]
        guard let (id, version) = Self.arxivID(inLinkCell: linkCell) else {
            scan.log.add("table row has no valid arXiv id: \"\(linkCell.excerpt)\"", at: start, in: lines)
            return next
        }
        scan.mention(id, topic: topic)
        guard scan.rows[id] == nil else { return next }
        let (title, abstract) = Self.titleAndAbstract(cells[1..<(cells.count - 3)])
        let dateText = cells[0].replacing("*", with: "").trimmingWhitespace()
        var codeURL: String?
        if let link = MarkdownScanning.link(cells[cells.count - 1]) { codeURL = link.url.trimmingWhitespace() }
        let row = Row(
            line: start, date: MarkdownScanning.leadingDate(dateText), title: title,
            authors: Self.authors(inShortList: cells[cells.count - 3]), version: version, codeURL: codeURL,
            abstract: abstract)
        scan.rows[id] = row
        if !title.isEmpty { scan.rowIDsByTitle[title.lowercased()] = scan.rowIDsByTitle[title.lowercased()] ?? id }
        return next
    }

    /// The most physical lines one table row may span (an abstract of 2,000 characters wrapped at 80 columns is
    /// about 30); a row still open after this many lines is broken.
    static let maxRowLines = 200

    /// The index of the line that closes the row opened on line `start` (a line ending in `…|[ID](…)|code|`), or
    /// `nil` when a complete row of its own, a heading, the end of the text or ``maxRowLines`` lines come first.
    private func closingLine(ofRowAt start: Int) -> Int? {
        var index = start + 1
        while index < lines.count, index - start < Self.maxRowLines {
            let line = lines[index]
            if line.isMarkdownHeading || (line.hasPrefix("|") && Self.cells(of: line) != nil) { return nil }
            if line.trimmingWhitespace().hasSuffix("|"), let cells = Self.rawCells(of: line), cells.count >= 2,
                Self.arxivID(inLinkCell: cells[cells.count - 2]) != nil
            {
                let gathered = lines.texts[start...index].joined(separator: "\n")
                return Self.cells(of: gathered) != nil ? index : nil
            }
            index += 1
        }
        return nil
    }

    /// The cells of a complete row (at least five, the last but one naming an arXiv paper), else `nil`.
    private static func cells(of text: String) -> [String]? {
        guard let cells = rawCells(of: text), cells.count >= 5, arxivID(inLinkCell: cells[cells.count - 2]) != nil
        else { return nil }
        return cells
    }

    /// The cells between the `|` bars, without the empty one after a final bar; `nil` when there are none.
    private static func rawCells(of text: String) -> [String]? {
        var cells = text.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if cells.last?.trimmingWhitespace().isEmpty ?? false { cells.removeLast() }
        return cells.isEmpty ? nil : cells
    }

    /// The title and, in the variant that puts it in the row, the abstract from the cells between the date and the
    /// authors: `**Title**|abstract…` is a bold title followed by the abstract; anything else is the title (a title
    /// may itself hold a `|`).
    private static func titleAndAbstract(_ cells: ArraySlice<String>) -> (title: String, abstract: String) {
        guard let first = cells.first else { return ("", "") }
        let head = first.trimmingWhitespace()
        if cells.count >= 2, head.count > 4, head.hasPrefix("**"), head.hasSuffix("**") {
            let abstractText = cells.dropFirst().joined(separator: "|")
            let abstract = ParagraphJoiner.join(abstractText.split(separator: "\n", omittingEmptySubsequences: false))
            return (TextCleaning.title(head), abstract)
        }
        return (TextCleaning.title(cells.joined(separator: "|")), "")
    }

    /// The id in a `[2502.10391v1](http://arxiv.org/abs/2502.10391v1)` cell (link text first, then the URL).
    private static func arxivID<S: StringProtocol>(inLinkCell cell: S) -> (id: ArxivID, version: Int?)? {
        guard let link = MarkdownScanning.link(cell) else { return ArxivID.parse(String(cell)) }
        return ArxivID.parse(String(link.text)) ?? MarkdownScanning.arxivID(inURL: link.url)
    }

    /// `First Author et.al.` → `["First Author"]`; a comma-separated list → its names.
    private static func authors(inShortList text: String) -> [String] {
        let cleaned = TextCleaning.inline(text)
        if let single = withoutEtAl(cleaned) { return single.isEmpty ? [] : [single] }
        return cleaned.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The name before a trailing `et.al.` / `et al.` / `et al`, or `nil` when the text has no such suffix.
    private static func withoutEtAl(_ text: String) -> String? {
        for suffix in ["et.al.", "et. al.", "et al.", "et al"] where text.hasSuffix(suffix) {
            return String(text.dropLast(suffix.count)).trimmingWhitespace()
        }
        return nil
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
                    index += 1
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

        if id == nil {
            let reason = badID.map { "its id \"\($0.excerpt)\" is not an arXiv id" } ?? "it has no `ID by authors` line"
            if let rowID = scan.rowIDsByTitle[title.lowercased()], scan.entries[rowID] == nil {
                scan.log.add(
                    "abstract entry \"\(title.excerpt)\": \(reason); matched to the table row of \(rowID) by its title",
                    at: start, in: lines)
                id = rowID
                version = scan.rows[rowID]?.version
            } else {
                scan.log.add("abstract entry \"\(title.excerpt)\" skipped: \(reason)", at: start, in: lines)
                return index
            }
        }
        guard let id else { return index }
        scan.mention(id, topic: topic)
        var abstract = ""
        switch EnglishText.classify(ParagraphJoiner.join(abstractLines)) {
        case .english(let text): abstract = text
        case .translation(let text): translation = translation ?? text
        case .missing: break
        }
        if let existing = scan.entries[id], !existing.abstract.isEmpty || abstract.isEmpty { return index }
        scan.entries[id] = Entry(
            line: start, title: title, authors: authors, version: version, abstract: abstract, translation: translation)
        return index
    }

    /// The `2502.10391v1 by A, B, C` line: the id (nil when the token before ` by ` does not parse) and the names
    /// (a trailing `et.al.` dropped).
    private static func byLine(_ line: String) -> (token: String, id: (id: ArxivID, version: Int?)?, authors: [String])?
    {
        guard let separator = line.firstRange(of: " by ") else { return nil }
        let token = line[..<separator.lowerBound].trimmingWhitespace()
        guard let first = token.first, first.isASCIIDigit || token.lowercased().hasPrefix("arxiv:"),
            !token.containsBytes(" ")
        else { return nil }
        var names = line[separator.upperBound...].split(separator: ",").map { TextCleaning.inline($0) }
        if let last = names.last, let name = withoutEtAl(last) { names[names.count - 1] = name }
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
            if line.containsBytes("paragraph>") {
                line = line.replacing("</paragraph>", with: "")
                    .replacing("<paragraph>", with: "")
            }
            joiner.add(line)
        }
        let text = joiner.text
        return text.isEmpty ? nil : text
    }

    // MARK: - Assembly

    /// Builds one paper per id in order of first mention: the entry's text, else the row's (a title-only paper when
    /// neither has an English abstract).
    private func assemble(_ scan: Scan) -> LayoutParseResult {
        var log = scan.log
        var collector = PaperCollector()
        for id in scan.order {
            let row = scan.rows[id]
            let entry = scan.entries[id]
            guard let line = entry?.line ?? row?.line else { continue }
            var title = entry?.title ?? ""
            if title.isEmpty { title = row?.title ?? "" }
            guard log.hasTitle(id, title: title, at: line, in: lines) else { continue }
            var abstract = entry?.abstract ?? ""
            if abstract.isEmpty { abstract = EnglishText.abstract(row?.abstract ?? "") }
            var extras = PaperExtras()
            extras.translatedAbstract = entry?.translation
            var authors = entry?.authors ?? []
            if authors.isEmpty { authors = row?.authors ?? [] }
            collector.add(
                Paper(
                    id: id, version: entry?.version ?? row?.version, title: title, authors: authors, abstract: abstract,
                    date: row?.date ?? scan.date, tags: scan.tags[id] ?? [], codeURL: row?.codeURL, extras: extras),
                line: lines.number(at: line))
        }
        return LayoutParseResult(date: scan.date, collector: collector, log: log)
    }
}

import PaperRadarCore

/// Reads the arXiv papers out of a text in no known layout (format ``DigestFormat/generic``).
///
/// Every paper the text links to (`arxiv.org/abs/…`, `/pdf/…`, `/html/…`, `arXiv:ID`; see ``ArxivReferences``)
/// becomes a paper, once per id:
/// - an entry starts at a heading that names a paper, or at a line (a list item, a table row, a paragraph of its
///   own) that names one; a paper named again inside its own entry (`[PDF](…/pdf/ID)`) is the same entry;
/// - the title is the link text (`[Title](…/abs/ID)`), else the line's own text (its first bold run, else the text
///   around the link), else the nearest heading above the entry that no other entry used, else a short line of its
///   own right above the link;
/// - the English abstract is a paragraph of the entry that is clearly one: labelled `Abstract:` / `Summary:`, or
///   long, in sentences and in Latin script (``EnglishText/isClearlyAbstract(_:labelled:)``); otherwise the paper is
///   title-only;
/// - authors come from an `Authors:` line, a TL;DR from a `TL;DR:` line, a translation from a Chinese paragraph;
///   the nearest heading not used as a title is the paper's tag; a `YYYY-MM-DD` in the first heading is the date.
///
/// HTML exports are read too: block tags (`<p>`, `<li>`, `<h2>` …) end lines, `<a href>` is a link, tags are dropped.
/// A paper mentioned inside a long paragraph of another entry (a citation) is not an entry; it gets a warning.
struct GenericParser: Sendable {
    let lines: DigestLines

    /// One line of text after HTML block tags were split off, with its markup read.
    private struct TextLine {
        /// 0-based index of the digest line it comes from.
        var index: Int
        var raw: Substring
        var headingLevel: Int?
        /// The text without markup (heading marks, tags, link targets, emphasis, list markers).
        var plain: String
        var references: [Reference]
        var isListItem: Bool
        /// Words before the first reference and after the last one (`Earlier work (arXiv:…) showed that…`: 2, 3).
        var wordsAround: (before: Int, after: Int) = (0, 0)
        var isBlank: Bool { plain.isEmpty }
        /// True for a line of running text that names a paper in passing (a citation): long, or with words on both
        /// sides of its references; never a heading or a list item.
        var isProse: Bool {
            guard headingLevel == nil, !isListItem, !references.isEmpty else { return false }
            return plain.count > 300 || (wordsAround.before >= 1 && wordsAround.after >= 3)
        }
    }

    /// A paper named on a line, with the text of the link that names it.
    private struct Reference {
        var id: ArxivID
        var version: Int?
        var linkText: String?
        /// The reference as written (`arXiv:2501.01234`, a URL), to take out of the line's text.
        var written: String
    }

    /// The entry being read.
    private struct Entry {
        var id: ArxivID
        var version: Int?
        var line: Int
        var title: String
        /// The heading level that ends the entry (a heading at this level or above); `Int.max` for any heading.
        var scope: Int
        var tag: String?
        /// Text of the entry line besides its title (an HTML list item may hold the abstract).
        var lineRest: String
        var body: [TextLine] = []
        /// Other papers named with a title of their own on the entry's first line (title-only).
        var companions: [Entry] = []
    }

    /// The trailing words of link texts and line texts that are not titles (`[PDF](…)`, `[arXiv](…)`).
    private static let trivialWords: Set<String> = [
        "pdf", "abs", "abstract", "arxiv", "link", "links", "paper", "html", "here", "code", "project", "page",
        "website", "download", "view", "full", "text", "read", "more", "source", "url", "doi", "preprint", "on", "at",
        "the", "open", "see", "via", "original", "id", "v", "and", "or", "in", "of", "github", "web", "site", "homepage",
    ]

    /// Reads every entry.
    func parse() -> LayoutParseResult {
        let textLines = Self.textLines(lines)
        var log = WarningLog()
        var collector = PaperCollector()
        var date: String?
        var entry: Entry?
        var pendingHeading: TextLine?
        /// Lines after the pending heading, before any paper is named (an adopted heading's entry keeps them).
        var pendingBody: [TextLine] = []
        var section: String?

        func finish() {
            guard let current = entry else { return }
            entry = nil
            guard !current.title.isEmpty else {
                log.add(
                    "arXiv \(current.id) skipped: no title for it (no link text, no text on its line, no heading above)",
                    at: current.line, in: lines)
                return
            }
            collector.add(paper(from: current, date: date), line: lines.number(at: current.line))
            for companion in current.companions {
                collector.add(paper(from: companion, date: date), line: lines.number(at: companion.line))
            }
        }

        for (position, line) in textLines.enumerated() {
            if date == nil, line.headingLevel == 1 || line.index < 3 {
                date = MarkdownScanning.firstDate(in: line.plain)
            }
            let ids = Self.distinctIDs(line.references)
            if let level = line.headingLevel {
                if let current = entry, level <= current.scope || current.scope == Int.max {
                    finish()
                }
                guard !ids.isEmpty else {
                    if entry == nil {
                        if let pending = pendingHeading, !pending.plain.isEmpty { section = pending.plain }
                        pendingHeading = line
                        pendingBody = []
                    } else {
                        entry?.body.append(line)
                    }
                    continue
                }
                finish()
                let title = Self.title(of: line) ?? ""
                entry = makeEntry(ids, on: line, title: title, scope: level, tag: section, log: &log)
                pendingHeading = nil
                pendingBody = []
                continue
            }
            guard !ids.isEmpty else {
                if entry != nil {
                    entry?.body.append(line)
                } else if pendingHeading != nil {
                    pendingBody.append(line)
                }
                continue
            }
            if let current = entry, ids.allSatisfy({ $0.id == current.id }) {
                entry?.body.append(line)
                continue
            }
            if entry != nil, line.isProse {
                // A citation inside a paragraph of the entry, not an entry of its own.
                let named = ids.map(\.id.rawValue).joined(separator: ", ")
                log.add(
                    "arXiv \(named) is cited inside a paragraph, not listed as an entry: not kept as a paper",
                    at: line.index, in: lines)
                entry?.body.append(line)
                continue
            }
            var title = Self.title(of: line) ?? ""
            var start = line
            if title.isEmpty, pendingHeading == nil, let previous = Self.titleLine(before: position, in: textLines) {
                // `Title` on a line of its own, the bare link below it.
                title = TextCleaning.title(previous.plain)
                start = previous
                if let last = entry?.body.last, last.index == previous.index, last.raw == previous.raw {
                    entry?.body.removeLast()
                }
            }
            finish()
            var scope = Int.max
            var tag = section
            if let heading = pendingHeading {
                if title.isEmpty {
                    title = heading.plain
                    start = heading
                    scope = heading.headingLevel ?? Int.max
                } else if !heading.plain.isEmpty {
                    section = heading.plain
                    tag = section
                }
            }
            entry = makeEntry(ids, on: start, title: title, scope: scope, tag: tag, log: &log)
            if let heading = pendingHeading, start.index == heading.index, start.raw == heading.raw {
                entry?.body = pendingBody + [line]
            }
            pendingHeading = nil
            pendingBody = []
        }
        finish()
        return LayoutParseResult(date: date, collector: collector, log: log)
    }

    /// The entry of the first paper named on `line`; the other papers of the line become title-only companions
    /// when their link text is a title, else they get a warning.
    private func makeEntry(
        _ ids: [Reference], on line: TextLine, title: String, scope: Int, tag: String?, log: inout WarningLog
    ) -> Entry? {
        guard let first = ids.first else { return nil }
        var entry = Entry(
            id: first.id, version: first.version, line: line.index, title: title, scope: scope, tag: tag,
            lineRest: Self.lineRest(line, title: title))
        for reference in ids.dropFirst() {
            guard let text = reference.linkText, !Self.isTrivial(text) else {
                log.add(
                    "arXiv \(reference.id) is named on the line of \(first.id) without a title of its own: not kept",
                    at: line.index, in: lines)
                continue
            }
            entry.companions.append(
                Entry(
                    id: reference.id, version: reference.version, line: line.index, title: TextCleaning.title(text),
                    scope: scope, tag: tag, lineRest: ""))
        }
        return entry
    }

    /// The line just before `position` when it reads as the title of the paper linked on the line at `position`:
    /// a short line of text of its own (after a blank line, a heading or another link, or a list item) that names no
    /// paper and is no `Label: value`.
    private static func titleLine(before position: Int, in textLines: [TextLine]) -> TextLine? {
        guard position >= 1 else { return nil }
        let previous = textLines[position - 1]
        guard !previous.isBlank, previous.headingLevel == nil, previous.references.isEmpty,
            previous.plain.count <= 300, previous.plain.contains(where: \.isLetter), knownLabel(previous.plain) == nil
        else { return nil }
        if previous.isListItem || position < 2 { return previous }
        let before = textLines[position - 2]
        return before.isBlank || before.headingLevel != nil || !before.references.isEmpty ? previous : nil
    }

    // MARK: - Lines

    /// The digest's lines, HTML block tags split off, markup read.
    private static func textLines(_ lines: DigestLines) -> [TextLine] {
        var result: [TextLine] = []
        result.reserveCapacity(lines.count)
        for (index, text) in lines.texts.enumerated() {
            for piece in InlineMarkup.splittingAtBlockTags(text) {
                result.append(textLine(piece, index: index))
            }
        }
        return result
    }

    private static func textLine(_ raw: Substring, index: Int) -> TextLine {
        let line = String(raw)
        var level = line.markdownHeadingLevel
        var body = Substring(line)
        if let markdown = level {
            body = body.dropFirst(markdown).drop { $0 == " " || $0 == "\t" }
            while body.hasSuffix("#") { body = body.dropLast() }
        } else if let html = InlineMarkup.htmlHeadingLevel(line) {
            level = html
        }
        let plain = InlineMarkup.plainText(body)
        var references: [Reference] = []
        var wordsAround = (before: 0, after: 0)
        if ArxivReferences.mayContain(line) {
            let links = InlineMarkup.links(in: line)
            let found = ArxivReferences.find(in: line)
            if let first = found.first, let last = found.last {
                // Around the whole link that holds a reference, not just its URL.
                let start = links.first { $0.range.contains(first.range.lowerBound) }?.range.lowerBound ?? first.range.lowerBound
                let end = links.first { $0.range.contains(last.range.lowerBound) }?.range.upperBound ?? last.range.upperBound
                wordsAround = (wordCount(line[line.startIndex..<start]), wordCount(line[end...]))
            }
            for found in found {
                let link = links.first { $0.range.contains(found.range.lowerBound) }
                let linkText = link.map { TextCleaning.title(InlineMarkup.plainText($0.text)) }
                references.append(
                    Reference(
                        id: found.id, version: found.version, linkText: linkText?.isEmpty ?? true ? nil : linkText,
                        written: String(line[found.range])))
            }
        }
        return TextLine(
            index: index, raw: raw, headingLevel: level, plain: plain, references: references,
            isListItem: level == nil && InlineMarkup.isListItem(line), wordsAround: wordsAround)
    }

    /// The number of words (runs holding a letter) in the text once its markup is removed.
    private static func wordCount(_ text: Substring) -> Int {
        InlineMarkup.plainText(text).split(whereSeparator: \.isWhitespace).count { $0.contains(where: \.isLetter) }
    }

    /// The references of a line, each id once (the first mention with a version or link text wins).
    private static func distinctIDs(_ references: [Reference]) -> [Reference] {
        var result: [Reference] = []
        var positions: [ArxivID: Int] = [:]
        for reference in references {
            if let index = positions[reference.id] {
                if result[index].version == nil { result[index].version = reference.version }
                if result[index].linkText.map(isTrivial) ?? true, let text = reference.linkText, !isTrivial(text) {
                    result[index].linkText = text
                }
            } else {
                positions[reference.id] = result.count
                result.append(reference)
            }
        }
        return result
    }

    /// The most references whose text is taken out of a line to find its title (a line naming more papers than this
    /// is a list of links, not a title).
    private static let maxReferencesRemoved = 20

    // MARK: - Titles

    /// True when a link or line text is no title: empty, an id, a URL, or only words such as `PDF`, `arXiv`, `link`.
    private static func isTrivial(_ text: String) -> Bool {
        let lowered = text.lowercased().trimmingWhitespace()
        if lowered.isEmpty || ArxivID.parse(lowered) != nil { return true }
        if lowered.hasPrefix("http") || lowered.containsBytes("arxiv.org/") || lowered.hasPrefix("www.") { return true }
        let words = lowered.split { !$0.isLetter }
        if words.allSatisfy({ trivialWords.contains(String($0)) }) { return true }
        // `arXiv:2501.01234`, `2501.01234v2 [pdf]`: an id plus trivial words.
        let tokens = lowered.split { $0 == " " || $0 == "[" || $0 == "]" || $0 == "(" || $0 == ")" }
        return tokens.allSatisfy { ArxivID.parse(String($0)) != nil || trivialWords.contains(String($0)) }
    }

    /// The title a line gives its first paper: the link text, else the first bold run, else the line's own text
    /// without the references, labels and list marks; `nil` when none of them is a title.
    private static func title(of line: TextLine) -> String? {
        let ids = distinctIDs(line.references)
        if let text = ids.first?.linkText, !isTrivial(text) { return text }
        if let bold = InlineMarkup.firstBold(String(line.raw)) {
            let text = TextCleaning.title(InlineMarkup.plainText(bold))
            if !isTrivial(text), !text.hasSuffix(":"), text.contains(where: \.isLetter) { return text }
        }
        guard line.references.count <= maxReferencesRemoved else { return nil }
        var text = line.plain
        for reference in line.references {
            if let linkText = reference.linkText, isTrivial(linkText) { text = Self.removing(linkText, from: text) }
            text = Self.removing(reference.written, from: text)
        }
        // The first piece between separators that is a title.
        for piece in splittingAtSeparators(text) {
            var candidate = Substring(piece.trimmingWhitespace())
            while let last = candidate.last, ":;,([{-–—|·/".contains(last) || last.isWhitespace {
                candidate = candidate.dropLast()
            }
            while let first = candidate.first, ")]}:;,-–—|·/".contains(first) || first.isWhitespace {
                candidate = candidate.dropFirst()
            }
            candidate = Substring(removingEmptyBrackets(candidate))
            let cleaned = TextCleaning.title(candidate)
            if cleaned.count >= 3, cleaned.contains(where: \.isLetter), !isTrivial(cleaned), cleaned.count <= 300 {
                return cleaned
            }
        }
        return nil
    }

    /// The pieces of a line between ` — `, ` – `, ` - `, ` | `, ` · ` and ` • `.
    private static func splittingAtSeparators(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if "—–-|·•".contains(character), index > text.startIndex, text[text.index(before: index)] == " ",
                next < text.endIndex, text[next] == " "
            {
                pieces.append(text[start..<index])
                start = next
            }
            index = next
        }
        pieces.append(text[start...])
        return pieces
    }

    /// `text` with every occurrence of `piece` replaced by a space (a byte test first: most lines do not hold it).
    private static func removing(_ piece: String, from text: String) -> String {
        guard !piece.isEmpty, text.containsBytes(piece) else { return text }
        return text.replacing(piece, with: " ")
    }

    /// `Title ()` → `Title`: brackets left empty once a link was taken out.
    private static func removingEmptyBrackets(_ text: Substring) -> String {
        var result = String(text)
        for pair in ["()", "[]", "( )", "[ ]", "<>"] { result = result.replacing(pair, with: " ") }
        return result.trimmingWhitespace()
    }

    /// The text of an entry line after its title and references (an abstract may follow the title on one line).
    private static func lineRest(_ line: TextLine, title: String) -> String {
        guard line.references.count <= maxReferencesRemoved else { return "" }
        var text = line.plain
        for reference in line.references {
            if let linkText = reference.linkText { text = Self.removing(linkText, from: text) }
            text = Self.removing(reference.written, from: text)
        }
        if !title.isEmpty { text = Self.removing(title, from: text) }
        var rest = Substring(TextCleaning.inline(text))
        while let first = rest.first, ":;,.)]-–—|·".contains(first) || first.isWhitespace { rest = rest.dropFirst() }
        return String(rest)
    }

    // MARK: - Assembly

    /// The paper of an entry: the abstract, authors, TL;DR and translation its body gives.
    private func paper(from entry: Entry, date: String?) -> Paper {
        var abstract = ""
        var labelledAbstract = ""
        var authors: [String] = []
        var extras = PaperExtras()
        var pendingLabel: String?
        for (label, text) in Self.paragraphs(of: entry) {
            let role = label.map { CategoryTLDRParser.role(of: $0) } ?? pendingLabel.map { CategoryTLDRParser.role(of: $0) }
            if label == nil, text.count <= 40, text.hasSuffix(":") || Self.isLabelOnly(text) {
                pendingLabel = String(text.trimmingWhitespace().dropLast(text.hasSuffix(":") ? 1 : 0))
                continue
            }
            defer { pendingLabel = nil }
            switch role {
            case .abstract?, .note("Summary")?, .note("summary")?:
                if labelledAbstract.isEmpty, EnglishText.isClearlyAbstract(text, labelled: true) { labelledAbstract = text }
            case .authors?:
                if authors.isEmpty { authors = Self.names(text) }
            case .tldr?:
                if extras.tldr == nil { extras.tldr = text }
            case .translatedAbstract?:
                if extras.translatedAbstract == nil { extras.translatedAbstract = text }
            case .comment?:
                if extras.comment == nil { extras.comment = text }
            case .mainCategory?, .translatedTitle?, .note?, .ignored?:
                break
            case nil:
                if abstract.isEmpty, EnglishText.isClearlyAbstract(text, labelled: false) {
                    abstract = text
                } else if extras.translatedAbstract == nil, case .translation = EnglishText.classify(text),
                    text.count >= 40
                {
                    extras.translatedAbstract = text
                }
            }
        }
        if !labelledAbstract.isEmpty { abstract = labelledAbstract }
        return Paper(
            id: entry.id, version: entry.version, title: entry.title, authors: authors, abstract: abstract,
            date: date, tags: entry.tag.map { [$0] } ?? [], extras: extras)
    }

    /// A short line that only names what follows (`Abstract`, `**Abstract**`).
    private static func isLabelOnly(_ text: String) -> Bool {
        switch CategoryTLDRParser.role(of: text) {
        case .note: return false
        default: return true
        }
    }

    /// The paragraphs of an entry (the rest of its first line, then blank-line- or list-separated blocks of its
    /// body), each with its `Label:` when it has one.
    private static func paragraphs(of entry: Entry) -> [(label: String?, text: String)] {
        var blocks: [[String]] = []
        if !entry.lineRest.isEmpty { blocks.append([entry.lineRest]) }
        var current: [String] = []
        for line in entry.body {
            let startsBlock =
                line.isBlank || line.headingLevel != nil || line.isListItem || line.raw.hasPrefix("<")
                || CategoryTLDRParser.labelled(line.plain) != nil
            if startsBlock {
                if !current.isEmpty { blocks.append(current) }
                current = []
                if line.headingLevel != nil || line.isBlank { continue }
            }
            if line.references.isEmpty || line.isProse { current.append(line.plain) }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks.compactMap { block in
            let text = ParagraphJoiner.join(block, layout: .wrapped)
            guard !text.isEmpty else { return nil }
            if let (label, value) = knownLabel(text) { return (label, value.trimmingWhitespace()) }
            return (nil, text)
        }
    }

    /// `Label: value` when the label has a role (`Abstract`, `Authors`, `TL;DR`, `Summary`, `摘要` …); a title or an
    /// abstract that starts `Something: …` is text, not a label.
    private static func knownLabel(_ text: String) -> (label: String, value: Substring)? {
        guard let (label, value) = CategoryTLDRParser.labelled(text) else { return nil }
        if case .note(let heading) = CategoryTLDRParser.role(of: label), heading.lowercased() != "summary" {
            return nil
        }
        return (label, value)
    }

    /// `A, B and C` → `[A, B, C]`.
    private static func names(_ text: String) -> [String] {
        text.replacing(" and ", with: ", ").replacing(";", with: ",").split(separator: ",")
            .map { TextCleaning.inline($0) }.filter { !$0.isEmpty && $0.lowercased() != "et al." }
    }
}

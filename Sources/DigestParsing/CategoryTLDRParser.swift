import PaperRadarCore

/// Parses the category digest with TL;DR (sample 004; generator `dw-dengwei/daily-arXiv-ai-enhanced` and its forks).
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
/// Variants read here as well:
/// - the first layout: `<details>` + `<summary>Abstract</summary>` holding the abstract, no `Abstract:` line;
/// - forks with bold labels (`**TL;DR**: …`, `> **TL;DR:** …`, `**Motivation:** …`, `> **摘要翻译:** …`), a
///   translated title (`> *…*`), `*A, B* | **Main category: cs.XX**`, `## cs.XX` sections and a dated title heading
///   (`# AI-Enhanced arXiv Daily 2025-06-21`, the digest date);
/// - anchored entries `## <a id="ID"></a>[Title](…/abs/ID)` under `# <topic>` sections, with `### Background
///   Knowledge` / `### Summary` sub-headings (an astro-ph fork);
/// - entry links that hold the bare id (`[Title](2503.05714)`); `Label:` notes of any name (`Background:`, `Data:`).
///
/// Entries sit at one heading level (the most common level of headings linking to arXiv); shallower headings are
/// sections (a tag, and a category when they name one), deeper ones open a block of the entry. Categories are the main
/// category then the section's category if it differs. A file may list every paper twice; the mentions merge into one
/// paper. Abstracts may be hard-wrapped (joined; an indented line starts a paragraph); the machine-written TL;DR and
/// notes are never wrapped, so each of their lines is kept as a paragraph. An entry with no English abstract (only a
/// Chinese summary, or a placeholder such as `Summary generation failed`) is a title-only paper with its extras.
struct CategoryTLDRParser: Sendable {
    let lines: DigestLines

    /// Headings of the machine-written notes, kept in ``PaperExtras/notes``.
    static let noteHeadings = ["Task", "Motivation", "Method", "Result", "Conclusion"]

    /// The block whose continuation lines are being read.
    private enum Block {
        case none, tldr, note, abstract, translation
    }

    /// What a labelled line or block of an entry holds.
    enum Role: Equatable {
        case mainCategory, tldr, abstract, translatedAbstract, translatedTitle, comment, authors, note(String)
        /// A block that closes the current one and holds nothing of the paper (`<summary>Details</summary>`).
        case ignored
    }

    /// The entry being read.
    private struct Entry {
        var line: Int
        var title: String
        var id: (id: ArxivID, version: Int?)?
        var heading: String
        var section: String?
        var sectionCategory: String?
        var authors: [String] = []
        var mainCategory: String?
        var translatedTitle: String?
        var comment = ParagraphJoiner(layout: .linePerParagraph)
        var tldr = ParagraphJoiner(layout: .linePerParagraph)
        var notes: [(heading: String, text: ParagraphJoiner)] = []
        var abstract = ParagraphJoiner()
        var translation = ParagraphJoiner(layout: .linePerParagraph)
        var block = Block.none
        /// True once a line of the body was read (a translated title is only taken before that).
        var hasBody = false

        init(line: Int, heading: String, section: String?, sectionCategory: String?) {
            self.line = line
            self.heading = heading
            self.section = section
            self.sectionCategory = sectionCategory
            let text = CategoryTLDRParser.entryHeadingText(heading)
            if let link = MarkdownScanning.link(text) {
                title = TextCleaning.title(link.text)
                id = MarkdownScanning.arxivID(inURL: link.url)
            } else {
                title = TextCleaning.title(text)
            }
        }
    }

    /// Reads every entry.
    func parse() -> LayoutParseResult {
        var log = WarningLog()
        var collector = PaperCollector()
        var date: String?
        var section: String?
        var sectionCategory: String?
        var entry: Entry?
        let entryLevel = Self.entryLevel(lines)

        func finish() {
            guard let current = entry else { return }
            entry = nil
            if let paper = paper(from: current, log: &log) { collector.add(paper, line: lines.number(at: current.line)) }
        }

        for index in 0..<lines.count {
            let line = lines[index]
            if let level = line.markdownHeadingLevel {
                let text = line.markdownHeadingText
                if level == entryLevel, Self.isEntryHeading(text) {
                    finish()
                    entry = Entry(line: index, heading: text, section: section, sectionCategory: sectionCategory)
                    continue
                }
                if level > entryLevel, entry != nil {
                    entry?.block = .none
                    openBlock(named: text, in: &entry)
                    continue
                }
                finish()
                if level < entryLevel || (level == 1 && entryLevel == 1) {
                    if level == 1, date == nil, let found = MarkdownScanning.firstDate(in: text) {
                        date = found
                        continue
                    }
                    (section, sectionCategory) = Self.section(text)
                }
                continue
            }
            guard var current = entry.take() else { continue }
            readLine(line, into: &current)
            entry = current
        }
        finish()
        return LayoutParseResult(date: date, collector: collector, log: log)
    }

    // MARK: - Headings

    /// The heading level of the entries: the most common level among link headings (3 when there are none).
    private static func entryLevel(_ lines: DigestLines) -> Int {
        var counts = [Int](repeating: 0, count: 7)
        for line in lines.texts where line.hasPrefix("#") && line.containsBytes("](") {
            guard let level = line.markdownHeadingLevel, isEntryHeading(line.markdownHeadingText) else { continue }
            counts[level] += 1
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else { return 3 }
        return best
    }

    /// True when a heading's text is an entry heading: a link (maybe after `[n] ` and an `<a id>` anchor), or the
    /// numbered form `[n] …` of a broken entry.
    private static func isEntryHeading(_ text: String) -> Bool {
        let body = entryHeadingText(text)
        if body.hasPrefix("["), body.containsBytes("](") { return true }
        return body.count < text.count && text.hasPrefix("[")
    }

    /// A heading's text without a leading `[12] ` number, `<a id="…"></a>` anchors and trailing links back to the
    /// table of contents (`[[back]](#toc-1)`).
    static func entryHeadingText(_ heading: String) -> Substring {
        var text = strippingBackLinks(strippingAnchors(Substring(heading.trimmingWhitespace())))
        // `[12] ` before the link in all but the oldest variant.
        if text.first == "[", let close = text.firstIndex(of: "]"),
            text[text.index(after: text.startIndex)..<close].allSatisfy(\.isASCIIDigit),
            text[close...].dropFirst().first == " "
        {
            text = text[close...].dropFirst(2)
        }
        return strippingAnchors(text)
    }

    /// The text without leading `<a id="2606.03652v1"></a>` (or `<a name=…/>`) anchors.
    static func strippingAnchors(_ heading: Substring) -> Substring {
        var text = Substring(heading.trimmingWhitespace())
        guard text.hasPrefix("<") else { return text }
        while text.hasPrefix("<a ") {
            if let end = text.firstRange(of: "</a>") {
                text = text[end.upperBound...]
            } else if let end = text.firstRange(of: "/>") {
                text = text[end.upperBound...]
            } else {
                break
            }
            text = Substring(text.trimmingWhitespace())
        }
        return text
    }

    /// The text without trailing links to anchors in the page: `[[Back]](#toc)`, `[back](#toc-1)`, `[↑](#top)`.
    static func strippingBackLinks(_ heading: Substring) -> Substring {
        var text = Substring(heading.trimmingWhitespace())
        guard text.containsBytes("(#") else { return text }
        var stripped = 0
        while stripped < 4, text.hasSuffix(")"), let open = text.rangeOfLast("(#"), open.lowerBound > text.startIndex,
            text[text.index(before: open.lowerBound)] == "]",
            !text[open.upperBound...].dropLast().contains(where: { $0 == ")" || $0.isWhitespace })
        {
            // Find the `[` that opens the link text (one level of nested brackets, as in `[[Back]]`).
            let close = text.index(before: open.lowerBound)
            var depth = 0
            var cursor = close
            var start: Substring.Index?
            while cursor > text.startIndex {
                cursor = text.index(before: cursor)
                if text[cursor] == "]" { depth += 1 }
                if text[cursor] == "[" {
                    if depth == 0 {
                        start = cursor
                        break
                    }
                    depth -= 1
                }
            }
            guard let start, start > text.startIndex else { break }
            let before = text[..<start].trimmingWhitespace()
            guard !before.isEmpty else { break }
            text = Substring(before)
            stripped += 1
        }
        return text
    }

    /// The tag and category of a section heading: `cs.CV [[Back]](#toc)` → (`cs.CV`, `cs.CV`); `Cosmology and Dark
    /// Matter` → (that, nil); a table of contents or a day's totals → (nil, nil).
    private static func section(_ heading: String) -> (tag: String?, category: String?) {
        let cleaned = TextCleaning.inline(strippingBackLinks(strippingAnchors(Substring(heading))))
        guard !cleaned.isEmpty else { return (nil, nil) }
        let lowered = cleaned.lowercased()
        if ["table of contents", "contents", "toc", "目录", "目錄"].contains(lowered) || lowered.hasPrefix("今日")
            || lowered.containsBytes("arxiv daily")
        {
            return (nil, nil)
        }
        guard let token = cleaned.split(separator: " ").first, let first = token.first, first.isLowercase,
            token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { return (cleaned, nil) }
        return (String(token), String(token))
    }

    // MARK: - Body lines

    /// Opens the block a sub-heading (`### Summary`) or a `<summary>…</summary>` names.
    private func openBlock(named name: String, in entry: inout Entry?) {
        guard var current = entry.take() else { return }
        current.hasBody = true
        let label = TextCleaning.inline(name)
        switch Self.role(of: label) {
        case .abstract: current.block = .abstract
        case .translatedAbstract: current.block = .translation
        case .tldr: current.block = .tldr
        case .note(let heading):
            current.notes.append((heading, ParagraphJoiner(layout: .linePerParagraph)))
            current.block = .note
        case .mainCategory, .translatedTitle, .comment, .authors, .ignored:
            current.block = .none
        }
        entry = current
    }

    /// Adds one body line of an entry.
    private func readLine(_ line: String, into entry: inout Entry) {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty {
            addToBlock(line, of: &entry)
            return
        }
        defer { entry.hasBody = true }
        // `<summary>Abstract</summary>` opens the abstract; `<details>`, `<summary>Details</summary>`, `</details>`,
        // `<div id=…>` end the block being read.
        if trimmed.hasPrefix("<summary") {
            var name = Substring(trimmed)
            if let close = name.firstIndex(of: ">") { name = name[name.index(after: close)...] }
            if let end = name.firstRange(of: "</summary") { name = name[..<end.lowerBound] }
            var optional: Entry? = entry
            openBlock(named: String(name), in: &optional)
            entry = optional ?? entry
            return
        }
        if ["<details", "</details", "<div", "</div", "[⬆", "---"].contains(where: { trimmed.hasPrefix($0) }) {
            entry.block = .none
            return
        }
        if entry.block != .abstract, let (label, value) = Self.labelled(trimmed) {
            apply(label: label, value: value, to: &entry)
            return
        }
        if entry.block == .none {
            readLooseLine(trimmed, into: &entry)
            return
        }
        addToBlock(line, of: &entry)
    }

    /// A line outside any block: the author line, a translated title, or text of no block (dropped).
    private func readLooseLine(_ trimmed: String, into entry: inout Entry) {
        // `> *translated title*` right under the heading (a fork).
        if !entry.hasBody, entry.translatedTitle == nil, trimmed.hasPrefix(">") {
            let inner = trimmed.dropFirst().trimmingWhitespace()
            if inner.count >= 2, inner.hasPrefix("*"), inner.hasSuffix("*") {
                var core = Substring(inner).drop { $0 == "*" }
                while core.last == "*" { core = core.dropLast() }
                let text = TextCleaning.title(core)
                if !text.isEmpty, case .translation = EnglishText.classify(text) { entry.translatedTitle = text }
                return
            }
        }
        guard entry.authors.isEmpty, trimmed.hasPrefix("*"), !trimmed.hasPrefix("**") else { return }
        // `*A,B,C*`, or `*A, B* | **Main category: cs.CR**` (a fork).
        var authorPart = Substring(trimmed)
        if let bar = trimmed.firstRange(of: "* |") {
            authorPart = trimmed[...bar.lowerBound]
            let rest = trimmed[bar.upperBound...].trimmingWhitespace()
            if let (label, value) = Self.labelled(rest) { apply(label: label, value: value, to: &entry) }
        }
        if authorPart.count >= 2, authorPart.hasSuffix("*") {
            entry.authors = authorPart.dropFirst().dropLast().split(separator: ",").map { TextCleaning.inline($0) }
                .filter { !$0.isEmpty }
        }
    }

    /// Records a `Label: value` line.
    private func apply(label: String, value: Substring, to entry: inout Entry) {
        let value = Substring(Self.unwrappingCode(value.trimmingWhitespace()))
        switch Self.role(of: label) {
        case .mainCategory:
            entry.mainCategory = TextCleaning.inline(value)
            entry.block = .none
        case .tldr:
            entry.tldr.add(value)
            entry.block = .tldr
        case .abstract:
            entry.abstract.add(value)
            entry.block = .abstract
        case .translatedAbstract:
            entry.translation.add(value)
            entry.block = .translation
        case .translatedTitle:
            let text = TextCleaning.title(value)
            if !text.isEmpty { entry.translatedTitle = text }
            entry.block = .none
        case .comment:
            entry.comment.add(value)
            entry.block = .none
        case .authors:
            entry.authors = value.split(separator: ",").map { TextCleaning.inline($0) }.filter { !$0.isEmpty }
            entry.block = .none
        case .note(let heading):
            var note = ParagraphJoiner(layout: .linePerParagraph)
            note.add(value)
            entry.notes.append((heading, note))
            entry.block = .note
        case .ignored:
            entry.block = .none
        }
    }

    /// Adds a continuation line to the block being read.
    private func addToBlock(_ line: String, of entry: inout Entry) {
        switch entry.block {
        case .none: break
        case .tldr: entry.tldr.add(line)
        case .note: if let last = entry.notes.indices.last { entry.notes[last].text.add(line) }
        case .abstract: entry.abstract.add(line)
        case .translation: entry.translation.add(line)
        }
    }

    /// What a label (`TL;DR`, `Abstract`, `摘要翻译`, `Interest Score` …) holds, case-insensitively.
    static func role(of label: String) -> Role {
        let trimmed = label.trimmingWhitespace()
        if let role = roles[trimmed] ?? roles[trimmed.lowercased()] { return role }
        let key = trimmed.lowercased()
        return .note(noteHeadings.first { $0.lowercased() == key } ?? trimmed)
    }

    /// The labels with a role of their own, lowercased (`Main category`, `TL;DR`, `摘要翻译` …).
    private static let roles: [String: Role] = {
        var roles: [String: Role] = [:]
        let groups: [(Role, [String])] = [
            (.mainCategory, ["main category", "primary category"]),
            (.tldr, ["tl;dr", "tldr", "tl; dr", "tl:dr", "innovation snapshot", "one-line summary", "one sentence summary"]),
            (.abstract, ["abstract", "english abstract", "original abstract", "paper abstract", "abstract (en)"]),
            (
                .translatedAbstract,
                [
                    "摘要", "摘要翻译", "摘要翻譯", "中文摘要", "abstract (zh)", "chinese abstract", "translated abstract",
                    "abstract translation", "abstract_translation",
                ]
            ),
            (.translatedTitle, ["title (zh)", "中文标题", "标题翻译", "translated title", "title translation"]),
            (.comment, ["comment", "comments"]),
            (.authors, ["authors", "author"]),
            (.ignored, ["details", ""]),
        ]
        for (role, names) in groups {
            for name in names { roles[name] = role }
        }
        return roles
    }()

    /// `Label: value`, `**Label:** value`, `**Label**: value`, `**Label: value**` or any of them after `> `: the label
    /// and the value. Plain labels are the known ones, or a short capitalised ASCII phrase (`Background`, `Data`).
    static func labelled(_ line: String) -> (label: String, value: Substring)? {
        var text = Substring(line)
        if text.hasPrefix(">") { text = Substring(text.dropFirst().trimmingWhitespace()) }
        if text.hasPrefix("**") {
            let afterOpen = text.dropFirst(2)
            guard let close = afterOpen.firstRange(of: "**") else { return nil }
            var label = afterOpen[..<close.lowerBound]
            var value = afterOpen[close.upperBound...]
            if let colon = label.firstIndex(where: { $0 == ":" || $0 == "：" }) {
                // `**Label:** value` or `**Label: value**`
                let inside = label[label.index(after: colon)...]
                label = label[..<colon]
                if !inside.trimmingWhitespace().isEmpty { value = inside + value }
            } else if let first = value.first, first == ":" || first == "：" {
                value = value.dropFirst()
            } else {
                return nil
            }
            let name = label.trimmingWhitespace()
            guard !name.isEmpty, name.count <= 40 else { return nil }
            return (name, Substring(value.trimmingWhitespace()))
        }
        guard let colon = labelColon(in: text) else { return nil }
        let name = String(text[..<colon])
        guard !name.isEmpty, name.count <= 30, name == name.trimmingWhitespace() else { return nil }
        let value = text[text.index(after: colon)...]
        if case .note = role(of: name) {
            // An unknown label must look like one: a capitalised ASCII phrase of at most four words.
            guard let first = name.first, first.isUppercase, first.isASCII,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == " " || $0 == "_" || $0 == "-") }),
                name.split(separator: " ").count <= 4
            else { return nil }
        }
        return (name, value)
    }

    /// The first `:` or `：` within the first 120 bytes of `text` (a label is short), found on the UTF-8 bytes.
    private static func labelColon(in text: Substring) -> Substring.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        var scanned = 0
        while index < utf8.endIndex, scanned < 120 {
            let byte = utf8[index]
            if byte == UInt8(ascii: ":") { return index }
            if byte == 0xEF {
                // `：` is EF BC 9A.
                let second = utf8.index(after: index)
                if second < utf8.endIndex, utf8[second] == 0xBC {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex, utf8[third] == 0x9A { return index }
                }
            }
            index = utf8.index(after: index)
            scanned += 1
        }
        return nil
    }

    /// A value written as inline code (`` `0.684` ``) without its backticks.
    private static func unwrappingCode(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") else { return text }
        return String(text.dropFirst().dropLast())
    }

    // MARK: - Assembly

    /// The finished paper, or `nil` with a warning when the entry names no arXiv id or has no title.
    private func paper(from entry: Entry, log: inout WarningLog) -> Paper? {
        guard let (id, version) = entry.id else {
            log.add("entry \"\(entry.heading.excerpt)\" skipped: no arXiv id in its heading", at: entry.line, in: lines)
            return nil
        }
        guard log.hasTitle(id, title: entry.title, at: entry.line, in: lines) else { return nil }
        var extras = PaperExtras()
        var abstract = ""
        switch EnglishText.classify(entry.abstract.text) {
        case .english(let text): abstract = text
        case .translation(let text): extras.translatedAbstract = text
        case .missing: break
        }
        let translation = entry.translation.text
        if !translation.isEmpty { extras.translatedAbstract = translation }
        var categories: [String] = []
        if let main = entry.mainCategory, !main.isEmpty, main != "N/A" { categories.append(main) }
        if let category = entry.sectionCategory, !categories.contains(category) { categories.append(category) }
        let tldr = entry.tldr.text
        extras.tldr = tldr.isEmpty || EnglishText.isPlaceholder(tldr) ? nil : tldr
        extras.translatedTitle = entry.translatedTitle
        let comment = entry.comment.text
        extras.comment = comment.isEmpty || comment == "None" ? nil : comment
        extras.notes = entry.notes.compactMap { note in
            let text = note.text.text
            return text.isEmpty || EnglishText.isPlaceholder(text) ? nil : PaperExtras.Note(heading: note.heading, text: text)
        }
        return Paper(
            id: id, version: version, title: entry.title, authors: entry.authors, abstract: abstract,
            categories: categories, tags: entry.section.map { [$0] } ?? [], extras: extras)
    }
}

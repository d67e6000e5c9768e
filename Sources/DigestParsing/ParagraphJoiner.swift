/// Joins the raw lines of a text block (an abstract, a translation, a note) into clean paragraphs.
///
/// Lines of one paragraph are joined with a space, or with nothing when the break sits next to a Han / kana
/// character (Chinese and Japanese are written without spaces). Paragraphs are separated by `"\n\n"`.
/// Every paragraph is cleaned with ``TextCleaning/inline(_:)`` (entities, zero-width, spaces, NFC).
struct ParagraphJoiner: Sendable {
    /// How the source marks paragraph boundaries.
    enum Layout: Sendable {
        /// Hard-wrapped text: a blank line, or a line indented with white space (the arXiv convention for a new
        /// paragraph, kept by the digests that copy arXiv's text), starts a new paragraph.
        case wrapped
        /// Every non-blank line is a paragraph of its own (the source never wraps lines).
        case linePerParagraph
    }

    let layout: Layout
    private var paragraphs: [String] = []
    private var current = ""

    init(layout: Layout = .wrapped) { self.layout = layout }

    /// Adds one raw line of the block.
    mutating func add<S: StringProtocol>(_ line: S) {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty {
            closeParagraph()
            return
        }
        let startsParagraph: Bool
        switch layout {
        case .wrapped: startsParagraph = line.first == " " || line.first == "\t"
        case .linePerParagraph: startsParagraph = true
        }
        if startsParagraph { closeParagraph() }
        if current.isEmpty {
            current = trimmed
        } else {
            if ParagraphJoiner.needsSpace(between: current, and: trimmed) { current.append(" ") }
            current.append(trimmed)
        }
    }

    /// True when nothing but blank lines was added.
    var isEmpty: Bool { paragraphs.isEmpty && current.isEmpty }

    /// The cleaned paragraphs joined by `"\n\n"`; `""` when there is no text.
    var text: String {
        var all = paragraphs
        if !current.isEmpty { all.append(current) }
        return all.map(TextCleaning.inline).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    private mutating func closeParagraph() {
        guard !current.isEmpty else { return }
        paragraphs.append(current)
        current = ""
    }

    /// False when either side of the line break is a character of a script written without spaces.
    private static func needsSpace(between before: String, and after: String) -> Bool {
        guard let last = before.unicodeScalars.last, let first = after.unicodeScalars.first else { return false }
        return !(TextCleaning.isSpacelessScript(last) || TextCleaning.isSpacelessScript(first))
    }
}

extension ParagraphJoiner {
    /// Joins `lines` in one go.
    static func join<S: StringProtocol>(_ lines: some Sequence<S>, layout: Layout = .wrapped) -> String {
        var joiner = ParagraphJoiner(layout: layout)
        for line in lines { joiner.add(line) }
        return joiner.text
    }
}

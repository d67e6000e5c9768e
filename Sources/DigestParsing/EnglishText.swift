/// Tells an English abstract from what digests put in its place: machine placeholders and translations.
///
/// Digest generators fill the abstract slot with whatever they had: the authors' English text, a machine
/// translation when the English was not kept, or a placeholder when a step failed ("Summary generation failed",
/// "N/A"). Only the first is an abstract; a paper with none of it is kept as a title-only paper.
enum EnglishText {
    /// What an abstract field holds.
    enum Verdict: Equatable {
        /// The English abstract.
        case english(String)
        /// Text in another script (mostly Chinese): a translation or summary, not the abstract.
        case translation(String)
        /// Empty, or a placeholder a generator writes when a step failed.
        case missing
    }

    /// What the cleaned text of an abstract field is.
    ///
    /// Text is English when at least half of its letters are Latin (Greek and symbols do not count either way).
    static func classify(_ text: String) -> Verdict {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, !isPlaceholder(trimmed) else { return .missing }
        let (latin, other) = letterCounts(trimmed)
        if latin == 0, other == 0 { return .missing }
        return latin >= other ? .english(trimmed) : .translation(trimmed)
    }

    /// The English abstract in `text`, or `""` when it holds none.
    static func abstract(_ text: String) -> String {
        if case .english(let english) = classify(text) { return english }
        return ""
    }

    /// True for the texts generators write when they have no abstract or summary: `N/A`, `None`,
    /// `Summary generation failed`, `Failed to generate summary.`, `Failed when generating …` and the like.
    static func isPlaceholder(_ text: String) -> Bool {
        // Placeholders are short and written in ASCII; an abstract or a Chinese note is rejected at once.
        guard text.utf8.count < 600, text.utf8.count(where: { $0 >= 0x80 }) <= 3 else { return false }
        var lowered = Array(text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        while let last = lowered.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x2E || last == 0x21 {
            lowered.removeLast()
        }
        while let first = lowered.first, first == 0x20 || first == 0x09 || first == 0x0A { lowered.removeFirst() }
        if lowered.count >= 3, lowered.suffix(3) == Array("。".utf8) { lowered.removeLast(3) }
        if lowered.count <= 3, !lowered.contains(where: { (0x61...0x7A).contains($0) || $0 >= 0x80 }) { return true }
        guard lowered.contains(where: { (0x61...0x7A).contains($0) }) else { return false }
        let string = String(decoding: lowered, as: UTF8.self)
        if exactPlaceholders.contains(string) { return true }
        guard lowered.count < 300 else { return false }
        return placeholderPhrases.contains { string.containsBytes($0) }
    }

    private static let exactPlaceholders: Set<String> = [
        "n/a", "na", "none", "null", "nil", "nan", "tbd", "todo", "no abstract", "no abstract available",
        "abstract not available", "not available", "unavailable", "no summary", "no summary available",
        "summary not available", "abstract", "summary",
    ]

    private static let placeholderPhrases = [
        "generation failed", "failed to generate", "failed when generating", "extraction failed", "processing failed",
        "analysis unavailable", "summary unavailable", "abstract unavailable", "no abstract available",
    ]

    /// True when a paragraph under an entry of an unknown layout is clearly an English abstract: long (a label such
    /// as `Abstract:` lowers the bar), Latin script, written in sentences, not cut short with `...`.
    static func isClearlyAbstract(_ text: String, labelled: Bool) -> Bool {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.hasSuffix("..."), !trimmed.hasSuffix("…"), !isPlaceholder(trimmed) else { return false }
        let words = trimmed.split(whereSeparator: \.isWhitespace).count
        if labelled {
            guard trimmed.count >= 60, words >= 8 else { return false }
        } else {
            guard trimmed.count >= 200, words >= 30, trimmed.containsBytes(". ") || trimmed.hasSuffix(".") else {
                return false
            }
        }
        let (latin, other) = letterCounts(trimmed)
        return latin >= 20 && Double(latin) >= 0.9 * Double(latin + other)
    }

    /// Latin letters and letters of other scripts (CJK, kana, Hangul, Cyrillic, Arabic, Hebrew, Thai …) in `text`.
    static func letterCounts(_ text: String) -> (latin: Int, other: Int) {
        var latin = 0
        var other = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF:
                if scalar.value != 0xD7, scalar.value != 0xF7 { latin += 1 }
            case 0x400...0x52F, 0x590...0x6FF, 0xE00...0xE7F, 0xAC00...0xD7AF:
                other += 1
            default:
                if scalar.value >= 0x2E80, TextCleaning.isSpacelessScript(scalar) { other += 1 }
            }
        }
        return (latin, other)
    }
}

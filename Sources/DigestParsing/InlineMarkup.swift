import Foundation

/// Inline Markdown and HTML pieces of one line, for text in no known layout: links, bold runs, tags, list markers.
enum InlineMarkup {
    /// A link: `[text](url)` or `<a href="url">text</a>`.
    struct Link: Sendable {
        var text: Substring
        var url: Substring
        /// The whole link in the line.
        var range: Range<String.Index>
    }

    /// Every Markdown and HTML link in `line`, in order.
    ///
    /// - Complexity: O(n): the `[` of each `](` is the innermost one still open, kept on a stack while scanning.
    static func links(in line: String) -> [Link] {
        var links: [Link] = []
        var openBrackets: [String.Index] = []
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            switch character {
            case "[":
                openBrackets.append(index)
            case "]":
                if let open = openBrackets.popLast(), line[index...].hasPrefix("]("),
                    let link = markdownLink(in: line, open: open, close: index)
                {
                    while let last = links.last, last.range.lowerBound >= open { links.removeLast() }  // inside its text
                    links.append(link)
                    index = link.range.upperBound
                    continue
                }
            case "<":
                if let link = htmlLink(in: line, at: index) {
                    links.append(link)
                    index = link.range.upperBound
                    continue
                }
            default:
                break
            }
            index = line.index(after: index)
        }
        return links
    }

    /// The `[text](url)` whose `[` is at `open` and `]` at `close`; the URL ends at the matching `)`, within 2,000
    /// characters.
    private static func markdownLink(in line: String, open: String.Index, close: String.Index) -> Link? {
        let urlStart = line.index(close, offsetBy: 2)
        var parens = 0
        var end = urlStart
        var steps = 0
        while end < line.endIndex, steps < 2000 {
            let character = line[end]
            if character == "(" { parens += 1 }
            if character == ")" {
                if parens == 0 { break }
                parens -= 1
            }
            end = line.index(after: end)
            steps += 1
        }
        guard end < line.endIndex, line[end] == ")" else { return nil }
        var url = line[urlStart..<end]
        if let space = url.firstIndex(of: " ") { url = url[..<space] }  // `(url "title")`
        return Link(text: line[line.index(after: open)..<close], url: url, range: open..<line.index(after: end))
    }

    /// The `<a … href="url" …>text</a>` starting at `start`.
    private static func htmlLink(in line: String, at start: String.Index) -> Link? {
        let head = line[start...].prefix(3).lowercased()
        guard head == "<a " || head == "<a\t" else { return nil }
        // Look a bounded way ahead so that a line of unclosed `<a ` stays linear.
        guard let tagEnd = line[start...].prefix(2000).firstIndex(of: ">") else { return nil }
        let tag = line[start..<tagEnd]
        guard let hrefRange = tag.range(of: "href=", options: .caseInsensitive) else { return nil }
        var urlText = tag[hrefRange.upperBound...]
        if let quote = urlText.first, quote == "\"" || quote == "'" {
            urlText = urlText.dropFirst()
            if let endQuote = urlText.firstIndex(of: quote) { urlText = urlText[..<endQuote] }
        } else if let space = urlText.firstIndex(of: " ") {
            urlText = urlText[..<space]
        }
        let textStart = line.index(after: tagEnd)
        let window = line[textStart...].prefix(5000)
        let closeTag = window.range(of: "</a>", options: .caseInsensitive)
        let textEnd = closeTag?.lowerBound ?? window.endIndex
        let end = closeTag?.upperBound ?? window.endIndex
        return Link(text: line[textStart..<textEnd], url: urlText, range: start..<end)
    }

    /// The text of `text` without HTML tags, Markdown links (their text kept), bold / italic / code markers, a leading
    /// list marker or quote mark; entities decoded and spaces collapsed (``TextCleaning/inline(_:)``).
    static func plainText<S: StringProtocol>(_ text: S) -> String {
        var line = String(text)
        if line.containsBytes("](") || line.containsBytes("<") {
            for link in links(in: line).reversed() {
                line.replaceSubrange(link.range, with: link.text)
            }
            line = removingTags(line)
        }
        for marker in ["**", "__", "`"] where line.containsBytes(marker) { line = line.replacing(marker, with: "") }
        var result = Substring(line.trimmingWhitespace())
        result = droppingListMarker(result)
        if result.hasPrefix("*"), result.hasSuffix("*"), result.count >= 2 { result = result.dropFirst().dropLast() }
        return TextCleaning.inline(result)
    }

    /// `text` without a leading `- `, `* `, `+ `, `1. `, `1) `, `> ` or `• `.
    static func droppingListMarker(_ text: Substring) -> Substring {
        var result = Substring(text.trimmingWhitespace())
        while true {
            if let first = result.first, "-*+>•".contains(first), result.dropFirst().first == " " {
                result = Substring(result.dropFirst(2).trimmingWhitespace())
                continue
            }
            let digits = result.prefix(while: \.isASCIIDigit)
            if !digits.isEmpty, digits.count <= 4 {
                let rest = result.dropFirst(digits.count)
                if let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " {
                    result = Substring(rest.dropFirst(2).trimmingWhitespace())
                    continue
                }
            }
            return result
        }
    }

    /// True when the line is a list item (`- `, `* `, `+ `, `1. `, `1) `, `<li`).
    static func isListItem<S: StringProtocol>(_ line: S) -> Bool {
        let trimmed = Substring(line.trimmingWhitespace())
        if trimmed.lowercased().hasPrefix("<li") { return true }
        return droppingListMarker(trimmed).count < trimmed.count && !trimmed.hasPrefix(">")
    }

    /// The text with every `<…>` tag removed (a `<` that opens no tag is kept).
    static func removingTags(_ text: String) -> String {
        guard text.containsBytes("<") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        // The next `>` at or after `index` (nil once there is none left): found once per `>`, not once per `<`.
        var nextClose: String.Index? = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let searchFrom = nextClose {
                if searchFrom <= index { nextClose = text[index...].firstIndex(of: ">") }
            }
            if character == "<", let close = nextClose, close > index {
                let inside = text[text.index(after: index)..<close]
                if let first = inside.first, first.isLetter || first == "/" || first == "!" {
                    result.append(" ")
                    index = text.index(after: close)
                    continue
                }
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }

    /// The first `**bold**` (or `<b>`, `<strong>`) run of the line, if any.
    static func firstBold(_ line: String) -> Substring? {
        if let open = line.firstRange(of: "**") {
            let rest = line[open.upperBound...]
            if let close = rest.firstRange(of: "**"), close.lowerBound > rest.startIndex {
                return rest[..<close.lowerBound]
            }
        }
        for tag in ["<strong>", "<b>"] {
            if let open = line.range(of: tag, options: .caseInsensitive) {
                let closeTag = "</" + tag.dropFirst()
                if let close = line[open.upperBound...].range(of: closeTag, options: .caseInsensitive) {
                    return line[open.upperBound..<close.lowerBound]
                }
            }
        }
        return nil
    }

    /// HTML block tags that end a line of text (a document exported as HTML may hold many on one physical line).
    static let blockTags: Set<String> = [
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "table", "dt",
        "dd", "dl", "article", "section", "header", "footer", "blockquote", "hr", "summary", "details", "body", "html",
        "pre",
    ]

    /// The line cut before every HTML block tag (a line without one is returned whole).
    static func splittingAtBlockTags(_ line: String) -> [Substring] {
        guard line.containsBytes("<") else { return [Substring(line)] }
        var pieces: [Substring] = []
        var pieceStart = line.startIndex
        var index = line.startIndex
        while let open = line[index...].firstIndex(of: "<") {
            var nameStart = line.index(after: open)
            if nameStart < line.endIndex, line[nameStart] == "/" { nameStart = line.index(after: nameStart) }
            let name = line[nameStart...].prefix { $0.isLetter || $0.isNumber }.lowercased()
            if blockTags.contains(name), open > pieceStart {
                pieces.append(line[pieceStart..<open])
                pieceStart = open
            }
            index = line.index(after: open)
        }
        pieces.append(line[pieceStart...])
        return pieces
    }

    /// The level of an HTML heading the line starts with (`<h2…>` → 2).
    static func htmlHeadingLevel<S: StringProtocol>(_ line: S) -> Int? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.count >= 3 else { return nil }
        let characters = Array(trimmed.prefix(4))
        guard characters[0] == "<", characters[1] == "h" || characters[1] == "H", let level = characters[2].wholeNumberValue,
            (1...6).contains(level)
        else { return nil }
        if characters.count == 4, characters[3] != ">", characters[3] != " " { return nil }
        return level
    }
}

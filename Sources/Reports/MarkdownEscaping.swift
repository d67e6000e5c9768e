extension String {
    /// The string as inline Markdown text: one line, structure characters escaped.
    ///
    /// Backslash-escapes `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|` and `~`, a leading `#`, and `&` where it
    /// would start an entity (`&lt;`), so that GitHub and CommonMark renderers show data as the same text: a title
    /// `<script>` reads `\<script>` in a terminal and `<script>` (as text) on GitHub, a `|` cannot split a table cell
    /// and `[`/`]` cannot end link text. Forbidden characters are removed and line breaks become spaces
    /// (``singleLine``).
    var markdownEscaped: String {
        let line = singleLine
        var result = ""
        result.reserveCapacity(line.utf8.count + 8)
        var scalars = line.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                result += "\\"
            case "#" where result.isEmpty:
                result += "\\"
            case "&" where scalars.startsEntity:
                result += "\\"
            default:
                break
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// The string as a Markdown code span (for hashes, file names and setting names), when it is plain enough.
    ///
    /// A code span shows its content literally, so it is used only for one-line text of letters, digits, spaces
    /// and `-_.+:/@=,()#%`; anything else (markup, backticks, pipes) is escaped text (``markdownEscaped``)
    /// instead, so that no raw markup from data ever appears in the Markdown source.
    var markdownCode: String {
        let line = singleLine
        guard !line.isEmpty else { return "" }
        let plain = line.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || " -_.+:/@=,()#%".unicodeScalars.contains(scalar)
        }
        return plain ? "`" + line + "`" : line.markdownEscaped
    }
}

extension Substring.UnicodeScalarView {
    /// True when these scalars, following an `&`, would make it an HTML entity (`amp;`, `#39;`, `#x27;`).
    fileprivate var startsEntity: Bool {
        var length = 0
        for scalar in self {
            if scalar == ";" { return length > 0 }
            guard
                scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || (scalar == "#" && length == 0)
            else { return false }
            length += 1
            if length > 32 { return false }
        }
        return false
    }
}

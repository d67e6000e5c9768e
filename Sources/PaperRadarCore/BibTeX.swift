/// Reads the entries of a BibTeX file (a reference manager's export) as library entries.
///
/// Entries are `@type{key, field = {value}, field = "value", field = 123, …}`; braces nest, `#` concatenation and
/// `@string` macros are honoured for quoted and braced parts, `@comment` and `@preamble` are skipped, and LaTeX in
/// titles and abstracts is reduced to text (braces and common accent commands removed). Field names are
/// case-insensitive.
public enum BibTeX {
    /// A BibTeX syntax error with its line number.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The entries of a BibTeX text, in order.
    ///
    /// - Throws: ``ParseError`` for an entry that is not closed or a field without a value.
    public static func entries(_ text: String) throws(ParseError) -> [LibraryEntry] {
        var parser = BibTeXParser(text: text)
        return try parser.parse()
    }

    /// LaTeX markup reduced to text: `{}` removed, `\'e` → é and similar accents, `\&` → &, `~` → space, `--` → –,
    /// white space collapsed.
    public static func plainText(_ latex: String) -> String {
        var out = ""
        var chars = Array(latex)[...]
        let accents: [Character: [Character: Character]] = [
            "'": ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "y": "ý", "c": "ć", "n": "ń", "s": "ś", "z": "ź",
                  "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú"],
            "`": ["a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù", "A": "À", "E": "È"],
            "\"": ["a": "ä", "e": "ë", "i": "ï", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"],
            "^": ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û"],
            "~": ["a": "ã", "n": "ñ", "o": "õ", "N": "Ñ"],
            "c": ["c": "ç", "C": "Ç"],
        ]
        while let c = chars.popFirst() {
            switch c {
            case "{", "}":
                continue
            case "~":
                out.append(" ")
            case "\\":
                guard let next = chars.first else { continue }
                if let table = accents[next] {
                    chars.removeFirst()
                    while chars.first == "{" || chars.first == " " { chars.removeFirst() }
                    if let letter = chars.first, let accented = table[letter] {
                        chars.removeFirst()
                        out.append(accented)
                    }
                } else if "&%$#_{}".contains(next) {
                    chars.removeFirst()
                    out.append(next)
                } else {
                    // A command word (\emph, \textit, …): dropped, its argument kept.
                    while let letter = chars.first, letter.isLetter { chars.removeFirst() }
                }
            default:
                out.append(c)
            }
        }
        var dashed = ""
        var rest = out[...]
        while let c = rest.popFirst() {
            if c == "-" && rest.hasPrefix("--") {
                rest = rest.dropFirst(2)
                dashed.append("—")
            } else if c == "-" && rest.hasPrefix("-") {
                rest = rest.dropFirst()
                dashed.append("–")
            } else {
                dashed.append(c)
            }
        }
        return dashed.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

private struct BibTeXParser {
    let chars: [Character]
    var i = 0
    var line = 1
    var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    init(text: String) { chars = Array(text) }

    func fail(_ message: String) -> BibTeX.ParseError { BibTeX.ParseError(line: line, message: message) }

    var peek: Character? { i < chars.count ? chars[i] : nil }

    mutating func advance() {
        if chars[i] == "\n" { line += 1 }
        i += 1
    }

    mutating func skipSpace() { while let c = peek, c.isWhitespace { advance() } }

    mutating func parse() throws(BibTeX.ParseError) -> [LibraryEntry] {
        var entries: [LibraryEntry] = []
        while i < chars.count {
            guard chars[i] == "@" else {
                advance()
                continue
            }
            advance()
            let type = identifier().lowercased()
            skipSpace()
            guard let open = peek, open == "{" || open == "(" else { continue }
            let close: Character = open == "{" ? "}" : ")"
            let startLine = line
            advance()
            switch type {
            case "comment", "preamble":
                try skipBalanced(close: close, startLine: startLine)
            case "string":
                let fields = try parseFields(close: close, startLine: startLine, hasKey: false)
                for (name, value) in fields { macros[name] = value }
            default:
                let fields = try parseFields(close: close, startLine: startLine, hasKey: true)
                let title = BibTeX.plainText(fields["title"] ?? "")
                let abstract = BibTeX.plainText(fields["abstract"] ?? "")
                var eprint = fields["eprint"] ?? fields["arxivid"]
                if let prefix = fields["archiveprefix"]?.lowercased(), prefix != "arxiv", fields["arxivid"] == nil {
                    eprint = nil
                }
                entries.append(
                    LibraryEntry(
                        title: title, abstract: abstract, eprint: eprint, url: fields["url"], doi: fields["doi"],
                        extra: [fields["note"], fields["extra"], fields["journal"], fields["howpublished"]]
                            .compactMap { $0 }.joined(separator: " ").nilIfEmpty))
            }
        }
        return entries
    }

    mutating func identifier() -> String {
        var name = ""
        while let c = peek, c.isLetter || c.isNumber || "_-:.+/".contains(c) {
            name.append(c)
            advance()
        }
        return name
    }

    mutating func skipBalanced(close: Character, startLine: Int) throws(BibTeX.ParseError) {
        var depth = 0
        while let c = peek {
            advance()
            if c == "{" { depth += 1 }
            if c == "}" && depth > 0 {
                depth -= 1
                continue
            }
            if c == close && depth == 0 { return }
        }
        throw BibTeX.ParseError(line: startLine, message: "an entry opened here is never closed")
    }

    /// `key, name = value, …` up to the closing delimiter; names lowercased.
    mutating func parseFields(
        close: Character, startLine: Int, hasKey: Bool
    ) throws(BibTeX.ParseError) -> [String: String] {
        var fields: [String: String] = [:]
        skipSpace()
        if hasKey {
            while let c = peek, c != ",", c != close { advance() }
            if peek == "," { advance() }
        }
        while true {
            skipSpace()
            guard let c = peek else {
                throw BibTeX.ParseError(line: startLine, message: "an entry opened here is never closed")
            }
            if c == close {
                advance()
                return fields
            }
            if c == "," {
                advance()
                continue
            }
            let name = identifier().lowercased()
            guard !name.isEmpty else { throw fail("expected a field name, found \"\(c)\"") }
            skipSpace()
            guard peek == "=" else { throw fail("expected '=' after the field name \"\(name)\"") }
            advance()
            fields[name] = try value(close: close)
        }
    }

    /// A value: parts joined by `#`, each `{…}`, `"…"`, a number or a macro name.
    mutating func value(close: Character) throws(BibTeX.ParseError) -> String {
        var result = ""
        while true {
            skipSpace()
            guard let c = peek else { throw fail("a field value is missing") }
            switch c {
            case "{":
                advance()
                result += try delimited(by: "}", nested: true)
            case "\"":
                advance()
                result += try delimited(by: "\"", nested: false)
            default:
                let word = identifier()
                guard !word.isEmpty else { throw fail("a field value is missing before \"\(c)\"") }
                result += macros[word.lowercased()] ?? word
            }
            skipSpace()
            guard peek == "#" else { return result }
            advance()
        }
    }

    /// Text up to the closing delimiter; braces nest (kept for ``BibTeX/plainText(_:)``).
    mutating func delimited(by end: Character, nested: Bool) throws(BibTeX.ParseError) -> String {
        var depth = 0
        var text = ""
        let startLine = line
        while let c = peek {
            advance()
            if c == "{" {
                depth += 1
            } else if c == "}" && depth > 0 {
                depth -= 1
            } else if c == end && depth == 0 {
                return text
            }
            text.append(c)
        }
        throw BibTeX.ParseError(line: startLine, message: "a value opened here is never closed")
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

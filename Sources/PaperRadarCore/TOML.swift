/// A value in a TOML document (the subset PaperRadar's files use).
///
/// Supported: comments, bare and quoted keys, dotted keys, `[table]`, `[a.b]`, `[[array of tables]]`, basic and
/// literal strings (one line; `"""` multi-line basic strings too), integers, floats, booleans, arrays (over several
/// lines, trailing comma allowed) and inline tables. Dates are kept as strings.
public enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table([String: TOMLValue])

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
    /// A float, or an integer read as a float.
    public var double: Double? {
        switch self {
        case .float(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
    public var boolean: Bool? { if case .boolean(let b) = self { b } else { nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    public var table: [String: TOMLValue]? { if case .table(let t) = self { t } else { nil } }
    /// An array of strings, or `nil` when this is not one.
    public var strings: [String]? {
        guard let array else { return nil }
        let strings = array.compactMap(\.string)
        return strings.count == array.count ? strings : nil
    }

    /// The value at `key` in a table.
    public subscript(key: String) -> TOMLValue? { table?[key] }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML syntax error with its line number.
public struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Parses TOML text into the root table.
public enum TOML {
    public static func parse(_ text: String) throws(TOMLError) -> [String: TOMLValue] {
        var parser = TOMLParser(text: text)
        return try parser.parseDocument()
    }

    /// `text` as a one-line TOML basic string, quotes included: `"`, backslashes and control characters are escaped, so
    /// that parsing it gives `text` back.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Strings as a one-line TOML array (`["a", "b"]`).
    public static func array(_ strings: [String]) -> String {
        "[" + strings.map(quoted).joined(separator: ", ") + "]"
    }
}

private struct TOMLParser {
    let chars: [Character]
    var i = 0
    var line = 1
    var root: [String: TOMLValue] = [:]
    /// The path of the current table; for an array of tables, the element index is the last entry's.
    var currentPath: [String] = []
    var currentIsArrayElement = false
    /// Tables defined with a header, to reject duplicates.
    var definedTables = Set<[String]>()

    init(text: String) { chars = text.map { $0 == "\r\n" ? "\n" : $0 } }

    func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    var atEnd: Bool { i >= chars.count }
    var peek: Character? { i < chars.count ? chars[i] : nil }

    mutating func skipSpaces() { while let c = peek, c == " " || c == "\t" { i += 1 } }

    mutating func skipComment() {
        if peek == "#" { while let c = peek, c != "\n" { i += 1 } }
    }

    /// Skips spaces, comments and newlines (inside arrays).
    mutating func skipWhitespaceAndNewlines() {
        while let c = peek {
            if c == " " || c == "\t" {
                i += 1
            } else if c == "\n" {
                i += 1
                line += 1
            } else if c == "#" {
                skipComment()
            } else {
                break
            }
        }
    }

    mutating func expectLineEnd() throws(TOMLError) {
        skipSpaces()
        skipComment()
        if let c = peek {
            guard c == "\n" else { throw fail("unexpected '\(c)' after a value (one key = value per line)") }
            i += 1
            line += 1
        }
    }

    mutating func parseDocument() throws(TOMLError) -> [String: TOMLValue] {
        while true {
            skipWhitespaceAndNewlines()
            guard let c = peek else { break }
            if c == "[" {
                try parseHeader()
            } else {
                let key = try parseKey()
                skipSpaces()
                guard peek == "=" else { throw fail("expected '=' after key '\(key.joined(separator: "."))'") }
                i += 1
                skipSpaces()
                let value = try parseValue()
                try insert(value, at: key)
                try expectLineEnd()
            }
        }
        return root
    }

    mutating func parseHeader() throws(TOMLError) {
        i += 1
        let isArray = peek == "["
        if isArray { i += 1 }
        skipSpaces()
        let path = try parseKey()
        skipSpaces()
        guard peek == "]" else { throw fail("expected ']' to close the table header") }
        i += 1
        if isArray {
            guard peek == "]" else { throw fail("expected ']]' to close the array-of-tables header") }
            i += 1
        }
        try expectLineEnd()
        if isArray {
            try appendTable(at: path)
            currentIsArrayElement = true
        } else {
            guard definedTables.insert(path).inserted else {
                throw fail("table [\(path.joined(separator: "."))] is defined twice")
            }
            try ensureTable(at: path)
            currentIsArrayElement = false
        }
        currentPath = path
    }

    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = peek else { throw fail("expected a key") }
            if c == "\"" {
                parts.append(try parseBasicString())
            } else if c == "'" {
                parts.append(try parseLiteralString())
            } else {
                var key = ""
                while let c = peek, c.isLetter || c.isNumber || c == "_" || c == "-" {
                    key.append(c)
                    i += 1
                }
                guard !key.isEmpty else { throw fail("expected a key, found '\(c)'") }
                parts.append(key)
            }
            skipSpaces()
            if peek == "." {
                i += 1
                continue
            }
            return parts
        }
    }

    mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let c = peek else { throw fail("expected a value") }
        switch c {
        case "\"":
            if i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\"" {
                return .string(try parseMultilineBasicString())
            }
            return .string(try parseBasicString())
        case "'": return .string(try parseLiteralString())
        case "[": return try parseArray()
        case "{": return try parseInlineTable()
        case "t", "f":
            if matches("true") {
                i += 4
                return .boolean(true)
            }
            if matches("false") {
                i += 5
                return .boolean(false)
            }
            throw fail("expected true or false")
        default:
            return try parseNumberOrDate()
        }
    }

    func matches(_ word: String) -> Bool {
        let w = Array(word)
        guard i + w.count <= chars.count else { return false }
        return Array(chars[i..<i + w.count]) == w
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        i += 1
        var out = ""
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            i += 1
            switch c {
            case "\"": return out
            case "\n": throw fail("unterminated string (a basic string cannot span lines)")
            case "\\": out.append(try parseEscape())
            default: out.append(c)
            }
        }
    }

    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        i += 3
        if peek == "\n" {
            i += 1
            line += 1
        }
        var out = ""
        while true {
            guard let c = peek else { throw fail("unterminated multi-line string") }
            if matches("\"\"\"") {
                i += 3
                return out
            }
            i += 1
            if c == "\n" { line += 1 }
            if c == "\\" {
                if let n = peek, n == "\n" || n == " " {
                    while let w = peek, w == " " || w == "\t" || w == "\n" {
                        if w == "\n" { line += 1 }
                        i += 1
                    }
                } else {
                    out.append(try parseEscape())
                }
            } else {
                out.append(c)
            }
        }
    }

    mutating func parseEscape() throws(TOMLError) -> Character {
        guard let e = peek else { throw fail("unterminated escape") }
        i += 1
        switch e {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "u", "U":
            let count = e == "u" ? 4 : 8
            guard i + count <= chars.count, let value = UInt32(String(chars[i..<i + count]), radix: 16),
                let scalar = Unicode.Scalar(value)
            else { throw fail("invalid \\\(e) escape") }
            i += count
            return Character(scalar)
        default: throw fail("invalid escape \\\(e)")
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        i += 1
        var out = ""
        while true {
            guard let c = peek, c != "\n" else { throw fail("unterminated literal string") }
            i += 1
            if c == "'" { return out }
            out.append(c)
        }
    }

    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        i += 1
        var items: [TOMLValue] = []
        while true {
            skipWhitespaceAndNewlines()
            guard let c = peek else { throw fail("unterminated array") }
            if c == "]" {
                i += 1
                return .array(items)
            }
            items.append(try parseValue())
            skipWhitespaceAndNewlines()
            if atEnd { throw fail("unterminated array") }
            if peek == "," {
                i += 1
            } else if peek != "]" {
                throw fail("expected ',' or ']' in array")
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLError) -> TOMLValue {
        i += 1
        var table: [String: TOMLValue] = [:]
        skipSpaces()
        if peek == "}" {
            i += 1
            return .table(table)
        }
        while true {
            let key = try parseKey()
            skipSpaces()
            guard peek == "=" else { throw fail("expected '=' in inline table") }
            i += 1
            skipSpaces()
            let value = try parseValue()
            guard key.count == 1 else { throw fail("dotted keys are not supported in inline tables") }
            guard table[key[0]] == nil else { throw fail("key '\(key[0])' is defined twice") }
            table[key[0]] = value
            skipSpaces()
            if peek == "," {
                i += 1
                continue
            }
            guard peek == "}" else { throw fail("expected ',' or '}' in inline table") }
            i += 1
            return .table(table)
        }
    }

    mutating func parseNumberOrDate() throws(TOMLError) -> TOMLValue {
        var text = ""
        while let c = peek, !(c == "," || c == "]" || c == "}" || c == "\n" || c == "#" || c == " " || c == "\t") {
            text.append(c)
            i += 1
        }
        // A date or date-time (kept as a string), possibly with a time after a space.
        if text.count >= 10, text.dropFirst(4).first == "-", text.dropFirst(7).first == "-" {
            return .string(text)
        }
        let cleaned = text.filter { $0 != "_" }
        if let n = Int(cleaned) { return .integer(n) }
        if cleaned.hasPrefix("0x"), let n = Int(cleaned.dropFirst(2), radix: 16) { return .integer(n) }
        if let d = Double(cleaned), cleaned.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return .float(d)
        }
        if ["inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(cleaned) {
            return .float(cleaned.hasSuffix("nan") ? .nan : cleaned.hasPrefix("-") ? -.infinity : .infinity)
        }
        throw fail(text.isEmpty ? "expected a value" : "invalid value '\(text)' (strings need quotes)")
    }

    // MARK: - Building the tree

    mutating func insert(_ value: TOMLValue, at key: [String]) throws(TOMLError) {
        let full = currentPath + key
        var tree = root
        defer { root = tree }
        try modify(&tree, path: full[...], arrayElementDepth: currentIsArrayElement ? currentPath.count : -1) {
            table, last throws(TOMLError) in
            guard table[last] == nil else { throw fail("key '\(key.joined(separator: "."))' is defined twice") }
            table[last] = value
        }
    }

    mutating func ensureTable(at path: [String]) throws(TOMLError) {
        var tree = root
        defer { root = tree }
        try modify(&tree, path: path[...], arrayElementDepth: -1) { table, last throws(TOMLError) in
            if let existing = table[last] {
                guard case .table = existing else { throw fail("'\(path.joined(separator: "."))' is not a table") }
            } else {
                table[last] = .table([:])
            }
        }
    }

    mutating func appendTable(at path: [String]) throws(TOMLError) {
        var tree = root
        defer { root = tree }
        try modify(&tree, path: path[...], arrayElementDepth: -1) { table, last throws(TOMLError) in
            switch table[last] {
            case nil: table[last] = .array([.table([:])])
            case .array(var items)?:
                items.append(.table([:]))
                table[last] = .array(items)
            default: throw fail("'\(path.joined(separator: "."))' is not an array of tables")
            }
        }
    }

    /// Walks `path` (creating tables, entering the last element of arrays of tables) and applies `body` to the
    /// table holding the final key.
    func modify(
        _ table: inout [String: TOMLValue], path: ArraySlice<String>, arrayElementDepth: Int,
        _ body: (inout [String: TOMLValue], String) throws(TOMLError) -> Void
    ) throws(TOMLError) {
        guard let head = path.first else { return }
        if path.count == 1 {
            try body(&table, head)
            return
        }
        let rest = path.dropFirst()
        switch table[head] {
        case nil:
            var child: [String: TOMLValue] = [:]
            try modify(&child, path: rest, arrayElementDepth: arrayElementDepth, body)
            table[head] = .table(child)
        case .table(var child)?:
            try modify(&child, path: rest, arrayElementDepth: arrayElementDepth, body)
            table[head] = .table(child)
        case .array(var items)?:
            guard case .table(var child)? = items.last else { throw fail("'\(head)' is not a table") }
            try modify(&child, path: rest, arrayElementDepth: arrayElementDepth, body)
            items[items.count - 1] = .table(child)
            table[head] = .array(items)
        default:
            throw fail("'\(head)' is a value, not a table")
        }
    }
}

import Foundation
import PaperRadarCore

/// One line of a JSON Lines metadata file, in either of the two shapes PaperRadar imports.
///
/// - PaperRadar corpus shape: `{"id", "title", "abstract", "categories": [..], "date": "YYYY-MM-DD"}`
///   (optionally `"authors": [..]`).
/// - arXiv metadata snapshot shape: `categories` is a space-separated string, `authors` one string
///   (`"A, B and C"`), the date is `update_date` (or the first entry of `versions`), and the latest version is the
///   last entry of `versions` (`"v2"`).
///
/// Titles and abstracts are hard-wrapped in the snapshot: every white space run becomes one space.
public enum MetadataRecord {
    /// Why a line could not become a paper.
    public struct LineError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Decodes one line into a paper (pure; throws a ``LineError`` saying what is wrong).
    ///
    /// - Complexity: O(line length).
    public static func paper(fromJSONLine line: some Collection<UInt8>) throws -> Paper {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw LineError(message: "invalid JSON: \(error)")
        }
        guard case .object = value else { throw LineError(message: "not a JSON object") }
        let idText = try string(value, "id")
        guard let idText, let parsed = ArxivID.parse(idText) else {
            throw LineError(message: "missing or invalid \"id\"\(idText.map { ": \($0)" } ?? "")")
        }
        let title = clean(try string(value, "title") ?? "")
        let abstract = clean(try string(value, "abstract") ?? "")
        guard !title.isEmpty else { throw LineError(message: "paper \(parsed.id): empty \"title\"") }
        guard !abstract.isEmpty else { throw LineError(message: "paper \(parsed.id): empty \"abstract\"") }
        let version = try parsed.version ?? versions(value).last.flatMap { Int($0.dropFirst()) }
        var date = try string(value, "date") ?? string(value, "update_date")
        if let d = date, d.count >= 10 { date = String(d.prefix(10)) }
        return Paper(
            id: parsed.id, version: version, title: title, authors: try authors(value), abstract: abstract,
            categories: try categories(value), date: date)
    }

    /// A string member (`nil` when absent or null).
    private static func string(_ object: JSONValue, _ key: String) throws -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case _?: throw LineError(message: "\"\(key)\": expected a string")
        }
    }

    /// A list given as an array of strings or as one string (`nil` when absent or null).
    private static func list(_ object: JSONValue, _ key: String) throws -> (items: [String], wasString: Bool)? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return ([text], true)
        case .array(let elements)?:
            return (
                try elements.map { element in
                    guard case .string(let text) = element else {
                        throw LineError(message: "\"\(key)\": expected an array of strings")
                    }
                    return text
                }, false
            )
        case _?: throw LineError(message: "\"\(key)\": expected an array of strings or a string")
        }
    }

    /// Categories: an array, or one string separated by spaces or commas.
    private static func categories(_ object: JSONValue) throws -> [String] {
        guard let (items, wasString) = try list(object, "categories") else { return [] }
        if wasString { return items[0].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
        return items.map(clean).filter { !$0.isEmpty }
    }

    /// Authors: an array, or one string (`"A, B and C"` / `"A, B, and C"`).
    private static func authors(_ object: JSONValue) throws -> [String] {
        guard let (items, wasString) = try list(object, "authors") else { return [] }
        guard wasString else { return items.map(clean).filter { !$0.isEmpty } }
        let normalised = clean(items[0]).replacingOccurrences(of: ", and ", with: ", ")
            .replacingOccurrences(of: " and ", with: ", ")
        return normalised.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The snapshot's `versions`: `[{"version": "v1"}, …]` → `["v1", …]`.
    private static func versions(_ object: JSONValue) throws -> [String] {
        switch object["versions"] {
        case nil, .null?: return []
        case .array(let elements)?:
            return try elements.map { element in
                guard case .object = element, case .string(let text)? = element["version"] else {
                    throw LineError(message: "\"versions\": expected objects with a \"version\" string")
                }
                return text
            }
        case _?: throw LineError(message: "\"versions\": expected an array")
        }
    }

    /// Collapses white space runs to one space, NFC, no zero-width characters.
    ///
    /// Works on UTF-8 bytes: ASCII white space, NBSP, the U+2000…U+200A spaces, U+2028/2029, U+202F, U+205F and
    /// U+3000 count as space; zero-width characters (``TextCleaning/isZeroWidth(_:at:)``) are dropped. Unlike the
    /// digest cleaning it folds newlines too (metadata snapshots hard-wrap every field) and does it in one pass.
    ///
    /// - Complexity: O(n) bytes; Foundation's NFC runs only on non-ASCII text.
    static func clean(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var isASCII = true
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                var width = 1
                var kind = 0  // 0 keep, 1 space, 2 drop
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { kind = 1 }
                } else {
                    width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                    if i + width > n { width = n - i }
                    if width == 2, b == 0xC2, bytes[i + 1] == 0xA0 {
                        kind = 1
                    } else if width == 3 && TextCleaning.isZeroWidth(bytes, at: i) {
                        kind = 2
                    } else if width == 3 {
                        let b1 = bytes[i + 1]
                        let b2 = bytes[i + 2]
                        if b == 0xE2 && b1 == 0x80 {
                            if b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF { kind = 1 }
                        } else if b == 0xE2 && b1 == 0x81 && b2 == 0x9F {
                            kind = 1
                        } else if b == 0xE3 && b1 == 0x80 && b2 == 0x80 {
                            kind = 1
                        }
                    }
                }
                switch kind {
                case 1:
                    pendingSpace = !out.isEmpty
                case 2:
                    break
                default:
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    if b >= 0x80 { isASCII = false }
                    for k in 0..<width { out.append(bytes[i + k]) }
                }
                i += width
            }
            let result = String(decoding: out, as: UTF8.self)
            return isASCII ? result : result.precomposedStringWithCanonicalMapping
        }
    }
}

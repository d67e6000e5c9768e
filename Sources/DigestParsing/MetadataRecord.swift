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
    public static func paper(fromJSONLine line: some Collection<UInt8>, decoder: JSONDecoder = JSONDecoder()) throws
        -> Paper
    {
        let raw: Raw
        do {
            raw = try decoder.decode(Raw.self, from: Data(line))
        } catch let error as DecodingError {
            throw LineError(message: describe(error))
        } catch {
            throw LineError(message: "not a JSON object: \(error)")
        }
        guard let idText = raw.id, let parsed = ArxivID.parse(idText) else {
            throw LineError(message: "missing or invalid \"id\"\(raw.id.map { ": \($0)" } ?? "")")
        }
        let title = clean(raw.title ?? "")
        let abstract = clean(raw.abstract ?? "")
        guard !title.isEmpty else { throw LineError(message: "paper \(parsed.id): empty \"title\"") }
        guard !abstract.isEmpty else { throw LineError(message: "paper \(parsed.id): empty \"abstract\"") }
        let version = parsed.version ?? raw.versions?.last.flatMap { Int($0.version.dropFirst()) }
        var date = raw.date ?? raw.update_date
        if let d = date, d.count >= 10 { date = String(d.prefix(10)) }
        return Paper(
            id: parsed.id, version: version, title: title, authors: raw.authors?.list ?? [], abstract: abstract,
            categories: raw.categories?.list ?? [], date: date)
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

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path.isEmpty ? "" : "\"\(path)\": ")\(context.debugDescription)"
        case .dataCorrupted(let context):
            return "invalid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        @unknown default:
            return "invalid JSON"
        }
    }

    /// A list that is a JSON array of strings or one string (space- or comma-separated).
    enum FlexibleList: Decodable {
        case list([String])

        var list: [String] {
            switch self { case .list(let l): return l }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let array = try? container.decode([String].self) {
                self = .list(array.map { clean($0) }.filter { !$0.isEmpty })
            } else {
                let text = try container.decode(String.self)
                self = .list(FlexibleList.split(text, codingPath: decoder.codingPath))
            }
        }

        static func split(_ text: String, codingPath: [any CodingKey]) -> [String] {
            if codingPath.last?.stringValue == "categories" {
                return text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            }
            // Authors as one string: "A, B and C" / "A, B, and C".
            let normalised = clean(text).replacingOccurrences(of: ", and ", with: ", ")
                .replacingOccurrences(of: " and ", with: ", ")
            return normalised.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        }
    }

    struct Version: Decodable {
        var version: String
    }

    struct Raw: Decodable {
        var id: String?
        var title: String?
        var abstract: String?
        var categories: FlexibleList?
        var authors: FlexibleList?
        var date: String?
        var update_date: String?
        var versions: [Version]?
    }
}

import Foundation

/// An Atom 1.0 feed (RFC 4287) as well-formed XML.
///
/// The feed carries every element RFC 4287 requires: `id`, `title`, `updated`, a feed-level `author` (so every entry
/// has one) and `generator`; each entry carries `id`, `title`, `updated`, and `link rel="alternate"` and/or
/// `content`. All text goes through ``Swift/String/markupEscaped`` (characters XML 1.0 forbids are removed); entry ids
/// that repeat get `#2`, `#3`, … so that ids are unique within the feed.
struct AtomFeed {
    struct Entry {
        /// A URI that names the entry across runs (`https://arxiv.org/abs/ID`, `urn:paperradar:topic:3`).
        var id: String
        var title: String
        /// RFC 3339.
        var updated: String
        /// RFC 3339, when known.
        var published: String?
        /// The `rel="alternate"` link.
        var link: String?
        /// Entry-level authors (the paper's); the feed-level author covers entries without.
        var authors: [String] = []
        /// `category` terms.
        var categories: [String] = []
        /// Plain text.
        var summary: String?
        /// An HTML fragment, sent as `content type="html"`.
        var content: Markup?
    }

    /// A URI that stays the same across runs for the same subject (profile, digest, store).
    var id: String
    var title: String
    var subtitle: String?
    /// RFC 3339.
    var updated: String
    /// The generator as text (`PaperRadar 0.6.0`).
    var generator: String
    var entries: [Entry]
    /// The feed's own address (`link rel="self"`), when it is served.
    var selfLink: String? = nil
    /// The page the feed mirrors (`link rel="alternate"`), when it is served.
    var alternateLink: String? = nil

    /// The author every entry inherits from the feed.
    static let author = "PaperRadar"

    /// The XML document, ending with a newline.
    func rendered() -> String {
        var xml: Markup = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>\(id.singleLine)</id>
              <title type="text">\(title.singleLine)</title>

            """
        xml.reserveCapacity(2_000 + entries.count * 2_000)
        if let subtitle { xml += "  <subtitle type=\"text\">\(subtitle.singleLine)</subtitle>\n" }
        if let selfLink {
            xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(selfLink.singleLine)\"/>\n"
        }
        xml += """
              <updated>\(updated.singleLine)</updated>
              <author><name>\(Self.author)</name></author>
              <generator>\(generator.singleLine)</generator>

            """
        if let alternateLink {
            xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(alternateLink.singleLine)\"/>\n"
        }
        var seen: [String: Int] = [:]
        for entry in entries {
            let base = entry.id.singleLine
            let occurrence = (seen[base] ?? 0) + 1
            seen[base] = occurrence
            xml += rendered(entry, id: occurrence == 1 ? base : "\(base)#\(occurrence)")
        }
        xml += "</feed>\n"
        return xml.text
    }

    private func rendered(_ entry: Entry, id: String) -> Markup {
        var xml: Markup = """
              <entry>
                <id>\(id)</id>
                <title type="text">\(entry.title.singleLine)</title>
                <updated>\(entry.updated.singleLine)</updated>

            """
        if let published = entry.published { xml += "    <published>\(published.singleLine)</published>\n" }
        if let link = entry.link { xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(link)\"/>\n" }
        for author in entry.authors.map(\.singleLine) where !author.isEmpty {
            xml += "    <author><name>\(author)</name></author>\n"
        }
        for category in entry.categories.map(\.singleLine) where !category.isEmpty {
            xml += "    <category term=\"\(category)\"/>\n"
        }
        if let summary = entry.summary { xml += "    <summary type=\"text\">\(summary.singleLine)</summary>\n" }
        if let content = entry.content { xml += "    <content type=\"html\">\(content.text)</content>\n" }
        xml += "  </entry>\n"
        return xml
    }

    /// `urn:paperradar:<parts joined by ':'>`, every part percent-encoded so that it stays one URN segment.
    static func urn(_ parts: String...) -> String {
        "urn:paperradar:" + parts.map(urnSegment).joined(separator: ":")
    }

    private static let urnAllowed: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return set
    }()

    private static func urnSegment(_ text: String) -> String {
        let encoded = text.addingPercentEncoding(withAllowedCharacters: urnAllowed) ?? ""
        return encoded.isEmpty ? "-" : encoded
    }

    /// `YYYY-MM-DD` as RFC 3339 midnight UTC, nil for anything else.
    static func day(_ date: String?) -> String? {
        guard let date, date.utf8.count == 10 else { return nil }
        let bytes = Array(date.utf8)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
        guard digits, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        return date + "T00:00:00Z"
    }
}

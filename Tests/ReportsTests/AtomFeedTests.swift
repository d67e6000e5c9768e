import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: enough of a DOM to check a feed.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLNode] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Parses `xml` with Foundation's XMLParser; nil (with the error) when it is not well-formed.
    static func parse(_ xml: String) -> (root: XMLNode?, error: String?) {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            return (nil, "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return (builder.root, nil)
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let node = XMLNode(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
}

/// Atom feeds checked against RFC 4287's required elements.
@Suite struct AtomFeedTests {
    /// Checks well-formedness and RFC 4287 §4.1.1–4.1.2; returns the parsed feed.
    @discardableResult
    static func validate(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLNode {
        let parsed = XMLNode.parse(xml)
        let feed = try #require(parsed.root, "not well-formed: \(parsed.error ?? "")", sourceLocation: sourceLocation)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"), sourceLocation: sourceLocation)
        #expect(feed.name == "feed", sourceLocation: sourceLocation)
        #expect(feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom", sourceLocation: sourceLocation)
        for name in ["id", "title", "updated"] {
            #expect(feed.all(name).count == 1, "feed needs exactly one \(name)", sourceLocation: sourceLocation)
            #expect(!(feed.first(name)?.text.isEmpty ?? true), "feed \(name) is empty", sourceLocation: sourceLocation)
        }
        #expect(isRFC3339(feed.first("updated")?.text ?? ""), sourceLocation: sourceLocation)
        #expect(isAbsoluteURI(feed.first("id")?.text ?? ""), sourceLocation: sourceLocation)
        let feedHasAuthor = feed.all("author").contains { !($0.first("name")?.text.isEmpty ?? true) }
        var ids = Set<String>()
        for entry in feed.all("entry") {
            for name in ["id", "title", "updated"] {
                #expect(entry.all(name).count == 1, "entry needs exactly one \(name)", sourceLocation: sourceLocation)
            }
            let id = entry.first("id")?.text ?? ""
            #expect(isAbsoluteURI(id), "entry id \(id) is not a URI", sourceLocation: sourceLocation)
            #expect(ids.insert(id).inserted, "entry id \(id) repeats", sourceLocation: sourceLocation)
            #expect(isRFC3339(entry.first("updated")?.text ?? ""), sourceLocation: sourceLocation)
            if let published = entry.first("published") {
                #expect(isRFC3339(published.text), sourceLocation: sourceLocation)
            }
            #expect(
                feedHasAuthor || !entry.all("author").isEmpty, "entry without author", sourceLocation: sourceLocation)
            let alternate = entry.all("link").filter { ($0.attributes["rel"] ?? "alternate") == "alternate" }
            #expect(!alternate.isEmpty || entry.first("content") != nil, sourceLocation: sourceLocation)
            for link in alternate {
                #expect(
                    link.attributes["href"]?.hasPrefix("https://arxiv.org/abs/") == true, sourceLocation: sourceLocation
                )
            }
            if let content = entry.first("content") {
                #expect(content.attributes["type"] == "html", sourceLocation: sourceLocation)
                #expect(!content.text.contains("<script"), sourceLocation: sourceLocation)
                #expect(!content.text.contains("<img"), sourceLocation: sourceLocation)
            } else {
                #expect(entry.first("summary") != nil, sourceLocation: sourceLocation)
            }
        }
        return feed
    }

    static func isRFC3339(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) != nil || fractional.date(from: text) != nil
    }

    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else { return false }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" })
    }

    @Test func normalFeedsAreValid() throws {
        let digest = try Self.validate(Fixtures.digest.rendered(as: .atom))
        #expect(digest.all("entry").count == Fixtures.digest.entries.count)
        #expect(digest.first("id")?.text == "urn:paperradar:digest:9f2c7d1e5a3b8c4f6e0d2a7b9c1e3f5a")
        let topics = try Self.validate(Fixtures.topicReport.rendered(as: .atom))
        #expect(topics.all("entry").count == Fixtures.topicReport.topics.count)
        let list = try Self.validate(Fixtures.readingList.rendered(as: .atom))
        #expect(
            list.all("entry").map { $0.first("id")?.text }
                == Fixtures.readingList.items.map { "https://arxiv.org/abs/\($0.id)" })
        #expect(list.first("id")?.text == "urn:paperradar:reading-list:retrieval-and-agents.toml")
        #expect(list.first("generator")?.text == "PaperRadar 0.6.0")
        #expect(list.first("updated")?.text == Fixtures.provenance.generatedAt)
    }

    @Test func feedIDsAreStableAcrossRuns() throws {
        var later = Fixtures.readingList
        later.provenance.generatedAt = "2026-11-29T09:30:00Z"
        later.provenance.modelHash = "tfidf-00000000+lsa-11111111"
        let first = try Self.validate(Fixtures.readingList.rendered(as: .atom))
        let second = try Self.validate(later.rendered(as: .atom))
        #expect(first.first("id")?.text == second.first("id")?.text)
        #expect(second.first("updated")?.text == "2026-11-29T09:30:00Z")
    }

    @Test func hostileFeedsAreWellFormedAndKeepTheText() throws {
        let list = try Self.validate(HostileFixtures.readingList.rendered(as: .atom))
        let entries = list.all("entry")
        #expect(entries.count == 3)
        #expect(entries.first?.first("title")?.text == HostileFixtures.visible("title0"))
        #expect(entries.first?.first("summary")?.text == HostileFixtures.visible("why0"))
        #expect(entries.first?.first("author")?.first("name")?.text == HostileFixtures.visible("author0"))
        let content = entries.first?.first("content")?.text ?? ""
        #expect(content.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(content.contains("href=\"https://arxiv.org/abs/"))
        #expect(list.first("title")?.text.contains(HostileFixtures.visible("profile")) == true)
        try Self.validate(HostileFixtures.digest.rendered(as: .atom))
        try Self.validate(HostileFixtures.topicReport.rendered(as: .atom))
        for xml in [
            HostileFixtures.digest.rendered(as: .atom), HostileFixtures.readingList.rendered(as: .atom),
            HostileFixtures.topicReport.rendered(as: .atom),
        ] {
            #expect(!xml.contains("\u{0001}"))
            #expect(!xml.contains("]]>"))
            #expect(!xml.contains("<script"))
        }
    }

    @Test func edgeCaseFeedsAreValid() throws {
        #expect(try Self.validate(EdgeFixtures.emptyDigest.rendered(as: .atom)).all("entry").isEmpty)
        #expect(try Self.validate(EdgeFixtures.emptyReadingList.rendered(as: .atom)).all("entry").isEmpty)
        #expect(try Self.validate(EdgeFixtures.singleTopic.rendered(as: .atom)).all("entry").count == 1)
    }

    @Test func repeatedEntryIDsAreMadeUnique() throws {
        var report = Fixtures.readingList
        report.items.append(report.items[0])
        let feed = try Self.validate(report.rendered(as: .atom))
        #expect(feed.all("entry").last?.first("id")?.text == "https://arxiv.org/abs/\(report.items[0].id)#2")
    }
}

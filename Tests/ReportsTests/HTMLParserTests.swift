import Foundation
import Testing

@testable import Reports

/// HTML reports parsed by html5lib (a conforming HTML5 parser) in strict mode.
///
/// The tree is then walked for anything active or external. Skipped when python3 or html5lib is missing (`python3 -m pip install html5lib`).
@Suite(.enabled(if: ExternalTool.hasHTML5Lib, "needs python3 with html5lib"))
struct HTMLParserTests {
    /// Parses argv[1] strictly; checks the tree; every string in the JSON list argv[2] must appear as text.
    static let checker = #"""
        import json, sys
        import html5lib

        def local(name):
            return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""

        with open(sys.argv[1], encoding="utf-8") as f:
            source = f.read()
        with open(sys.argv[2], encoding="utf-8") as f:
            expected = json.load(f)
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            root = parser.parse(source)
        except Exception as error:
            print("parse error:", error, parser.errors[:3])
            sys.exit(1)

        problems = []
        active = {"script", "iframe", "object", "embed", "img", "link", "base", "form", "audio", "video", "source",
                  "frame", "frameset", "applet", "image", "foreignobject", "use", "animate", "set", "meta-refresh"}
        url_attributes = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "ping"}
        for element in root.iter():
            name = local(element.tag)
            if not name:
                continue
            if name in active:
                problems.append("element <%s>" % name)
            if name == "meta" and element.get("http-equiv", "").lower() == "refresh":
                problems.append("meta refresh")
            if name == "style" and ("@import" in (element.text or "") or "url(" in (element.text or "")):
                problems.append("style loads a resource")
            for attribute, value in element.attrib.items():
                attribute = local(attribute)
                compact = "".join(value.split()).lower()
                if attribute.startswith("on"):
                    problems.append("event handler %s on <%s>" % (attribute, name))
                if attribute == "style" and "url(" in compact:
                    problems.append("style attribute loads a resource on <%s>" % name)
                if attribute in url_attributes:
                    if compact.startswith(("javascript:", "vbscript:", "data:")):
                        problems.append("%s=%r on <%s>" % (attribute, value, name))
                    external = compact.startswith(("http:", "https:", "//", "ftp:", "file:"))
                    if external and not (name == "a" and attribute == "href" and value.startswith("https://arxiv.org/abs/")):
                        problems.append("external %s=%r on <%s>" % (attribute, value, name))

        html = root if local(root.tag) == "html" else root.find("html")
        if html is None or not html.get("lang"):
            problems.append("no <html lang>")
        head = root.find("head")
        metas = head.findall("meta") if head is not None else []
        if not any(m.get("charset", "").lower() == "utf-8" for m in metas):
            problems.append("no <meta charset=utf-8>")
        if not any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "") for m in metas):
            problems.append("no viewport meta")
        title = head.find("title") if head is not None else None
        if title is None or not (title.text or "").strip():
            problems.append("no title")
        if not source.startswith("<!DOCTYPE html>"):
            problems.append("no doctype")

        text = "".join(root.itertext())
        for wanted in expected:
            if wanted not in text:
                problems.append("text not shown: %r" % wanted)
        print("\n".join(problems))
        sys.exit(1 if problems else 0)
        """#

    /// Runs the checker on `html`; records its complaints.
    static func check(_ html: String, shows texts: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data(checker.utf8).write(to: directory.file("check.py"))
        try Data(html.utf8).write(to: directory.file("report.html"))
        try JSONEncoder().encode(texts).write(to: directory.file("expected.json"))
        let python = try #require(ExternalTool.find("python3"))
        let result = try ExternalTool.run(
            python,
            [directory.file("check.py").path, directory.file("report.html").path, directory.file("expected.json").path])
        #expect(result.status == 0, "html5lib check failed:\n\(result.output)", sourceLocation: sourceLocation)
    }

    @Test func normalReportsParseCleanly() throws {
        try Self.check(Fixtures.digest.rendered(as: .html), shows: [Fixtures.rerank.title, "NEW"])
        try Self.check(Fixtures.digestByTopic.rendered(as: .html), shows: ["Retrieval"])
        try Self.check(Fixtures.topicReport.rendered(as: .html), shows: ["Language models", "chosen k = 10"])
        try Self.check(Fixtures.readingList.rendered(as: .html), shows: ["recall@top 11 (5 %) = 0.83"])
    }

    @Test func hostileStringsShowAsTextAndRunNothing() throws {
        let expected = [
            HostileFixtures.script, HostileFixtures.image, HostileFixtures.quotes, "]]>", "a|b|c", "🚀 数据",
        ]
        try Self.check(
            HostileFixtures.digest.rendered(as: .html),
            shows: expected + [HostileFixtures.visible("title0"), HostileFixtures.visible("warning")])
        try Self.check(
            HostileFixtures.topicReport.rendered(as: .html),
            shows: expected + [HostileFixtures.visible("kchoice"), HostileFixtures.visible("map0")])
        try Self.check(
            HostileFixtures.readingList.rendered(as: .html),
            shows: expected + [HostileFixtures.visible("why1"), HostileFixtures.visible("profile")])
    }

    @Test func edgeCasesParseCleanly() throws {
        try Self.check(EdgeFixtures.emptyDigest.rendered(as: .html), shows: ["No papers in this digest."])
        try Self.check(EdgeFixtures.singleTopic.rendered(as: .html), shows: ["No papers on the map."])
        try Self.check(EdgeFixtures.emptyReadingList.rendered(as: .html), shows: ["No self-check"])
        try Self.check(EdgeFixtures.degenerateMap(points: [(0.5, 0.5), (0.5, -0.25)]).rendered(as: .html))
    }
}

/// The raw HTML string, checked without a parser.
@Suite struct HTMLEscapingTests {
    @Test func markupEscapingCoversEveryMetacharacter() {
        #expect("<a href=\"x\">'&'</a>".markupEscaped == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect("plain text, ünïcödé 数据 🚀".markupEscaped == "plain text, ünïcödé 数据 🚀")
        let forbidden: [UInt32] = [0x01, 0x08, 0x0B, 0x0C, 0x7F, 0x85, 0xFFFE, 0xFDD0, 0x1FFFF]
        var scalars = String.UnicodeScalarView()
        for (index, value) in forbidden.enumerated() {
            scalars.append(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index)))
            scalars.append(Unicode.Scalar(value)!)
        }
        #expect((String(scalars) + "\t\n\r!").markupEscaped == "abcdefghi\t\n\r!")
    }

    @Test func interpolatedStringsAreEscapedAndMarkupIsNot() {
        let title = "<b>bold</b>"
        let inner: Markup = "<i>\(title)</i>"
        let outer: Markup = "<p title=\"\(title)\">\(inner)</p>"
        #expect(outer.text == "<p title=\"&lt;b&gt;bold&lt;/b&gt;\"><i>&lt;b&gt;bold&lt;/b&gt;</i></p>")
    }

    @Test func hostileReportsContainNoRawMarkupFromData() {
        for html in [
            HostileFixtures.digest.rendered(as: .html), HostileFixtures.topicReport.rendered(as: .html),
            HostileFixtures.readingList.rendered(as: .html),
        ] {
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(!html.contains("onerror=alert(1)>"))
            #expect(!html.contains("\u{0001}"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("href=\"javascript"))
        }
    }

    @Test func linksAreBuiltFromPercentEncodedIDs() {
        #expect(ArxivLink.abstract("2611.04012") == "https://arxiv.org/abs/2611.04012")
        #expect(ArxivLink.abstract("hep-th/9901001") == "https://arxiv.org/abs/hep-th/9901001")
        #expect(ArxivLink.abstract("javascript:alert(1)") == "https://arxiv.org/abs/javascript%3Aalert%281%29")
        #expect(ArxivLink.abstract("a\"><b> c") == "https://arxiv.org/abs/a%22%3E%3Cb%3E%20c")
    }

    @Test func pagesAreSelfContained() {
        let html = Fixtures.topicReport.rendered(as: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("prefers-color-scheme:dark"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("src="))
    }
}

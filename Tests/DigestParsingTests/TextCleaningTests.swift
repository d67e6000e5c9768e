import Testing

@testable import DigestParsing

@Suite("Text cleaning")
struct TextCleaningTests {
    @Test func namedAndNumericEntitiesAreDecodedOnce() {
        #expect(
            TextCleaning.decodingEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;") == "a & b <c> \"d\" 'e'")
        #expect(TextCleaning.decodingEntities("&#123;x&#125; &#x7B;y&#X7d;") == "{x} {y}")
        #expect(TextCleaning.decodingEntities("non&nbsp;breaking") == "non\u{00A0}breaking")
        #expect(TextCleaning.decodingEntities("&amp;lt;") == "&lt;")
    }

    @Test func thingsThatAreNotEntitiesStayAsWritten() {
        for text in [
            "Who&When", "&equest;", "&#0;", "&#xD800;", "&#99999999999;", "& amp;", "&;", "&#x;", "a &", "&amp",
        ] {
            #expect(TextCleaning.decodingEntities(text) == text)
        }
    }

    @Test func zeroWidthCharactersAreRemoved() {
        let text = "a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f"
        #expect(TextCleaning.removingZeroWidth(text) == "abcdef")
        #expect(TextCleaning.inline("x&#8203;y") == "xy")
    }

    @Test func inlineTextIsNFCWithCollapsedSpaces() {
        let decomposed = "Cafe\u{0301}  au\t lait "
        let cleaned = TextCleaning.inline(decomposed)
        #expect(cleaned == "Caf\u{00E9} au lait")
        #expect(cleaned.unicodeScalars.count == 12)
    }

    @Test func titlesLoseBoldMarkers() {
        #expect(TextCleaning.title(" **A Bold Title** ") == "A Bold Title")
    }

    @Test func wrappedLinesJoinWithSpacesExceptNextToHanCharacters() {
        #expect(
            ParagraphJoiner.join(["first line", "second line", "", "next paragraph"])
                == "first line second line\n\nnext paragraph")
        #expect(ParagraphJoiner.join(["第一行，", "第二行"]) == "第一行，第二行")
        #expect(ParagraphJoiner.join(["one", "  indented starts a paragraph"]) == "one\n\nindented starts a paragraph")
        #expect(ParagraphJoiner.join(["a", "b"], layout: .linePerParagraph) == "a\n\nb")
    }

    @Test func datesAreRecognised() {
        #expect(MarkdownScanning.leadingDate("2025-06-11-12-05") == "2025-06-11")
        #expect(MarkdownScanning.leadingDate("2025-13-11") == nil)
        #expect(MarkdownScanning.leadingDate("2025-06-110") == nil)
        #expect(MarkdownScanning.firstDate(in: " Automated deployment @ 2026-08-22 20:30:14") == "2026-08-22")
    }
}

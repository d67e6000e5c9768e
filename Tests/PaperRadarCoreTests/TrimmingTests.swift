import PaperRadarCore
import Testing

/// `trimmingWhitespace()` works on UTF-8 bytes: it must trim exactly what `Character.isWhitespace` trims.
@Suite struct TrimmingTests {
    @Test(arguments: [
        ("", ""), ("   ", ""), ("abc", "abc"), ("  abc \t", "abc"), ("\r\nabc\n", "abc"), ("a b", "a b"),
        ("\u{3000}摘要\u{3000}", "摘要"), ("\u{00A0}x\u{00A0}", "x"), ("\u{2003}x\u{202F}", "x"), ("\u{0085}x\u{2028}", "x"),
        ("\u{1680}\u{205F}x", "x"), ("中文。", "中文。"), ("。", "。"), ("é ", "é"), (" 🧪", "🧪"), ("\u{200B}x", "\u{200B}x"),
    ])
    func trimsUnicodeWhiteSpaceOnly(input: String, expected: String) {
        #expect(input.trimmingWhitespace() == expected)
        #expect(Substring(input).trimmingWhitespace() == expected)
    }

    @Test func agreesWithCharacterIsWhitespaceOnEveryBMPScalarAtTheEdges() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = Character(scalar)
            let text = "\(character)x\(character)"
            let expected = character.isWhitespace ? "x" : text
            #expect(text.trimmingWhitespace() == expected, "U+\(String(value, radix: 16))")
        }
    }
}

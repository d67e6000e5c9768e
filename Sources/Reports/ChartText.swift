/// Text measurement for chart layout, without a font engine.
///
/// Charts lay out for the largest font size the stylesheet gives chart text (phones), so labels never overlap or
/// get clipped at any width. Widths are estimates: 0.6 em per character, 1 em for wide characters (CJK, emoji).
enum ChartText {
    /// The font size of chart text on wide screens, in SVG user units (see ``HTMLStyle``).
    static let fontSize = 13.0
    /// The font size of chart text on narrow screens, in SVG user units; layouts leave room for it.
    static let largestFontSize = 20.0

    /// The estimated width of `text` at ``largestFontSize``.
    static func width(_ text: String) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            ems += scalar.value >= 0x2E80 ? 1.0 : 0.6
        }
        return ems * largestFontSize
    }

    /// `text` shortened with `…` so that its estimated width is at most `maxWidth`.
    static func truncated(_ text: String, toWidth maxWidth: Double) -> String {
        guard width(text) > maxWidth else { return text }
        var result = ""
        let budget = maxWidth - width("…")
        for character in text {
            if width(result + String(character)) > budget { break }
            result.append(character)
        }
        return result.trimmingTrailingSpaces + "…"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

import Foundation

/// The Unicode half of ``TextNormalizer``: lower case, compatibility mapping, accent folding.
///
/// Only text with a non-ASCII byte comes here. The result may still hold non-Latin scalars, which the tokenizer
/// reads as punctuation.
enum UnicodeFolding {
    /// Folds `text`: `lowercased()`, NFKD, drop nonspacing marks and invisible characters, map the letters and
    /// punctuation of ``replacements``, white space → `" "`, then NFC.
    ///
    /// - Complexity: O(n) in the number of scalars.
    static func fold(_ text: String) -> String {
        let decomposed = text.lowercased().decomposedStringWithCompatibilityMapping
        var folded = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            if scalar.isASCII {
                folded.append(scalar)
            } else if let replacement = replacements[scalar.value] {
                folded.append(contentsOf: replacement.unicodeScalars)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if scalar.properties.isWhitespace {
                folded.append(" ")
            } else {
                folded.append(scalar)
            }
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }

    /// Scalars NFKD leaves alone that should still fold to ASCII (an empty string removes the scalar).
    static let replacements: [UInt32: String] = [
        0x00DF: "ss", 0x00E6: "ae", 0x0153: "oe", 0x00F8: "o", 0x0142: "l", 0x0111: "d", 0x00F0: "d",
        0x00FE: "th", 0x0131: "i", 0x0127: "h", 0x0138: "k", 0x014B: "n", 0x0167: "t",
        // Invisible: zero-width space / non-joiner / joiner, word joiner, byte-order mark, soft hyphen.
        0x200B: "", 0x200C: "", 0x200D: "", 0x2060: "", 0xFEFF: "", 0x00AD: "",
        // Hyphens that join words, and apostrophes.
        0x2010: "-", 0x2011: "-", 0x2018: "'", 0x2019: "'", 0x02BC: "'",
    ]
}

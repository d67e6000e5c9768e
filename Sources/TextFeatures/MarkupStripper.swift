/// The byte-level markup stage of ``TextNormalizer``: ASCII lower case, LaTeX math, commands and URLs dropped.
///
/// Works on UTF-8 bytes; bytes of non-ASCII scalars are copied unchanged. The output is never longer than the
/// input, because every dropped span is at least one byte and is replaced by the one-byte marker `|`.
enum MarkupStripper {
    static let marker = UInt8(ascii: "|")
    /// Inline math longer than this is taken to be an unmatched `$`, such as a price, rather than math.
    static let inlineMathLimit = 400
    static let displayMathLimit = 2_000
    static let argumentLimit = 400

    /// Command names whose braced argument is dropped with them (math fonts and symbols, citations, labels, URLs).
    static let argumentDroppingCommands: Set<[UInt8]> = Set(
        [
            "mathbf", "mathrm", "mathcal", "mathbb", "mathit", "mathsf", "mathtt", "mathfrak", "mathscr",
            "boldsymbol", "bm", "operatorname", "frac", "dfrac", "tfrac", "sqrt", "hat", "tilde", "bar", "vec",
            "dot", "overline", "underline", "widehat", "widetilde", "cite", "citep", "citet", "ref", "eqref",
            "label", "url", "href", "footnote",
        ].map { Array($0.utf8) })

    /// Writes the stripped, lower-cased form of `source` into `output` and returns the number of bytes written.
    ///
    /// `output.count` must be at least `source.count`.
    ///
    /// - Complexity: O(n) in the number of bytes (each math or argument search is bounded by a constant).
    static func strip(_ source: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = source.count
        var input = 0
        var written = 0
        while input < count {
            let byte = source[input]
            switch byte {
            case UInt8(ascii: "$"):
                input = endOfMath(source, dollarAt: input)
                output[written] = marker
                written += 1
            case UInt8(ascii: "\\"):
                let (end, emitsMarker) = endOfCommand(source, backslashAt: input)
                input = end
                if emitsMarker {
                    output[written] = marker
                    written += 1
                }
            case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "f"),
                UInt8(ascii: "F"):
                if input == 0 || !ASCII.isAlphanumeric(source[input - 1]), let end = endOfURL(source, at: input) {
                    input = end
                    output[written] = marker
                } else {
                    output[written] = byte | 0x20
                    input += 1
                }
                written += 1
            default:
                output[written] = ASCII.lowercased(byte)
                written += 1
                input += 1
            }
        }
        return written
    }

    /// The index after the math span that starts with the `$` at `start`, or `start + 1` (`start + 2` for `$$`)
    /// when it has no closing delimiter within the limit.
    static func endOfMath(_ source: UnsafeBufferPointer<UInt8>, dollarAt start: Int) -> Int {
        let count = source.count
        let dollar = UInt8(ascii: "$")
        if start + 1 < count && source[start + 1] == dollar {
            var index = start + 2
            let limit = min(count - 1, start + 2 + displayMathLimit)
            while index < limit {
                if source[index] == dollar && source[index + 1] == dollar { return index + 2 }
                index += 1
            }
            return start + 2
        }
        var index = start + 1
        let limit = min(count, start + 1 + inlineMathLimit)
        while index < limit {
            let byte = source[index]
            if byte == dollar { return index + 1 }
            if byte == UInt8(ascii: "\\") { index += 1 }  // skip an escaped character such as `\$`
            index += 1
        }
        return start + 1
    }

    /// The index after the LaTeX construct at the backslash `start`, and whether it leaves a marker.
    ///
    /// `\(…\)` and `\[…\]` are math; `\name` is dropped (with its braced argument for
    /// ``argumentDroppingCommands``); an escaped character (`\%`, `\&`, `\$`) is dropped with its backslash.
    static func endOfCommand(_ source: UnsafeBufferPointer<UInt8>, backslashAt start: Int) -> (Int, Bool) {
        let count = source.count
        guard start + 1 < count else { return (count, false) }
        let next = source[start + 1]
        if next == UInt8(ascii: "(") || next == UInt8(ascii: "[") {
            let close = next == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
            var index = start + 2
            let limit = min(count - 1, start + 2 + displayMathLimit)
            while index < limit {
                if source[index] == UInt8(ascii: "\\") && source[index + 1] == close { return (index + 2, true) }
                index += 1
            }
            return (start + 2, true)
        }
        guard ASCII.isLetter(next) else { return (start + 2, true) }
        var end = start + 1
        while end < count && ASCII.isLetter(source[end]) { end += 1 }
        let name = Array(UnsafeBufferPointer(rebasing: source[(start + 1)..<end]).map { $0 | 0x20 })
        if end < count && source[end] == UInt8(ascii: "{") && argumentDroppingCommands.contains(name) {
            var depth = 0
            var index = end
            let limit = min(count, end + argumentLimit)
            while index < limit {
                let byte = source[index]
                if byte == UInt8(ascii: "{") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { return (index + 1, true) }
                }
                index += 1
            }
        }
        return (end, true)
    }

    /// The index after the URL (or arXiv's `https URL` placeholder) that starts at `start`, if one does.
    static func endOfURL(_ source: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        // Most words starting with h, w or f fail on the second letter: `http`, `https`, `ftp`, `www`.
        guard start + 3 < source.count else { return nil }
        let first = source[start] | 0x20
        let second = source[start + 1] | 0x20
        guard (first == UInt8(ascii: "w") && second == UInt8(ascii: "w")) || second == UInt8(ascii: "t") else {
            return nil
        }
        func matches(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard start + length <= source.count else { return false }
            let bytes = prefix.utf8Start
            for offset in 0..<length where ASCII.lowercased(source[start + offset]) != bytes[offset] { return false }
            return true
        }
        if matches("http://") || matches("https://") || matches("ftp://") || matches("www.") {
            var end = start
            while end < source.count && !ASCII.isSpace(source[end]) { end += 1 }
            return end
        }
        for placeholder: StaticString in ["https url", "http url"] where matches(placeholder) {
            let end = start + placeholder.utf8CodeUnitCount
            if end == source.count || !ASCII.isAlphanumeric(source[end]) { return end }
        }
        return nil
    }
}

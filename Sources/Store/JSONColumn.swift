import Foundation

/// Compact JSON for the list columns (`authors`, `categories`, `tags`): a string array, written and read by hand
/// because bulk import and full loads touch hundreds of thousands of them.
enum JSONColumn {
    /// `["a","b"]` with JSON string escaping.
    static func encode(_ strings: [String]) -> String {
        var out = "["
        for (i, s) in strings.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(s, to: &out)
        }
        out += "]"
        return out
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Reads a JSON string array; anything malformed yields the strings read so far (the column is ours).
    static func decode(_ text: String) -> [String] {
        var result: [String] = []
        var scalars = text.unicodeScalars.makeIterator()
        var current = String.UnicodeScalarView()
        var inString = false
        var pendingHigh: UInt32?
        while let c = scalars.next() {
            if !inString {
                if c == "\"" {
                    inString = true
                    current = String.UnicodeScalarView()
                }
                continue
            }
            switch c {
            case "\"":
                inString = false
                result.append(String(current))
            case "\\":
                guard let e = scalars.next() else { return result }
                switch e {
                case "n": current.append("\n")
                case "r": current.append("\r")
                case "t": current.append("\t")
                case "b": current.append("\u{08}")
                case "f": current.append("\u{0C}")
                case "u":
                    var value: UInt32 = 0
                    for _ in 0..<4 {
                        guard let h = scalars.next(), let d = UInt32(String(h), radix: 16) else { return result }
                        value = value << 4 | d
                    }
                    if (0xD800..<0xDC00).contains(value) {
                        pendingHigh = value
                    } else if (0xDC00..<0xE000).contains(value), let high = pendingHigh {
                        let combined = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
                        if let s = Unicode.Scalar(combined) { current.append(s) }
                        pendingHigh = nil
                    } else if let s = Unicode.Scalar(value) {
                        current.append(s)
                    }
                default: current.append(e)
                }
            default: current.append(c)
            }
        }
        return result
    }
}

import Foundation

/// The encodings an e-mail message needs: quoted-printable bodies (RFC 2045 §6.7), encoded words in headers
/// (RFC 2047) and the RFC 5322 date. Pure functions of their input.
enum MIMEEncoding {
    /// Longest encoded line of a quoted-printable body (RFC 2045: at most 76 characters).
    static let lineLimit = 76

    /// `text` as UTF-8 quoted-printable, lines separated by `\n`; every encoded line is at most 76 characters.
    ///
    /// Line breaks of the text stay line breaks (CR LF and LF alike); `=`, control characters, bytes over 126 and
    /// white space at the end of a line are escaped; a line starting with `From ` or `.` gets its first character
    /// escaped, so that no mailbox or SMTP layer alters it.
    static func quotedPrintable(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\n" }
            output += encodedLine(Array(line.utf8))
        }
        return output
    }

    /// One text line encoded, with soft line breaks (`=` at the end) keeping each piece within the limit.
    private static func encodedLine(_ bytes: [UInt8]) -> String {
        var pieces: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let mustEscape =
                byte == UInt8(ascii: "=") || byte > 126 || (byte < 32 && byte != 9)
                || ((byte == 32 || byte == 9) && isLast)
                || (index == 0 && byte == UInt8(ascii: ".")) || (index == 0 && startsWithFrom(bytes))
            let token = mustEscape ? hex(byte) : String(UnicodeScalar(byte))
            // Room for the token and, unless this is the line's end, a soft break `=`.
            let room = isLast ? lineLimit : lineLimit - 1
            if current.utf8.count + token.utf8.count > room {
                pieces.append(current + "=")
                current = ""
            }
            current += token
        }
        pieces.append(current)
        return pieces.joined(separator: "\n")
    }

    private static func startsWithFrom(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 5 && bytes.prefix(5).elementsEqual("From ".utf8)
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func hex(_ byte: UInt8) -> String {
        "=" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
    }

    /// A header value: as it is when it is printable ASCII, else RFC 2047 encoded words (`=?UTF-8?B?…?=`, each at
    /// most 75 characters, never splitting a character), folded onto continuation lines. Line breaks and control
    /// characters become spaces first, so a value can never start a header of its own.
    static func headerText(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : Character($0) })
        if flat.unicodeScalars.allSatisfy({ $0.value < 127 }) && !flat.contains("=?") {
            return folded(flat)
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in flat {
            let bytes = Array(String(character).utf8)
            // 45 bytes encode to 60 base64 characters: `=?UTF-8?B?` + 60 + `?=` = 72 ≤ 75.
            if chunk.count + bytes.count > 45 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// ASCII text folded at spaces so that lines stay near 78 characters (RFC 5322 §2.2.3: a line break is put
    /// before a space, which unfolding removes again).
    private static func folded(_ text: String) -> String {
        var lines: [String] = []
        var current: String?
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let line = current, !line.isEmpty, line.count + 1 + word.count > 70 {
                lines.append(line)
                current = String(word)
            } else {
                current = current.map { $0 + " " + word } ?? String(word)
            }
        }
        lines.append(current ?? "")
        return lines.joined(separator: "\n ")
    }

    /// The RFC 5322 date of an RFC 3339 timestamp (`2026-02-18T09:30:00Z` → `Wed, 18 Feb 2026 09:30:00 +0000`);
    /// nil when `timestamp` is not one.
    static func date(_ timestamp: String) -> String? {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime]
        var date = parser.date(from: timestamp)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = parser.date(from: timestamp)
        }
        guard let date else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// Whether `address` is a plain `local@domain` mailbox that can go into a header as it is: printable ASCII
    /// without spaces, quotes, angle brackets, commas or semicolons, one `@`, a dotted-or-plain domain.
    static func isPlainAddress(_ address: String) -> Bool {
        let forbidden = Set(" \t\"<>(),;:\\[]".unicodeScalars.map(\.value))
        guard !address.isEmpty, address.utf8.count <= 254,
            address.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && !forbidden.contains($0.value) })
        else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
    }
}

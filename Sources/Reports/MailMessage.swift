import Foundation

/// An e-mail message carrying a report: `multipart/alternative` (RFC 2046) with a `text/plain` part (the Markdown
/// report) and a `text/html` part (the HTML report), both UTF-8 quoted-printable; rendered as the text a
/// sendmail-compatible program reads with `-t -i` (recipients from the headers, lines ending in `\n`).
///
/// Pure: equal messages render to equal text. The subject is RFC 2047-encoded when it is not ASCII; the
/// `Message-ID` is given by the caller (derived from what the message is about, so that a repeat can be recognised);
/// `Auto-Submitted: auto-generated` (RFC 3834) keeps vacation responders quiet.
public struct MailMessage: Sendable, Hashable, Codable {
    /// The sender's address; nil leaves it to the mailer (the user running it).
    public var from: String?
    /// Recipient addresses (plain `local@domain`).
    public var to: [String]
    public var subject: String
    /// When the report was made, RFC 3339 (`2026-02-18T09:30:00Z`).
    public var date: String
    /// `<…@…>`, the same every time the same subject matter is sent.
    public var messageID: String
    public var plainText: String
    public var html: String

    /// A message; `to` must not be empty and every address must be a plain mailbox (see ``isValidAddress(_:)``).
    public init(
        from: String?, to: [String], subject: String, date: String, messageID: String, plainText: String, html: String
    ) {
        precondition(!to.isEmpty, "a message needs a recipient")
        precondition(
            (to + (from.map { [$0] } ?? [])).allSatisfy(Self.isValidAddress), "addresses are checked before use")
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.plainText = plainText
        self.html = html
    }

    /// Whether `address` can be a sender or recipient: a plain `local@domain` mailbox in printable ASCII, without
    /// spaces, quotes, angle brackets, commas or semicolons (so it can never add a header or a recipient).
    public static func isValidAddress(_ address: String) -> Bool {
        MIMEEncoding.isPlainAddress(address)
    }

    /// A stable `Message-ID` for a subject of mail: `<paperradar.<kind>.<key>@<domain>>`, the domain being the
    /// sender's when known.
    ///
    /// - Parameters:
    ///   - kind: what is sent (`digest`, `reading-list`): letters, digits and `-`.
    ///   - key: what makes it unique (a content hash): letters, digits and `-`.
    public static func messageID(kind: String, key: String, from: String?) -> String {
        let domain = from.flatMap { $0.split(separator: "@").last.map(String.init) } ?? "paperradar.invalid"
        let safe = { (text: String) in String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) }
        return "<paperradar.\(safe(kind)).\(safe(key))@\(domain)>"
    }

    /// The boundary between the parts: derived from the message id, and not a line any quoted-printable part can
    /// contain (`=_` never appears in quoted-printable output).
    var boundary: String {
        let key = messageID.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.suffix(24)
        return "=_paperradar_" + key
    }

    /// The message as sendmail reads it: headers, a blank line, the two parts; lines end with `\n`.
    public func rendered() -> String {
        var headers: [(String, String)] = []
        if let from { headers.append(("From", from)) }
        headers.append(("To", to.joined(separator: ",\n ")))
        headers.append(("Subject", MIMEEncoding.headerText(subject)))
        headers.append(("Date", MIMEEncoding.date(date) ?? MIMEEncoding.date("1970-01-01T00:00:00Z")!))
        headers.append(("Message-ID", messageID))
        headers.append(("Auto-Submitted", "auto-generated"))
        headers.append(("X-Mailer", "PaperRadar"))
        headers.append(("MIME-Version", "1.0"))
        headers.append(("Content-Type", "multipart/alternative;\n boundary=\"\(boundary)\""))
        var text = headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        text.reserveCapacity(plainText.utf8.count + html.utf8.count * 11 / 10 + 2_000)
        text += "\n\nThis is a multipart message in MIME format: a plain-text and an HTML version of one report.\n"
        for (type, body) in [("text/plain", plainText), ("text/html", html)] {
            text += "\n--\(boundary)\n"
            text += "Content-Type: \(type); charset=utf-8\n"
            text += "Content-Transfer-Encoding: quoted-printable\n\n"
            // The line break before the next boundary belongs to the boundary (RFC 2046 §5.1.1).
            text += MIMEEncoding.quotedPrintable(body)
        }
        text += "\n--\(boundary)--\n"
        return text
    }
}

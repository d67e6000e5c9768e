extension DigestReport {
    /// The report as one e-mail: the Markdown report as the text part, the HTML report (its chart followed by the
    /// numbers as text, for mail clients that drop inline SVG) as the HTML part.
    ///
    /// The subject says what arrived (`PaperRadar: 134 papers, 12 new on RAG — digest 2026-02-18`); the
    /// `Message-ID` is derived from the digest's content hash, so every copy of one digest's mail has the same id;
    /// the date is the report's.
    /// - Precondition: `to` is not empty and every address passes ``MailMessage/isValidAddress(_:)``.
    public func mailMessage(from: String?, to: [String]) -> MailMessage {
        MailMessage(
            from: from, to: to, subject: mailSubject, date: provenance.generatedAt,
            messageID: MailMessage.messageID(kind: "digest", key: digest.contentHash, from: from),
            plainText: markdown, html: html(chartText: true))
    }

    /// `PaperRadar: 134 papers, 12 new on RAG — digest 2026-02-18` (the digest's largest topic; its file name when
    /// it has no date).
    public var mailSubject: String {
        let papers = summary.paperCount == 1 ? "1 paper" : "\(NumberFormat.grouped(summary.paperCount)) papers"
        var subject = "PaperRadar: \(papers), \(NumberFormat.grouped(summary.newCount)) new"
        if let topic = summary.topicMix.first?.topic { subject += " on " + topic.name.singleLine }
        subject += " — digest " + (digest.date ?? digest.file).singleLine
        return subject
    }
}

extension ReadingListReport {
    /// The reading list as one e-mail: the Markdown list as the text part, the HTML list as the HTML part.
    ///
    /// - Parameter key: what makes this list's `Message-ID` (e.g. the SHA-256 of its Markdown), so that sending the
    ///   same list twice gives the same id.
    /// - Precondition: `to` is not empty and every address passes ``MailMessage/isValidAddress(_:)``.
    public func mailMessage(from: String?, to: [String], key: String) -> MailMessage {
        MailMessage(
            from: from, to: to, subject: mailSubject, date: provenance.generatedAt,
            messageID: MailMessage.messageID(kind: "reading-list", key: key, from: from),
            plainText: markdown, html: html)
    }

    /// `PaperRadar: reading list for profile.toml — 50 papers, 2026-02-18`.
    public var mailSubject: String {
        let papers = items.count == 1 ? "1 paper" : "\(NumberFormat.grouped(items.count)) papers"
        return "PaperRadar: " + reportTitle.prefix(1).lowercased() + reportTitle.dropFirst() + " — \(papers), "
            + String(provenance.generatedAt.prefix(10))
    }
}

extension DigestReport {
    /// The report as Markdown.
    ///
    /// Provenance, summary with the topic mix table, every paper with its related papers (under topic headings
    /// when ordered by topic), then warnings.
    var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, reportTitle.markdownEscaped)
        provenance.markdownTable(into: &document)

        document.heading(2, "Summary")
        var digestFacts: [String] = []
        if let date = digest.date { digestFacts.append("dated \(date.markdownEscaped)") }
        if let format = digest.format { digestFacts.append("layout \(format.markdownCode)") }
        if let id = digest.id { digestFacts.append("stored as digest \(id)") }
        digestFacts.append("content hash \(digest.contentHash.markdownCode)")
        document.paragraph(
            "**\(countSentence)**",
            "Digest file \(digest.file.markdownCode), " + digestFacts.joined(separator: ", ") + ".")
        if !summary.topicMix.isEmpty {
            document.table(
                header: ["Topic", "Papers", "Share"], numeric: [1, 2],
                rows: summary.topicMix.map { share in
                    [
                        share.topic.name.markdownEscaped, NumberFormat.grouped(share.count),
                        summary.paperCount > 0
                            ? NumberFormat.percent(Double(share.count) / Double(summary.paperCount), maxDecimals: 0)
                            : "",
                    ]
                })
        }

        document.heading(2, entries.isEmpty ? "Papers" : "Papers (\(entries.count), \(orderingPhrase))")
        if entries.isEmpty {
            document.paragraph("No papers in this digest.")
        }
        for group in entryGroups {
            if group.hasHeading {
                let name = group.topic.map { $0.name.markdownEscaped } ?? "No topic"
                document.heading(3, "\(name) (\(group.entries.count))")
            }
            var list = MarkdownList(ordered: true, start: group.entries.first?.rank ?? 1)
            for (_, entry) in group.entries { list.item(entryLine(entry), entryDetails(entry)) }
            document.block(list.rendered)
        }

        if !warnings.isEmpty {
            document.heading(2, "Warnings (\(warnings.count))")
            var list = MarkdownList(ordered: false)
            for warning in warnings { list.item(warning.markdownEscaped) }
            document.block(list.rendered)
        }
        return document.rendered
    }

    private func entryLine(_ entry: Entry) -> String {
        var parts = ["**" + MarkdownParts.paperLink(id: entry.paper.id, title: entry.paper.title) + "**"]
        if entry.isNew { parts.append("**NEW**") }
        if entry.isTitleOnly { parts.append("title only") }
        if ordering == .profile, let score = entry.profileScore {
            parts.append("score \(NumberFormat.fixed(score, decimals: 2))")
        }
        if ordering == .profile {
            parts.append("topic: " + (entry.topic.map { $0.name.markdownEscaped } ?? "none"))
        }
        // A hard break: the details follow on their own line.
        return parts.joined(separator: " · ") + "  "
    }

    private func entryDetails(_ entry: Entry) -> [String] {
        var meta = [entry.paper.id.markdownEscaped]
        let authors = MarkdownParts.authors(entry.paper.authors)
        if !authors.isEmpty { meta.append(authors) }
        if let date = entry.paper.date { meta.append(date.markdownEscaped) }
        let categories = MarkdownParts.terms(entry.paper.categories)
        if !categories.isEmpty { meta.append(categories) }
        var lines = [meta.joined(separator: " · ")]
        guard !entry.related.isEmpty else { return lines }
        lines.append("")
        var related = MarkdownList(ordered: false)
        for item in entry.related {
            var text = MarkdownParts.paperLink(id: item.paper.id, title: item.paper.title)
            text += " — \(NumberFormat.fixed(item.score, decimals: 2))"
            if let date = item.paper.date { text += " · \(date.markdownEscaped)" }
            let terms = MarkdownParts.terms(item.sharedTerms)
            if !terms.isEmpty { text += " · shared: \(terms)" }
            related.item(text)
        }
        lines.append("Related:")
        lines.append("")
        lines += related.lines
        return lines
    }
}

extension ReadingListReport {
    /// The reading list as Markdown.
    ///
    /// Provenance, the profile (counts, unknown ids, rules, since, candidates), the ranked items with why, then
    /// the self-check.
    var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, reportTitle.markdownEscaped)
        provenance.markdownTable(into: &document)

        document.heading(2, "Profile")
        var lines = ["Profile file \(profile.file.markdownCode): \(profileCounts)."]
        if !profile.unknownIDs.isEmpty {
            lines.append(
                "Not in the store (ignored): " + profile.unknownIDs.map(\.markdownEscaped).joined(separator: ", ") + "."
            )
        }
        lines.append(
            "Since: " + (since.map(\.markdownEscaped) ?? "any date") + " · "
                + "\(NumberFormat.grouped(candidateCount)) candidates ranked.")
        document.paragraph(lines: lines)
        if profile.rules.isEmpty {
            document.paragraph("Rules: none.")
        } else {
            document.paragraph("Rules:")
            var list = MarkdownList(ordered: false)
            for rule in profile.rules { list.item(rule.markdownEscaped) }
            document.block(list.rendered)
        }

        document.heading(2, items.isEmpty ? "Reading list" : "Reading list (\(items.count))")
        document.paragraph(overviewSentence.markdownEscaped)
        if !items.isEmpty {
            var list = MarkdownList(ordered: true)
            for item in items { list.item(itemLine(item), itemDetails(item)) }
            document.block(list.rendered)
        }

        document.heading(2, "Self-check")
        if selfCheck == nil {
            document.paragraph(selfCheckSentence.markdownEscaped)
        } else {
            document.paragraph("**\(selfCheckSentence.markdownEscaped)**", Self.selfCheckExplanation.markdownEscaped)
        }
        return document.rendered
    }

    private func itemLine(_ item: Item) -> String {
        var parts = ["**" + MarkdownParts.paperLink(id: item.id, title: item.paper.title) + "**"]
        parts.append("score \(NumberFormat.fixed(item.score, decimals: 2))")
        if let topic = item.topic { parts.append("topic: " + topic.name.markdownEscaped) }
        // A hard break: the details follow on their own line.
        return parts.joined(separator: " · ") + "  "
    }

    private func itemDetails(_ item: Item) -> [String] {
        var meta = [item.id.markdownEscaped]
        let authors = MarkdownParts.authors(item.paper.authors)
        if !authors.isEmpty { meta.append(authors) }
        if let date = item.paper.date { meta.append(date.markdownEscaped) }
        var lines = [meta.joined(separator: " · ")]
        let why = item.why.summary.markdownEscaped
        if !why.isEmpty { lines.append("*Why:* " + why) }
        if !item.why.closestLiked.isEmpty {
            lines.append(
                "Closest liked: "
                    + item.why.closestLiked.map { neighbour in
                        MarkdownParts.paperLink(id: neighbour.id, title: neighbour.title)
                            + " (\(NumberFormat.fixed(neighbour.similarity, decimals: 2)))"
                    }.joined(separator: ", "))
        }
        let terms = MarkdownParts.terms(item.why.sharedTerms)
        if !terms.isEmpty { lines.append("Shared terms: " + terms) }
        let rules = item.why.rules.map(\.markdownEscaped).filter { !$0.isEmpty }
        if !rules.isEmpty { lines.append("Rules: " + rules.joined(separator: "; ")) }
        return lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "  " : $0.element }
    }
}

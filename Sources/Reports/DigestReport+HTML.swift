extension DigestReport {
    /// The report as one self-contained HTML page.
    ///
    /// Provenance, summary tiles and the topic mix as a bar chart, every paper as a card with its related papers
    /// (under topic headings when ordered by topic), then warnings.
    var html: String { html(chartText: false) }

    /// The page; with `chartText`, every chart is followed by its numbers as a text list, for readers that drop
    /// inline SVG (most mail clients).
    func html(chartText: Bool) -> String {
        HTMLDocument(
            title: reportTitle, generator: provenance.generator, body: htmlBody(.standalone, chartText: chartText)
        ).rendered()
    }

    /// The page's content (what `<main>` holds), with papers linked and decorated by `decoration`; `chartText` as
    /// for ``html(chartText:)``.
    public func htmlBody(_ decoration: HTMLDecoration, chartText: Bool = false) -> Markup {
        var body = Markup()
        body.reserveCapacity(8_000 + entries.count * 1_500)
        var lede = "\(countSentence)"
        if let date = digest.date { lede = "Digest of \(date.singleLine). " + lede }
        body += HTMLParts.header(kind: "Digest report", title: reportTitle, lede: "\(lede)")
        body += provenance.htmlSection
        body += HTMLParts.section(id: "summary", heading: "Summary", summarySection(chartText: chartText))
        body += HTMLParts.section(
            id: "papers", heading: entries.isEmpty ? "Papers" : "Papers (\(entries.count), \(orderingPhrase))",
            papersSection(decoration))
        if !warnings.isEmpty {
            body += HTMLParts.section(
                id: "warnings", heading: "Warnings (\(warnings.count))",
                "<ul class=\"warnings\">\(warnings.map { "<li>\($0.singleLine)</li>" as Markup })</ul>\n")
        }
        return body
    }

    private func summarySection(chartText: Bool) -> Markup {
        var stats = [
            (NumberFormat.grouped(summary.paperCount), summary.paperCount == 1 ? "paper" : "papers"),
            (NumberFormat.grouped(summary.newCount), "new"),
            (NumberFormat.grouped(summary.knownCount), "already known"),
        ]
        if summary.titleOnlyCount > 0 { stats.append((NumberFormat.grouped(summary.titleOnlyCount), "title-only")) }
        stats.append((NumberFormat.grouped(summary.topicMix.count), summary.topicMix.count == 1 ? "topic" : "topics"))
        var markup = HTMLParts.stats(stats)
        var facts: [Markup] = ["<div><dt>File</dt><dd><code>\(digest.file.singleLine)</code></dd></div>"]
        if let date = digest.date { facts.append("<div><dt>Date</dt><dd>\(date.singleLine)</dd></div>") }
        if let format = digest.format {
            facts.append("<div><dt>Layout</dt><dd><code>\(format.singleLine)</code></dd></div>")
        }
        if let id = digest.id { facts.append("<div><dt>Stored as digest</dt><dd>\(String(id))</dd></div>") }
        facts.append("<div><dt>Content hash</dt><dd><code>\(digest.contentHash.singleLine)</code></dd></div>")
        markup += "<dl class=\"facts\">\(facts)</dl>\n"
        if !summary.topicMix.isEmpty {
            markup += "<h3>Topic mix</h3>\n"
            let chart = SVGBarChart(
                title: "Papers of this digest per topic",
                bars: summary.topicMix.map { share in
                    SVGBarChart.Bar(
                        label: share.topic.name.singleLine, value: Double(share.count), valueText: shareText(share))
                }, fullScale: Double(summary.paperCount))
            markup += HTMLParts.figure(chart.rendered())
            if chartText {
                let items = summary.topicMix.map { share -> Markup in
                    "<li>\(share.topic.name.singleLine): \(shareText(share))</li>"
                }
                markup += "<ul class=\"chart-text\">\(items)</ul>\n"
            }
        }
        return markup
    }

    private func papersSection(_ decoration: HTMLDecoration) -> Markup {
        guard !entries.isEmpty else { return HTMLParts.empty("No papers in this digest.") }
        var markup = Markup()
        for group in entryGroups {
            if group.hasHeading {
                let name = group.topic.map(\.name.singleLine) ?? "No topic"
                markup += "<h3>\(name) <span class=\"muted\">\(group.entries.count)</span></h3>\n"
            }
            markup += "<ol class=\"papers\">\n"
            for (rank, entry) in group.entries { markup += card(entry, rank: rank, decoration) }
            markup += "</ol>\n"
        }
        return markup
    }

    private func card(_ entry: Entry, rank: Int, _ decoration: HTMLDecoration) -> Markup {
        var markup: Markup = """
            <li class="paper"><p class="title"><span class="rank">\(rank).</span>\
            \(HTMLParts.paperLink(id: entry.paper.id, title: entry.paper.title, decoration))
            """
        if entry.isNew { markup += "<span class=\"badge new\">NEW</span>" }
        if entry.isTitleOnly {
            markup += "<span class=\"badge\" title=\"no English abstract yet: matched by its title\">title only</span>"
        }
        if ordering == .profile, let score = entry.profileScore {
            markup += "<span class=\"badge score\">score \(NumberFormat.fixed(score, decimals: 2))</span>"
        }
        if ordering == .profile, let topic = entry.topic {
            markup += "<span class=\"badge\">\(topic.name.singleLine)</span>"
        }
        markup += "</p>\n"
        var meta = [entry.paper.id.singleLine]
        let authors = HTMLParts.authors(entry.paper.authors)
        if !authors.isEmpty { meta.append(authors) }
        if let date = entry.paper.date { meta.append(date.singleLine) }
        let categories = entry.paper.categories.map(\.singleLine).filter { !$0.isEmpty }
        if !categories.isEmpty { meta.append(categories.joined(separator: ", ")) }
        markup += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
        if !entry.related.isEmpty {
            markup += "<p class=\"sub\">Related papers</p>\n"
            markup += HTMLParts.relatedList(entry.related, decoration)
        }
        markup += decoration.paperActions(entry.paper.id)
        markup += "</li>\n"
        return markup
    }
}

extension HTMLParts {
    /// Related papers as an ordered list: link, score badge, date and the shared terms that explain each.
    public static func relatedList(_ related: [DigestReport.RelatedEntry], _ decoration: HTMLDecoration) -> Markup {
        var markup: Markup = "<ol class=\"related\">"
        for item in related {
            markup += """
                <li>\(paperLink(id: item.paper.id, title: item.paper.title, decoration)) \
                <span class="badge score">\(NumberFormat.fixed(item.score, decimals: 2))</span>
                """
            var details: [String] = []
            if let date = item.paper.date { details.append(date.singleLine) }
            let terms = item.sharedTerms.map(\.singleLine).filter { !$0.isEmpty }
            if !terms.isEmpty { details.append("shared: " + terms.joined(separator: ", ")) }
            if !details.isEmpty { markup += "<br><span class=\"meta\">\(details.joined(separator: " · "))</span>" }
            markup += "</li>"
        }
        markup += "</ol>\n"
        return markup
    }
}

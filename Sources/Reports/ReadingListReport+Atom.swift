extension ReadingListReport {
    /// The reading list as an Atom feed: one entry per item, in rank order, with why as HTML content.
    ///
    /// The feed id is `urn:paperradar:reading-list:<profile file>`, the same for every run of one profile, and the
    /// entry ids are the papers' arXiv URLs, so a feed reader shows a paper once however often it is recommended.
    var atom: String { atom(selfLink: nil, alternateLink: nil) }

    /// The Atom feed as served: with its own address (`rel="self"`) and the page it mirrors (`rel="alternate"`).
    public func atom(selfLink: String?, alternateLink: String?) -> String {
        var subtitle = overviewSentence + " " + profileCounts + ". "
        if selfCheck != nil { subtitle += selfCheckSentence + ". " }
        let feed = AtomFeed(
            id: AtomFeed.urn("reading-list", profile.file),
            title: "PaperRadar: " + reportTitle,
            subtitle: subtitle + provenance.summaryLine,
            updated: provenance.generatedAt,
            generator: provenance.generator,
            entries: items.enumerated().map { atomEntry($1, rank: $0 + 1) }, selfLink: selfLink,
            alternateLink: alternateLink)
        return feed.rendered()
    }

    private func atomEntry(_ item: Item, rank: Int) -> AtomFeed.Entry {
        var facts = ["#\(rank)", "score \(NumberFormat.fixed(item.score, decimals: 2))"]
        if let topic = item.topic { facts.append("topic: " + topic.name.singleLine) }
        var content: Markup = "<p>\(facts.joined(separator: " · "))</p>"
        let why = item.why.summary.singleLine
        if !why.isEmpty { content += "<p>\(why)</p>" }
        if !item.why.closestLiked.isEmpty {
            content += "<p>Closest liked papers:</p><ul>"
            for neighbour in item.why.closestLiked {
                content += """
                    <li>\(HTMLParts.paperLink(id: neighbour.id, title: neighbour.title)) \
                    (\(NumberFormat.fixed(neighbour.similarity, decimals: 2)))</li>
                    """
            }
            content += "</ul>"
        }
        let terms = item.why.sharedTerms.map(\.singleLine).filter { !$0.isEmpty }
        if !terms.isEmpty { content += "<p>Shared terms: \(terms.joined(separator: ", "))</p>" }
        let rules = item.why.rules.map(\.singleLine).filter { !$0.isEmpty }
        if !rules.isEmpty { content += "<p>Rules fired: \(rules.joined(separator: "; "))</p>" }
        return AtomFeed.Entry(
            id: ArxivLink.abstract(item.id), title: item.paper.title.singleLine.isEmpty ? item.id : item.paper.title,
            updated: provenance.generatedAt, published: AtomFeed.day(item.paper.date),
            link: ArxivLink.abstract(item.id),
            authors: item.paper.authors, categories: item.paper.categories,
            summary: why.isEmpty ? facts.joined(separator: " · ") : why, content: content)
    }
}

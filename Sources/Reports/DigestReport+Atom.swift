extension DigestReport {
    /// The report as an Atom feed: one entry per paper, in report order, with its related papers as HTML content.
    ///
    /// The feed id is `urn:paperradar:digest:<content hash>`, so rendering the same digest again gives the same
    /// feed; entry ids are the papers' arXiv URLs.
    var atom: String {
        let feed = AtomFeed(
            id: AtomFeed.urn("digest", digest.contentHash),
            title: "PaperRadar: " + reportTitle,
            subtitle: countSentence + " " + provenance.summaryLine,
            updated: provenance.generatedAt,
            generator: provenance.generator,
            entries: entries.map(atomEntry))
        return feed.rendered()
    }

    func atomEntry(_ entry: Entry) -> AtomFeed.Entry {
        var facts: [String] = []
        if entry.isNew { facts.append("NEW") }
        if let topic = entry.topic { facts.append("topic: " + topic.name.singleLine) }
        if ordering == .profile, let score = entry.profileScore {
            facts.append("score " + NumberFormat.fixed(score, decimals: 2))
        }
        facts.append(entry.related.count == 1 ? "1 related paper" : "\(entry.related.count) related papers")

        var content: Markup = "<p>\(facts.joined(separator: " · "))</p>"
        var meta = [entry.paper.id.singleLine]
        let authors = HTMLParts.authors(entry.paper.authors)
        if !authors.isEmpty { meta.append(authors) }
        if let date = entry.paper.date { meta.append(date.singleLine) }
        content += "<p>\(meta.joined(separator: " · "))</p>"
        if !entry.related.isEmpty {
            content += "<p>Related papers:</p><ul>"
            for item in entry.related {
                var details = [NumberFormat.fixed(item.score, decimals: 2)]
                if let date = item.paper.date { details.append(date.singleLine) }
                let terms = item.sharedTerms.map(\.singleLine).filter { !$0.isEmpty }
                if !terms.isEmpty { details.append("shared: " + terms.joined(separator: ", ")) }
                content += """
                    <li>\(HTMLParts.paperLink(id: item.paper.id, title: item.paper.title)) — \
                    \(details.joined(separator: " · "))</li>
                    """
            }
            content += "</ul>"
        }
        return AtomFeed.Entry(
            id: ArxivLink.abstract(entry.paper.id),
            title: entry.paper.title.singleLine.isEmpty ? entry.paper.id : entry.paper.title,
            updated: provenance.generatedAt, published: AtomFeed.day(entry.paper.date),
            link: ArxivLink.abstract(entry.paper.id), authors: entry.paper.authors,
            categories: entry.paper.categories, summary: facts.joined(separator: " · "), content: content)
    }
}

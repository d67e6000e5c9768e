extension TopicReport {
    /// The report as an Atom feed: one entry per topic, largest first, with its terms, growth and central papers.
    ///
    /// The feed id `urn:paperradar:topic-report` and the entry ids `urn:paperradar:topic:<id>` stay the same
    /// across refits (topic ids are stable), so a feed reader updates a topic's entry instead of adding a new one.
    /// Topic entries have no web page of their own: they carry `content` instead of a link.
    var atom: String {
        let feed = AtomFeed(
            id: AtomFeed.urn("topic-report"),
            title: "PaperRadar: " + reportTitle,
            subtitle: overviewSentence + " " + provenance.summaryLine,
            updated: provenance.generatedAt,
            generator: provenance.generator,
            entries: topics.map(atomEntry))
        return feed.rendered()
    }

    private func atomEntry(_ topic: Topic) -> AtomFeed.Entry {
        let terms = topic.topTerms.map(\.singleLine).filter { !$0.isEmpty }
        var summary = "\(NumberFormat.grouped(topic.size)) \(topic.size == 1 ? "paper" : "papers")"
        if !terms.isEmpty { summary += "; top terms: " + terms.prefix(6).joined(separator: ", ") }
        var content: Markup = "<p>\(summary)</p>"
        if let named = topic.namedTopic?.singleLine, !named.isEmpty { content += "<p>Named topic: \(named)</p>" }
        let growth = alignedGrowth(topic)
        if !growth.isEmpty {
            let perDate = zip(dates, growth).map { "\($0.singleLine): \($1)" }.joined(separator: ", ")
            content += "<p>Papers per digest date: \(perDate)</p>"
        }
        if !topic.centralPapers.isEmpty {
            content += "<p>Central papers:</p><ul>"
            for paper in topic.centralPapers {
                content += "<li>\(HTMLParts.paperLink(id: paper.id, title: paper.title))</li>"
            }
            content += "</ul>"
        }
        return AtomFeed.Entry(
            id: AtomFeed.urn("topic", String(topic.id)), title: displayName(topic), updated: provenance.generatedAt,
            categories: terms.prefix(6).map { $0 }, summary: summary, content: content)
    }
}

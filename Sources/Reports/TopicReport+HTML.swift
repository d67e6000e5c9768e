extension TopicReport {
    /// The report as one self-contained HTML page with SVG charts.
    ///
    /// Provenance, overview, how k was chosen (with the curve), the topics table with growth sparklines, the map,
    /// topics over time, each topic's terms and central papers, bridges and events.
    var html: String {
        HTMLDocument(title: reportTitle, generator: provenance.generator, body: htmlBody(.standalone)).rendered()
    }

    /// The page's content (what `<main>` holds), with papers linked by `decoration`.
    public func htmlBody(_ decoration: HTMLDecoration) -> Markup {
        let palette = TopicPalette(topics: topics)
        var body = Markup()
        body.reserveCapacity(20_000 + map.count * 140 + topics.count * 2_000)
        body += HTMLParts.header(kind: "Topic report", title: reportTitle, lede: "\(overviewSentence)")
        body += provenance.htmlSection
        body += HTMLParts.stats([
            (NumberFormat.grouped(topics.count), topics.count == 1 ? "topic" : "topics"),
            (NumberFormat.grouped(topics.reduce(0) { $0 + $1.size }), "papers in topics"),
            (NumberFormat.grouped(dates.count), dates.count == 1 ? "digest date" : "digest dates"),
            (NumberFormat.grouped(bridges.count), bridges.count == 1 ? "bridge" : "bridges"),
        ])
        body += HTMLParts.section(id: "k", heading: "How k was chosen", kSection)
        body += HTMLParts.section(
            id: "topics", heading: topics.isEmpty ? "Topics" : "Topics (\(topics.count))", topicsTable)
        body += HTMLParts.section(
            id: "map", heading: "Map",
            map.isEmpty ? HTMLParts.empty("No papers on the map.") : mapFigure(palette))
        body += HTMLParts.section(
            id: "over-time", heading: "Topics over time",
            dates.isEmpty || topics.isEmpty ? HTMLParts.empty("No digest dates yet.") : overTimeFigure(palette))
        if !topics.isEmpty {
            body += HTMLParts.section(id: "topic-details", heading: "Topic details", topicCards(decoration))
        }
        body += HTMLParts.section(id: "bridges", heading: "Bridges", bridgesSection(decoration))
        body += HTMLParts.section(id: "events", heading: "Events", eventsSection)
        return body
    }

    private var kSection: Markup {
        var markup: Markup = "<p>\(kChoice.singleLine.isEmpty ? "Not recorded." : kChoice.singleLine)</p>\n"
        guard !kCurve.isEmpty else { return markup }
        markup += kCurveFigure()
        markup += "<details><summary>The curve's values</summary>\n"
        markup += HTMLParts.table(
            header: ["k", "Silhouette", "Stability", ""], numeric: [0, 1, 2],
            rows: sortedKCurve.map { point in
                [
                    "\(String(point.k))", "\(NumberFormat.fixed(point.silhouette, decimals: 3))",
                    "\(NumberFormat.fixed(point.stability, decimals: 3))",
                    point.chosen ? "<b>chosen</b>" : Markup(),
                ]
            })
        markup += "</details>\n"
        return markup
    }

    private var topicsTable: Markup {
        guard !topics.isEmpty else { return HTMLParts.empty("No topics: fit topics first.") }
        return HTMLParts.table(
            header: ["Id", "Topic", "Papers", "Per date", "Top terms"], numeric: [0, 2],
            rows: topics.map { topic in
                [
                    "\(String(topic.id))", "<a href=\"#topic-\(topic.id)\">\(displayName(topic))</a>",
                    "\(NumberFormat.grouped(topic.size))", sparkline(topic),
                    "\(topic.topTerms.prefix(6).map(\.singleLine).filter { !$0.isEmpty }.joined(separator: ", "))",
                ]
            })
    }

    private func sparkline(_ topic: Topic) -> Markup {
        let growth = alignedGrowth(topic)
        guard !growth.isEmpty else { return Markup() }
        return SVGSparkline(values: growth, label: "\(topic.name.singleLine): papers per digest date").rendered()
    }

    private func topicCards(_ decoration: HTMLDecoration) -> Markup {
        var markup = Markup()
        for topic in topics {
            markup += """
                <article class="topic" id="topic-\(topic.id)">
                <h3>\(topic.name.singleLine) <span class="badge">topic \(topic.id)</span>\
                <span class="badge">\(NumberFormat.grouped(topic.size)) \(topic.size == 1 ? "paper" : "papers")</span></h3>

                """
            if let named = topic.namedTopic?.singleLine, !named.isEmpty {
                markup += "<p class=\"meta\">Named topic: \(named)</p>\n"
            }
            markup += HTMLParts.terms(topic.topTerms)
            if !alignedGrowth(topic).isEmpty {
                markup += "<p class=\"meta\">Papers per digest date \(sparkline(topic))</p>\n"
            }
            if !topic.centralPapers.isEmpty {
                markup += "<p class=\"sub\">Central papers</p>\n<ul class=\"related\">"
                for paper in topic.centralPapers {
                    markup += "<li>\(HTMLParts.paperLink(id: paper.id, title: paper.title, decoration))"
                    if let date = paper.date { markup += " <span class=\"meta\">\(date.singleLine)</span>" }
                    markup += "</li>"
                }
                markup += "</ul>\n"
            }
            markup += decoration.topicActions(topic.id)
            markup += "</article>\n"
        }
        return markup
    }

    private func bridgesSection(_ decoration: HTMLDecoration) -> Markup {
        guard !bridges.isEmpty else { return HTMLParts.empty("No papers bridge two topics.") }
        return HTMLParts.table(
            header: ["Paper", "Topic A", "Similarity", "Topic B", "Similarity"], numeric: [2, 4],
            rows: bridges.map { bridge in
                [
                    HTMLParts.paperLink(id: bridge.paper.id, title: bridge.paper.title, decoration),
                    "\(bridge.topicA.name.singleLine)", "\(NumberFormat.fixed(bridge.similarityA, decimals: 2))",
                    "\(bridge.topicB.name.singleLine)", "\(NumberFormat.fixed(bridge.similarityB, decimals: 2))",
                ]
            })
    }

    private var eventsSection: Markup {
        guard !events.isEmpty else { return HTMLParts.empty("No topic changes recorded yet.") }
        return HTMLParts.table(
            header: ["When", "Topic", "Change"],
            rows: events.map { event in
                [
                    "\(event.at.singleLine)",
                    "\(topicName(id: event.topicID, fallback: event.name)) (\(event.topicID))",
                    "\(eventChange(event))",
                ]
            })
    }
}

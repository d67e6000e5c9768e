extension TopicReport {
    /// Dates shown as columns in the Markdown over-time table (the most recent ones).
    static let markdownDateColumns = 6
    /// Dates shown in a Markdown trend sparkline (the most recent ones).
    static let markdownTrendDates = 24

    /// The report as Markdown, graphics left to the HTML report.
    ///
    /// Provenance, overview, how k was chosen (with the curve as a table), the topics table and each topic's
    /// central papers, papers per recent date as a table, a pointer to the HTML map, bridges and events.
    var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, reportTitle.markdownEscaped)
        provenance.markdownTable(into: &document)

        document.heading(2, "Overview")
        document.paragraph(
            "**\(overviewSentence.markdownEscaped)**", "The map and the charts are drawn in the HTML report.")

        document.heading(2, "How k was chosen")
        document.paragraph(kChoice.markdownEscaped.isEmpty ? "Not recorded." : kChoice.markdownEscaped)
        if !kCurve.isEmpty {
            document.table(
                header: ["k", "Silhouette", "Stability", ""], numeric: [0, 1, 2],
                rows: sortedKCurve.map { point in
                    [
                        String(point.k), NumberFormat.fixed(point.silhouette, decimals: 3),
                        NumberFormat.fixed(point.stability, decimals: 3), point.chosen ? "**chosen**" : "",
                    ]
                })
        }

        document.heading(2, topics.isEmpty ? "Topics" : "Topics (\(topics.count))")
        if topics.isEmpty {
            document.paragraph("No topics: fit topics first.")
        } else {
            document.table(
                header: ["Id", "Topic", "Papers", "Trend", "Top terms"], numeric: [0, 2],
                rows: topics.map { topic in
                    [
                        String(topic.id), displayName(topic).markdownEscaped, NumberFormat.grouped(topic.size),
                        MarkdownParts.sparkline(Array(alignedGrowth(topic).suffix(Self.markdownTrendDates))),
                        MarkdownParts.terms(Array(topic.topTerms.prefix(6))),
                    ]
                })
            if dates.count > Self.markdownTrendDates {
                document.paragraph("Trend: papers per digest date over the last \(Self.markdownTrendDates) dates.")
            } else if !dates.isEmpty {
                document.paragraph("Trend: papers per digest date.")
            }
            for topic in topics { topicSection(topic, into: &document) }
        }

        overTimeSection(into: &document)

        document.heading(2, "Map")
        document.paragraph(
            map.isEmpty
                ? "No papers on the map."
                : "Open the HTML report for the map of \(mapCoverage.markdownEscaped); its axes are "
                    + "\(componentLabel(0).markdownEscaped) and \(componentLabel(1).markdownEscaped).")

        document.heading(2, "Bridges")
        if bridges.isEmpty {
            document.paragraph("No papers bridge two topics.")
        } else {
            var list = MarkdownList(ordered: false)
            for bridge in bridges {
                list.item(
                    MarkdownParts.paperLink(id: bridge.paper.id, title: bridge.paper.title) + " — "
                        + "\(bridge.topicA.name.markdownEscaped) (\(NumberFormat.fixed(bridge.similarityA, decimals: 2)))"
                        + " ↔ \(bridge.topicB.name.markdownEscaped) (\(NumberFormat.fixed(bridge.similarityB, decimals: 2)))"
                )
            }
            document.block(list.rendered)
        }

        document.heading(2, "Events")
        if events.isEmpty {
            document.paragraph("No topic changes recorded yet.")
        } else {
            document.table(
                header: ["When", "Topic", "Change"],
                rows: events.map { event in
                    [
                        event.at.markdownEscaped,
                        "\(topicName(id: event.topicID, fallback: event.name).markdownEscaped) (\(event.topicID))",
                        eventChange(event).markdownEscaped,
                    ]
                })
        }
        return document.rendered
    }

    private func topicSection(_ topic: Topic, into document: inout MarkdownDocument) {
        let papers = topic.size == 1 ? "1 paper" : "\(NumberFormat.grouped(topic.size)) papers"
        document.heading(3, "\(topic.name.markdownEscaped) (topic \(topic.id), \(papers))")
        var lines: [String] = []
        if let named = topic.namedTopic, !named.singleLine.isEmpty {
            lines.append("Named topic: \(named.markdownEscaped)")
        }
        let terms = MarkdownParts.terms(topic.topTerms)
        lines.append("Top terms: " + (terms.isEmpty ? "none" : terms))
        let growth = alignedGrowth(topic)
        if !growth.isEmpty {
            lines.append(
                "Papers per date: \(MarkdownParts.sparkline(Array(growth.suffix(Self.markdownTrendDates)))) "
                    + "(\(growth.suffix(Self.markdownTrendDates).map(String.init).joined(separator: ", ")))")
        }
        document.paragraph(lines: lines)
        guard !topic.centralPapers.isEmpty else { return }
        var list = MarkdownList(ordered: false)
        for paper in topic.centralPapers {
            var text = MarkdownParts.paperLink(id: paper.id, title: paper.title)
            if let date = paper.date { text += " · \(date.markdownEscaped)" }
            list.item(text)
        }
        document.paragraph("Central papers:")
        document.block(list.rendered)
    }

    private func overTimeSection(into document: inout MarkdownDocument) {
        document.heading(2, "Topics over time")
        guard !dates.isEmpty, !topics.isEmpty else {
            document.paragraph("No digest dates yet.")
            return
        }
        let palette = TopicPalette(topics: topics)
        let shownDates = dates.suffix(Self.markdownDateColumns)
        let offset = dates.count - shownDates.count
        let series = timeSeries(palette)
        document.paragraph(
            dates.count > shownDates.count
                ? "Papers per digest date, the last \(shownDates.count) of \(dates.count) dates."
                : "Papers per digest date.")
        document.table(
            header: ["Topic"] + shownDates.map(\.markdownEscaped) + ["All dates"],
            numeric: Set(1...(shownDates.count + 1)),
            rows: series.map { item in
                [item.name.markdownEscaped] + item.counts[offset...].map { NumberFormat.grouped($0) }
                    + [NumberFormat.grouped(item.counts.reduce(0, +))]
            })
    }
}

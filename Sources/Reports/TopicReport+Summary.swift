extension TopicReport {
    /// The report's title.
    var reportTitle: String { "Topic report" }

    /// The report in one sentence (`12 topics over 1,234 papers; 15 digest dates from 2026-11-01 to 2026-11-15.`).
    var overviewSentence: String {
        let topicCount = topics.count == 1 ? "1 topic" : "\(NumberFormat.grouped(topics.count)) topics"
        let papers = topics.reduce(0) { $0 + $1.size }
        var sentence = "\(topicCount) over \(NumberFormat.grouped(papers)) \(papers == 1 ? "paper" : "papers")"
        switch dates.count {
        case 0: sentence += "; no digest dates yet."
        case 1: sentence += "; 1 digest date, \(dates[0].singleLine)."
        default:
            sentence +=
                "; \(dates.count) digest dates from \(dates[0].singleLine) to \(dates[dates.count - 1].singleLine)."
        }
        return sentence
    }

    /// The topic's papers per date, exactly one count per entry of ``dates`` (missing counts are 0).
    func alignedGrowth(_ topic: Topic) -> [Int] {
        dates.indices.map { $0 < topic.growth.count ? topic.growth[$0] : 0 }
    }

    /// The topic's name, with the named topic it matched when that differs (`Retrieval (named: RAG)`).
    func displayName(_ topic: Topic) -> String {
        let name = topic.name.singleLine
        guard let named = topic.namedTopic?.singleLine, !named.isEmpty, named != name else { return name }
        return "\(name) (named: \(named))"
    }

    /// A topic's name by id, for bridges and events (`topic 7` when the report does not list it).
    func topicName(id: Int, fallback: String? = nil) -> String {
        if let topic = topics.first(where: { $0.id == id }) { return topic.name.singleLine }
        if let fallback, !fallback.singleLine.isEmpty { return fallback.singleLine }
        return "topic \(id)"
    }

    /// The series of the over-time chart and table: the palette's topics, then "other" (their sum) when any.
    func timeSeries(_ palette: TopicPalette) -> [(name: String, styleClass: String, counts: [Int])] {
        var series = palette.shown.map { topic in
            (
                name: topic.name.singleLine, styleClass: palette.styleClass(forTopicID: topic.id),
                counts: alignedGrowth(topic)
            )
        }
        if !palette.others.isEmpty {
            var sum = [Int](repeating: 0, count: dates.count)
            for topic in palette.others {
                for (index, count) in alignedGrowth(topic).enumerated() { sum[index] += count }
            }
            series.append((name: palette.otherName, styleClass: TopicPalette.otherClass, counts: sum))
        }
        return series
    }

    /// `PC1 · 23.4 % of variance` (`PC1` when the share is not known).
    func componentLabel(_ component: Int) -> String {
        let name = "PC\(component + 1)"
        guard component < mapExplainedVariance.count, mapExplainedVariance[component].isFinite else { return name }
        return "\(name) · \(NumberFormat.percent(mapExplainedVariance[component])) of variance"
    }

    /// `3,000 of 12,345 papers (a sample)` or `1,234 papers`.
    var mapCoverage: String {
        let shown = NumberFormat.grouped(map.count)
        guard mapSampled else { return "\(shown) \(map.count == 1 ? "paper" : "papers")" }
        return "\(shown) of \(NumberFormat.grouped(mapPaperCount)) papers (a sample)"
    }

    /// The k curve in increasing k.
    var sortedKCurve: [KPoint] { kCurve.sorted { ($0.k, $0.chosen ? 1 : 0) < ($1.k, $1.chosen ? 1 : 0) } }

    /// An event in words: `grew 100 → 120`, `appeared with 12 papers`.
    func eventChange(_ event: Event) -> String {
        let kind = event.kind.singleLine
        switch (event.previousSize, event.size) {
        case let (before?, after?): return "\(kind) \(NumberFormat.grouped(before)) → \(NumberFormat.grouped(after))"
        case let (nil, after?): return "\(kind) with \(NumberFormat.grouped(after)) \(after == 1 ? "paper" : "papers")"
        case let (before?, nil): return "\(kind) (had \(NumberFormat.grouped(before)))"
        case (nil, nil): return kind
        }
    }
}

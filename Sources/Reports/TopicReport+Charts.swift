extension TopicReport {
    /// The map of ``map`` as an SVG scatter plot with an HTML legend, colored by ``TopicPalette``.
    func mapFigure(_ palette: TopicPalette) -> Markup {
        // "Other" is group 0 and drawn first, so that the topics with their own color lie on top of it.
        var groups = [SVGScatterPlot.Group(name: palette.otherName, styleClass: TopicPalette.otherClass)]
        var groupByTopic: [Int: Int] = [:]
        for topic in palette.shown where groupByTopic[topic.id] == nil {
            groupByTopic[topic.id] = groups.count
            groups.append(.init(name: topic.name.singleLine, styleClass: palette.styleClass(forTopicID: topic.id)))
        }
        var nameByTopic: [Int: String] = [:]
        for topic in topics where nameByTopic[topic.id] == nil { nameByTopic[topic.id] = topic.name.singleLine }
        var unlisted = 0
        let points = map.map { point in
            if nameByTopic[point.topicID] == nil { unlisted += 1 }
            let topic = nameByTopic[point.topicID] ?? "topic \(point.topicID)"
            return SVGScatterPlot.Point(
                x: point.x, y: point.y, group: groupByTopic[point.topicID] ?? 0,
                label: "\(point.title.singleLine) — \(topic)")
        }
        let plot = SVGScatterPlot(
            title: "Map of \(mapCoverage) by topic", xLabel: componentLabel(0), yLabel: componentLabel(1),
            groups: groups, points: points)
        var items = legendItems(palette)
        if unlisted > 0 && palette.others.isEmpty {
            items.append(.init(name: "topics not listed", styleClass: TopicPalette.otherClass, detail: nil))
        }
        let caption: Markup = """
            Each dot is a paper, placed by the first two principal components of its embedding; hover a dot for its \
            title. Showing \(mapCoverage).
            """
        return HTMLParts.figure(
            plot.rendered(), legend: ChartLegend.rendered(items, label: "Topics on the map"), caption: caption)
    }

    /// Papers per digest date for the palette's topics and "other", as an SVG line chart with an HTML legend.
    func overTimeFigure(_ palette: TopicPalette) -> Markup {
        let series = timeSeries(palette)
        let chart = SVGLineChart(
            title: "Papers per digest date and topic", categories: dates.map(\.singleLine),
            series: series.map { .init(name: $0.name, styleClass: $0.styleClass, values: $0.counts.map(Double.init)) },
            xLabel: nil, yLabel: "papers", counts: true, marker: nil)
        let caption: Markup =
            dates.count == 1
            ? "One digest date so far: bars instead of lines."
            : "Papers per digest date; the \(palette.shown.count) largest topics\(palette.others.isEmpty ? "" : ", the rest as other")."
        return HTMLParts.figure(
            chart.rendered(), legend: ChartLegend.rendered(legendItems(palette), label: "Topics in the chart"),
            caption: caption)
    }

    /// The k curve (silhouette and stability against k, the chosen k marked) as an SVG line chart.
    func kCurveFigure() -> Markup {
        let curve = sortedKCurve
        let chosen = curve.firstIndex(where: \.chosen)
        let chart = SVGLineChart(
            title: "Silhouette and stability for each k", categories: curve.map { String($0.k) },
            series: [
                .init(name: "silhouette", styleClass: "s0", values: curve.map(\.silhouette)),
                .init(name: "stability", styleClass: "s1", values: curve.map(\.stability)),
            ],
            xLabel: "k (number of topics)", yLabel: "score", counts: false,
            marker: chosen.map { .init(category: $0, label: "chosen k = \(curve[$0].k)") })
        let legend = ChartLegend.rendered(
            [.init(name: "silhouette", styleClass: "s0"), .init(name: "stability", styleClass: "s1")],
            label: "Curves")
        return HTMLParts.figure(chart.rendered(), legend: legend)
    }

    private func legendItems(_ palette: TopicPalette) -> [ChartLegend.Item] {
        var items = palette.shown.map { topic in
            ChartLegend.Item(
                name: topic.name.singleLine, styleClass: palette.styleClass(forTopicID: topic.id),
                detail: NumberFormat.grouped(topic.size))
        }
        if !palette.others.isEmpty {
            items.append(
                .init(
                    name: palette.otherName, styleClass: TopicPalette.otherClass,
                    detail: NumberFormat.grouped(palette.others.reduce(0) { $0 + $1.size })))
        }
        return items
    }
}

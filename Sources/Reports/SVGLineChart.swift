/// A line chart of one or more series over categories (dates, k values), as inline SVG.
///
/// Each series is a path in a `<g>` with the series' style class; with up to ``markerLimit`` categories every value
/// also gets a dot with a `<title>` tooltip. A single category is drawn as grouped bars instead of lines. Values that
/// are missing (a series shorter than the categories) or not finite leave a gap. An optional marker draws a dashed
/// vertical line and a label at one category (the chosen k). Category labels are thinned so that they never
/// overlap.
struct SVGLineChart {
    struct Series {
        var name: String
        /// The stylesheet class that colors the series (`s0`…`s8`, `so`).
        var styleClass: String
        /// One value per category.
        var values: [Double]
    }

    /// A highlighted category.
    struct Marker {
        var category: Int
        var label: String
    }

    /// What the chart shows, for screen readers.
    var title: String
    var categories: [String]
    var series: [Series]
    var xLabel: String?
    var yLabel: String
    /// Values are counts: the y axis starts at 0 and ticks are whole numbers.
    var counts: Bool
    var marker: Marker?
    var width = 600.0
    var height = 340.0

    /// Categories up to which every value gets a dot with a tooltip.
    static let markerLimit = 40

    func rendered() -> Markup {
        let allValues = series.lazy.flatMap(\.values)
        let bottomBand = ChartText.largestFontSize + 10 + (xLabel == nil ? 0 : ChartText.largestFontSize + 8)
        let top = marker == nil ? 12.0 : ChartText.largestFontSize + 14
        let y = ChartScale(
            values: allValues, from: height - bottomBand, to: top, tickCount: 5, includeZero: counts,
            integerSteps: counts)
        let left = SVGAxes.plotLeft(for: y, withTitle: true)
        let right = width - 16
        let positions = categoryPositions(from: left + 8, to: right - 8)

        var svg = Markup()
        svg.reserveCapacity(4_000 + series.count * categories.count * 120)
        svg += """
            <svg class="lines" viewBox="0 0 \(NumberFormat.coordinate(width)) \(NumberFormat.coordinate(height))" \
            role="img" aria-label="\(title)"><title>\(title)</title>
            """
        svg += SVGAxes.grid(x: nil, y: y, left: left, right: right)
        svg += SVGAxes.yTicks(y, at: left)
        svg += SVGAxes.yLabel(yLabel, centre: (y.start + y.end) / 2, at: ChartText.largestFontSize)
        svg += categoryLabels(positions, baseline: y.start + ChartText.largestFontSize + 4, left: 0, right: width)
        if let xLabel {
            svg += SVGAxes.xLabel(xLabel, centre: (left + right) / 2, at: height - 6)
        }
        if let marker, positions.indices.contains(marker.category) {
            svg += markerLine(marker, at: positions[marker.category], from: y.start, to: y.end, width: width)
        }
        if categories.count == 1 {
            svg += bars(at: positions[0], y: y, room: right - left)
        } else {
            for item in series { svg += line(item, positions: positions, y: y) }
        }
        svg += "</svg>"
        return svg
    }

    private func categoryPositions(from start: Double, to end: Double) -> [Double] {
        guard categories.count > 1 else { return [(start + end) / 2] }
        let step = (end - start) / Double(categories.count - 1)
        return categories.indices.map { start + Double($0) * step }
    }

    /// Category labels under the axis, every n-th one so that none overlap, each kept inside `left…right`.
    private func categoryLabels(_ positions: [Double], baseline: Double, left: Double, right: Double) -> Markup {
        guard !categories.isEmpty else { return Markup() }
        let widest = categories.map(ChartText.width).max() ?? 0
        let spacing = positions.count > 1 ? positions[1] - positions[0] : .infinity
        let every = spacing.isFinite && spacing > 0 ? max(1, Int(((widest + 16) / spacing).rounded(.up))) : 1
        var markup: Markup = "<g class=\"ticks\" text-anchor=\"middle\">"
        for index in stride(from: 0, to: categories.count, by: every) {
            let half = ChartText.width(categories[index]) / 2
            let centre = min(max(positions[index], left + half), right - half)
            markup += """
                <text x="\(NumberFormat.coordinate(centre))" y="\(NumberFormat.coordinate(baseline))">\
                \(categories[index])</text>
                """
        }
        markup += "</g>"
        return markup
    }

    private func markerLine(_ marker: Marker, at x: Double, from bottom: Double, to top: Double, width: Double)
        -> Markup
    {
        let anchor = x < width / 2 ? "start" : "end"
        let labelX = x < width / 2 ? x + 6 : x - 6
        return """
            <g class="marker"><line x1="\(NumberFormat.coordinate(x))" y1="\(NumberFormat.coordinate(bottom))" \
            x2="\(NumberFormat.coordinate(x))" y2="\(NumberFormat.coordinate(top - 4))"/>\
            <text x="\(NumberFormat.coordinate(labelX))" y="\(NumberFormat.coordinate(top - 8))" \
            text-anchor="\(anchor)">\(marker.label)</text></g>
            """
    }

    private func line(_ item: Series, positions: [Double], y: ChartScale) -> Markup {
        var path = ""
        path.reserveCapacity(positions.count * 16)
        var dots = Markup()
        var penDown = false
        for (index, position) in positions.enumerated() {
            guard index < item.values.count, item.values[index].isFinite else {
                penDown = false
                continue
            }
            let value = item.values[index]
            let px = NumberFormat.coordinate(position)
            let py = NumberFormat.coordinate(y.position(value))
            path += (penDown ? "L" : "M") + px + " " + py
            penDown = true
            if categories.count <= Self.markerLimit {
                dots += """
                    <circle class="dot" cx="\(px)" cy="\(py)" r="3.5"><title>\(item.name) · \(categories[index]): \
                    \(valueText(value))</title></circle>
                    """
            }
        }
        guard !path.isEmpty else { return Markup() }
        return "<g class=\"\(item.styleClass)\"><path class=\"line\" d=\"\(path)\"/>\(dots)</g>"
    }

    /// One bar per series, side by side, for a chart with a single category.
    private func bars(at centre: Double, y: ChartScale, room: Double) -> Markup {
        let drawn = series.filter { ($0.values.first ?? .nan).isFinite }
        guard !drawn.isEmpty else { return Markup() }
        let barWidth = min(48, room * 0.8 / Double(drawn.count))
        let start = centre - barWidth * Double(drawn.count) / 2
        var markup = Markup()
        for (index, item) in drawn.enumerated() {
            let value = item.values[0]
            let top = min(y.position(value), y.position(max(0, y.lower)))
            let bottom = max(y.position(value), y.position(max(0, y.lower)))
            markup += """
                <g class="\(item.styleClass)"><rect class="bar" x="\(NumberFormat.coordinate(start + Double(index) * barWidth + 2))" \
                y="\(NumberFormat.coordinate(top))" width="\(NumberFormat.coordinate(barWidth - 4))" \
                height="\(NumberFormat.coordinate(max(bottom - top, 1)))"><title>\(item.name) · \(categories[0]): \
                \(valueText(value))</title></rect></g>
                """
        }
        return markup
    }

    private func valueText(_ value: Double) -> String {
        counts ? NumberFormat.fixed(value, decimals: 0) : NumberFormat.trimmed(value, maxDecimals: 3)
    }
}

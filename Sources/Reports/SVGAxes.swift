/// Grid lines, tick labels and axis labels shared by the charts.
///
/// Every coordinate goes through ``NumberFormat/coordinate(_:)``; label positions leave room for
/// ``ChartText/largestFontSize``.
enum SVGAxes {
    /// The x coordinate of a y axis with room for its tick labels and, when `withTitle`, its rotated title.
    static func plotLeft(for y: ChartScale, withTitle: Bool) -> Double {
        let labels = y.ticks.map { ChartText.width(y.label($0)) }.max() ?? 0
        return (labels + 10 + (withTitle ? ChartText.largestFontSize + 8 : 0)).rounded(.up)
    }

    /// Grid lines at the y ticks (and x ticks, when `x` is given), plus the axes' frame.
    static func grid(x: ChartScale?, y: ChartScale, left: Double? = nil, right: Double? = nil) -> Markup {
        let xStart = x?.start ?? left ?? 0
        let xEnd = x?.end ?? right ?? 0
        var markup: Markup = "<g class=\"grid\">"
        for tick in y.ticks {
            let position = NumberFormat.coordinate(y.position(tick))
            markup += """
                <line x1="\(NumberFormat.coordinate(xStart))" y1="\(position)" x2="\(NumberFormat.coordinate(xEnd))" \
                y2="\(position)"/>
                """
        }
        if let x {
            for tick in x.ticks {
                let position = NumberFormat.coordinate(x.position(tick))
                markup += """
                    <line x1="\(position)" y1="\(NumberFormat.coordinate(y.start))" x2="\(position)" \
                    y2="\(NumberFormat.coordinate(y.end))"/>
                    """
            }
        }
        markup += "</g>"
        markup += """
            <path class="axis" d="M\(NumberFormat.coordinate(xStart)) \(NumberFormat.coordinate(y.end))\
            V\(NumberFormat.coordinate(y.start))H\(NumberFormat.coordinate(xEnd))"/>
            """
        return markup
    }

    /// Tick labels under the x axis at `baseline` (the y coordinate of the axis).
    static func xTicks(_ x: ChartScale, at axis: Double) -> Markup {
        var markup: Markup = "<g class=\"ticks\" text-anchor=\"middle\">"
        let baseline = NumberFormat.coordinate(axis + ChartText.largestFontSize + 4)
        for tick in x.ticks {
            markup +=
                "<text x=\"\(NumberFormat.coordinate(x.position(tick)))\" y=\"\(baseline)\">\(x.label(tick))</text>"
        }
        markup += "</g>"
        return markup
    }

    /// Tick labels left of the y axis at `axis` (the x coordinate of the axis).
    static func yTicks(_ y: ChartScale, at axis: Double) -> Markup {
        var markup: Markup = "<g class=\"ticks\" text-anchor=\"end\">"
        let right = NumberFormat.coordinate(axis - 6)
        for tick in y.ticks {
            markup += """
                <text x="\(right)" y="\(NumberFormat.coordinate(y.position(tick)))" dy="0.35em">\(y.label(tick))</text>
                """
        }
        markup += "</g>"
        return markup
    }

    /// An axis title centred under the x axis, its baseline at `baseline`.
    static func xLabel(_ text: String, centre: Double, at baseline: Double) -> Markup {
        """
        <text class="axis-label" x="\(NumberFormat.coordinate(centre))" y="\(NumberFormat.coordinate(baseline))" \
        text-anchor="middle">\(text)</text>
        """
    }

    /// An axis title along the y axis, rotated, its baseline at `baseline` from the left edge.
    static func yLabel(_ text: String, centre: Double, at baseline: Double) -> Markup {
        """
        <text class="axis-label" transform="translate(\(NumberFormat.coordinate(baseline)) \
        \(NumberFormat.coordinate(centre))) rotate(-90)" text-anchor="middle">\(text)</text>
        """
    }
}

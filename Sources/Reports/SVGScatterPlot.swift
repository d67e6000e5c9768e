/// A scatter plot of labelled points in colored groups, as inline SVG.
///
/// Each point is a circle with a `<title>` tooltip; points are drawn group by group (each group a `<g>` with the
/// group's style class), in the order of ``groups``, so later groups lie on top. Axes show nice ticks and the two
/// axis labels. Points with a coordinate that is not finite are left out; no points, one point or a zero-width range
/// still give a valid chart (a note replaces the points when there are none).
struct SVGScatterPlot {
    struct Group {
        var name: String
        /// The stylesheet class that colors the group (`s0`…`s8`, `so`).
        var styleClass: String
    }

    struct Point {
        var x: Double
        var y: Double
        /// The index of the point's group in ``SVGScatterPlot/groups``.
        var group: Int
        /// The tooltip.
        var label: String
    }

    /// What the chart shows, for screen readers.
    var title: String
    var xLabel: String
    var yLabel: String
    var groups: [Group]
    var points: [Point]
    var width = 600.0
    var height = 440.0
    /// The point radius.
    var radius = 3.5

    func rendered() -> Markup {
        let drawn = points.filter { $0.x.isFinite && $0.y.isFinite && groups.indices.contains($0.group) }
        let y1 = height - (2 * ChartText.largestFontSize + 22)
        let top = ChartText.largestFontSize / 2 + 2
        let y = ChartScale(values: drawn.lazy.map(\.y), from: y1, to: top, tickCount: 5, padding: 0.04)
        let x0 = SVGAxes.plotLeft(for: y, withTitle: true)
        var x = ChartScale(values: drawn.lazy.map(\.x), from: x0, to: width - 12, tickCount: 5, padding: 0.04)
        // Keep the last tick label, centred on the right edge of the plot, inside the chart.
        let overhang = ChartText.width(x.label(x.upper)) / 2 + 2 - 12
        if overhang > 0 {
            x = ChartScale(
                values: drawn.lazy.map(\.x), from: x0, to: width - 12 - overhang, tickCount: 5, padding: 0.04)
        }

        var svg = Markup()
        svg.reserveCapacity(2_000 + drawn.count * 110)
        svg += """
            <svg class="scatter" viewBox="0 0 \(NumberFormat.coordinate(width)) \(NumberFormat.coordinate(height))" \
            role="img" aria-label="\(title)"><title>\(title)</title>
            """
        svg += SVGAxes.grid(x: x, y: y)
        svg += SVGAxes.xTicks(x, at: y.start)
        svg += SVGAxes.yTicks(y, at: x.start)
        svg += SVGAxes.xLabel(xLabel, centre: (x.start + x.end) / 2, at: height - 8)
        svg += SVGAxes.yLabel(yLabel, centre: (y.start + y.end) / 2, at: ChartText.largestFontSize)
        if drawn.isEmpty {
            svg += """
                <text class="note" x="\(NumberFormat.coordinate((x.start + x.end) / 2))" \
                y="\(NumberFormat.coordinate((y.start + y.end) / 2))" text-anchor="middle">No papers to show</text>
                """
        }
        let r = NumberFormat.coordinate(radius)
        var byGroup = [[Point]](repeating: [], count: groups.count)
        for point in drawn { byGroup[point.group].append(point) }
        for (group, members) in zip(groups, byGroup) where !members.isEmpty {
            svg += "<g class=\"pts \(group.styleClass)\">"
            for point in members {
                svg += """
                    <circle cx="\(NumberFormat.coordinate(x.position(point.x)))" \
                    cy="\(NumberFormat.coordinate(y.position(point.y)))" r="\(r)"><title>\(point.label)</title></circle>
                    """
            }
            svg += "</g>"
        }
        svg += "</svg>"
        return svg
    }
}

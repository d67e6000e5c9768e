/// A horizontal bar chart, one labelled row per bar, as inline SVG.
///
/// Each row has its label (left) and value text (right) above a bar whose length is the value's share of
/// ``fullScale`` (or of the largest value); labels too long for the row are shortened with `…` and the row's
/// `<title>` tooltip keeps the full text. Values that are not finite or negative draw no bar.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double
        /// The value as shown (`4 · 40 %`).
        var valueText: String
    }

    /// What the chart shows, for screen readers.
    var title: String
    var bars: [Bar]
    /// The value of a full-length bar (the whole, for shares); the largest value when nil or smaller.
    var fullScale: Double?
    var width = 480.0

    /// The height of one row: label line and bar.
    static let rowHeight = ChartText.largestFontSize + 28

    func rendered() -> Markup {
        let height = max(Double(bars.count) * Self.rowHeight, Self.rowHeight)
        let whole = fullScale.flatMap { $0.isFinite ? $0 : nil } ?? 0
        let largest = max(bars.map(\.value).filter(\.isFinite).max() ?? 0, whole)
        var svg = Markup()
        svg.reserveCapacity(400 + bars.count * 400)
        svg += """
            <svg class="bars" viewBox="0 0 \(NumberFormat.coordinate(width)) \(NumberFormat.coordinate(height))" \
            role="img" aria-label="\(title)"><title>\(title)</title>
            """
        for (index, bar) in bars.enumerated() {
            let top = Double(index) * Self.rowHeight
            let baseline = NumberFormat.coordinate(top + ChartText.largestFontSize)
            let room = width - ChartText.width(bar.valueText) - 16
            let fraction = bar.value.isFinite && bar.value > 0 && largest > 0 ? bar.value / largest : 0
            let length = fraction > 0 ? max(fraction * width, 3) : 0
            let barTop = NumberFormat.coordinate(top + ChartText.largestFontSize + 8)
            svg += """
                <g><title>\(bar.label): \(bar.valueText)</title>\
                <text x="0" y="\(baseline)">\(ChartText.truncated(bar.label, toWidth: room))</text>\
                <text class="value" x="\(NumberFormat.coordinate(width))" y="\(baseline)" text-anchor="end">\
                \(bar.valueText)</text>\
                <rect class="track" x="0" y="\(barTop)" width="\(NumberFormat.coordinate(width))" height="12" rx="3"/>\
                <rect class="bar" x="0" y="\(barTop)" width="\(NumberFormat.coordinate(length))" height="12" rx="3"/></g>
                """
        }
        svg += "</svg>"
        return svg
    }
}

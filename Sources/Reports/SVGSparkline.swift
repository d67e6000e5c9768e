/// A word-sized line of counts (a topic's papers per date), as inline SVG.
///
/// The line spans the full width; the y range is `0…max` (a flat line at the bottom when all counts are 0). One
/// count draws a dot. The `<title>` tooltip lists the counts.
struct SVGSparkline {
    var values: [Int]
    /// What the values are, for the tooltip (`papers per digest date`).
    var label: String
    var width = 120.0
    var height = 28.0

    func rendered() -> Markup {
        let tooltip = label + ": " + values.map(String.init).joined(separator: ", ")
        var svg: Markup = """
            <svg class="spark" viewBox="0 0 \(NumberFormat.coordinate(width)) \(NumberFormat.coordinate(height))" \
            role="img" aria-label="\(tooltip)"><title>\(tooltip)</title>
            """
        let largest = Double(max(values.max() ?? 0, 1))
        let inset = 3.0
        func y(_ value: Int) -> String {
            NumberFormat.coordinate(height - inset - Double(max(value, 0)) / largest * (height - 2 * inset))
        }
        if values.count == 1 {
            svg += "<circle cx=\"\(NumberFormat.coordinate(width / 2))\" cy=\"\(y(values[0]))\" r=\"2.5\"/>"
        } else if values.count > 1 {
            let step = (width - 2 * inset) / Double(values.count - 1)
            var points = ""
            points.reserveCapacity(values.count * 12)
            for (index, value) in values.enumerated() {
                if index > 0 { points += " " }
                points += NumberFormat.coordinate(inset + Double(index) * step) + "," + y(value)
            }
            svg += "<polyline points=\"\(points)\"/>"
        }
        svg += "</svg>"
        return svg
    }
}

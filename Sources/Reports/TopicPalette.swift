/// Which topics get a color of their own in the topic report's charts, and which share "other".
///
/// The largest ``limit`` topics (by size, then id) get the style classes `s0`, `s1`, … in that order; the rest
/// share ``otherClass``. When only one topic would be left over, every topic gets its own color instead. The map,
/// the over-time chart and their legends use one palette, so a topic has the same color everywhere.
struct TopicPalette {
    /// The topics with their own color, largest first.
    let shown: [TopicReport.Topic]
    /// The topics grouped as "other", largest first.
    let others: [TopicReport.Topic]
    private let classByTopicID: [Int: String]

    /// The class of topics grouped as "other" (and of points whose topic the report does not list).
    static let otherClass = "so"
    /// Colors the stylesheet defines (`s0`…`s8`).
    static let colorCount = 9

    init(topics: [TopicReport.Topic], limit: Int = 8) {
        let ordered = topics.sorted { ($0.size, $1.id) > ($1.size, $0.id) }
        let count = ordered.count <= min(limit + 1, Self.colorCount) ? ordered.count : min(limit, Self.colorCount)
        shown = Array(ordered.prefix(count))
        others = Array(ordered.dropFirst(count))
        var classes: [Int: String] = [:]
        for (rank, topic) in shown.enumerated() where classes[topic.id] == nil { classes[topic.id] = "s\(rank)" }
        classByTopicID = classes
    }

    /// The style class of the topic with this id.
    func styleClass(forTopicID id: Int) -> String { classByTopicID[id] ?? Self.otherClass }

    /// The legend entry of the "other" group: `other (12 topics)`.
    var otherName: String { others.count == 1 ? "other (1 topic)" : "other (\(others.count) topics)" }
}

/// A chart legend as an HTML list (it wraps on narrow screens, unlike text inside an SVG).
enum ChartLegend {
    struct Item {
        var name: String
        var styleClass: String
        /// Optional detail after the name (`120 papers`).
        var detail: String?
    }

    static func rendered(_ items: [Item], label: String) -> Markup {
        var markup: Markup = "<ul class=\"legend\" aria-label=\"\(label)\">"
        for item in items {
            markup += "<li class=\"\(item.styleClass)\"><span class=\"swatch\"></span><span>\(item.name)"
            if let detail = item.detail { markup += " <span class=\"muted\">\(detail)</span>" }
            markup += "</span></li>"
        }
        markup += "</ul>"
        return markup
    }
}

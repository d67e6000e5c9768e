/// One self-contained HTML5 page: inline CSS, inline SVG, no scripts and no network.
///
/// The page declares its charset, language, viewport and color schemes, and a Content-Security-Policy that forbids
/// scripts and every external resource, as a second line of defence behind escaping. ``rendered()`` ends with a
/// newline.
struct HTMLDocument {
    /// The page title (data: escaped).
    var title: String
    /// The generator, for `<meta name="generator">`.
    var generator: String
    /// The content of `<main>`.
    var body: Markup

    /// What the page may load: nothing but its own inline styles.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    func rendered() -> String {
        var page: Markup = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="color-scheme" content="light dark">
            <meta name="generator" content="\(generator.singleLine)">
            <title>\(title.singleLine)</title>
            <style>
            \(Markup(trusted: HTMLStyle.css))
            </style>
            </head>
            <body>
            <main>

            """
        page.reserveCapacity(page.text.utf8.count + body.text.utf8.count + 64)
        page += body
        page += "</main>\n</body>\n</html>\n"
        return page.text
    }
}

/// Pieces of HTML the three reports share.
public enum HTMLParts {
    /// The report's header: kind (small caps line), title and an optional lede.
    public static func header(kind: String, title: String, lede: Markup?) -> Markup {
        var markup: Markup = "<header>\n<p class=\"kind\">\(kind)</p>\n<h1>\(title.singleLine)</h1>\n"
        if let lede { markup += "<p class=\"lede\">\(lede)</p>\n" }
        markup += "</header>\n"
        return markup
    }

    /// A section with a heading and an anchor (`id` must be a fixed identifier, not data).
    public static func section(id: String, heading: String, _ content: Markup) -> Markup {
        "<section id=\"\(id)\">\n<h2>\(heading)</h2>\n\(content)</section>\n"
    }

    /// A link to the paper's arXiv page (or where `decoration` links papers) with its title as text (the id when
    /// the title is empty); a paper without an id (a liked text) is its title alone.
    public static func paperLink(id: String, title: String, _ decoration: HTMLDecoration = .standalone) -> Markup {
        let text = title.singleLine.isEmpty ? id.singleLine : title.singleLine
        guard !id.isEmpty else { return "\(text)" }
        return "<a href=\"\(decoration.paperLink(id))\">\(text)</a>"
    }

    /// `Ada Lovelace, Alan Turing, Grace Hopper et al.` (the first `limit` authors).
    public static func authors(_ authors: [String], limit: Int = 4) -> String {
        let names = authors.map(\.singleLine).filter { !$0.isEmpty }
        guard names.count > limit else { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " et al."
    }

    /// Terms as small chips.
    public static func terms(_ terms: [String]) -> Markup {
        let shown = terms.map(\.singleLine).filter { !$0.isEmpty }
        guard !shown.isEmpty else { return Markup() }
        return "<ul class=\"terms\">\(shown.map { "<li>\($0)</li>" as Markup })</ul>"
    }

    /// A table in a horizontally scrolling wrapper; `numeric` marks right-aligned columns.
    ///
    /// On narrow screens each row reflows into a small card whose cells are labelled with their column header
    /// (`data-label`); an empty cell is hidden there.
    public static func table(header: [String], numeric: Set<Int> = [], rows: [[Markup]]) -> Markup {
        var markup: Markup = "<div class=\"table-wrap\"><table class=\"reflow\">\n<thead><tr>"
        for (index, title) in header.enumerated() {
            markup += numeric.contains(index) ? "<th class=\"num\">\(title)</th>" : "<th>\(title)</th>"
        }
        markup += "</tr></thead>\n<tbody>\n"
        for row in rows {
            markup += "<tr>"
            for (index, cell) in row.enumerated() {
                let label = index < header.count ? header[index] : ""
                let kind: Markup = numeric.contains(index) ? " class=\"num\"" : ""
                markup +=
                    cell.isEmpty ? "<td\(kind)></td>" : "<td\(kind) data-label=\"\(label)\"><span>\(cell)</span></td>"
            }
            markup += "</tr>\n"
        }
        markup += "</tbody>\n</table></div>\n"
        return markup
    }

    /// Big-number tiles (`10` papers, `7` new, …).
    public static func stats(_ stats: [(value: String, label: String)]) -> Markup {
        var markup: Markup = "<div class=\"stats\">"
        for stat in stats { markup += "<div class=\"stat\"><b>\(stat.value)</b><span>\(stat.label)</span></div>" }
        markup += "</div>\n"
        return markup
    }

    /// A chart: the SVG, then its legend and caption when given.
    static func figure(_ svg: Markup, legend: Markup? = nil, caption: Markup? = nil) -> Markup {
        var markup: Markup = "<figure class=\"chart\">\(svg)"
        if let legend { markup += legend }
        if let caption { markup += "<figcaption class=\"muted\">\(caption)</figcaption>" }
        markup += "</figure>\n"
        return markup
    }

    /// A sentence shown instead of empty content.
    public static func empty(_ sentence: String) -> Markup { "<p class=\"empty\">\(sentence)</p>\n" }
}

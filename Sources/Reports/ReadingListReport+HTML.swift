extension ReadingListReport {
    /// The reading list as one self-contained HTML page.
    ///
    /// Provenance, the profile, the ranked items as cards with why, then the self-check.
    var html: String {
        HTMLDocument(title: reportTitle, generator: provenance.generator, body: htmlBody(.standalone)).rendered()
    }

    /// The page's content (what `<main>` holds), with papers linked and decorated by `decoration`.
    public func htmlBody(_ decoration: HTMLDecoration) -> Markup {
        var body = Markup()
        body.reserveCapacity(8_000 + items.count * 1_500)
        body += HTMLParts.header(kind: "Reading list", title: reportTitle, lede: "\(overviewSentence)")
        body += provenance.htmlSection
        body += HTMLParts.section(id: "profile", heading: "Profile", profileSection)
        body += HTMLParts.section(
            id: "items", heading: items.isEmpty ? "Reading list" : "Reading list (\(items.count))",
            itemsSection(decoration))
        body += HTMLParts.section(id: "self-check", heading: "Self-check", selfCheckSection)
        return body
    }

    private var profileSection: Markup {
        var markup = HTMLParts.stats([
            (NumberFormat.grouped(profile.likedCount), "liked"),
            (NumberFormat.grouped(profile.dislikedCount), "disliked"),
            (NumberFormat.grouped(candidateCount), candidateCount == 1 ? "candidate" : "candidates"),
            (NumberFormat.grouped(items.count), "recommended"),
        ])
        var facts: [Markup] = [
            "<div><dt>Profile file</dt><dd><code>\(profile.file.singleLine)</code></dd></div>",
            "<div><dt>Since</dt><dd>\(since?.singleLine ?? "any date")</dd></div>",
        ]
        if !profile.unknownIDs.isEmpty {
            facts.append(
                """
                <div><dt>Not in the store (ignored)</dt><dd>\
                \(profile.unknownIDs.map(\.singleLine).joined(separator: ", "))</dd></div>
                """)
        }
        markup += "<dl class=\"facts\">\(facts)</dl>\n"
        markup += "<p class=\"sub\">Rules</p>\n"
        if profile.rules.isEmpty {
            markup += HTMLParts.empty("No rules.")
        } else {
            markup += "<ul>\(profile.rules.map { "<li>\($0.singleLine)</li>" as Markup })</ul>\n"
        }
        return markup
    }

    private func itemsSection(_ decoration: HTMLDecoration) -> Markup {
        guard !items.isEmpty else { return HTMLParts.empty(overviewSentence) }
        var markup: Markup = "<ol class=\"papers\">\n"
        for (index, item) in items.enumerated() { markup += card(item, rank: index + 1, decoration) }
        markup += "</ol>\n"
        return markup
    }

    private func card(_ item: Item, rank: Int, _ decoration: HTMLDecoration) -> Markup {
        var markup: Markup = """
            <li class="paper"><p class="title"><span class="rank">\(rank).</span>\
            \(HTMLParts.paperLink(id: item.id, title: item.paper.title, decoration))\
            <span class="badge score">score \(NumberFormat.fixed(item.score, decimals: 2))</span>
            """
        if let topic = item.topic { markup += "<span class=\"badge\">\(topic.name.singleLine)</span>" }
        markup += "</p>\n"
        var meta = [item.id.singleLine]
        let authors = HTMLParts.authors(item.paper.authors)
        if !authors.isEmpty { meta.append(authors) }
        if let date = item.paper.date { meta.append(date.singleLine) }
        markup += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
        let why = item.why.summary.singleLine
        if !why.isEmpty { markup += "<p class=\"why\">\(why)</p>\n" }
        if !item.why.closestLiked.isEmpty {
            markup += "<p class=\"sub\">Closest liked papers</p>\n<ul class=\"related\">"
            for neighbour in item.why.closestLiked {
                markup += """
                    <li>\(HTMLParts.paperLink(id: neighbour.id, title: neighbour.title, decoration)) \
                    <span class="badge score">\(NumberFormat.fixed(neighbour.similarity, decimals: 2))</span></li>
                    """
            }
            markup += "</ul>\n"
        }
        if !item.why.sharedTerms.isEmpty {
            markup += "<p class=\"sub\">Shared terms</p>\n\(HTMLParts.terms(item.why.sharedTerms))"
        }
        let rules = item.why.rules.map(\.singleLine).filter { !$0.isEmpty }
        if !rules.isEmpty {
            markup +=
                "<p class=\"sub\">Rules fired</p>\n<ul class=\"related\">\(rules.map { "<li>\($0)</li>" as Markup })</ul>\n"
        }
        markup += decoration.paperActions(item.id)
        markup += "</li>\n"
        return markup
    }

    private var selfCheckSection: Markup {
        guard selfCheck != nil else { return HTMLParts.empty(selfCheckSentence) }
        return """
            <div class="check"><p><b>\(selfCheckSentence)</b></p>
            <p class="muted">\(Self.selfCheckExplanation)</p></div>

            """
    }
}

/// The results of a search over the store: keyword matches (BM25 over titles and abstracts) blended with semantic
/// matches (the LSA space), each saying why it matched.
///
/// The JSON form (`kind: "search-results"`) is the contract of `paperradar search --json` and of the web app's
/// `/search?format=json`.
public struct SearchReport: Sendable, Hashable, Codable {
    public var provenance: ReportProvenance
    /// The query as typed.
    public var query: String
    /// The keywords and phrases the query was read as (`"retrieval augmented generation"`, `agent*`, …).
    public var keywords: [String]
    public var filters: Filters
    /// Papers matching at least one keyword (through the filters), before blending and paging.
    public var keywordMatchCount: Int
    /// The 1-based rank of the first item (paging).
    public var offset: Int
    /// Whether more results follow this page.
    public var hasMore: Bool
    /// Best first.
    public var items: [Item]

    /// What the results were narrowed to.
    public struct Filters: Sendable, Hashable, Codable {
        /// Papers dated on or after this day (`YYYY-MM-DD`).
        public var from: String?
        /// Papers dated on or before this day.
        public var to: String?
        /// An arXiv category the paper lists (`cs.CL`).
        public var category: String?
        /// A topic.
        public var topic: TopicReference?

        public init(from: String? = nil, to: String? = nil, category: String? = nil, topic: TopicReference? = nil) {
            self.from = from
            self.to = to
            self.category = category
            self.topic = topic
        }

        /// True when nothing narrows the results.
        public var isEmpty: Bool { from == nil && to == nil && category == nil && topic == nil }
    }

    /// One result.
    public struct Item: Sendable, Hashable, Codable {
        public var id: String
        public var paper: PaperReference
        public var topic: TopicReference?
        /// The blended score (0…1): the mean of the keyword score and the semantic score.
        public var score: Double
        /// BM25 relative to the best keyword match of the query (0…1); nil when no keyword matched.
        public var keywordScore: Double?
        /// Cosine of the paper to the query in the LSA neighbour view (0…1, negatives as 0).
        public var semanticScore: Double
        /// The query's keywords found in the title or abstract.
        public var matchedKeywords: [String]
        /// Terms of the query the paper shares (in the words the paper uses), carrying the semantic match.
        public var sharedTerms: [String]
        /// Why it matched, in one sentence.
        public var why: String
        /// The title, split into matched and unmatched spans.
        public var title: [Span]
        /// A piece of the abstract around the first match (the abstract's start without one).
        public var snippet: [Span]

        public init(
            paper: PaperReference, topic: TopicReference?, score: Double, keywordScore: Double?, semanticScore: Double,
            matchedKeywords: [String], sharedTerms: [String], why: String, title: [Span], snippet: [Span]
        ) {
            self.id = paper.id
            self.paper = paper
            self.topic = topic
            self.score = score
            self.keywordScore = keywordScore
            self.semanticScore = semanticScore
            self.matchedKeywords = matchedKeywords
            self.sharedTerms = sharedTerms
            self.why = why
            self.title = title
            self.snippet = snippet
        }
    }

    /// A piece of text, highlighted when `match` is true.
    public struct Span: Sendable, Hashable, Codable {
        public var text: String
        public var match: Bool
        public init(text: String, match: Bool) {
            self.text = text
            self.match = match
        }
    }

    public init(
        provenance: ReportProvenance, query: String, keywords: [String], filters: Filters, keywordMatchCount: Int,
        offset: Int, hasMore: Bool, items: [Item]
    ) {
        self.provenance = provenance
        self.query = query
        self.keywords = keywords
        self.filters = filters
        self.keywordMatchCount = keywordMatchCount
        self.offset = offset
        self.hasMore = hasMore
        self.items = items
    }

    /// The results in one sentence (`12 results for "rag" (4 keyword matches), best first.`).
    public var overviewSentence: String {
        let matches =
            keywordMatchCount == 1 ? "1 keyword match" : "\(NumberFormat.grouped(keywordMatchCount)) keyword matches"
        guard !items.isEmpty else {
            return "Nothing found for “\(query.singleLine)”\(filters.isEmpty ? "" : " with these filters")."
        }
        let shown = items.count == 1 ? "1 result" : "\(NumberFormat.grouped(items.count)) results"
        let range = offset > 1 ? " (from #\(offset))" : ""
        return "\(shown)\(range) for “\(query.singleLine)” (\(matches) in titles and abstracts), best first."
    }

    /// The filters in words (`from 2025-01-01 · category cs.CL · topic retrieval`), empty without filters.
    public var filterDescription: String {
        var parts: [String] = []
        if let from = filters.from { parts.append("from " + from.singleLine) }
        if let to = filters.to { parts.append("to " + to.singleLine) }
        if let category = filters.category { parts.append("category " + category.singleLine) }
        if let topic = filters.topic { parts.append("topic " + topic.name.singleLine) }
        return parts.joined(separator: " · ")
    }

    /// The report rendered as Markdown (matches in bold) or JSON (`kind: "search-results"`); HTML and Atom are
    /// the web app's (``htmlResults(_:)``).
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .json: ReportJSON.document(roundedForJSON, kind: "search-results")
        case .markdown, .html, .atom: markdown
        }
    }

    var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, "Search: " + query.markdownEscaped)
        provenance.markdownTable(into: &document)
        var lines = [overviewSentence.markdownEscaped]
        if !keywords.isEmpty { lines.append("Keywords: " + keywords.map(\.markdownEscaped).joined(separator: ", ")) }
        if !filters.isEmpty { lines.append("Filters: " + filterDescription.markdownEscaped) }
        document.paragraph(lines: lines)
        var list = MarkdownList(ordered: true, start: offset)
        for item in items {
            let title = Self.markdown(item.title)
            let link = "[\(title.isEmpty ? item.id.markdownEscaped : title)](\(ArxivLink.abstract(item.id)))"
            var details = [item.id.markdownEscaped, "score \(NumberFormat.fixed(item.score, decimals: 2))"]
            if let date = item.paper.date { details.append(date.markdownEscaped) }
            if let topic = item.topic { details.append("topic " + topic.name.markdownEscaped) }
            var more = [details.joined(separator: " · ") + "  ", item.why.markdownEscaped]
            let snippet = Self.markdown(item.snippet)
            if !snippet.isEmpty { more.append("> " + snippet) }
            list.item("**" + link + "**", more)
        }
        if !list.isEmpty { document.block(list.rendered) }
        return document.rendered
    }

    /// Spans as Markdown: matched spans in bold.
    static func markdown(_ spans: [Span]) -> String {
        spans.map { span in
            let text = span.text.markdownEscaped
            return span.match && !text.isEmpty ? "**\(text)**" : text
        }.joined()
    }

    /// Spans as HTML: matched spans in `<mark>`.
    public static func html(_ spans: [Span]) -> Markup {
        var markup = Markup()
        for span in spans {
            markup += span.match ? "<mark>\(span.text)</mark>" : "\(span.text)"
        }
        return markup
    }

    /// The result cards (an ordered list), linked and decorated by `decoration`.
    public func htmlResults(_ decoration: HTMLDecoration) -> Markup {
        guard !items.isEmpty else { return HTMLParts.empty(overviewSentence) }
        var markup: Markup = "<ol class=\"papers\" start=\"\(offset)\">\n"
        for (index, item) in items.enumerated() {
            let title: Markup = item.title.isEmpty ? "\(item.id)" : Self.html(item.title)
            markup += """
                <li class="paper"><p class="title"><span class="rank">\(offset + index).</span>\
                <a href="\(decoration.paperLink(item.id))">\(title)</a>\
                <span class="badge score">\(NumberFormat.fixed(item.score, decimals: 2))</span>
                """
            if let topic = item.topic { markup += "<span class=\"badge\">\(topic.name.singleLine)</span>" }
            markup += "</p>\n"
            var meta = [item.id.singleLine]
            let authors = HTMLParts.authors(item.paper.authors)
            if !authors.isEmpty { meta.append(authors) }
            if let date = item.paper.date { meta.append(date.singleLine) }
            let categories = item.paper.categories.map(\.singleLine).filter { !$0.isEmpty }
            if !categories.isEmpty { meta.append(categories.joined(separator: ", ")) }
            markup += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
            if !item.snippet.isEmpty { markup += "<p class=\"snippet\">\(Self.html(item.snippet))</p>\n" }
            markup += "<p class=\"why\">\(item.why.singleLine)</p>\n"
            if !item.sharedTerms.isEmpty {
                markup += "<p class=\"sub\">Shared terms</p>\n\(HTMLParts.terms(item.sharedTerms))"
            }
            markup += decoration.paperActions(item.id)
            markup += "</li>\n"
        }
        markup += "</ol>\n"
        return markup
    }
}

extension SearchReport: ReportJSONRounding {
    var roundedForJSON: SearchReport {
        var copy = self
        for index in copy.items.indices {
            copy.items[index].score = NumberFormat.rounded(copy.items[index].score, decimals: ReportJSON.decimals)
            copy.items[index].keywordScore = copy.items[index].keywordScore.map {
                NumberFormat.rounded($0, decimals: ReportJSON.decimals)
            }
            copy.items[index].semanticScore = NumberFormat.rounded(
                copy.items[index].semanticScore, decimals: ReportJSON.decimals)
        }
        return copy
    }
}
